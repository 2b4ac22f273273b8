/**
 * Samples as a time-series database keeps them. Each channel (run, host, component, device,
 * source) is one row; its samples live in chunks of `CHUNK_SAMPLES` consecutive samples
 * (chunk-codec.ts). The open chunk of a channel is its rows in `sampleHead`, one row a sample,
 * written in the tick's transaction (a kill loses nothing committed) and sealed into a chunk when
 * full. Totals per channel and per host and minute are updated as samples arrive, so that views
 * read a few rows whatever the run's length.
 */
import { type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely';
import type { Component, SampleBatch, SampleRecord } from '../records.js';
import { decodeChunk } from './chunk-codec.js';
import { Pacer } from './pacer.js';
import type { Database, MinuteTotalsTable } from './tables.js';
import {
  CHUNK_SAMPLES,
  type ChannelColumns,
  type ChannelKey,
  channelKey,
  chunkRow,
  emptyColumns,
  foldMinute,
  MINUTE_MS,
  summarise,
} from './tick-rows.js';

export type Db = Kysely<Database> | Transaction<Database>;

/** The same upsert through Kysely, in either dialect. */
export async function upsertMinute(db: Db, m: MinuteTotalsTable): Promise<void> {
  const pg = isPostgres(db);
  const max = sql.raw(pg ? 'greatest' : 'max');
  const min = sql.raw(pg ? 'least' : 'min');
  const cur = (c: string) => sql.ref(`minuteTotals.${c}`);
  const exc = (c: string) => sql.ref(`excluded.${c}`);
  // SQLite's two-argument max() is NULL if either is; coalesce keeps the known one.
  const keep = (c: string) => sql<number>`coalesce(${max}(${cur(c)}, ${exc(c)}), ${cur(c)}, ${exc(c)})`;
  await db
    .insertInto('minuteTotals')
    .values(m)
    .onConflict((oc) =>
      oc.columns(['runId', 'host', 'minute']).doUpdateSet({
        energyJ: sql<number>`${cur('energyJ')} + ${exc('energyJ')}`,
        ticks: sql<number>`${cur('ticks')} + ${exc('ticks')}`,
        fromT: sql<number>`${min}(${cur('fromT')}, ${exc('fromT')})`,
        lastT: sql<number>`${max}(${cur('lastT')}, ${exc('lastT')})`,
        peakW: keep('peakW'),
        peakEnergyW: keep('peakEnergyW'),
        peakAnyW: sql<number>`${max}(${cur('peakAnyW')}, ${exc('peakAnyW')})`,
      }),
    )
    .execute();
}

/** Seals the open rows of a channel into one chunk (same transaction as the caller's). */
export async function sealChannel(db: Db, channelId: number): Promise<void> {
  const rows = await db
    .selectFrom('sampleHead')
    .select(['t', 'intervalS', 'powerW', 'energyJ'])
    .where('channelId', '=', channelId)
    .orderBy('t')
    .execute();
  if (rows.length === 0) return;
  const c = emptyColumns();
  for (const r of rows) {
    c.t.push(Number(r.t));
    c.intervalS.push(Number(r.intervalS));
    c.powerW.push(Number(r.powerW));
    c.energyJ.push(Number(r.energyJ));
    c.count++;
  }
  await db.insertInto('sampleChunks').values(chunkRow(channelId, c)).execute();
  await db
    .deleteFrom('sampleHead')
    .where('channelId', '=', channelId)
    .where('t', '<=', c.t[c.count - 1])
    .execute();
}

/** Seals every open chunk of one host of a run (when it finishes: nothing more comes). */
export async function sealHost(db: Db, runId: string, host: string): Promise<void> {
  const open = await db
    .selectFrom('sampleHead')
    .innerJoin('channels', 'channels.id', 'sampleHead.channelId')
    .select('sampleHead.channelId')
    .distinct()
    .where('channels.runId', '=', runId)
    .where('channels.host', '=', host)
    .execute();
  for (const { channelId } of open) await sealChannel(db, Number(channelId));
}

export interface ChannelRow {
  id: number;
  host: string;
  component: Component;
  deviceIndex: number;
  source: string;
}

export interface ReadOptions {
  /** Only this host's channels. */
  host?: string;
  /** Only samples later than this (epoch ms). */
  after?: number;
  /** Only samples at or before this (epoch ms). */
  until?: number;
  /** Samples per yielded batch (default 4,096). */
  batch?: number;
}

const CHUNKS_PER_READ = 4;
const HEAD_ROWS_PER_READ = 1_000;
const COMPONENT_ORDER: Record<string, number> = { gpu: 0, cpu: 1, ram: 2 };

/** One channel's samples, read a few chunks at a time after a cursor. */
class ChannelCursor {
  t: number[] = [];
  intervalS: number[] = [];
  powerW: number[] = [];
  energyJ: number[] = [];
  pos = 0;
  done = false;
  private cursor: number;
  private inHead = false;

  constructor(
    readonly channel: ChannelRow,
    after: number,
    private readonly until: number,
  ) {
    this.cursor = after;
  }

  get nextT(): number {
    return this.t[this.pos];
  }

  /** Loads the next samples (false when the channel has no more). */
  async refill(db: Db): Promise<boolean> {
    this.t = [];
    this.intervalS = [];
    this.powerW = [];
    this.energyJ = [];
    this.pos = 0;
    while (!this.done && this.t.length === 0) {
      if (!this.inHead) {
        const chunks = await db
          .selectFrom('sampleChunks')
          .select(['lastT', 'data'])
          .where('channelId', '=', this.channel.id)
          .where('lastT', '>', this.cursor)
          .orderBy('lastT')
          .limit(CHUNKS_PER_READ)
          .execute();
        if (chunks.length === 0) {
          this.inHead = true;
          continue;
        }
        for (const chunk of chunks) {
          const d = decodeChunk(chunk.data);
          for (let i = 0; i < d.count; i++) {
            if (d.t[i] <= this.cursor || d.t[i] > this.until) continue;
            this.t.push(d.t[i]);
            this.intervalS.push(d.intervalS[i]);
            this.powerW.push(d.powerW[i]);
            this.energyJ.push(d.energyJ[i]);
          }
          this.cursor = Math.max(this.cursor, Number(chunk.lastT));
        }
        if (this.cursor >= this.until) this.done = this.t.length === 0;
        continue;
      }
      const rows = await db
        .selectFrom('sampleHead')
        .select(['t', 'intervalS', 'powerW', 'energyJ'])
        .where('channelId', '=', this.channel.id)
        .where('t', '>', this.cursor)
        .where('t', '<=', this.until)
        .orderBy('t')
        .limit(HEAD_ROWS_PER_READ)
        .execute();
      if (rows.length === 0) {
        // A writer may have sealed these rows into a chunk between the two reads: look once more.
        const sealed = await db
          .selectFrom('sampleChunks')
          .select('lastT')
          .where('channelId', '=', this.channel.id)
          .where('lastT', '>', this.cursor)
          .limit(1)
          .execute();
        if (sealed.length > 0) {
          this.inHead = false;
          continue;
        }
        this.done = true;
        break;
      }
      for (const r of rows) {
        this.t.push(Number(r.t));
        this.intervalS.push(Number(r.intervalS));
        this.powerW.push(Number(r.powerW));
        this.energyJ.push(Number(r.energyJ));
      }
      this.cursor = Number(rows[rows.length - 1].t);
    }
    return this.t.length > 0;
  }
}

/** Order of samples at one instant: host, then component, then device. */
function before(a: ChannelCursor, b: ChannelCursor): boolean {
  const ta = a.nextT;
  const tb = b.nextT;
  if (ta !== tb) return ta < tb;
  if (a.channel.host !== b.channel.host) return a.channel.host < b.channel.host;
  const ca = COMPONENT_ORDER[a.channel.component] ?? 9;
  const cb = COMPONENT_ORDER[b.channel.component] ?? 9;
  if (ca !== cb) return ca < cb;
  return a.channel.deviceIndex < b.channel.deviceIndex;
}

/** A binary min-heap of cursors by their next sample. */
class CursorHeap {
  items: ChannelCursor[] = [];
  push(c: ChannelCursor): void {
    const a = this.items;
    a.push(c);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i], a[parent])) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }
  /** Restores the order after the top's next sample changed. */
  siftDown(): void {
    const a = this.items;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < a.length && before(a[l], a[best])) best = l;
      if (r < a.length && before(a[r], a[best])) best = r;
      if (best === i) return;
      [a[i], a[best]] = [a[best], a[i]];
      i = best;
    }
  }
  pop(): void {
    const a = this.items;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      this.siftDown();
    }
  }
}

