import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeSeries } from '../../test/helpers/grid.js';
import { mulberry32 } from '../engine/random.js';
import { bestInterruptible } from './interruptible.js';
import { bestContiguous, indexSeries } from './window.js';

const H = 3_600_000;

/**
 * Brute force: every assignment of {off, full, partial at slot start, partial at slot end} to
 * every slot, turned into time intervals, merged, and counted; the cheapest that fits wins.
 */
function brute(values: number[], k: number, f: number, maxRuns: number): number | undefined {
  const n = values.length;
  let best = Number.POSITIVE_INFINITY;
  const states = new Array<number>(n).fill(0);
  const total = 4 ** n;
  for (let code = 0; code < total; code++) {
    let c = code;
    let full = 0;
    let partial = 0;
    for (let i = 0; i < n; i++) {
      states[i] = c % 4;
      c = Math.floor(c / 4);
      if (states[i] === 1) full++;
      if (states[i] >= 2) partial++;
    }
    if (full !== k || partial !== (f > 0 ? 1 : 0)) continue;
    let cost = 0;
    const intervals: [number, number][] = [];
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      if (states[i] === 0) continue;
      if (Number.isNaN(values[i])) ok = false;
      const len = states[i] === 1 ? 1 : f;
      const a = states[i] === 3 ? i + 1 - f : i;
      intervals.push([a, a + len]);
      cost += values[i] * len;
    }
    if (!ok) continue;
    let runs = 0;
    let end = Number.NEGATIVE_INFINITY;
    for (const [a, b] of intervals) {
      if (Math.abs(a - end) > 1e-12) runs++;
      end = b;
    }
    if (runs <= maxRuns && cost < best) best = cost;
  }
  return best === Number.POSITIVE_INFINITY ? undefined : best / (k + f);
}

describe('bestInterruptible', () => {
  it('is exact against brute force on small random inputs, with and without a cap on pauses', () => {
    const random = mulberry32(11);
    for (let trial = 0; trial < 250; trial++) {
      const n = 2 + Math.floor(random() * 6);
      const values = Array.from({ length: n }, () =>
        random() < 0.12 ? Number.NaN : Math.floor(random() * 20),
      );
      const k = Math.floor(random() * Math.min(n, 4));
      const f = random() < 0.5 ? 0 : [0.25, 0.5, 0.75][Math.floor(random() * 3)];
      if (k === 0 && f === 0) continue;
      const maxPauses = random() < 0.25 ? undefined : Math.floor(random() * 3);
      const ix = indexSeries(makeSeries(values));
      const got = bestInterruptible(ix, (k + f) * H, ix.t0, ix.t0 + n * H, maxPauses);
      const expected = brute(
        values,
        k,
        f,
        maxPauses === undefined ? Number.POSITIVE_INFINITY : maxPauses + 1,
      );
      const label = `trial ${trial}: ${JSON.stringify(values)} k=${k} f=${f} pauses=${maxPauses}`;
      if (expected === undefined) {
        assert.equal(got, undefined, label);
        continue;
      }
      assert.ok(got, label);
      assert.ok(Math.abs(got.mean - expected) < 1e-9, `${label}: ${got.mean} vs ${expected}`);
      // The runs really add up to the duration, avoid gaps, and respect the cap.
      const length = got.runs.reduce((s, r) => s + r.endMs - r.startMs, 0);
      assert.ok(Math.abs(length - (k + f) * H) < 1, label);
      if (maxPauses !== undefined) assert.ok(got.runs.length - 1 <= maxPauses, label);
    }
  });

  it('with no pause allowed, matches the contiguous optimum on whole-slot bounds', () => {
    const random = mulberry32(3);
    for (let trial = 0; trial < 100; trial++) {
      const n = 4 + Math.floor(random() * 30);
      const values = Array.from({ length: n }, () => Math.floor(random() * 300));
      const d = (1 + Math.floor(random() * Math.min(n - 1, 10)) + [0, 0.5][Math.floor(random() * 2)]) * H;
      const ix = indexSeries(makeSeries(values));
      const a = bestInterruptible(ix, d, ix.t0, ix.t0 + n * H, 0);
      const b = bestContiguous(ix, d, ix.t0, ix.t0 + n * H);
      assert.ok(a && b);
      assert.ok(Math.abs(a.mean - b.mean) < 1e-9, `trial ${trial}: ${a.mean} vs ${b.mean}`);
      assert.equal(a.runs.length, 1);
    }
  });

  it('takes the cheapest hours when pauses are free, and saves more than running contiguously', () => {
    const values = [9, 1, 9, 1, 9, 1, 9, 1];
    const ix = indexSeries(makeSeries(values));
    const free = bestInterruptible(ix, 4 * H, ix.t0, ix.t0 + 8 * H);
    assert.equal(free?.mean, 1);
    assert.equal(free?.runs.length, 4);
    const onePause = bestInterruptible(ix, 4 * H, ix.t0, ix.t0 + 8 * H, 1);
    assert.equal(onePause?.runs.length, 2);
    assert.equal(onePause?.mean, 3);
  });
});
