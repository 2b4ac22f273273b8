// A tick's samples written through prepared statements of the SQLite driver, in one small
// transaction, with no query builder: used by both SQLite stores (the query-builder one and the
// run writer that loads the driver alone).
import type BetterSqlite3 from 'better-sqlite3';
import type { SampleBatch } from '../records.js';
import { BUSY_TIMEOUT_MS } from './sqlite-list.js';
import {
  CHUNK_SAMPLES,
  channelKey,
  chunkRow,
  emptyColumns,
  foldMinute,
  minuteParams,
  SQLITE_MINUTE_UPSERT,
  summarise,
} from './tick-rows.js';

/**
 * Per-tick sample writes wait at most this long for a lock held by another process: writes are
 * synchronous, and a 10 s wait would freeze the tracker (its clock, signals, the command's exit).
 * A refused batch is kept by the tracker and written at a later tick.
 */
export const SAMPLE_BUSY_TIMEOUT_MS = 100;

type SampleRow = { t: number; intervalS: number; powerW: number; energyJ: number };

/** The statements of a tick's writes, prepared once the tables exist. */
function prepareTick(db: BetterSqlite3.Database) {
  const findChannel = db
    .prepare(
      'select id from channels where runId = ? and host = ? and component = ? and deviceIndex = ? and source = ?',
    )
    .pluck();
  const addChannel = db.prepare(
    'insert into channels (runId, host, component, deviceIndex, source, samples, energyJ) values (?, ?, ?, ?, ?, 0, 0) on conflict do nothing',
  );
  const openRows = db.prepare('select count(*) from sampleHead where channelId = ?').pluck();
  const runInterval = db.prepare('select intervalS from runs where id = ?').pluck();
  const insertHead = db.prepare(
    'insert into sampleHead (channelId, t, intervalS, powerW, energyJ) values (?, ?, ?, ?, ?)',
  );
  const updateChannel = db.prepare(
    `update channels set samples = samples + 1, energyJ = energyJ + ?,
      firstT = coalesce(min(firstT, ?), ?), lastT = coalesce(max(lastT, ?), ?), fromT = coalesce(min(fromT, ?), ?)
      where id = ?`,
  );
  const upsertMinute = db.prepare(SQLITE_MINUTE_UPSERT);
  const headRows = db.prepare(
    'select t, intervalS, powerW, energyJ from sampleHead where channelId = ? order by t',
  );
  const insertChunk = db.prepare(
    'insert into sampleChunks (channelId, firstT, lastT, count, data, minPowerW, maxPowerW, sumPowerW) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const deleteHead = db.prepare('delete from sampleHead where channelId = ? and t <= ?');
  const addMachine = db.prepare(
    `update runHosts set machineGpuEnergyJ = coalesce(machineGpuEnergyJ, 0) + ?,
      machineCpuEnergyJ = coalesce(machineCpuEnergyJ, 0) + ?, machineRamEnergyJ = coalesce(machineRamEnergyJ, 0) + ?
      where runId = ? and host = ?`,
  );
  return {
    findChannel,
    addChannel,
    openRows,
    runInterval,
    insertHead,
    updateChannel,
    upsertMinute,
    headRows,
    insertChunk,
    deleteHead,
    addMachine,
  };
}

export class SqliteTickWriter {
  private readonly write: (batch: SampleBatch) => void;
  private readonly shortWait: BetterSqlite3.Statement;
  private readonly longWait: BetterSqlite3.Statement;
  private readonly openChannels: BetterSqlite3.Statement;
  private readonly channelIds: number[] = [];
  private readonly seal: (id: number) => void;

  /** Prepared once the tables exist; `openCounts`: rows in each channel's open chunk, as this writer knows them. */
  constructor(
    db: BetterSqlite3.Database,
    readonly openCounts: Map<number, number>,
  ) {
    const st = prepareTick(db);
    this.shortWait = db.prepare(`PRAGMA busy_timeout = ${SAMPLE_BUSY_TIMEOUT_MS}`).pluck();
    this.longWait = db.prepare(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`).pluck();
    this.openChannels = db
      .prepare(
        'select distinct sampleHead.channelId from sampleHead join channels on channels.id = sampleHead.channelId where channels.runId = ? and channels.host = ?',
      )
      .pluck();
    const ids = new Map<string, number>();
    const intervals = new Map<string, number>();
    const channel = (batch: SampleBatch, i: number): number => {
      const key = channelKey({
        runId: batch.runId,
        host: batch.host,
        component: batch.component[i],
        deviceIndex: batch.deviceIndex[i],
        source: batch.source[i],
      });
      let id = ids.get(key);
      if (id === undefined) {
        const args = [batch.runId, batch.host, batch.component[i], batch.deviceIndex[i], batch.source[i]];
        st.addChannel.run(...args);
        id = Number(st.findChannel.get(...args));
        ids.set(key, id);
      }
      if (!openCounts.has(id)) openCounts.set(id, Number(st.openRows.get(id)));
      return id;
    };
    this.seal = (id: number) => {
      const rows = st.headRows.all(id) as SampleRow[];
      if (rows.length === 0) return;
      const c = emptyColumns();
      for (const r of rows) {
        c.t.push(r.t);
        c.intervalS.push(r.intervalS);
        c.powerW.push(r.powerW);
        c.energyJ.push(r.energyJ);
        c.count++;
      }
      const chunk = chunkRow(id, c);
      st.insertChunk.run(
        chunk.channelId,
        chunk.firstT,
        chunk.lastT,
        chunk.count,
        chunk.data,
        chunk.minPowerW,
        chunk.maxPowerW,
        chunk.sumPowerW,
      );
      st.deleteHead.run(id, chunk.lastT);
    };
    const channelIds = this.channelIds;
    this.write = db.transaction((batch: SampleBatch) => {
      channelIds.length = 0;
      const fromT = batch.t - batch.intervalS * 1000;
      for (let i = 0; i < batch.count; i++) {
        const id = channel(batch, i);
        channelIds.push(id);
        st.insertHead.run(id, batch.t, batch.intervalS, batch.powerW[i], batch.energyJ[i]);
        st.updateChannel.run(batch.energyJ[i], batch.t, batch.t, batch.t, batch.t, fromT, fromT, id);
      }
      let interval = intervals.get(batch.runId);
      if (interval === undefined) {
        interval = Number(st.runInterval.get(batch.runId) ?? 0);
        intervals.set(batch.runId, interval);
      }
      st.upsertMinute.run(
        ...minuteParams(foldMinute(undefined, batch.runId, batch.host, summarise(batch), interval)),
      );
      const machine = batch.machineEnergyJ;
      if (machine) st.addMachine.run(machine.gpu, machine.cpu, machine.ram, batch.runId, batch.host);
      for (const id of channelIds) if ((openCounts.get(id) ?? 0) + 1 >= CHUNK_SAMPLES) this.seal(id);
    });
  }

  /** Writes one tick; when it returns, the samples are committed. */
  append(batch: SampleBatch): void {
    if (batch.count === 0) return;
    this.shortWait.get();
    try {
      this.write(batch);
    } catch (error) {
      // Rolled back: what this writer believed about open chunks may be wrong; count again.
      this.openCounts.clear();
      throw error;
    } finally {
      this.longWait.get();
    }
    for (const id of this.channelIds) {
      const n = (this.openCounts.get(id) ?? 0) + 1;
      this.openCounts.set(id, n >= CHUNK_SAMPLES ? 0 : n);
    }
  }

  /** Seals every open chunk of one host of a run (in the caller's transaction): nothing more comes from it. */
  sealHost(runId: string, host: string): void {
    for (const id of this.openChannels.all(runId, host) as number[]) this.seal(id);
    this.openCounts.clear();
  }
}
