// The public library API: re-exports only.

export { CLOUD_REGIONS } from './catalog/cloud-regions.js';
export { EQUIVALENCES } from './catalog/equivalences.js';
export {
  findLocation,
  type GridLocation,
  listLocations,
  resolveLocation,
  WORLD,
} from './catalog/locations.js';
export { findModel, MODELS, resolveModel } from './catalog/models.js';
export { defaultPue, PUE_DEFAULTS } from './catalog/pue.js';
export type * from './catalog/types.js';
export { type CompareInput, type CompareResult, compareFootprint } from './engine/compare.js';
export { computeEquivalents, type Equivalent } from './engine/equivalents.js';
export { parseDurationHours, parseQuantity } from './engine/units.js';
export { EmpreinteError, type Issue, type IssueCode } from './errors.js';
