import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issue } from '../errors.js';
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
