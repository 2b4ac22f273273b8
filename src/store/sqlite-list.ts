// The runs of a SQLite file read straight through the driver, without the store's query builder
// and migrations: what `runs list` needs when nothing is left for the store to write.
import BetterSqlite3 from 'better-sqlite3';
import type { RunRecord } from '../records.js';
import { MIGRATION_NAMES, MIGRATION_TABLE } from './migration-names.js';
import { toRun } from './rows.js';
import type { RunsTable } from './tables.js';

/** How long a reader or writer waits for another process's lock. */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * The runs, newest first (only the `limit` newest when given), when each is settled: every
 * migration applied (a file written by an older or newer version goes through the store, which
 * migrates or refuses it), no host of any run still `running` on `machine` (the store marks the
 * dead ones interrupted), and the energy and end of every run listed stored (a run still going adds
 * up its samples). Undefined otherwise, or when the file cannot be read here: the store then opens
 * it and says what is wrong.
 */
export function readSettledRuns(path: string, machine: string, limit?: number): RunRecord[] | undefined {
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  } catch {
    return undefined;
  }
  try {
    const applied = new Set(
      (sqlite.prepare(`SELECT name FROM ${MIGRATION_TABLE}`).pluck().all() as unknown[]).map(String),
    );
    if (applied.size !== MIGRATION_NAMES.length || MIGRATION_NAMES.some((name) => !applied.has(name)))
      return undefined;
    const live = sqlite
      .prepare("SELECT 1 FROM runHosts WHERE status = 'running' AND machine = ? LIMIT 1")
      .get(machine);
    if (live !== undefined) return undefined;
    // A negative limit is none: SQLite's own way to say "all".
    const runs = (
      sqlite
        .prepare('SELECT * FROM runs ORDER BY startedAt DESC, id DESC LIMIT ?')
        .all(limit ?? -1) as RunsTable[]
    ).map(toRun);
    return runs.every((run) => run.energyJ !== null && run.endedAt !== null) ? runs : undefined;
  } catch {
    return undefined;
  } finally {
    sqlite.close();
  }
}
