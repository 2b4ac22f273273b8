import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { userError } from '../errors.js';
import { msg } from '../messages/index.js';
import type { NewRun, NewRunHost } from '../records.js';
import { KyselyStore } from './kysely-store.js';
import { migrate } from './schema.js';
import { RunConflictError } from './store-errors.js';
import type { Database } from './tables.js';

/**
 * PostgreSQL backend: the same `KyselyStore`, schema and migrations as SQLite over Kysely's
 * `PostgresDialect`, for teams and multi-node runs (several trackers write one run at once).
 * Samples go in one multi-row INSERT per tick (one round trip); connections come from a small pool.
 */

/** Key of the advisory lock that serialises migrations across processes ("empr" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x656d_7072;

/** A URL shown in messages: the password replaced by an ellipsis. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, '$1:…@');
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export interface PostgresStoreOptions {
  /** Pool size; a tracker needs one or two connections, the server a few more. */
  maxConnections?: number;
}

export class PostgresStore extends KyselyStore {
  constructor(
    readonly pool: pg.Pool,
    url: string,
  ) {
    super(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), 'postgres', redactUrl(url));
  }

  /**
   * Two trackers joining with the same host name at the same instant both pass the existence
   * check; the second then hits the primary key: the same conflict, said the same way.
   */
  override async createRun(run: NewRun, host: NewRunHost): Promise<void> {
    try {
      await super.createRun(run, host);
    } catch (error) {
      const e = error as { code?: string; constraint?: string };
      if (e.code === '23505' && e.constraint === 'runHosts_pk') throw new RunConflictError(run.id, host.host);
      throw error;
    }
  }
}

/**
 * Opens the store and applies pending migrations. `CREATE TABLE IF NOT EXISTS` is not safe
 * against a concurrent twin in PostgreSQL (both may pass the check and one then fails on the
 * catalog's unique index), so the whole migration step runs under a session advisory lock:
 * trackers starting together on several nodes wait for each other, then find the schema done.
 */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 4 });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const store = new PostgresStore(pool, url);
  try {
    await store.db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY}::bigint)`.execute(conn);
      try {
        await migrate(conn as unknown as Kysely<unknown>);
      } finally {
        await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY}::bigint)`.execute(conn);
      }
    });
  } catch (error) {
    await store.close().catch(() => {});
    throw connectionIssue(error, store.location);
  }
  return store;
}

/** Errors that mean the URL is wrong or the server unreachable: a user mistake naming `--db`. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  '28P01',
  '28000',
  '3D000',
]);

function connectionIssue(error: unknown, shown: string): unknown {
  const code = (error as { code?: string }).code;
  if (!code || !CONNECTION_CODES.has(code)) return error;
  return userError('invalid_value', 'db', 'store.postgresUnreachable', {
    value: shown,
    cause: (error as Error).message,
    accepted: msg('store.postgresAccepted'),
  });
}
