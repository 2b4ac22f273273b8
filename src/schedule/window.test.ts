import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeSeries } from '../../test/helpers/grid.js';
import { mulberry32 } from '../engine/random.js';
import { bestContiguous, indexSeries, windowAt } from './window.js';

const H = 3_600_000;

/** Emissions of [s, s + d) by direct integration over slots (independent of the prefix sums). */
function bruteCost(values: number[], t0: number, step: number, s: number, d: number): number | undefined {
  let cost = 0;
  for (let k = 0; k < values.length; k++) {
    const a = Math.max(s, t0 + k * step);
    const b = Math.min(s + d, t0 + (k + 1) * step);
    if (b <= a) continue;
    if (Number.isNaN(values[k])) return undefined;
    cost += values[k] * (b - a);
  }
  if (s < t0 || s + d > t0 + values.length * step) return undefined;
  return cost / d;
}

describe('bestContiguous', () => {
  it('finds the true optimum on random series, durations and deadlines (vs brute force on a fine grid)', () => {
    const random = mulberry32(7);
    const t0 = Date.UTC(2023, 0, 1);
    for (let trial = 0; trial < 400; trial++) {
      const n = 3 + Math.floor(random() * 20);
      const values = Array.from({ length: n }, () =>
        random() < 0.1 ? Number.NaN : Math.round(random() * 500),
      );
      // Durations, bounds on a 1/12-slot grid: every breakpoint of the cost lies on that grid.
      const unit = H / 12;
      const d = unit * (1 + Math.floor(random() * 12 * Math.min(n, 6)));
      const lo = t0 + unit * Math.floor(random() * 12 * n * 0.3) - (random() < 0.2 ? 2 * H : 0);
      const hi = t0 + unit * Math.floor(12 * n * (0.6 + random() * 0.5));
      const ix = indexSeries(makeSeries(values, { t0 }));
      const got = bestContiguous(ix, d, lo, hi);
      let bestBrute = Number.POSITIVE_INFINITY;
      for (let s = Math.max(lo, t0); s + d <= Math.min(hi, t0 + n * H); s += unit) {
        const c = bruteCost(values, t0, H, s, d);
        if (c !== undefined && c < bestBrute) bestBrute = c;
      }
      if (bestBrute === Number.POSITIVE_INFINITY) {
        assert.equal(got, undefined, `trial ${trial}: expected no window`);
        continue;
      }
      assert.ok(got, `trial ${trial}: expected a window with mean ${bestBrute}`);
      assert.ok(
        Math.abs(got.mean - bestBrute) < 1e-9 * Math.max(1, bestBrute),
        `trial ${trial}: ${got.mean} vs brute ${bestBrute}`,
      );
      // The window returned is feasible and its mean is what it claims.
      assert.ok(got.startMs >= lo && got.endMs <= hi);
      const check = bruteCost(values, t0, H, got.startMs, d);
      assert.ok(check !== undefined && Math.abs(check - got.mean) < 1e-9 * Math.max(1, check));
    }
  });

  it('weights a partial last slot by the fraction of it used', () => {
    const ix = indexSeries(makeSeries([100, 10, 10, 400, 400]));
    const w = bestContiguous(ix, 2.5 * H, ix.t0, ix.t0 + 5 * H);
    // Start at 01:00: 10 + 10 + half of 400 → (10 + 10 + 200) / 2.5 = 88, but ending at 03:00
    // with a half slot of 100 first gives (50 + 10 + 10) / 2.5 = 28: the exact optimum.
    assert.equal(w?.startMs, ix.t0 + 0.5 * H);
    assert.equal(w?.mean, 28);
  });

  it('never crosses a gap, and prefers the earliest of equal windows', () => {
    const ix = indexSeries(makeSeries([5, 5, Number.NaN, 1, 1, 9, 1, 1]));
    const w = bestContiguous(ix, 2 * H, ix.t0, ix.t0 + 8 * H);
    assert.equal(w?.startMs, ix.t0 + 3 * H);
    assert.equal(bestContiguous(ix, 3 * H, ix.t0 + 1 * H, ix.t0 + 5 * H), undefined);
    // The best window lies before a gap met later in the pass.
    const late = indexSeries(makeSeries([1, 1, 5, 5, Number.NaN, 5, 3, 3]));
    const first = bestContiguous(late, 2 * H, late.t0, late.t0 + 8 * H);
    assert.deepEqual([first?.startMs, first?.mean], [late.t0, 1]);
  });

  it('respects --from and --to: the job starts at or after one and ends at or before the other', () => {
    const ix = indexSeries(makeSeries([1, 50, 50, 50, 2, 2]));
    const w = bestContiguous(ix, 2 * H, ix.t0 + 1 * H, ix.t0 + 5 * H);
    assert.deepEqual([w?.startMs, w?.endMs], [ix.t0 + 3 * H, ix.t0 + 5 * H]);
  });

  it('windowAt gives the baseline at a start off the grid', () => {
    const ix = indexSeries(makeSeries([100, 200, 300]));
    const w = windowAt(ix, ix.t0 + 0.5 * H, H);
    assert.equal(w?.mean, 150);
    assert.equal(windowAt(ix, ix.t0 + 2.5 * H, H), undefined);
  });
});
