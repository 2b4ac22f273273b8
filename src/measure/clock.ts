/**
 * The tracker's one clock: epoch milliseconds that never go backwards (the monotonic clock
 * anchored at process start), so intervals stay right if the wall clock is adjusted mid-run.
 */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
