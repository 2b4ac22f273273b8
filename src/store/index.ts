import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issue } from '../errors.js';
import { loadOptional } from '../integrations/optional.js';
import type { Store } from '../records.js';

export type * from '../records.js';
export { RunConflictError } from './kysely-store.js';
export { type StoreProblem, sqliteIssue, sqliteProblem } from './sqlite-errors.js';

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
