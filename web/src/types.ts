// The API's JSON shapes the dashboard reads (the same as the CLI's --json), imported from the modules
// that build them: type-only, erased from the bundle.
export type {
  DeploymentEstimate,
  Equivalent,
  HardwareEntry,
  LocationEntry,
  ModelEntry,
  PowerSeries,
  Range,
  ResolvedInput,
  RunListItem as RunListEntry,
  RunReport,
  ScheduleResponse as ScheduleResult,
  Source,
  StreamSample,
  SweepRow,
  TrainingEstimate,
  WindowReport,
} from '../../src/api-types.js';
