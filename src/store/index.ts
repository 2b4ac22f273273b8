import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EmpreinteError, issue } from '../errors.js';
import { loadOptional } from '../integrations/optional.js';
import { NewerDatabaseError } from './schema.js';
import type { Store } from './types.js';

export { RunConflictError } from './kysely-store.js';
export type * from './types.js';

/** `--db` wins, then `EMPREINTE_DB`, then `~/.empreinte/empreinte.db`. */
export function resolveDbLocation(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  // An empty value is a mistake (an unset shell variable), not a request for the default database.
  if (flag !== undefined && flag.trim() === '')
    throw issue('invalid_value', 'db', '--db is empty', {
      value: flag,
      accepted: 'a file path or a PostgreSQL URL',
    });
  if (flag === undefined && env.EMPREINTE_DB !== undefined && env.EMPREINTE_DB.trim() === '')
    throw issue('invalid_value', 'db', 'EMPREINTE_DB is set but empty', {
      value: env.EMPREINTE_DB,
      accepted: 'a file path or a PostgreSQL URL, or EMPREINTE_DB unset for ~/.empreinte/empreinte.db',
    });
  const given = flag ?? env.EMPREINTE_DB;
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
    // `pg` is an optional peer: only PostgreSQL users install it.
    const { openPostgresStore } = await loadOptional(() => import('./postgres.js'), {
      packages: ['pg'],
      field: 'db',
      flag: '--db',
      feature: 'a PostgreSQL database',
    });
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

/** What went wrong with a database, said without its location (the server must not show its path). */
export interface StoreProblem {
  what: string;
  accepted: string;
  kind: 'conflict' | 'invalid_value';
}

/**
 * A SQLite failure the user can act on (a locked, full, read-only, damaged, unreadable or foreign
 * database file, or one written by a newer version); undefined for anything else.
 */
export function sqliteProblem(error: unknown): StoreProblem | undefined {
  if (error instanceof NewerDatabaseError)
    return {
      what: `written by a newer version of empreinte (unknown migration ${error.unknown.join(', ')}); this version will not change it`,
      accepted: 'a database of this version or older: upgrade empreinte, or give another --db',
      kind: 'invalid_value',
    };
  const code = String((error as { code?: unknown })?.code ?? '');
  const problem = (what: string, accepted: string, kind: StoreProblem['kind'] = 'invalid_value') => ({
    what,
    accepted,
    kind,
  });
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
  if (code === 'SQLITE_NOTADB')
    return problem('not an SQLite database', 'an empreinte SQLite database, or a new file');
  if (code.startsWith('SQLITE_CORRUPT'))
    return problem(
      'the database file is damaged (some of its pages cannot be read); restore it from a backup, or save what is readable with `sqlite3 <file> .recover | sqlite3 new.db` and use new.db',
      'an undamaged empreinte database, or a new file',
    );
  if (code.startsWith('SQLITE_IOERR'))
    return problem(`input/output error (${(error as Error).message})`, 'a database on a working disk');
  return undefined;
}

/** `sqliteProblem` as a usage error naming `--db` and the file (the CLI's and the library's). */
export function sqliteIssue(error: unknown, path: string): EmpreinteError | undefined {
  const problem = sqliteProblem(error);
  if (!problem) return undefined;
  const found = issue(problem.kind, 'db', `--db ${path}: ${problem.what.replace('<file>', path)}`, {
    value: path,
    accepted: problem.accepted,
  });
  // Kept for the server, which says what went wrong without showing its own path.
  return Object.assign(found, { cause: error });
}
