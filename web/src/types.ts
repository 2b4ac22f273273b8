/** The API's JSON shapes the dashboard reads (the same as the CLI's --json). */
export interface Range {
  low: number;
  central: number;
  high: number;
}

export interface Source {
  citation: string;
  year: number;
  url?: string;
  licence?: string;
}

export interface ModelEntry {
  id: string;
  name: string;
  org: string;
  year: number;
  architecture: 'dense' | 'moe';
  paramsTotal: number;
  paramsActive: number;
  tokens?: number;
  hardwareId?: string;
  hardwareLabel?: string;
  energyKwh?: number;
  co2eKg?: number;
  source: Source;
}

export interface HardwareEntry {
  id: string;
  kind: 'gpu' | 'tpu' | 'accelerator' | 'cpu';
  vendor: string;
  name: string;
  year: number;
  tdpW: number;
  source: Source;
}

export interface LocationEntry {
  id: string;
  name: string;
  kind: string;
  intensityGPerKwh: number;
  year: number;
  source: Source;
}

// The API's own shapes, imported from the modules that build them (type-only, erased from the bundle).
export type {
  DeploymentEstimate,
  Equivalent,
  PowerSeries,
  ResolvedInput,
  RunListItem as RunListEntry,
  RunReport,
  ScheduleResponse as ScheduleResult,
  SweepRow,
  TrainingEstimate,
  WindowReport,
} from '../../src/api-types.js';

export interface StreamSample {
  t: number;
  host: string;
  component: string;
  deviceIndex: number;
  powerW: number;
}