/**
 * Every sample of a run in time order (then host, component, device), in batches of bounded
 * size: memory stays a few chunks per channel whatever the run's length, and the event loop is
 * given back between batches.
 */
export async function* readSamples(
  db: Db,
  runId: string,
  options: ReadOptions = {},
): AsyncGenerator<SampleRecord[]> {
  let query = db
    .selectFrom('channels')
    .select(['id', 'host', 'component', 'deviceIndex', 'source'])
    .where('runId', '=', runId);
  if (options.host !== undefined) query = query.where('host', '=', options.host);
  const channels = await query.execute();
  const heap = new CursorHeap();
  const after = options.after ?? Number.MIN_SAFE_INTEGER;
  const until = options.until ?? Number.MAX_SAFE_INTEGER;
  for (const row of channels) {
    const cursor = new ChannelCursor(
      {
        ...row,
        id: Number(row.id),
        deviceIndex: Number(row.deviceIndex),
        component: row.component as Component,
      },
      after,
      until,
    );
    if (await cursor.refill(db)) heap.push(cursor);
  }
  const size = options.batch ?? 4_096;
  // A bulk read: it yields after every batch, and defers to a chart's series meanwhile.
  const pacer = new Pacer(0, 'background');
  let out: SampleRecord[] = [];
  while (heap.items.length > 0) {
    const top = heap.items[0];
    const i = top.pos++;
    out.push({
      runId,
      host: top.channel.host,
      t: top.t[i],
      intervalS: top.intervalS[i],
      component: top.channel.component,
      deviceIndex: top.channel.deviceIndex,
      powerW: top.powerW[i],
      energyJ: top.energyJ[i],
      source: top.channel.source,
    });
    if (top.pos < top.t.length) heap.siftDown();
    else if (await top.refill(db)) heap.siftDown();
    else heap.pop();
    if (out.length >= size) {
      yield out;
      out = [];
      await pacer.pace();
    }
  }
  if (out.length > 0) yield out;
}

