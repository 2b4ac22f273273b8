// Every JSON shape the HTTP API answers with, re-exported from the module that builds it: the
// dashboard (and any TypeScript client) imports these instead of keeping copies. Types only.

export type { GridLocation as LocationEntry } from './catalog/locations.js';
export type { HardwareEntry, ModelEntry, Range, Source } from './catalog/types.js';
export type { DeploymentEstimate } from './engine/deployment.js';
export type { Equivalent } from './engine/equivalents.js';
export type { SweepRow } from './engine/sweep/rows.js';
export type { ResolvedInput, TrainingEstimate } from './engine/training.js';
export type { Issue as ApiIssue } from './errors.js';
export type { PowerSeries } from './records.js';
export type { RunReport } from './report/run.js';
export type { WindowReport } from './schedule/plan.js';
export type { ScheduleResponse } from './schedule/service.js';
export type { StreamSample } from './server/sse.js';
export type { RunListItem } from './services/runs.js';
