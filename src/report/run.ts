import type { Range } from '../catalog/types.js';
import type { Equivalent } from '../engine/equivalents.js';
import type { Boundary, DeviceInfo, HostStatus, RunRecord, Sources } from '../records.js';

export interface EnergyKwh {
  total: number;
  gpu: number;
  cpu: number;
  ram: number;
}

/**
 * A measured run as the `runs show` contract describes it, read back from the store: energy per
 * component (the sum of stored samples, so a run still going or cut short reads right), CO2e
 * location- and market-based, power, hosts, phases from marks, equivalents, and what the
 * estimator would have predicted for the same hardware and duration. Built by
 * measure/run-report.ts; exported by report/exports.
 */
export interface RunReport {
  id: string;
  name: string | null;
  status: RunRecord['status'];
  exitCode: number | null;
  command: string[];
  startedAt: string;
  endedAt: string | null;
  durationS: number;
  /** Energy at the machines (IT), per component: the command's share with the `process` boundary. */
  energyKwh: EnergyKwh;
  /** `process` when a host charged the run only the command's share (`run --boundary process`). */
  boundary: Boundary;
  /** With the `process` boundary: the whole machines' energy over the same time. */
  machineEnergyKwh?: EnergyKwh;
  /** IT energy × PUE. */
  facilityEnergyKwh: number;
  co2eKg: number;
  co2eMarketKg: number;
  location: { id: string | null; intensityGPerKwh: number; source: string };
  pue: { value: number; source: string };
  renewableShare: number | null;
  averagePowerW: number;
  peakPowerW: number;
  sources: Sources;
  hosts: {
    host: string;
    /** `stopped`: still `running` in the store but silent for a few intervals (host-liveness.ts). */
    status: HostStatus;
    exitCode: number | null;
    machine: string;
    pid: number;
    /** Its heartbeat: the time of its last stored sample. */
    lastSampleAt: string | null;
    startedAt: string;
    endedAt: string | null;
    durationS: number;
    energyKwh: number;
    sources: Sources;
    devices: DeviceInfo[];
  }[];
  phases: {
    label: string | null;
    startedAt: string;
    endedAt: string;
    durationS: number;
    energyKwh: number;
    co2eKg: number;
    tokens: number | null;
    energyJPerToken: number | null;
  }[];
  tokens: number | null;
  energyJPerToken: number | null;
  equivalents: Equivalent[];
  estimate?: {
    hardware: string;
    chipHours: number;
    estimatedEnergyKwh: Range;
    measuredEnergyKwh: number;
    differencePct: number;
    method: string;
  };
  notes: string[];
}
