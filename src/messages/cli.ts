import type { Table } from './table.js';

/** Messages of `src/cli`, [English, French]. */
export const CLI = {} as const satisfies Table;
