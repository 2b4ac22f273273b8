import type { NewRun, NewRunHost, SystemInfo } from '../../src/records.js';

/** A machine that says nothing of itself, for runs written by tests that never read it. */
export const BLANK_SYSTEM: SystemInfo = {
  os: 'x',
  arch: 'x',
  cpuModel: null,
  logicalCpus: null,
  cpuPackages: null,
  memTotalGiB: null,
  nodeVersion: 'v',
  empreinteVersion: '0',
};

/** A run with no site (no location, intensity or PUE), started at 0, 1 s interval; `overrides` set what a test reads. */
export function blankRun(id: string, overrides: Partial<NewRun> = {}): NewRun {
  return {
    id,
    name: null,
    host: 'h',
    command: ['x'],
    startedAt: 0,
    location: null,
    intensityGPerKwh: null,
    intensitySource: null,
    pue: null,
    pueSource: null,
    renewableShare: null,
    intervalS: 1,
    ...overrides,
  };
}

/** A host of a run (host and machine `h`, pid 1, started at 0) with no sensor and `BLANK_SYSTEM`. */
export function blankHost(runId: string, overrides: Partial<NewRunHost> = {}): NewRunHost {
  return {
    runId,
    host: 'h',
    machine: 'h',
    pid: 1,
    pidStart: null,
    startedAt: 0,
    sources: { gpu: null, cpu: null, ram: null },
    devices: [],
    notes: [],
    system: BLANK_SYSTEM,
    ...overrides,
  };
}

/** The site of a run as most tests set it: France at 50 g/kWh, PUE 1.2 (both from `test`), 1 s interval. */
export const TEST_SITE = {
  location: 'fr',
  intensityGPerKwh: 50,
  intensitySource: 'test',
  pue: 1.2,
  pueSource: 'test',
  renewableShare: null,
  intervalS: 1,
} as const satisfies Partial<NewRun>;
