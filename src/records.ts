// Run records: what a measured run is (run, hosts, devices, samples, marks, totals), where each
// figure comes from, and the `Store` interface that keeps them (store/ implements it for SQLite and
// PostgreSQL). The tracker writes them, the store keeps them; reports, metrics and integrations read
// them. Imports nothing.

export type Component = 'gpu' | 'cpu' | 'ram';

/**
 * What a run is charged for: the whole machine (as CodeCarbon does), or the command's own share
 * (its processes' CPU time, resident memory and GPU use).
 */
export type Boundary = 'machine' | 'process';
export const COMPONENTS: readonly Component[] = ['gpu', 'cpu', 'ram'];

/**
 * Where a figure comes from. `measured:*` read a sensor; `modelled:*` derive power from activity
 * and a catalog figure; `default:*` rest on a stated default constant.
 */
export type Provenance =
  | 'measured:nvml-counter'
  | 'measured:nvml-power'
  | 'measured:nvidia-smi'
  | 'measured:rapl'
  | 'modelled:tdp-utilisation'
  | 'default:unknown-cpu-tdp'
  | 'default:ram-w-per-gb'
  // Read back from a Prometheus that already scrapes the cluster's exporters (`runs import-prometheus`).
  | 'measured:prometheus-dcgm'
  | 'measured:prometheus-kepler'
  | 'measured:prometheus-scaphandre';

export type RunStatus = 'running' | 'completed' | 'failed' | 'interrupted';
/** A host as reported: its stored status, or `stopped` when no longer heard from (measure/host-liveness.ts). */
export type HostStatus = RunStatus | 'stopped';

export interface Sources {
  gpu: Provenance | null;
  cpu: Provenance | null;
  ram: Provenance | null;
}

/** One measured device: a GPU, a CPU package or the memory (a sampler's channel). */
export interface DeviceInfo {
  component: Component;
  /** GPU index (NVML numbering), CPU package index, 0 for memory. */
  deviceIndex: number;
  /** Human name: "NVIDIA H100 80GB HBM3", "package-0", "DRAM (package-0)". */
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

/** The machine of a run imported from elsewhere: nothing is known of it but how it came. */
export function unknownSystem(os: string, empreinteVersion: string): SystemInfo {
  return {
    os,
    arch: 'unknown',
    cpuModel: null,
    logicalCpus: null,
    cpuPackages: null,
    memTotalGiB: null,
    nodeVersion: process.version,
    empreinteVersion,
  };
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

/** A note stored as data (a key of the messages table and its params), so it reads in any language. */
export interface StoredNote {
  key: string;
  params?: Readonly<Record<string, string | number | StoredNote | undefined>>;
}

export interface RunHostRecord {
  runId: string;
  host: string;
  /** Real machine name and tracker process, to tell a live tracker from one that died. */
  machine: string;
  pid: number;
  /** Kernel start time of the tracker process (/proc/<pid>/stat field 22), guards against pid reuse. */
  pidStart: string | null;
  startedAt: number;
  endedAt: number | null;
  status: RunStatus;
  exitCode: number | null;
  sources: Sources;
  devices: DeviceInfo[];
  /** Text as written, or a message of the messages table rendered in the reader's language. */
  notes: (string | StoredNote)[];
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

/** Energy and peaks of one host over one minute (a tick counts in the minute its interval ends). */
export interface MinuteTotal {
  host: string;
  /** Epoch minute: floor(t / 60,000). */
  minute: number;
  energyJ: number;
  ticks: number;
  /** Earliest interval start and latest sample time in the minute, epoch ms. */
  fromT: number;
  lastT: number;
  /** Highest power of a tick (sum over channels), ticks of at least half the run's interval. */
  peakW: number | null;
  /** Same, as the tick's energy over its interval. */
  peakEnergyW: number | null;
  /** Highest power of any tick, short ones included. */
  peakAnyW: number;
}

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

/**
 * What one measured run achieved, kept under a calibration name: one row per (name, run); several
 * runs under one name refine it. The inputs are kept beside the figures so that they can be shown.
 */
export interface CalibrationRunRecord {
  name: string;
  runId: string;
  /** Hardware catalog id the figures hold for. */
  hardware: string;
  /** Precision whose peak FLOP/s the utilisation is relative to. */
  precision: string;
  params: number;
  activeParams: number | null;
  tokens: number;
  chips: number;
  durationS: number;
  gpuEnergyJ: number;
  /** Model-FLOPs utilisation, 6·N_active·D / (chip-seconds · peak FLOP/s). */
  mfu: number;
  powerWPerChip: number;
  createdAt: number;
}

/**
 * A run's power downsampled for a chart: per channel, the min, max and mean power in each of
 * `buckets` equal spans of the run. The answer's size depends on the chart's width, not on the
 * run's length.
 */
export interface PowerSeries {
  fromT: number;
  toT: number;
  bucketMs: number;
  /** Start of each bucket, epoch ms. */
  t: number[];
  channels: {
    host: string;
    component: Component;
    deviceIndex: number;
    /** Samples of the channel stored so far. */
    samples: number;
    /** Per bucket; null where the channel has no sample. */
    minW: (number | null)[];
    maxW: (number | null)[];
    meanW: (number | null)[];
  }[];
}

/** How many runs a listing returns: `limit` (an integer >= 1) of the newest; all without it. */
export interface RunListOptions {
  limit?: number;
  /** Only runs of this status (`running`: what a metrics scrape reads). */
  status?: RunStatus;
}

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
  /** The runs, newest first (by start, then id); with `limit`, only that many of the newest. */
  listRuns(options?: RunListOptions): Promise<RunRecord[]>;
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
