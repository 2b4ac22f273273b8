// What one tick adds to the stored rows, with no query builder: channel keys, minute rows and
// sealed chunks, shared by the query-builder store and the SQLite writer that goes through the
// driver alone.
import type { Component, SampleBatch } from '../records.js';
import { encodeChunk } from './chunk-codec.js';
import type { MinuteTotalsTable } from './tables.js';

/** Samples per sealed chunk: two minutes at 1 Hz, as Prometheus's 120-sample chunks. */
export const CHUNK_SAMPLES = 120;
export const MINUTE_MS = 60_000;

export interface ChannelKey {
  runId: string;
  host: string;
  component: Component;
  deviceIndex: number;
  source: string;
}

export const channelKey = (k: ChannelKey) =>
  `${k.runId}\u0000${k.host}\u0000${k.component}\u0000${k.deviceIndex}\u0000${k.source}`;

/** What one tick of one host adds to its minute's row. */
export interface TickSummary {
  t: number;
  intervalS: number;
  energyJ: number;
  powerW: number;
}

export function summarise(batch: SampleBatch): TickSummary {
  let energyJ = 0;
  let powerW = 0;
  for (let i = 0; i < batch.count; i++) {
    energyJ += batch.energyJ[i];
    powerW += batch.powerW[i];
  }
  return { t: batch.t, intervalS: batch.intervalS, energyJ, powerW };
}

/**
 * Folds a tick into a minute row. Peaks leave out ticks shorter than half the run's interval
 * (the last, partial one: coarse counters make its power noisy) but keep them apart as a fallback.
 */
export function foldMinute(
  row: MinuteTotalsTable | undefined,
  runId: string,
  host: string,
  tick: TickSummary,
  runIntervalS: number,
): MinuteTotalsTable {
  const full = tick.intervalS >= runIntervalS / 2;
  const energyW = tick.intervalS > 0 ? tick.energyJ / tick.intervalS : null;
  const fromT = tick.t - tick.intervalS * 1000;
  const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
  if (!row) {
    return {
      runId,
      host,
      minute: Math.floor(tick.t / MINUTE_MS),
      energyJ: tick.energyJ,
      ticks: 1,
      fromT,
      lastT: tick.t,
      peakW: full ? tick.powerW : null,
      peakEnergyW: full ? energyW : null,
      peakAnyW: tick.powerW,
    };
  }
  row.energyJ += tick.energyJ;
  row.ticks += 1;
  row.fromT = Math.min(row.fromT, fromT);
  row.lastT = Math.max(row.lastT, tick.t);
  if (full) {
    row.peakW = max(row.peakW, tick.powerW);
    row.peakEnergyW = max(row.peakEnergyW, energyW);
  }
  row.peakAnyW = Math.max(row.peakAnyW, tick.powerW);
  return row;
}

/** The upsert that adds one tick (or a minute of them) to its minute row, for a prepared statement. */
export const SQLITE_MINUTE_UPSERT = `insert into "minuteTotals" ("runId", "host", "minute", "energyJ", "ticks", "fromT", "lastT", "peakW", "peakEnergyW", "peakAnyW")
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict ("runId", "host", "minute") do update set
    "energyJ" = "minuteTotals"."energyJ" + excluded."energyJ",
    "ticks" = "minuteTotals"."ticks" + excluded."ticks",
    "fromT" = min("minuteTotals"."fromT", excluded."fromT"),
    "lastT" = max("minuteTotals"."lastT", excluded."lastT"),
    "peakW" = coalesce(max("minuteTotals"."peakW", excluded."peakW"), "minuteTotals"."peakW", excluded."peakW"),
    "peakEnergyW" = coalesce(max("minuteTotals"."peakEnergyW", excluded."peakEnergyW"), "minuteTotals"."peakEnergyW", excluded."peakEnergyW"),
    "peakAnyW" = max("minuteTotals"."peakAnyW", excluded."peakAnyW")`;

export const minuteParams = (m: MinuteTotalsTable) => [
  m.runId,
  m.host,
  m.minute,
  m.energyJ,
  m.ticks,
  m.fromT,
  m.lastT,
  m.peakW,
  m.peakEnergyW,
  m.peakAnyW,
];

/** Columns of samples of one channel, in time order. */
export interface ChannelColumns {
  count: number;
  t: number[];
  intervalS: number[];
  powerW: number[];
  energyJ: number[];
}

export const emptyColumns = (): ChannelColumns => ({
  count: 0,
  t: [],
  intervalS: [],
  powerW: [],
  energyJ: [],
});

export function chunkRow(channelId: number, c: ChannelColumns) {
  let minPowerW = Number.POSITIVE_INFINITY;
  let maxPowerW = Number.NEGATIVE_INFINITY;
  let sumPowerW = 0;
  for (let i = 0; i < c.count; i++) {
    minPowerW = Math.min(minPowerW, c.powerW[i]);
    maxPowerW = Math.max(maxPowerW, c.powerW[i]);
    sumPowerW += c.powerW[i];
  }
  return {
    channelId,
    firstT: c.t[0],
    lastT: c.t[c.count - 1],
    count: c.count,
    // Summaries: a chart whose buckets are wider than a chunk reads these, not the samples.
    minPowerW: Number.isFinite(minPowerW) ? minPowerW : null,
    maxPowerW: Number.isFinite(maxPowerW) ? maxPowerW : null,
    sumPowerW: Number.isFinite(sumPowerW) ? sumPowerW : null,
    // A Buffer: what both drivers bind as a blob (bytea).
    data: Buffer.from(encodeChunk(c).buffer),
  };
}
