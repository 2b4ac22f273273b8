// The store's own errors, with no query builder: the tracker's SQLite writer and the messages
// that explain them load this alone.
import { MIGRATION_NAMES } from './migration-names.js';

/** A host may join a run once. */
export class RunConflictError extends Error {
  constructor(
    readonly runId: string,
    readonly host: string,
  ) {
    super(`run ${runId} already has a host named ${host}`);
    this.name = 'RunConflictError';
  }
}

/** The database carries migrations this version does not know: a newer version wrote it. */
export class NewerDatabaseError extends Error {
  constructor(readonly unknown: string[]) {
    super(`database written by a newer version (unknown migrations: ${unknown.join(', ')})`);
    this.name = 'NewerDatabaseError';
  }
}

/** Throws when `applied` names migrations this version does not have. */
export function refuseNewer(applied: ReadonlySet<string>): void {
  const unknown = [...applied].filter((name) => !MIGRATION_NAMES.includes(name)).sort();
  if (unknown.length > 0) throw new NewerDatabaseError(unknown);
}
