import type { Table } from './table.js';

/** Messages of `src/server`, [English, French]. */
export const SERVER = {} as const satisfies Table;
