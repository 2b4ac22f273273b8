import type { Boundary, Component, Provenance } from '../measure/types.js';
import type { CalibrationsTable, MinuteTotalsTable, RunStatus } from './schema.js';
import type { PowerSeries } from './series.js';

export type { RunStatus } from './schema.js';

export interface Sources {
  gpu: Provenance | null;
  cpu: Provenance | null;
  ram: Provenance | null;
}

export interface DeviceInfo {
  component: Component;
  deviceIndex: number;
  name: string;
  source: Provenance;
  uuid?: string;
  powerLimitW?: number;
}

export interface SystemInfo {
  os: string;
  arch: string;
  cpuModel: string | null;
  logicalCpus: number | null;
  cpuPackages: number | null;
  memTotalGiB: number | null;
  nodeVersion: string;
  empreinteVersion: string;
}

export interface EnergyTotalsJ {
  gpu: number;
  cpu: number;
  ram: number;
}

export interface RunRecord {
  id: string;
  name: string | null;
  host: string;
  command: string[];
  startedAt: number;
  endedAt: number | null;
  status: RunStatus;
  exitCode: number | null;
  location: string | null;
  intensityGPerKwh: number | null;
  intensitySource: string | null;
  pue: number | null;
  pueSource: string | null;
  renewableShare: number | null;
  intervalS: number;
  /** Totals over every host, J; null while a host still runs. */
  energyJ: EnergyTotalsJ | null;
}

export interface RunHostRecord {
  runId: string;
  host: string;
  machine: string;
  pid: number;
  pidStart: string | null;
  startedAt: number;
  endedAt: number | null;
  status: RunStatus;
  exitCode: number | null;
  sources: Sources;
  devices: DeviceInfo[];
  notes: string[];
  system: SystemInfo;
  energyJ: EnergyTotalsJ | null;
  /** What this host's samples charge the run for (`process`: the command's share); absent: `machine`. */
  boundary?: Boundary;
  /** With the `process` boundary: the whole machine's energy over the same ticks, J. */
  machineEnergyJ?: EnergyTotalsJ | null;
}

export type NewRun = Omit<RunRecord, 'endedAt' | 'status' | 'exitCode' | 'energyJ'>;
export type NewRunHost = Omit<
  RunHostRecord,
  'endedAt' | 'status' | 'exitCode' | 'energyJ' | 'machineEnergyJ'
>;

export interface SampleRecord {
  runId: string;
  host: string;
  t: number;
  intervalS: number;
  component: Component;
  deviceIndex: number;
  powerW: number;
  energyJ: number;
  source: string;
}

/**
 * The samples of one tick of one host, in preallocated columns that the tracker refills: writing
 * them allocates nothing in the SQLite backend.
 */
export interface SampleBatch {
  runId: string;
  host: string;
  t: number;
  intervalS: number;
  count: number;
  component: Component[];
  deviceIndex: Int32Array;
  powerW: Float64Array;
  energyJ: Float64Array;
  source: string[];
  /**
   * With the `process` boundary, the samples are the command's share and this is the whole
   * machine's energy over the same tick, per component, J (kept in the same transaction).
   */
  machineEnergyJ?: EnergyTotalsJ;
}

export interface MarkRecord {
  runId: string;
  host: string;
  t: number;
  label: string;
  tokens: number | null;
}

/** Energy per host and component, with the time span its samples cover. */
export interface SampleTotal {
  host: string;
  component: Component;
  energyJ: number;
  firstT: number;
  lastT: number;
  /** Start of the first interval (first sample's t minus its interval). */
  fromT: number;
}

export interface TickTotal {
  host: string;
  t: number;
  intervalS: number;
  /** Start of the span, epoch ms, where it is known exactly (else t − intervalS). */
  fromT?: number;
  energyJ: number;
}

/** Energy and peaks of one host over one minute, kept as samples arrive (schema.ts says each field). */
export type MinuteTotal = Omit<MinuteTotalsTable, 'runId'>;

