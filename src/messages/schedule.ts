import type { Table } from './table.js';

/** Messages of `src/schedule`, [English, French]. */
export const SCHEDULE = {} as const satisfies Table;
