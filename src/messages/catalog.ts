import type { Table } from './table.js';

/** Messages of `src/catalog`, [English, French]. */
export const CATALOG = {} as const satisfies Table;