/**
 * Writes whole runs at once (imports, migrations): samples are gathered per channel and written
 * as sealed chunks, totals computed in memory and written at the end. Memory: one open chunk per
 * channel and one row per minute of the run.
 */
export class BulkWriter {
  private readonly channels = new Map<string, { id: number; open: ChannelColumns; totals: ChannelTotals }>();
  private readonly minutes = new Map<string, MinuteTotalsTable>();
  private pendingChunks: ReturnType<typeof chunkRow>[] = [];
  private readonly runIntervals = new Map<string, number>();

  /**
   * `summaries: false` for databases whose chunks have no summary columns yet (the migration that
   * converts the first layout runs before the one that adds them).
   */
  constructor(
    private readonly db: Db,
    private readonly summaries = true,
  ) {}

  async add(batch: SampleBatch): Promise<void> {
    if (batch.count === 0) return;
    for (let i = 0; i < batch.count; i++) {
      const key: ChannelKey = {
        runId: batch.runId,
        host: batch.host,
        component: batch.component[i],
        deviceIndex: batch.deviceIndex[i],
        source: batch.source[i],
      };
      const k = channelKey(key);
      let channel = this.channels.get(k);
      if (!channel) {
        channel = { id: await channelId(this.db, key), open: emptyColumns(), totals: newTotals() };
        this.channels.set(k, channel);
      }
      const c = channel.open;
      c.t.push(batch.t);
      c.intervalS.push(batch.intervalS);
      c.powerW.push(batch.powerW[i]);
      c.energyJ.push(batch.energyJ[i]);
      c.count++;
      addToTotals(channel.totals, batch.t, batch.intervalS, batch.energyJ[i]);
      if (c.count >= CHUNK_SAMPLES) {
        this.pendingChunks.push(chunkRow(channel.id, c));
        channel.open = emptyColumns();
      }
    }
    let runInterval = this.runIntervals.get(batch.runId);
    if (runInterval === undefined) {
      runInterval = await runIntervalS(this.db, batch.runId);
      this.runIntervals.set(batch.runId, runInterval);
    }
    const mk = `${batch.runId}\u0000${batch.host}\u0000${Math.floor(batch.t / MINUTE_MS)}`;
    this.minutes.set(
      mk,
      foldMinute(this.minutes.get(mk), batch.runId, batch.host, summarise(batch), runInterval),
    );
    if (this.pendingChunks.length >= 256) await this.flushChunks();
  }

