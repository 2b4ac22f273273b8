// The public library API: re-exports only.

export { findModel, MODELS, resolveModel } from './catalog/models.js';
export type * from './catalog/types.js';
export { parseDurationHours, parseQuantity } from './engine/units.js';
export { EmpreinteError, type Issue, type IssueCode } from './errors.js';
