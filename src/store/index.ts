import { fileURLToPath } from 'node:url';
import { userError } from '../errors.js';
import { msg } from '../messages/index.js';
import { loadOptional } from '../optional.js';
import type { Store } from '../records.js';
import { isUrl } from './location.js';

export type * from '../records.js';
export { isUrl, resolveDbLocation } from './location.js';
export { retryWhileLocked } from './locked.js';
export { type StoreProblem, sqliteIssue, sqliteProblem } from './sqlite-errors.js';
export { RunConflictError } from './store-errors.js';

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
      feature: 'integrations.featurePostgres',
    });
    return openPostgresStore(location);
  }
  if (isUrl(location) && !location.startsWith('file://')) {
    const shown = location.replace(/\/\/[^@/]*@/, '//…@');
    throw userError('invalid_value', 'db', 'store.unsupportedDb', {
      value: shown,
      accepted: msg('store.unsupportedDbAccepted'),
    });
  }
  const { openSqliteStore } = await import('./sqlite.js');
  return openSqliteStore(location.startsWith('file://') ? fileURLToPath(location) : location);
}

/**
 * The store a measured run writes to: an up-to-date SQLite file through the driver alone (the
 * tracker starts sampling sooner and smaller), anything else as `openStore` opens it.
 */
export async function openRunStore(location: string): Promise<Store> {
  if (!isUrl(location) || location.startsWith('file://')) {
    const { openSqliteRunStore } = await import('./sqlite-run.js');
    const store = openSqliteRunStore(location.startsWith('file://') ? fileURLToPath(location) : location);
    if (store) return store;
  }
  return openStore(location);
}
