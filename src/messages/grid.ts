import type { Table } from './table.js';

/** Messages of `src/grid`, [English, French]. */
export const GRID = {} as const satisfies Table;
