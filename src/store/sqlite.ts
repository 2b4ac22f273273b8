import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { SampleBatch } from '../records.js';
import { KyselyStore } from './kysely-store.js';
import { MIGRATION_TABLE, MIGRATIONS, migrate } from './schema.js';
import { sqliteIssue } from './sqlite-errors.js';
import { BUSY_TIMEOUT_MS } from './sqlite-list.js';
import { SqliteTickWriter } from './sqlite-tick.js';
import { refuseNewer } from './store-errors.js';
import type { Database } from './tables.js';

/**
 * SQLite backend: one file, WAL mode (readers never block the writer), a busy timeout so that
 * several trackers writing the same file wait for each other instead of failing, and each tick
 * written through prepared statements in one small transaction.
 */
const DONE = Promise.resolve();

export class SqliteStore extends KyselyStore {
  private tickWriter: SqliteTickWriter | undefined;

  constructor(
    readonly sqlite: BetterSqlite3.Database,
    path: string,
    /** Opened read-only: listing and showing work, nothing is written. */
    readonly readOnly = false,
  ) {
    super(new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), 'sqlite', path);
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
      // Prepared once the migrations have created the tables.
      this.tickWriter ??= new SqliteTickWriter(this.sqlite, this.openCounts);
      this.tickWriter.append(batch);
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
