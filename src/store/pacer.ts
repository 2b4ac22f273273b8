/**
 * Paces long reads. The SQLite driver is synchronous (its awaits never let other requests run), so
 * a read that walks many rows gives the event loop back itself once it has held it for its budget.
 *
 * Two ranks share the loop. A foreground read is one a request waits on as a whole (a chart's
 * series); a background read streams a run out bit by bit (live streams, exports). While a
 * foreground read is under way, a background read that yields stays off the loop until it is done
 * or `MAX_DEFER_MS` has passed: with several streams open, a series would otherwise wait for every
 * stream's turn at each of its own yields, and answer in seconds instead of its own few hundred
 * milliseconds. The cap keeps streams moving however many series are asked for.
 */
const MAX_DEFER_MS = 200;

let foreground = 0;
const deferred = new Set<() => void>();

export class Pacer {
  private since = performance.now();

  /** `budgetMs` 0: yield at every call. */
  constructor(
    private readonly budgetMs: number,
    private readonly rank: 'foreground' | 'background',
  ) {}

  /** Yields when the budget is spent since the last yield; otherwise returns at once. */
  async pace(): Promise<void> {
    if (this.budgetMs > 0 && performance.now() - this.since < this.budgetMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.rank === 'background' && foreground > 0) await foregroundDone();
    this.since = performance.now();
  }
}

function foregroundDone(): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      deferred.delete(done);
      resolve();
    };
    const timer = setTimeout(done, MAX_DEFER_MS);
    deferred.add(done);
  });
}

/** Runs `read` as a foreground read: background reads defer to it while it runs. */
export async function inForeground<T>(read: () => Promise<T>): Promise<T> {
  foreground++;
  try {
    return await read();
  } finally {
    foreground--;
    if (foreground === 0) for (const done of [...deferred]) done();
  }
}