export interface SampleReadOptions {
  /** Only this host's samples. */
  host?: string;
  /** Only samples later than this, epoch ms. */
  after?: number;
  /** Only samples at or before this, epoch ms. */
  until?: number;
  /** Samples per batch yielded (default 4,096). */
  batch?: number;
}

/** A whole run written at once (an import): in one transaction, all or nothing. */
export interface ImportedRun {
  run: NewRun;
  hosts: { host: NewRunHost; finish: HostFinish }[];
  marks: MarkRecord[];
}

export interface HostFinish {
  endedAt: number;
  status: Exclude<RunStatus, 'running'>;
  exitCode: number | null;
  energyJ: EnergyTotalsJ;
}

/** What one measured run achieved, kept under a calibration name (one record per name and run). */
export type CalibrationRunRecord = CalibrationsTable;

/**
 * The one storage interface: SQLite by default, PostgreSQL for teams, same schema and migrations.
 * Every method may be called while other processes write the same database.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the data lives (a file path or a URL without password), for messages. */
  readonly location: string;
  /** Creates the run (if this host is the first) and this host's row; a host may join a run once. */
  createRun(run: NewRun, host: NewRunHost): Promise<void>;
  /**
   * Writes one tick's samples. The batch is read before the call returns (the caller refills it
   * right after); a failure either throws at once or rejects the promise.
   */
  appendSamples(batch: SampleBatch): Promise<void>;
  addMark(mark: MarkRecord): Promise<void>;
  finishHost(runId: string, host: string, finish: HostFinish): Promise<void>;
  listRuns(): Promise<RunRecord[]>;
  /** A run by id, or by an unambiguous id prefix (at least 4 characters). */
  findRun(idOrPrefix: string): Promise<RunRecord | undefined>;
  runHosts(runId: string): Promise<RunHostRecord[]>;
  /** Energy per host and component (kept as samples arrive: a few rows whatever the run's length). */
  sampleTotals(runId: string): Promise<SampleTotal[]>;
  /** Energy and peaks per host and minute, in time order (kept as samples arrive). */
  minuteTotals(runId: string): Promise<MinuteTotal[]>;
  /**
   * The samples of a run in time order (then host, component, device), in batches: memory stays
   * bounded whatever the run's length, and other work runs between batches.
   */
  readSamples(runId: string, options?: SampleReadOptions): AsyncIterable<SampleRecord[]>;
  marks(runId: string): Promise<MarkRecord[]>;
  /** Power per channel for a chart: min, max and mean in each of `buckets` spans of the run. */
  powerSeries(runId: string, buckets: number): Promise<PowerSeries>;
  /**
   * Energy of each tick of each host, summed over its channels, in time order; with `from`/`to`
   * only the ticks whose time lies in [from, to] (epoch ms).
   */
  tickTotals(runId: string, range?: { from: number; to: number }): Promise<TickTotal[]>;
  /**
   * Highest total power of one host at one tick, W (the sum over its channels), over the ticks
   * at least half the run's interval long when there are any.
   */
  peakPowerW(runId: string): Promise<number | null>;
  /** Writes a whole run (hosts, samples, marks) in one transaction: nothing stays if it fails. */
  importRun(run: ImportedRun, samples: AsyncIterable<SampleBatch> | Iterable<SampleBatch>): Promise<void>;
  /**
   * Marks `interrupted` the runs this machine left `running` whose tracker process is gone;
   * returns their ids.
   */
  recoverInterrupted(
    machine: string,
    isAlive: (pid: number, pidStart: string | null) => boolean,
  ): Promise<string[]>;
  /** Stores a run's calibration figures under a name, replacing that run's earlier figures there. */
  saveCalibrationRun(record: CalibrationRunRecord): Promise<void>;
  /** The runs of one calibration (all calibrations without a name), by name then time. */
  calibrationRuns(name?: string): Promise<CalibrationRunRecord[]>;
  close(): Promise<void>;
}
