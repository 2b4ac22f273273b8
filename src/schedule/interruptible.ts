import { userError } from '../errors.js';
import { msg } from '../messages/index.js';
import type { SeriesIndex } from './window.js';

/**
 * Cheapest interruptible run: whole slots inside `[lo, hi]` adding up to the duration, `k` full
 * slots plus, when the duration is not a whole number of slots, one partial slot of fraction `f`
 * (placed at the start or the end of its slot). Gap slots are never used.
 *
 * - Without a cap on pauses: the `k + 1` cheapest slots, the dearest of them being the partial one
 *   (exact: any other set has a larger sum of its `k` cheapest or a dearer maximum).
 * - With `maxPauses`: dynamic programming over slots with state (full slots used, runs started,
 *   partial used, running at the slot's end): O(n · k · runs), exact.
 */
export interface Run {
  startMs: number;
  endMs: number;
}

export interface InterruptiblePlacement {
  startMs: number;
  endMs: number;
  mean: number;
  runs: Run[];
}

/** Above this many DP states the request is refused rather than exhausting memory. */
const MAX_DP_STATES = 200_000_000;

type Action = 'full' | 'partialStart' | 'partialEnd';

export function bestInterruptible(
  ix: SeriesIndex,
  durationMs: number,
  lo: number,
  hi: number,
  maxPauses?: number,
): InterruptiblePlacement | undefined {
  const { t0, step, series } = ix;
  const kLo = Math.max(0, Math.ceil((lo - t0) / step));
  const kHi = Math.min(ix.n, Math.floor((hi - t0) / step));
  const ratio = durationMs / step;
  const k = Math.floor(ratio + 1e-9);
  const f = ratio - k < 1e-9 ? 0 : ratio - k;
  const needed = k + (f > 0 ? 1 : 0);
  const available: number[] = [];
  for (let s = kLo; s < kHi; s++) if (!Number.isNaN(series.values[s])) available.push(s);
  if (available.length < needed) return undefined;

  const maxRuns = maxPauses === undefined ? Number.POSITIVE_INFINITY : maxPauses + 1;
  const picks =
    maxRuns >= needed
      ? cheapestSlots(series.values, available, k, f)
      : dpSlots(series.values, kLo, kHi, k, f, maxRuns);
  if (!picks) return undefined;
  return toPlacement(picks, ix, f, durationMs);
}

function cheapestSlots(values: Float64Array, available: number[], k: number, f: number): Map<number, Action> {
  // The (k+1)-th smallest value is the threshold: take every slot below it, then the earliest at it.
  const needed = k + (f > 0 ? 1 : 0);
  const sorted = Float64Array.from(available, (s) => values[s]).sort();
  const threshold = sorted[needed - 1];
  const chosen: number[] = [];
  let below = 0;
  for (const s of available) if (values[s] < threshold) below++;
  let atThreshold = needed - below;
  for (const s of available) {
    if (values[s] < threshold) chosen.push(s);
    else if (values[s] === threshold && atThreshold > 0) {
      chosen.push(s);
      atThreshold--;
    }
  }
  const picks = new Map<number, Action>();
  for (const s of chosen) picks.set(s, 'full');
  // The partial slot is the dearest chosen (one at the threshold); it runs at the start of its
  // slot, or at its end when only that joins a neighbouring run (same cost, one pause fewer).
  if (f > 0) {
    let partial = -1;
    for (const s of chosen) if (values[s] === threshold) partial = s;
    picks.set(partial, !picks.has(partial - 1) && picks.has(partial + 1) ? 'partialEnd' : 'partialStart');
  }
  return picks;
}

/**
 * DP over slots `[kLo, kHi)`. State after a slot: `j` full slots used, `r` runs started, `p`
 * partial slot used, `on` = the job is running at the end of the slot. A full slot continues a run
 * when `on`, else starts one; a partial slot at the start of its slot continues a run when `on` and
 * then stops; at the end of its slot it always starts a run and leaves the job running.
 */
