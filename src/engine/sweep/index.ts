export { type Design, designMfu } from './designs.js';
export {
  type Axis,
  axisIndices,
  notEvaluated,
  planSweep,
  SWEEP_AXES,
  type SweepPlan,
  singleSpec,
} from './plan.js';
export { type SweepRow, sweepOrder, sweepRow } from './rows.js';
export { runSweep, type SweepResult, visitSweep } from './run.js';
export { DEFAULT_MAX_SCENARIOS, type DesignSpec, type SweepOptions, type SweepSpec } from './spec.js';
