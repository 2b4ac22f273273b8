import type { IntensitySeries } from '../grid/series.js';

/**
 * Best contiguous window, exactly and in O(n). The intensity is a step function (slot `k` holds
 * `values[k]` over `[t0 + k·step, t0 + (k+1)·step)`), so the emissions of a job of duration `D`
 * starting at `s` are `F(s + D) − F(s)` with `F` the running integral, read in O(1) from prefix
 * sums. That cost is piecewise linear in `s`, with breakpoints where `s` or `s + D` crosses a slot
 * boundary, so its minimum over `[lo, hi − D]` lies at a start on a boundary (a partial slot at the
 * end), an end on a boundary (a partial slot at the start), or at `lo` or `hi − D`: at most
 * `2n + 2` candidates. A window touching a gap slot (`NaN`) is never chosen.
 */
export interface SeriesIndex {
  series: IntensitySeries;
  t0: number;
  step: number;
  n: number;
  /** `prefix[k]` = sum of the first `k` values (gaps count 0). */
  prefix: Float64Array;
  /** `gaps[k]` = number of gap slots among the first `k`. */
  gaps: Int32Array;
}

export interface Placement {
  startMs: number;
  endMs: number;
  /** Mean intensity over the run time. */
  mean: number;
}

export function indexSeries(series: IntensitySeries): SeriesIndex {
  const n = series.values.length;
  const prefix = new Float64Array(n + 1);
  const gaps = new Int32Array(n + 1);
  let sum = 0;
  let gapCount = 0;
  for (let k = 0; k < n; k++) {
    const v = series.values[k];
    if (!Number.isNaN(v)) sum += v;
    else gapCount++;
    prefix[k + 1] = sum;
    gaps[k + 1] = gapCount;
  }
  return { series, t0: series.times[0], step: series.stepMs, n, prefix, gaps };
}

/** Integral of the intensity from `t0` to `t`, in value·slots (`t` within the series). */
function integral(ix: SeriesIndex, t: number): number {
  const x = (t - ix.t0) / ix.step;
  const k = Math.floor(x);
  if (k >= ix.n) return ix.prefix[ix.n];
  const frac = x - k;
  return frac === 0 ? ix.prefix[k] : ix.prefix[k] + frac * ix.series.values[k];
}

/** True when `[start, start + duration)` lies inside the series and touches no gap. */
export function covered(ix: SeriesIndex, startMs: number, durationMs: number): boolean {
  const end = startMs + durationMs;
  if (startMs < ix.t0 || end > ix.t0 + ix.n * ix.step) return false;
  const first = Math.floor((startMs - ix.t0) / ix.step);
  const last = Math.ceil((end - ix.t0) / ix.step);
  return ix.gaps[last] - ix.gaps[first] === 0;
}

/** The window starting at `startMs` (the "run it now" baseline), or undefined if not covered. */
export function windowAt(ix: SeriesIndex, startMs: number, durationMs: number): Placement | undefined {
  if (!covered(ix, startMs, durationMs)) return undefined;
  const mean = ((integral(ix, startMs + durationMs) - integral(ix, startMs)) * ix.step) / durationMs;
  return { startMs, endMs: startMs + durationMs, mean };
}

/** The lowest-mean window of `durationMs` inside `[lo, hi]`; ties go to the earliest start. */
export function bestContiguous(
  ix: SeriesIndex,
  durationMs: number,
  lo: number,
  hi: number,
): Placement | undefined {
  const { t0, step, prefix, gaps } = ix;
  const values = ix.series.values;
  const from = Math.max(lo, t0);
  const to = Math.min(hi, t0 + ix.n * step);
  const latest = to - durationMs;
  if (latest < from) return undefined;
  let bestStart = Number.NaN;
  let bestCost = Number.POSITIVE_INFINITY;
  const offer = (start: number, cost: number) => {
    if (Number.isNaN(bestStart)) {
      bestStart = start;
      bestCost = cost;
      return;
    }
    const tolerance = 1e-12 * Math.max(1, Math.abs(bestCost));
    if (cost < bestCost - tolerance || (cost <= bestCost + tolerance && start < bestStart)) {
      bestCost = cost;
      bestStart = start;
    }
  };
  // The two free ends of the range, off the grid in general.
  for (const start of [from, latest]) {
    if (covered(ix, start, durationMs)) offer(start, integral(ix, start + durationMs) - integral(ix, start));
  }
  // Whole slots m and a remainder fraction fr of a slot.
  const m = Math.floor(durationMs / step);
  const rest = durationMs - m * step;
  const fr = rest / step;
  const tail = rest > 0 ? 1 : 0;
  // Starts on a boundary: slots k … k+m−1 whole, slot k+m for a fraction fr.
  const kFirst = Math.ceil((from - t0) / step);
  const kLast = Math.floor((latest - t0) / step);
  for (let k = kFirst; k <= kLast; k++) {
    if (gaps[k + m + tail] !== gaps[k]) continue;
    offer(t0 + k * step, prefix[k + m] - prefix[k] + (tail ? fr * values[k + m] : 0));
  }
  // Ends on a boundary j: slot j−m−1 for a fraction fr (its end), slots j−m … j−1 whole.
  if (tail) {
    const jFirst = Math.ceil((from + durationMs - t0) / step);
    const jLast = Math.floor((to - t0) / step);
    for (let j = jFirst; j <= jLast; j++) {
      if (gaps[j] !== gaps[j - m - 1]) continue;
      offer(t0 + j * step - durationMs, prefix[j] - prefix[j - m] + fr * values[j - m - 1]);
    }
  }
  if (Number.isNaN(bestStart)) return undefined;
  return { startMs: bestStart, endMs: bestStart + durationMs, mean: (bestCost * step) / durationMs };
}
