import type { Table } from './table.js';

/** Messages of `src/store`, [English, French]. */
export const STORE = {} as const satisfies Table;
