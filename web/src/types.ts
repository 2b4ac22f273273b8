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

// The API answers with the engine's own shapes: type-only imports, erased from the bundle.
export type { Equivalent } from '../../src/engine/equivalents.js';

import type { ResolvedInput } from '../../src/engine/training.js';

export type { TrainingEstimate } from '../../src/engine/training.js';
export type { ResolvedInput };

export interface SweepRow {
  params?: number;
  tokens?: number;
  hardware?: string;
  location?: string;
  year?: number;
  intensityGPerKwh: number;
  pue: number;
  energyKwh: Range;
  co2eKg: Range;
  embodiedCo2eKg: Range;
  totalCo2eKg: Range;
  chipHours: Range;
}

export type { DeploymentEstimate } from '../../src/engine/deployment.js';

export interface WindowReport {
  zone: string;
  start: string;
  end: string;
  intensityGPerKwh?: number;
  signalIndex?: number;
  slots?: { start: string; end: string }[];
  co2eKg?: number;
}

export interface ScheduleResult {
  signal: string;
  unit: string;
  durationH: number;
  from: string;
  to: string;
  now: WindowReport | null;
  best: WindowReport | null;
  bestSameZone: WindowReport | null;
  savingPct: number | null;
  savingSameZonePct: number | null;
  co2eKg?: { now: number | null; best: number | null; savedKg: number | null };
  forecast?: { zone: string; method: string; from: string; hours: number }[];
  series?: {
    zone: string;
    zoneName?: string;
    unit: string;
    start: string;
    stepMs: number;
    values: (number | null)[];
    forecastFrom?: number;
  }[];
  warnings: { code: string; message: string }[];
  notes: { code: string; message: string }[];
}

export interface RunListEntry {
  id: string;
  name: string | null;
  host: string;
  command: string[];
  status: 'running' | 'completed' | 'failed' | 'interrupted';
  startedAt: string;
  endedAt: string | null;
  exitCode: number | null;
  durationS: number;
  energyKwh: { total: number; gpu: number; cpu: number; ram: number };
  co2eKg: number;
}

export interface RunReport {
  id: string;
  name: string | null;
  status: RunListEntry['status'];
  exitCode: number | null;
  command: string[];
  startedAt: string;
  endedAt: string | null;
  durationS: number;
  energyKwh: { total: number; gpu: number; cpu: number; ram: number };
  facilityEnergyKwh: number;
  co2eKg: number;
  averagePowerW: number;
  peakPowerW: number;
  location: { id: string | null; intensityGPerKwh: number; source: string };
  pue: { value: number; source: string };
  sources: { gpu: string | null; cpu: string | null; ram: string | null };
  hosts: {
    host: string;
    devices: { component: string; deviceIndex: number; name: string; source: string }[];
  }[];
  phases: {
    label: string | null;
    startedAt: string;
    endedAt: string;
    durationS: number;
    energyKwh: number;
    co2eKg: number;
  }[];
  notes: string[];
}

export interface StreamSample {
  t: number;
  host: string;
  component: string;
  deviceIndex: number;
  powerW: number;
}
