import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { SampleBatch } from '../records.js';
import { KyselyStore } from './kysely-store.js';
import {
  CHUNK_SAMPLES,
  channelKey,
  chunkRow,
  emptyColumns,
  foldMinute,
  minuteParams,
  SQLITE_MINUTE_UPSERT,
  summarise,
} from './samples.js';
import { type Database, MIGRATION_TABLE, MIGRATIONS, migrate, refuseNewer } from './schema.js';
import { sqliteIssue } from './sqlite-errors.js';
import { BUSY_TIMEOUT_MS } from './sqlite-list.js';

/**
 * SQLite backend: one file, WAL mode (readers never block the writer), a busy timeout so that
 * several trackers writing the same file wait for each other instead of failing, and each tick
 * written through prepared statements in one small transaction.
 */
export { BUSY_TIMEOUT_MS };
/**
 * Per-tick sample writes wait at most this long for a lock held by another process: writes are
 * synchronous, and a 10 s wait would freeze the tracker (its clock, signals, the command's exit).
 * A refused batch is kept by the tracker and written at a later tick.
 */
export const SAMPLE_BUSY_TIMEOUT_MS = 100;
const DONE = Promise.resolve();

export class SqliteStore extends KyselyStore {
  private tickWriter: ((batch: SampleBatch) => void) | undefined;
  private shortWait: BetterSqlite3.Statement | undefined;
  private longWait: BetterSqlite3.Statement | undefined;

  constructor(
    readonly sqlite: BetterSqlite3.Database,
    path: string,
    /** Opened read-only: listing and showing work, nothing is written. */
    readonly readOnly = false,
  ) {
    super(new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), 'sqlite', path);
  }

  /** Prepared once the migrations have created the tables. */
  private prepareTick(): (batch: SampleBatch) => void {
    const db = this.sqlite;
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
        addChannel.run(...args);
        id = Number(findChannel.get(...args));
        ids.set(key, id);
      }
      if (!this.openCounts.has(id)) this.openCounts.set(id, Number(openRows.get(id)));
      return id;
    };
    const seal = (id: number) => {
      const rows = headRows.all(id) as { t: number; intervalS: number; powerW: number; energyJ: number }[];
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
      insertChunk.run(
        chunk.channelId,
        chunk.firstT,
        chunk.lastT,
        chunk.count,
        chunk.data,
        chunk.minPowerW,
        chunk.maxPowerW,
        chunk.sumPowerW,
      );
      deleteHead.run(id, chunk.lastT);
    };
    const channelIds: number[] = [];
    const tick = db.transaction((batch: SampleBatch) => {
      channelIds.length = 0;
      const fromT = batch.t - batch.intervalS * 1000;
      for (let i = 0; i < batch.count; i++) {
        const id = channel(batch, i);
        channelIds.push(id);
        insertHead.run(id, batch.t, batch.intervalS, batch.powerW[i], batch.energyJ[i]);
        updateChannel.run(batch.energyJ[i], batch.t, batch.t, batch.t, batch.t, fromT, fromT, id);
      }
      let interval = intervals.get(batch.runId);
      if (interval === undefined) {
        interval = Number(runInterval.get(batch.runId) ?? 0);
        intervals.set(batch.runId, interval);
      }
      upsertMinute.run(
        ...minuteParams(foldMinute(undefined, batch.runId, batch.host, summarise(batch), interval)),
      );
      const machine = batch.machineEnergyJ;
      if (machine) addMachine.run(machine.gpu, machine.cpu, machine.ram, batch.runId, batch.host);
      for (const id of channelIds) if ((this.openCounts.get(id) ?? 0) + 1 >= CHUNK_SAMPLES) seal(id);
    });
    return (batch: SampleBatch) => {
      try {
        tick(batch);
      } catch (error) {
        // Rolled back: what this writer believed about open chunks may be wrong; count again.
        this.openCounts.clear();
        throw error;
      }
      for (const id of channelIds) {
        const n = (this.openCounts.get(id) ?? 0) + 1;
        this.openCounts.set(id, n >= CHUNK_SAMPLES ? 0 : n);
      }
    };
  }

  /** Nothing can be marked interrupted in a read-only file: runs are shown as stored. */
  override async recoverInterrupted(
    machine: string,
    isAlive: (pid: number, pidStart: string | null) => boolean,
  ): Promise<string[]> {
    return this.readOnly ? [] : super.recoverInterrupted(machine, isAlive);
  }

  /** Synchronous under the hood: when the promise is returned, the samples are committed. */
  override appendSamples(batch: SampleBatch): Promise<void> {
    if (batch.count > 0) {
      this.tickWriter ??= this.prepareTick();
      this.shortWait ??= this.sqlite.prepare(`PRAGMA busy_timeout = ${SAMPLE_BUSY_TIMEOUT_MS}`).pluck();
      this.longWait ??= this.sqlite.prepare(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`).pluck();
      this.shortWait.get();
      try {
        this.tickWriter(batch);
      } finally {
        this.longWait.get();
      }
    }
    return DONE;
  }
}

export async function openSqliteStore(path: string): Promise<SqliteStore> {
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    if (path !== ':memory:') makeFolders(dirname(path));
    sqlite = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma('journal_mode = WAL');
    // In WAL mode NORMAL keeps the database consistent after a crash of the process, and loses
    // nothing committed unless the machine itself loses power.
    sqlite.pragma('synchronous = NORMAL');
    const store = new SqliteStore(sqlite, path);
    await migrate(store.db as unknown as Kysely<unknown>);
    return store;
  } catch (error) {
    sqlite?.close();
    const code = String((error as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      const readOnly = await openReadOnly(path).catch(() => undefined);
      if (readOnly) return readOnly;
    }
    throw sqliteIssue(error, path) ?? error;
  }
}

/**
 * A database the user may read but not write (a shared or archived file) is still listed and
 * shown; writing to it then fails with a clear error. Only when its schema is complete: a
 * migration cannot be applied read-only.
 */
async function openReadOnly(path: string): Promise<SqliteStore | undefined> {
  const sqlite = openForReading(path);
  try {
    const applied = new Set(
      (sqlite.prepare(`SELECT name FROM ${MIGRATION_TABLE}`).pluck().all() as string[]).map(String),
    );
    refuseNewer(applied);
    if (Object.keys(MIGRATIONS).some((name) => !applied.has(name))) {
      sqlite.close();
      return undefined;
    }
    return new SqliteStore(sqlite, path, true);
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * A WAL database needs its shared-memory file even to be read: in a folder nobody may write, where
 * no writer can be at work either, a copy in memory is read instead (WAL flag cleared in the copy).
 */
function openForReading(path: string): BetterSqlite3.Database {
  try {
    const sqlite = new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return sqlite;
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if ((code !== 'SQLITE_READONLY_DIRECTORY' && code !== 'SQLITE_CANTOPEN') || existsSync(`${path}-wal`))
      throw error;
    const copy = readFileSync(path);
    if (copy[18] === 2 && copy[19] === 2) copy.fill(1, 18, 20);
    return new BetterSqlite3(copy, { readonly: true });
  }
}

/**
 * Creates the missing folders of `dir`, one level at a time: Node's recursive mkdir loops
 * forever where a parent exists but refuses children (under /proc, for instance).
 */
function makeFolders(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeFolders(parent);
  mkdirSync(dir);
}