  private async flushChunks(): Promise<void> {
    if (this.pendingChunks.length === 0) return;
    const rows = this.summaries
      ? this.pendingChunks
      : this.pendingChunks.map(({ minPowerW: _a, maxPowerW: _b, sumPowerW: _c, ...row }) => row);
    await this.db.insertInto('sampleChunks').values(rows).execute();
    this.pendingChunks = [];
  }

  /** Seals what is left and writes the totals. */
  async finish(): Promise<void> {
    for (const channel of this.channels.values()) {
      if (channel.open.count > 0) this.pendingChunks.push(chunkRow(channel.id, channel.open));
      channel.open = emptyColumns();
      if (this.pendingChunks.length >= 256) await this.flushChunks();
    }
    await this.flushChunks();
    for (const channel of this.channels.values()) await addChannelTotals(this.db, channel.id, channel.totals);
    for (const m of this.minutes.values()) await upsertMinute(this.db, m);
    this.minutes.clear();
  }
}

export interface ChannelTotals {
  samples: number;
  energyJ: number;
  firstT: number;
  lastT: number;
  fromT: number;
}

export const newTotals = (): ChannelTotals => ({
  samples: 0,
  energyJ: 0,
  firstT: Number.POSITIVE_INFINITY,
  lastT: Number.NEGATIVE_INFINITY,
  fromT: Number.POSITIVE_INFINITY,
});

export function addToTotals(totals: ChannelTotals, t: number, intervalS: number, energyJ: number): void {
  totals.samples++;
  totals.energyJ += energyJ;
  totals.firstT = Math.min(totals.firstT, t);
  totals.lastT = Math.max(totals.lastT, t);
  totals.fromT = Math.min(totals.fromT, t - intervalS * 1000);
}

async function addChannelTotals(db: Db, id: number, t: ChannelTotals): Promise<void> {
  if (t.samples === 0) return;
  const pg = isPostgres(db);
  const min = pg ? 'least' : 'min';
  const max = pg ? 'greatest' : 'max';
  await sql`update "channels" set
      "samples" = "samples" + ${t.samples},
      "energyJ" = "energyJ" + ${t.energyJ},
      "firstT" = coalesce(${sql.raw(min)}("firstT", ${t.firstT}), ${t.firstT}),
      "lastT" = coalesce(${sql.raw(max)}("lastT", ${t.lastT}), ${t.lastT}),
      "fromT" = coalesce(${sql.raw(min)}("fromT", ${t.fromT}), ${t.fromT})
    where "id" = ${id}`.execute(db);
}

/** The id of a channel, created on first use (concurrent writers of one channel agree on one row). */
export async function channelId(db: Db, key: ChannelKey): Promise<number> {
  const find = () =>
    db
      .selectFrom('channels')
      .select('id')
      .where('runId', '=', key.runId)
      .where('host', '=', key.host)
      .where('component', '=', key.component)
      .where('deviceIndex', '=', key.deviceIndex)
      .where('source', '=', key.source)
      .executeTakeFirst();
  const found = await find();
  if (found) return Number(found.id);
  await db
    .insertInto('channels')
    .values({ ...key, samples: 0, energyJ: 0, firstT: null, lastT: null, fromT: null })
    .onConflict((oc) => oc.columns(['runId', 'host', 'component', 'deviceIndex', 'source']).doNothing())
    .execute();
  return Number((await find())!.id);
}

export async function runIntervalS(db: Db, runId: string): Promise<number> {
  const row = await db.selectFrom('runs').select('intervalS').where('id', '=', runId).executeTakeFirst();
  return row ? Number(row.intervalS) : 0;
}

export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
