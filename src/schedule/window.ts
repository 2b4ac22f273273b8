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
  return seriesWindowAt(ix.series, startMs, durationMs);
}

/** The lowest-mean window of `durationMs` inside `[lo, hi]`; ties go to the earliest start. */
export function bestContiguous(
  ix: SeriesIndex,
  durationMs: number,
  lo: number,
  hi: number,
): Placement | undefined {
  return seriesBestContiguous(ix.series, durationMs, lo, hi);
}

/**
 * Emissions of `[startMs, startMs + durationMs)` in value·slots, summed over the slots it touches
 * (partial slots at either end weighted by the part used); NaN when it leaves the series or
 * touches a gap.
 */
function costAt(s: IntensitySeries, startMs: number, durationMs: number): number {
  const { values, stepMs: step } = s;
  const t0 = s.times[0];
  const n = values.length;
  const x0 = (startMs - t0) / step;
  const x1 = (startMs + durationMs - t0) / step;
  if (x0 < 0 || x1 > n) return Number.NaN;
  const k0 = Math.floor(x0);
  const k1 = Math.floor(x1);
  const f0 = x0 - k0;
  const f1 = x1 - k1;
  // Whole slots k0 … k1−1, minus the part of slot k0 before the start, plus the part of k1 used.
  let cost = 0;
  for (let k = k0; k < k1; k++) cost += values[k];
  if (f0 > 0) cost -= f0 * values[k0];
  if (f1 > 0) cost += f1 * values[k1];
  return cost; // a gap (NaN) anywhere in the window makes it NaN
}

/** `windowAt` on the series itself: no index needed for one window. */
export function seriesWindowAt(
  s: IntensitySeries,
  startMs: number,
  durationMs: number,
): Placement | undefined {
  const cost = costAt(s, startMs, durationMs);
  if (Number.isNaN(cost)) return undefined;
  return { startMs, endMs: startMs + durationMs, mean: (cost * s.stepMs) / durationMs };
}

/**
 * `bestContiguous` in one pass over the values, with no index, no allocation and no closure per
 * candidate. A window of `m` whole slots `[w, w + m)` slides over the range, its sum and gap count
 * kept by adding the slot entering and removing the slot leaving. Each position gives two
 * candidates, visited in order of start time: the job ending on the boundary `w + m` (a fraction
 * of slot `w − 1` before it) and the job starting on the boundary `w` (a fraction of slot `w + m`
 * after it); the two free ends of the range come first and last. Visiting in start order, a
 * candidate replaces the best only when clearly lower, so ties go to the earliest start.
 */
export function seriesBestContiguous(
  s: IntensitySeries,
  durationMs: number,
  lo: number,
  hi: number,
  /** Set to true when the pass read every slot of the series and met no gap. */
  scanned?: { gapFree: boolean },
): Placement | undefined {
  const values = s.values;
  const step = s.stepMs;
  const t0 = s.times[0];
  const n = values.length;
  const from = Math.max(lo, t0);
  const to = Math.min(hi, t0 + n * step);
  const latest = to - durationMs;
  if (latest < from) return undefined;
  const m = Math.floor(durationMs / step);
  const rest = durationMs - m * step;
  const fr = rest / step;
  const tail = rest > 0;
  // Start-aligned candidates k in [kFirst, kLast]; end-aligned on boundary j = w + m, j in [jFirst, jLast].
  const kFirst = Math.ceil((from - t0) / step);
  const kLast = Math.floor((latest - t0) / step);
  const wEndFirst = tail ? Math.ceil((from + durationMs - t0) / step) - m : kFirst;
  const wEndLast = tail ? Math.floor((to - t0) / step) - m : kFirst - 1;
  const wFirst = Math.min(kFirst, wEndFirst);
  const wLast = Math.max(kLast, wEndLast);

  let bestStart = Number.NaN;
  let bestCost = Number.POSITIVE_INFINITY;
  // Visited in start order: a candidate wins only when below `limit`, the best less a tolerance.
  let limit = Number.POSITIVE_INFINITY;
  let cost = costAt(s, from, durationMs);
  if (!Number.isNaN(cost)) {
    bestStart = from;
    bestCost = cost;
    limit = bestCost - 1e-12 * Math.max(1, Math.abs(bestCost));
  }
  let clean = false;
  const [costFrom, limitFrom] = [bestCost, limit];
  if (wFirst <= wLast && !tail) {
    // Whole slots (the common case): the plain sliding sum. A gap makes the sum NaN from where it
    // enters to the end (NaN compares false, so no window with a gap is kept): then the careful
    // loop below runs instead.
    let sum = 0;
    for (let k = wFirst; k < wFirst + m; k++) sum += values[k];
    let bestW = -1;
    for (let w = wFirst; ; w++) {
      if (sum < limit) {
        bestCost = sum;
        limit = sum - 1e-12 * Math.max(1, Math.abs(sum));
        bestW = w;
      }
      if (w === wLast) break;
      sum += values[w + m] - values[w];
    }
    clean = !Number.isNaN(sum);
    if (scanned) scanned.gapFree = clean && wFirst === 0 && wLast + m === n;
    if (clean && bestW >= 0) bestStart = t0 + bestW * step;
    if (!clean) [bestCost, limit] = [costFrom, limitFrom];
  }
  if (!clean && wFirst <= wLast) {
    let sum = 0;
    let gaps = 0;
    for (let k = wFirst; k < wFirst + m; k++) {
      const v = values[k];
      if (!Number.isNaN(v)) sum += v;
      else gaps++;
    }
    for (let w = wFirst; w <= wLast; w++) {
      if (w > wFirst) {
        const leaving = values[w - 1];
        const entering = values[w + m - 1];
        if (!Number.isNaN(leaving)) sum -= leaving;
        else gaps--;
        if (!Number.isNaN(entering)) sum += entering;
        else gaps++;
      }
      if (gaps !== 0) continue;
      if (tail && w >= wEndFirst && w <= wEndLast) {
        cost = sum + fr * values[w - 1];
        if (cost < limit) {
          bestCost = cost;
          limit = cost - 1e-12 * Math.max(1, Math.abs(cost));
          bestStart = t0 + (w + m) * step - durationMs;
        }
      }
      if (w >= kFirst && w <= kLast) {
        cost = tail ? sum + fr * values[w + m] : sum;
        if (cost < limit) {
          bestCost = cost;
          limit = cost - 1e-12 * Math.max(1, Math.abs(cost));
          bestStart = t0 + w * step;
        }
      }
    }
  }
  cost = latest > from ? costAt(s, latest, durationMs) : Number.NaN;
  if (cost < limit) {
    bestCost = cost;
    bestStart = latest;
  }
  if (Number.isNaN(bestStart)) return undefined;
  return { startMs: bestStart, endMs: bestStart + durationMs, mean: (bestCost * step) / durationMs };
}
