import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EmpreinteError, issue } from '../errors.js';
import type { Store } from './types.js';

export { RunConflictError } from './kysely-store.js';
export type * from './types.js';

/** `--db` wins, then `EMPREINTE_DB`, then `~/.empreinte/empreinte.db`. */
export function resolveDbLocation(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const given = flag || env.EMPREINTE_DB;
  if (given) return isUrl(given) ? given : resolve(given);
  return join(homedir(), '.empreinte', 'empreinte.db');
}

export function isUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}

/**
 * Opens the store (running migrations): a `postgres://` or `postgresql://` URL selects PostgreSQL,
 * a file path (or `file://` URL) SQLite. Same `KyselyStore`, schema and migrations on both.
 */
export async function openStore(location: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    const { openPostgresStore } = await import('./postgres.js');
    return openPostgresStore(location);
  }
  if (isUrl(location) && !location.startsWith('file://')) {
    const shown = location.replace(/\/\/[^@/]*@/, '//…@');
    throw issue(
      'invalid_value',
      'db',
      `--db: ${shown} is not a supported database (expected a file path or a PostgreSQL URL)`,
      {
        value: shown,
        accepted: 'a SQLite file path, or postgres://user:password@host:port/database',
      },
    );
  }
  const { openSqliteStore } = await import('./sqlite.js');
  return openSqliteStore(location.startsWith('file://') ? fileURLToPath(location) : location);
}

/**
 * A SQLite failure the user can act on (a locked, full, read-only, unreadable or foreign
 * database file) as a usage error naming `--db`; undefined for anything else.
 */
export function sqliteIssue(error: unknown, path: string): EmpreinteError | undefined {
  const code = String((error as { code?: unknown })?.code ?? '');
  const problem = (what: string, accepted: string, kind: 'conflict' | 'invalid_value' = 'invalid_value') =>
    issue(kind, 'db', `--db ${path}: ${what}`, { value: path, accepted });
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_LOCKED'))
    return problem(
      'the database is locked by another process; try again when it is done, or give another --db',
      'a database no other process holds locked',
      'conflict',
    );
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return problem('the disk is full', 'a database on a disk with free space');
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return problem(
      'cannot write there (read-only file, folder or file system)',
      'a database file and folder you can write',
    );
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT' || code === 'ENOTDIR')
    return problem('cannot open or create the database file there', 'a path in a folder you can write');
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
    return problem(
      'not an empreinte database (or a damaged one)',
      'an empreinte SQLite database, or a new file',
    );
  if (code.startsWith('SQLITE_IOERR'))
    return problem(`input/output error (${(error as Error).message})`, 'a database on a working disk');
  return undefined;
}
