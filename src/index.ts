// The public library API: re-exports only.
export { EmpreinteError, type Issue, type IssueCode } from './errors.js';
export { parseQuantity, parseDurationHours } from './engine/units.js';
export type * from './catalog/types.js';
