/** The tables as Kysely sees them (schema.ts creates them; the run records are in src/records.ts). */
import type { Generated } from 'kysely';
import type { CalibrationRunRecord, MinuteTotal, RunHostRecord, RunRecord } from '../records.js';

/** A run as stored: the command as a JSON array of strings, totals (J) in their own columns. */
export interface RunsTable extends Omit<RunRecord, 'command' | 'energyJ'> {
  command: string;
  /** Totals over every host, J; filled when a host finishes (computed from samples while running). */
  gpuEnergyJ: number | null;
  cpuEnergyJ: number | null;
  ramEnergyJ: number | null;
}

/**
 * One row per host taking part in a run (a run id may be shared by several nodes): its lists and
 * objects as JSON text, its totals (J) in their own columns.
 */
export interface RunHostsTable
  extends Omit<
    RunHostRecord,
    'sources' | 'devices' | 'notes' | 'system' | 'energyJ' | 'boundary' | 'machineEnergyJ'
  > {
  /** JSON: { gpu, cpu, ram } provenance per component. */
  sources: string;
  /** JSON: the channels measured (name, uuid, power limit, source). */
  devices: string;
  /** JSON: sensor problems met when the run started. */
  notes: string;
  /** JSON: the machine (OS, CPU model and count, memory), for reports and exports. */
  system: string;
  gpuEnergyJ: number | null;
  cpuEnergyJ: number | null;
  ramEnergyJ: number | null;
  /** `machine` or `process` (the samples are the command's share). */
  boundary: string;
  /** With the `process` boundary: the whole machine's energy, J, added tick by tick. */
  machineGpuEnergyJ: number | null;
  machineCpuEnergyJ: number | null;
  machineRamEnergyJ: number | null;
}

/** One measured channel of a host: samples are stored per channel, in chunks. */
export interface ChannelsTable {
  id: Generated<number>;
  runId: string;
  host: string;
  component: 'gpu' | 'cpu' | 'ram';
  deviceIndex: number;
  source: string;
  /** Totals over the channel's samples, kept as they arrive. */
  samples: number;
  energyJ: number;
  /** First and last sample time, epoch ms; start of the first interval. Null before any sample. */
  firstT: number | null;
  lastT: number | null;
  fromT: number | null;
}

/** Sealed chunks of consecutive samples of one channel (chunk-codec.ts). */
export interface SampleChunksTable {
  channelId: number;
  firstT: number;
  lastT: number;
  count: number;
  data: Uint8Array;
  /** Power over the chunk's samples, W (null in chunks sealed before these were kept). */
  minPowerW: number | null;
  maxPowerW: number | null;
  sumPowerW: number | null;
}

/** The open chunk of each channel: one row a sample until the chunk is sealed. */
export interface SampleHeadTable {
  channelId: number;
  /** End of the interval the sample covers, epoch ms. */
  t: number;
  /** Length of that interval, s. */
  intervalS: number;
  /** Average power over the interval, W. */
  powerW: number;
  /** Energy over the interval, J. */
  energyJ: number;
}

/** Energy and peaks of one host over one minute (a tick counts in the minute its interval ends). */
export interface MinuteTotalsTable extends MinuteTotal {
  runId: string;
}

export interface MarksTable {
  runId: string;
  host: string;
  t: number;
  label: string;
  tokens: number | null;
}

/** A run's calibration figures under a name: one row per (name, run). */
export type CalibrationsTable = CalibrationRunRecord;

export interface Database {
  runs: RunsTable;
  runHosts: RunHostsTable;
  channels: ChannelsTable;
  sampleChunks: SampleChunksTable;
  sampleHead: SampleHeadTable;
  minuteTotals: MinuteTotalsTable;
  marks: MarksTable;
  calibrations: CalibrationsTable;
}