function dpSlots(
  values: Float64Array,
  kLo: number,
  kHi: number,
  k: number,
  f: number,
  maxRuns: number,
): Map<number, Action> | undefined {
  const R = Math.min(maxRuns, k + 1);
  const P = f > 0 ? 2 : 1;
  const size = (k + 1) * (R + 1) * P * 2;
  const slots = kHi - kLo;
  if (size * slots > MAX_DP_STATES) {
    throw userError('out_of_range', 'maxPauses', 'schedule.searchTooLarge', {
      slots,
      states: size,
      fromField: 'from',
      toField: 'to',
      value: String(R - 1),
      accepted: msg('schedule.acceptedSearch', { max: MAX_DP_STATES }),
    });
  }
  const id = (j: number, r: number, p: number, on: number) => ((j * (R + 1) + r) * P + p) * 2 + on;
  let cost = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  let next = new Float64Array(size);
  cost[id(0, 0, 0, 0)] = 0;
  // choice[slot·size + state] = 1 + action·2 + previous `on` (0 = unreachable).
  const choice = new Uint8Array(size * slots);
  const SKIP = 0;
  const FULL = 1;
  const PSTART = 2;
  const PEND = 3;
  for (let s = kLo; s < kHi; s++) {
    next.fill(Number.POSITIVE_INFINITY);
    const v = values[s];
    const usable = !Number.isNaN(v);
    const base = (s - kLo) * size;
    const relax = (to: number, c: number, action: number, prevOn: number) => {
      if (c < next[to]) {
        next[to] = c;
        choice[base + to] = 1 + action * 2 + prevOn;
      }
    };
    for (let j = 0; j <= k; j++) {
      for (let r = 0; r <= R; r++) {
        for (let p = 0; p < P; p++) {
          for (let on = 0; on < 2; on++) {
            const c = cost[id(j, r, p, on)];
            if (c === Number.POSITIVE_INFINITY) continue;
            relax(id(j, r, p, 0), c, SKIP, on);
            if (!usable) continue;
            const r2 = on ? r : r + 1;
            if (j < k && r2 <= R) relax(id(j + 1, r2, p, 1), c + v, FULL, on);
            if (P === 2 && p === 0) {
              if (r2 <= R) relax(id(j, r2, 1, 0), c + f * v, PSTART, on);
              if (r + 1 <= R) relax(id(j, r + 1, 1, 1), c + f * v, PEND, on);
            }
          }
        }
      }
    }
    [cost, next] = [next, cost];
  }
  let best = -1;
  for (let r = 0; r <= R; r++) {
    for (let on = 0; on < 2; on++) {
      const state = id(k, r, P - 1, on);
      if (cost[state] < (best < 0 ? Number.POSITIVE_INFINITY : cost[best])) best = state;
    }
  }
  if (best < 0 || cost[best] === Number.POSITIVE_INFINITY) return undefined;
  // Walk the choices back from the last slot.
  const picks = new Map<number, Action>();
  let state = best;
  for (let s = kHi - 1; s >= kLo; s--) {
    const c = choice[(s - kLo) * size + state] - 1;
    const action = c >> 1;
    const prevOn = c & 1;
    const p = (state >> 1) % P;
    const jr = Math.floor(state / (2 * P));
    const r = jr % (R + 1);
    const j = Math.floor(jr / (R + 1));
    if (action === SKIP) state = id(j, r, p, prevOn);
    else if (action === FULL) {
      picks.set(s, 'full');
      state = id(j - 1, prevOn ? r : r - 1, p, prevOn);
    } else if (action === PSTART) {
      picks.set(s, 'partialStart');
      state = id(j, prevOn ? r : r - 1, 0, prevOn);
    } else {
      picks.set(s, 'partialEnd');
      state = id(j, r - 1, 0, prevOn);
    }
  }
  return picks;
}

function toPlacement(
  picks: Map<number, Action>,
  ix: SeriesIndex,
  f: number,
  durationMs: number,
): InterruptiblePlacement {
  const { t0, step, series } = ix;
  const pieces: Run[] = [];
  let weighted = 0;
  for (const [s, action] of [...picks.entries()].sort((a, b) => a[0] - b[0])) {
    const start = t0 + s * step;
    const length = action === 'full' ? step : f * step;
    const from = action === 'partialEnd' ? start + step - length : start;
    pieces.push({ startMs: from, endMs: from + length });
    weighted += series.values[s] * length;
  }
  const runs: Run[] = [];
  for (const piece of pieces) {
    const last = runs[runs.length - 1];
    if (last && Math.abs(last.endMs - piece.startMs) < 1) last.endMs = piece.endMs;
    else runs.push({ ...piece });
  }
  return { startMs: runs[0].startMs, endMs: runs[runs.length - 1].endMs, mean: weighted / durationMs, runs };
}
