import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from './random.js';
import {
  applyLogInterval,
  conformalLogInterval,
  coverageOf,
  empiricalInverse,
  leaveOneGroupOut,
} from './uncertainty.js';

/** Standard normal draws (Box–Muller) from a seeded generator. */
function normals(seed: number, n: number): number[] {
  const random = mulberry32(seed);
  return Array.from(
    { length: n },
    () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()),
  );
}

describe('conformalLogInterval', () => {
  it('picks the finite-sample order statistics of each tail', () => {
    const residuals = Array.from({ length: 19 }, (_, i) => (i - 9) / 10); // -0.9 .. 0.9
    const at90 = conformalLogInterval(residuals, 0.9);
    assert.equal(at90.low, -0.9); // rank ⌊20·0.05⌋ = 1
    assert.equal(at90.high, 0.9); // rank ⌈20·0.95⌉ = 19
    const at50 = conformalLogInterval(residuals, 0.5);
    assert.equal(at50.low, -0.5); // rank 5
    assert.equal(at50.high, 0.5); // rank 15
    assert.throws(() => conformalLogInterval([], 0.9), /no residuals/);
    assert.throws(() => conformalLogInterval([0.1], 1), /coverage/);
  });

  it('widens beyond the sample when there are too few residuals to promise the coverage', () => {
    const interval = conformalLogInterval([-0.2, 0.1, 0.3], 0.9);
    assert.ok(interval.low < -0.2 && interval.high > 0.3);
  });

  it('covers about the stated share of new draws from the same distribution', () => {
    const calibration = normals(1, 200).map((z) => 0.3 * z - 0.1);
    const interval = conformalLogInterval(calibration, 0.9);
    const fresh = normals(2, 4000).map((z) => 0.3 * z - 0.1);
    const pairs = fresh.map((r) => ({ observed: Math.exp(r), range: applyLogInterval(1, interval) }));
    const coverage = coverageOf(pairs);
    assert.ok(coverage > 0.86 && coverage < 0.96, `coverage ${coverage}`);
  });
});

describe('leaveOneGroupOut', () => {
  it('predicts each group from a fit that never saw it', () => {
    const rows = [
      { g: 'a', y: 1 },
      { g: 'a', y: 3 },
      { g: 'b', y: 10 },
      { g: 'c', y: 20 },
    ];
    const seen: string[][] = [];
    const result = leaveOneGroupOut(
      rows,
      (r) => r.g,
      (train) => {
        seen.push([...new Set(train.map((r) => r.g))]);
        const mean = train.reduce((s, r) => s + r.y, 0) / train.length;
        return () => mean;
      },
      (r) => r.y,
    );
    assert.deepEqual(seen, [
      ['b', 'c'],
      ['a', 'c'],
      ['a', 'b'],
    ]);
    assert.deepEqual(
      result.map((r) => r.residual),
      [1 - 15, 3 - 15, 10 - 8, 20 - 14 / 3],
    );
  });
});

describe('empiricalInverse', () => {
  it('interpolates between order statistics', () => {
    assert.equal(empiricalInverse([0, 1, 2], 0), 0);
    assert.equal(empiricalInverse([0, 1, 2], 0.75), 1.5);
    assert.equal(empiricalInverse([0, 1, 2], 1), 2);
  });
});
