// SQLite failures said as usage errors; apart from sqlite.ts so that reading them loads no driver.
import { type EmpreinteError, issue } from '../errors.js';
import { NewerDatabaseError } from './store-errors.js';

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
