// The public library API: re-exports only.

export { CLOUD_REGIONS } from './catalog/cloud-regions.js';
export { EQUIVALENCES } from './catalog/equivalences.js';
export {
  findCpuByModelName,
  findHardware,
  HARDWARE,
  peakFlopS,
  resolveHardware,
  UNKNOWN_CPU_TDP,
} from './catalog/hardware.js';
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
export {
  type CalibrationFigures,
  calibrateRunFigures,
  combineCalibration,
  SINGLE_RUN_SPREAD,
} from './engine/calibration.js';
export { type ReproductionRow, reproduceCatalog } from './engine/catalog-reproduction.js';
export { type CompareInput, type CompareResult, compareFootprint } from './engine/compare.js';
export { type DeploymentEstimate, type DeploymentInput, deploymentInputSchema } from './engine/deployment.js';
export { estimateDeployment } from './engine/deployment-compare.js';
export { computeEquivalents, type Equivalent } from './engine/equivalents.js';
export {
  type Exploration,
  type ExploreInput,
  explore,
  exploreInputSchema,
  exploreRows,
} from './engine/explore.js';
export {
  createRequestEstimator,
  estimateInference,
  INFERENCE_METHODOLOGY_VERSION,
  type InferenceEstimate,
  type InferenceInput,
  inferenceInputSchema,
  type RequestFootprint,
} from './engine/inference.js';
export { CUSTOMER_SERVICE, conversationRequests, PROFILES } from './engine/presets.js';
export {
  type Footprint,
  type ProjectInput,
  type Projection,
  projectInputSchema,
  projectTraining,
} from './engine/project.js';
export {
  efficiencyTrend,
  gridScenario,
  hardwareEfficiencyFactor,
  mixIntensity,
  projectIntensity,
} from './engine/projection.js';
export {
  type Recommendation,
  type RecommendInput,
  type RecommendResult,
  recommend,
  recommendInputSchema,
} from './engine/recommend/index.js';
export {
  chinchillaLoss,
  isoFlopFrontier,
  isoLossOptimal,
  lossOptimal,
  ruleOfThumb,
  scalingFit,
} from './engine/scaling.js';
export { parseInput } from './engine/schemas/common.js';
export {
  type TrainingEstimateInput,
  trainingEstimateInputSchema,
  trainingInputSchema,
} from './engine/schemas/training.js';
export { type Embodied, resolveEmbodied, resolveSite, type Site, type SiteRequest } from './engine/site.js';
export {
  planSweep,
  runSweep,
  type SweepPlan,
  type SweepResult,
  type SweepRow,
  type SweepSpec,
  sweepOrder,
  sweepRow,
  visitSweep,
} from './engine/sweep/index.js';
export {
  estimateTraining,
  type PublishedBasis,
  type PublishedComparison,
  resolveTrainingScenario,
  TRAINING_METHODOLOGY_VERSION,
  type TrainingEstimate,
  type TrainingInput,
} from './engine/training.js';
export {
  computeTraining,
  createTrainingOutput,
  type TrainingPoint,
  trainingFlop,
} from './engine/training-kernel.js';
export { parseDurationHours, parseQuantity } from './engine/units.js';
export { EmpreinteError, type Issue, type IssueCode } from './errors.js';
export { backtest, NAIVE_BASELINES } from './grid/backtest.js';
export { type FetchRequest, fetchSeries } from './grid/connectors/index.js';
export {
  extendWithForecast,
  forecastIntensity,
  forecastMstl,
  forecastRegression,
  seasonalNaive,
} from './grid/forecast.js';
export { type ReadOptions, readSeriesFiles, readSeriesJson, type SeriesFormat } from './grid/read.js';
export {
  type IntensitySeries,
  interpolateGaps,
  normalise,
  type RawSeries,
  type SeriesWarning,
} from './grid/series.js';
export {
  type ChannelEnergy,
  energyFromPrometheus,
  type PrometheusEnergy,
  type PrometheusQueryOptions,
} from './integrations/prometheus.js';
export { PROMETHEUS_SOURCES, type PrometheusSourceId } from './integrations/prometheus-sources.js';
export { startTracking, type TrackingHandle, type TrackingOptions } from './measure/index.js';
export {
  createRunMetrics,
  METRIC_NAMES,
  observeTracker,
  type RunMetrics,
  registerStoredRunMetrics,
} from './metrics/registry.js';
export type { RunReport } from './report/run.js';
export { bestInterruptible, type InterruptiblePlacement } from './schedule/interruptible.js';
export {
  planSchedule,
  type ScheduleOptions,
  type ScheduleResult,
  type WindowReport,
} from './schedule/plan.js';
export { runSchedule, type ScheduleRequest } from './schedule/service.js';
export { bestContiguous, indexSeries, type Placement, windowAt } from './schedule/window.js';
export {
  type CalibrateInput,
  type Calibration,
  type CalibrationRun,
  calibrateInputSchema,
  calibrateRun,
  calibrationFigures,
  listCalibrations,
  loadCalibration,
} from './services/calibrate.js';
export { estimateTrainingCalibrated } from './services/calibrate-estimate.js';
export { listRuns, openRunStore, type RunListItem } from './services/runs.js';
export { openStore, resolveDbLocation, type Store } from './store/index.js';
