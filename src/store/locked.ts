// Waiting out a lock another process holds on the database, for the steps of a run that must not fail on one.

/** How long a run's start or end waits for a lock another process holds (as SQLite's busy timeout). */
export const LOCK_WAIT_MS = 10_000;

/** Whether a store failure is a lock another process holds (SQLite busy or locked): it goes away by waiting. */
export function isLocked(error: unknown): boolean {
  const code = (error: unknown) => String((error as { code?: unknown } | undefined)?.code ?? '');
  return /BUSY|LOCKED/.test(code(error)) || /BUSY|LOCKED/.test(code((error as { cause?: unknown })?.cause));
}

/**
 * Runs `attempt` again while it fails on a lock, for at most `waitMs` in all. SQLite's busy timeout
 * waits for most locks, but where waiting could deadlock it answers SQLITE_BUSY at once (the
 * sqlite3_busy_handler documentation): a connection holding a read lock that needs a write lock
 * while another does the same, as when two trackers turn a new file to WAL together. Trackers
 * starting or ending together on one file must wait for each other, not fail.
 */
export async function retryWhileLocked<T>(
  attempt: () => Promise<T>,
  waitMs = LOCK_WAIT_MS,
  pauseMs = 50,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isLocked(error) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
