import type { Table } from './table.js';

/** Messages of `src/measure`, [English, French]. */
export const MEASURE = {} as const satisfies Table;
