import type { Table } from './table.js';

/** Messages of `src/services`, [English, French]. */
export const SERVICES = {} as const satisfies Table;
