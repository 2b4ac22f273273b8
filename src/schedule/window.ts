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
  const t0 = s.times[0];
  const n = s.values.length;
  const from = Math.max(lo, t0);
  const to = Math.min(hi, t0 + n * s.stepMs);
  const latest = to - durationMs;
  if (latest < from) return undefined;
  const g = slideRange(t0, s.stepMs, durationMs, from, to, latest);
  const best: Best = { startMs: Number.NaN, cost: Number.POSITIVE_INFINITY, limit: Number.POSITIVE_INFINITY };
  const first = costAt(s, from, durationMs);
  if (!Number.isNaN(first)) take(best, first, from);
  let clean = false;
  if (g.wFirst <= g.wLast && !g.tail) {
    // Whole slots (the common case): the plain sliding sum. A gap makes the sum NaN from where it
    // enters to the end: then the careful pass below runs instead.
    clean = slideWholeSlots(s.values, g, best);
    if (scanned) scanned.gapFree = clean && g.wFirst === 0 && g.wLast + g.m === n;
  }
  if (!clean && g.wFirst <= g.wLast) slideAroundGaps(s.values, g, best);
  if (latest > from) offer(best, costAt(s, latest, durationMs), latest);
  if (Number.isNaN(best.startMs)) return undefined;
  return { startMs: best.startMs, endMs: best.startMs + durationMs, mean: (best.cost * g.step) / durationMs };
}

/** The best candidate so far, updated in place: one per search, none per candidate. */
interface Best {
  startMs: number;
  cost: number;
  /** Candidates are visited in start order and win only below this: the best less a tolerance. */
  limit: number;
}

/** Makes the candidate the best; returns the new bound. */
function take(best: Best, cost: number, startMs: number): number {
  best.cost = cost;
  best.limit = cost - 1e-12 * Math.max(1, Math.abs(cost));
  best.startMs = startMs;
  return best.limit;
}

/** Keeps the candidate when clearly lower (NaN, a window touching a gap, never is). */
function offer(best: Best, cost: number, startMs: number): void {
  if (cost < best.limit) take(best, cost, startMs);
}

/**
 * Where the window of `m` whole slots `[w, w + m)` slides. Start-aligned candidates start on
 * boundary `k` in `[kFirst, kLast]`; end-aligned ones (with a partial slot, `tail`) end on boundary
 * `w + m` for `w` in `[wEndFirst, wEndLast]`; `w` runs over `[wFirst, wLast]`, both kinds.
 */
interface SlideRange {
  t0: number;
  step: number;
  durationMs: number;
  m: number;
  /** The partial slot's fraction of a step. */
  fr: number;
  tail: boolean;
  kFirst: number;
  kLast: number;
  wEndFirst: number;
  wEndLast: number;
  wFirst: number;
  wLast: number;
}

function slideRange(
  t0: number,
  step: number,
  durationMs: number,
  from: number,
  to: number,
  latest: number,
): SlideRange {
  const m = Math.floor(durationMs / step);
  const rest = durationMs - m * step;
  const tail = rest > 0;
  const kFirst = Math.ceil((from - t0) / step);
  const kLast = Math.floor((latest - t0) / step);
  const wEndFirst = tail ? Math.ceil((from + durationMs - t0) / step) - m : kFirst;
  const wEndLast = tail ? Math.floor((to - t0) / step) - m : kFirst - 1;
  return {
    t0,
    step,
    durationMs,
    m,
    fr: rest / step,
    tail,
    kFirst,
    kLast,
    wEndFirst,
    wEndLast,
    wFirst: Math.min(kFirst, wEndFirst),
    wLast: Math.max(kLast, wEndLast),
  };
}

/**
 * The plain sliding sum over whole-slot windows (no partial slot). NaN compares false, so no
 * window with a gap is kept; the best is written only when no gap was met. Returns whether none was.
 */
function slideWholeSlots(values: Float64Array, g: SlideRange, best: Best): boolean {
  const { m, wFirst, wLast } = g;
  let limit = best.limit;
  let bestCost = best.cost;
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
  const clean = !Number.isNaN(sum);
  if (clean && bestW >= 0) {
    best.cost = bestCost;
    best.limit = limit;
    best.startMs = g.t0 + bestW * g.step;
  }
  return clean;
}

/** The sliding sum with a gap count, so windows touching a gap are skipped; partial slots too. */
function slideAroundGaps(values: Float64Array, g: SlideRange, best: Best): void {
  const { m, fr, tail, t0, step, durationMs, wFirst, wLast, kFirst, kLast, wEndFirst, wEndLast } = g;
  let limit = best.limit;
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
    // Ending on boundary w + m, a fraction of slot w − 1 before; then starting on boundary w.
    // The bound is read from a local: improvements are rare, comparisons are per candidate.
    if (tail && w >= wEndFirst && w <= wEndLast) {
      const cost = sum + fr * values[w - 1];
      if (cost < limit) limit = take(best, cost, t0 + (w + m) * step - durationMs);
    }
    if (w >= kFirst && w <= kLast) {
      const cost = tail ? sum + fr * values[w + m] : sum;
      if (cost < limit) limit = take(best, cost, t0 + w * step);
    }
  }
}
