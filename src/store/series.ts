import type { Component, PowerSeries } from '../records.js';
import { decodeChunk } from './chunk-codec.js';
import { inForeground, Pacer } from './pacer.js';
import type { Db } from './samples.js';

/** Chunk summaries per query (a query runs in one synchronous stretch). */
const SUMMARIES_PER_READ = 2_000;
/** Longest the series holds the event loop at a stretch (ms). */
const TURN_BUDGET_MS = 40;

/** Per-bucket accumulators of one channel. */
class Buckets {
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly sum: Float64Array;
  readonly n: Float64Array;
  constructor(count: number) {
    this.min = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
    this.max = new Float64Array(count).fill(Number.NEGATIVE_INFINITY);
    this.sum = new Float64Array(count);
    this.n = new Float64Array(count);
  }
  add(b: number, minW: number, maxW: number, sumW: number, n: number): void {
    if (minW < this.min[b]) this.min[b] = minW;
    if (maxW > this.max[b]) this.max[b] = maxW;
    this.sum[b] += sumW;
    this.n[b] += n;
  }
}

/**
 * The same series read from the store: a sealed chunk shorter than a bucket is taken from its
 * summary (its min and max count in every bucket it touches, its mean is shared by time), any
 * other chunk and the open rows sample by sample. A long run's chart then reads one small row per
 * chunk instead of every sample.
 */
export function storedPowerSeries(db: Db, runId: string, buckets: number): Promise<PowerSeries> {
  return inForeground(() => readPowerSeries(db, runId, buckets));
}

async function readPowerSeries(db: Db, runId: string, buckets: number): Promise<PowerSeries> {
  const channels = await db
    .selectFrom('channels')
    .select(['id', 'host', 'component', 'deviceIndex', 'firstT', 'lastT', 'samples'])
    .where('runId', '=', runId)
    .where('samples', '>', 0)
    .execute();
  if (channels.length === 0) return { fromT: 0, toT: 0, bucketMs: 0, t: [], channels: [] };
  const fromT = Math.min(...channels.map((c) => Number(c.firstT)));
  const toT = Math.max(...channels.map((c) => Number(c.lastT)));
  const bucketMs = Math.max(1, Math.ceil((toT - fromT + 1) / buckets));
  const count = Math.max(1, Math.ceil((toT - fromT + 1) / bucketMs));
  const out: PowerSeries = {
    fromT,
    toT,
    bucketMs,
    t: Array.from({ length: count }, (_, i) => fromT + i * bucketMs),
    channels: [],
  };
  const pacer = new Pacer(TURN_BUDGET_MS, 'foreground');
  for (const channel of channels) {
    const acc = await channelBuckets(db, Number(channel.id), { fromT, bucketMs, count }, pacer);
    out.channels.push({
      host: channel.host,
      component: channel.component as Component,
      deviceIndex: Number(channel.deviceIndex),
      samples: Number(channel.samples),
      minW: Array.from(acc.min, (v, i) => (acc.n[i] > 0 ? v : null)),
      maxW: Array.from(acc.max, (v, i) => (acc.n[i] > 0 ? v : null)),
      meanW: Array.from(acc.sum, (v, i) => (acc.n[i] > 0 ? v / acc.n[i] : null)),
    });
  }
  out.channels.sort(
    (a, b) =>
      (a.host < b.host ? -1 : a.host > b.host ? 1 : 0) ||
      a.component.localeCompare(b.component) ||
      a.deviceIndex - b.deviceIndex,
  );
  return out;
}

/** The time grid of a series: `count` buckets of `bucketMs` from `fromT`. */
interface Grid {
  fromT: number;
  bucketMs: number;
  count: number;
}

/** One channel's power in the grid's buckets: chunk summaries where a chunk fits in a bucket, samples otherwise. */
async function channelBuckets(db: Db, id: number, grid: Grid, pacer: Pacer): Promise<Buckets> {
  const { fromT, bucketMs, count } = grid;
  const bucketOf = (t: number) => Math.min(count - 1, Math.max(0, Math.floor((t - fromT) / bucketMs)));
  const acc = new Buckets(count);
  let cursor = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const chunks = await db
      .selectFrom('sampleChunks')
      .select(['firstT', 'lastT', 'count', 'minPowerW', 'maxPowerW', 'sumPowerW'])
      .where('channelId', '=', id)
      .where('lastT', '>', cursor)
      .orderBy('lastT')
      .limit(SUMMARIES_PER_READ)
      .execute();
    if (chunks.length === 0) break;
    for (const chunk of chunks) {
      const first = Number(chunk.firstT);
      const last = Number(chunk.lastT);
      const span = last - first;
      if (
        span < bucketMs &&
        chunk.minPowerW !== null &&
        chunk.maxPowerW !== null &&
        chunk.sumPowerW !== null
      ) {
        const a = bucketOf(first);
        const b = bucketOf(last);
        const n = Number(chunk.count);
        const sum = Number(chunk.sumPowerW);
        if (a === b || span <= 0) acc.add(a, Number(chunk.minPowerW), Number(chunk.maxPowerW), sum, n);
        else {
          const split = fromT + b * bucketMs;
          const share = (split - first) / span;
          acc.add(a, Number(chunk.minPowerW), Number(chunk.maxPowerW), sum * share, n * share);
          acc.add(b, Number(chunk.minPowerW), Number(chunk.maxPowerW), sum * (1 - share), n * (1 - share));
        }
      } else {
        const row = await db
          .selectFrom('sampleChunks')
          .select('data')
          .where('channelId', '=', id)
          .where('lastT', '=', last)
          .where('firstT', '=', first)
          .executeTakeFirst();
        await pacer.pace();
        if (!row) continue;
        const d = decodeChunk(row.data);
        for (let i = 0; i < d.count; i++) acc.add(bucketOf(d.t[i]), d.powerW[i], d.powerW[i], d.powerW[i], 1);
      }
      cursor = last;
    }
    // Other requests run between stretches of work rather than after every page.
    await pacer.pace();
  }
  const open = await db
    .selectFrom('sampleHead')
    .select(['t', 'powerW'])
    .where('channelId', '=', id)
    .where('t', '>', cursor)
    .execute();
  for (const r of open) {
    const w = Number(r.powerW);
    acc.add(bucketOf(Number(r.t)), w, w, w, 1);
  }
  return acc;
}
