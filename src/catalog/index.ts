// The catalogs only (the `empreinte/data` subpath): typed entries, each with its source.
// Each catalog adds its own export line here.

export {
  CLOUD_PROVIDERS,
  CLOUD_REGIONS,
  type CloudProvider,
  type CloudRegion,
  type ProviderFigure,
} from './cloud-regions.js';
export { EQUIVALENCES } from './equivalences.js';
export {
  closestHardware,
  defaultPrecision,
  findCpuByModelName,
  findHardware,
  HARDWARE,
  peakFlopS,
  resolveHardware,
  UNKNOWN_CPU_TDP,
} from './hardware.js';
export {
  findLocation,
  type GridLocation,
  type LocationQuery,
  listLocations,
  resolveLocation,
  WORLD,
} from './locations.js';
export { findModel, MODELS, resolveModel } from './models.js';
export { EFFICIENCY_TRENDS, GRID_SCENARIOS, TECHNOLOGY_INTENSITIES } from './projections.js';
export { defaultPue, PUE_DEFAULTS } from './pue.js';
export { CHINCHILLA_TOKENS_PER_PARAM, SCALING_FITS } from './scaling-laws.js';
export { CHIP_HOURS_RESIDUALS, MFU_MODEL } from './training-defaults.js';
export { FIT_EVIDENCE, TRAINING_EVIDENCE, type TrainingRun } from './training-evidence.js';
