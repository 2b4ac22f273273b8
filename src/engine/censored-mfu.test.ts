import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  censoredPercentileFactors,
  chipHoursLogCdf,
  NORMAL_NODES,
  normalNodesByBisection,
} from './censored-mfu.js';
import { percentileFactors } from './log-cumulants.js';

describe('the normal nodes of the censored MFU percentiles', () => {
  it('are the bisection values, bit for bit', () => {
    assert.deepEqual([...NORMAL_NODES], [...normalNodesByBisection()]);
  });

  it('are the standard normal quantiles at (i + ½) / 64', () => {
    assert.equal(NORMAL_NODES.length, 64);
    // Φ⁻¹(0.5/64) = −2.417559 and Φ⁻¹(32.5/64) = 0.019584 (standard normal quantiles); the
    // CDF the bisection inverts is within 7.5e-8 of Φ.
    assert.ok(Math.abs(NORMAL_NODES[0] + 2.417559) < 1e-5, String(NORMAL_NODES[0]));
    assert.ok(Math.abs(NORMAL_NODES[32] - 0.0195842) < 1e-5, String(NORMAL_NODES[32]));
    assert.ok(
      NORMAL_NODES.every((z, i) => i === 0 || z > NORMAL_NODES[i - 1]),
      'increasing',
    );
  });
});

/** The same percentiles by bisection alone, 200 halvings: the reference the faster search must meet. */
function byBisection(a: number, b: number, t: number, r: readonly number[]): [number, number] {
  // Z's quantiles at the 64 nodes by Cornish–Fisher, as the estimator takes them.
  const [r1, r2, r3, r4] = r;
  const sd = Math.sqrt(r2);
  const nodes =
    r2 > 0
      ? [...NORMAL_NODES].map((z) => {
          const [skew, kurt] = [r3 / (r2 * sd), r4 / (r2 * r2)];
          const z2 = z * z;
          return (
            r1 +
            sd *
              (z +
                ((z2 - 1) * skew) / 6 +
                ((z2 * z - 3 * z) * kurt) / 24 -
                ((2 * z2 * z - 5 * z) * skew * skew) / 36)
          );
        })
      : [r1];
  const cdf = (y: number) =>
    nodes.reduce((sum, z) => sum + chipHoursLogCdf(y - z, a, b, t), 0) / nodes.length;
  const quantile = (q: number) => {
    let [lo, hi] = [-t + Math.min(...nodes) - 1, -a + Math.max(...nodes) + 1];
    for (let i = 0; i < 200; i++) {
      const m = (lo + hi) / 2;
      if (cdf(m) < q) lo = m;
      else hi = m;
    }
    return hi;
  };
  return [quantile(0.05), quantile(0.95)];
}

describe('the censored percentiles', () => {
  it('are the quantiles of the mixture CDF, within 1e-10 in log, ceiling binding or not', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const out = new Float64Array(2);
    let atCeiling = 0;
    for (let k = 0; k < 400; k++) {
      const a = -0.2 - random() * 1.6;
      const b = 0.1 + random() * 1.3;
      // The ceiling below the triangle's top (binding), or above it (no atom).
      const t = random() < 0.25 ? b + 0.5 : 1e-3 + random() * b * 0.99;
      const r2 = random() < 0.15 ? 0 : random() * 0.25;
      const r = [random() - 0.5, r2, (random() - 0.5) * r2 ** 1.5, random() * r2 * r2];
      censoredPercentileFactors(a, b, t, r[0], r[1], r[2], r[3], out);
      const [low, high] = byBisection(a, b, t, r);
      assert.ok(Math.abs(Math.log(out[0]) - low) <= 1e-10, `low, case ${k}: ${Math.log(out[0])} vs ${low}`);
      assert.ok(
        Math.abs(Math.log(out[1]) - high) <= 1e-10,
        `high, case ${k}: ${Math.log(out[1])} vs ${high}`,
      );
      if (t < b && Math.abs(low - (-t + r[0])) < 0.3) atCeiling++;
    }
    assert.ok(atCeiling > 10, 'some 5th percentiles sit near the ceiling');
  });

  it('without the MFU spread reduce to the other factors alone', () => {
    const out = new Float64Array(2);
    const plain = new Float64Array(2);
    // A triangle of almost no width at 0: X is 0, so X + Z is Z.
    censoredPercentileFactors(-1e-12, 1e-12, 1, 0.1, 0.04, 0, 0, out);
    percentileFactors(0.1, 0.04, 0, 0, plain);
    assert.ok(Math.abs(Math.log(out[0] / plain[0])) < 0.02, `${out[0]} vs ${plain[0]}`);
    assert.ok(Math.abs(Math.log(out[1] / plain[1])) < 0.02, `${out[1]} vs ${plain[1]}`);
  });
});
