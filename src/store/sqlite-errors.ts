// SQLite failures said as usage errors; apart from sqlite.ts so that reading them loads no driver.
import { type EmpreinteError, userError } from '../errors.js';
import { type Message, type MessageKey, msg } from '../messages/index.js';
import { NewerDatabaseError } from './store-errors.js';

/** What went wrong with a database, said without its location (the server must not show its path). */
export interface StoreProblem {
  what: Message;
  accepted: Message;
  kind: 'conflict' | 'invalid_value';
}

/**
 * A SQLite failure the user can act on (a locked, full, read-only, damaged, unreadable or foreign
 * database file, or one written by a newer version); undefined for anything else.
 */
export function sqliteProblem(error: unknown): StoreProblem | undefined {
  if (error instanceof NewerDatabaseError)
    return {
      what: msg('store.newer', { migrations: error.unknown.join(', ') }),
      accepted: msg('store.newerAccepted'),
      kind: 'invalid_value',
    };
  const code = String((error as { code?: unknown })?.code ?? '');
  const problem = (
    what: MessageKey | Message,
    accepted: MessageKey,
    kind: StoreProblem['kind'] = 'invalid_value',
  ): StoreProblem => ({ what: typeof what === 'string' ? msg(what) : what, accepted: msg(accepted), kind });
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_LOCKED'))
    return problem('store.locked', 'store.lockedAccepted', 'conflict');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return problem('store.full', 'store.fullAccepted');
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return problem('store.readOnly', 'store.readOnlyAccepted');
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT' || code === 'ENOTDIR')
    return problem('store.cantOpen', 'store.cantOpenAccepted');
  if (code === 'SQLITE_NOTADB') return problem('store.notDb', 'store.notDbAccepted');
  if (code.startsWith('SQLITE_CORRUPT'))
    return problem(msg('store.corrupt', { file: '<file>' }), 'store.corruptAccepted');
  if (code.startsWith('SQLITE_IOERR'))
    return problem(msg('store.ioError', { cause: (error as Error).message }), 'store.ioErrorAccepted');
  return undefined;
}

/** `sqliteProblem` as a usage error naming `--db` and the file (the CLI's and the library's). */
export function sqliteIssue(error: unknown, path: string): EmpreinteError | undefined {
  const problem = sqliteProblem(error);
  if (!problem) return undefined;
  const found = userError(problem.kind, 'db', 'store.sqlite', {
    value: path,
    // The file is named where the sentence has room for it (`sqlite3 <file> .recover`).
    what: problem.what.params?.file
      ? msg(problem.what.key, { ...problem.what.params, file: path })
      : problem.what,
    accepted: problem.accepted,
  });
  // Kept for the server, which says what went wrong without showing its own path.
  return Object.assign(found, { cause: error });
}
