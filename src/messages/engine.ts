import type { Table } from './table.js';

/** Messages of `src/engine` (errors and notes), [English, French]. */
export const ENGINE = {} as const satisfies Table;
