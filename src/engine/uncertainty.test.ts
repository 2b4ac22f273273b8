import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32, standardNormal } from './random.js';
import {
  applyLogInterval,
  conformalLogInterval,
  coverageOf,
  empiricalInverse,
  familyLevelLogInterval,
  leaveOneGroupOut,
  pooledConformalLogInterval,
  varianceComponentsLogInterval,
} from './uncertainty.js';

/** Standard normal draws (Box–Muller) from a seeded generator. */
function normals(seed: number, n: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => standardNormal(random));
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

  it('with runs weighing one, keeps a per-run promise where families share little of the error, not where they share most', () => {
    // Random-effects worlds: each family's error shared by its runs, plus each run's own. Family
    // sizes as in the training evidence (21 single runs, then 2, 3, 4, 5, 6, 8, 10, 15).
    // Calibrated on every run of 29 families, tried on every run of a 30th, counting runs.
    const sizes = [...Array.from({ length: 21 }, () => 1), 2, 3, 4, 5, 6, 8, 10, 15];
    const coverage = (sdFamily: number, sdRun: number) => {
      const random = mulberry32(11);
      const normal = () => standardNormal(random);
      const family = (size: number) => {
        const shared = sdFamily * normal();
        return Array.from({ length: size }, () => shared + sdRun * normal());
      };
      let inside = 0;
      let runs = 0;
      for (let t = 0; t < 3000; t++) {
        const interval = conformalLogInterval(sizes.flatMap(family), 0.9);
        for (const fresh of family(sizes[Math.floor(random() * sizes.length)])) {
          runs++;
          if (fresh >= interval.low && fresh <= interval.high) inside++;
        }
      }
      return inside / runs;
    };
    // A third of the variance shared (family sd 0.25, run sd 0.35, as the 74-run evidence was):
    // ranks in runs keep their promise.
    const thirdShared = coverage(0.25, 0.35);
    assert.ok(thirdShared >= 0.89 && thirdShared < 0.95, `coverage ${thirdShared}`);
    // Were the family error most of it, ranks in runs would promise more than they keep.
    const clustered = coverage(0.4, 0.05);
    assert.ok(clustered < 0.89, `clustered coverage ${clustered}`);
  });
});

describe('pooledConformalLogInterval', () => {
  it('with one residual per group, is the plain conformal interval', () => {
    const residuals = Array.from({ length: 19 }, (_, i) => (i - 9) / 10);
    const pooled = pooledConformalLogInterval(
      residuals.map((residual, i) => ({ residual, group: `g${i}` })),
      0.5,
    );
    const plain = conformalLogInterval(residuals, 0.5);
    assert.equal(pooled.low, plain.low);
    assert.equal(pooled.high, plain.high);
  });

  it('counts a group once however many residuals it has', () => {
    // 19 groups of one residual in -0.9..0.9 and a 20th group of 100 residuals all at +2: run-level
    // ranks would put the upper end at +2; each group weighing one keeps it within the others.
    const rows = [
      ...Array.from({ length: 19 }, (_, i) => ({ residual: (i - 9) / 10, group: `g${i}` })),
      ...Array.from({ length: 100 }, () => ({ residual: 2, group: 'big' })),
    ];
    assert.equal(
      conformalLogInterval(
        rows.map((r) => r.residual),
        0.5,
      ).high,
      2,
    );
    const pooled = pooledConformalLogInterval(rows, 0.5);
    assert.ok(pooled.high < 1, `high ${pooled.high}`);
    assert.ok(pooled.low >= -0.9 && pooled.low < 0, `low ${pooled.low}`);
  });

  it('covers at least the stated share of runs of a new family when families share an error', () => {
    // A random-effects world like the training evidence: 24 families, each with its own error
    // (sd 0.3 in log) shared by its 1 to 10 runs, plus each run's own (sd 0.15). The range is
    // calibrated on the 24 families and tried on a run of a 25th, many times over.
    const random = mulberry32(7);
    const normal = () => standardNormal(random);
    const trials = 2000;
    let inside = 0;
    for (let t = 0; t < trials; t++) {
      const rows: { residual: number; group: string }[] = [];
      for (let k = 0; k < 24; k++) {
        const shared = 0.3 * normal();
        const runs = 1 + Math.floor(random() * 10);
        for (let j = 0; j < runs; j++) rows.push({ residual: shared + 0.15 * normal(), group: `f${k}` });
      }
      const interval = pooledConformalLogInterval(rows, 0.9);
      const fresh = 0.3 * normal() + 0.15 * normal();
      if (fresh >= interval.low && fresh <= interval.high) inside++;
    }
    // Conservative by its rounding of ranks (about 0.93 here); 0.88 leaves room for the draw.
    assert.ok(inside / trials >= 0.88, `coverage ${inside / trials}`);
    assert.ok(inside / trials < 0.99, `coverage ${inside / trials}: a range this wide says little`);
  });

  it('takes the extreme residuals when there are too few groups for the stated coverage', () => {
    const rows = [-0.3, -0.1, 0.2, 0.4].map((residual, i) => ({ residual, group: `g${i}` }));
    const interval = pooledConformalLogInterval(rows, 0.9);
    assert.equal(interval.low, -0.3);
    assert.equal(interval.high, 0.4);
    assert.throws(() => pooledConformalLogInterval([], 0.9), /no residuals/);
    assert.throws(() => pooledConformalLogInterval(rows, 0), /coverage/);
  });
});

/** Residuals `(i + 1) / 100` for i < n, `size` to a group. */
const ladder = (n: number, size: number) =>
  Array.from({ length: n }, (_, i) => ({ residual: (i + 1) / 100 - 0.5, group: `g${Math.floor(i / size)}` }));

describe('familyLevelLogInterval', () => {
  it('counts families for the level and runs for the quantile', () => {
    // 20 families of 5 runs: q = ⌈0.9·21⌉/20 = 0.95, so the 98th of 100 residuals and the 3rd; ranks in
    // runs would take the 96th and the 5th.
    const rows = ladder(100, 5);
    const interval = familyLevelLogInterval(rows, 0.9);
    assert.equal(interval.high, 0.98 - 0.5);
    assert.equal(interval.low, 0.03 - 0.5);
    const runs = conformalLogInterval(
      rows.map((r) => r.residual),
      0.9,
    );
    assert.equal(runs.high, 0.96 - 0.5);
    assert.equal(runs.low, 0.05 - 0.5);
    // One run a family: the same ranks as the split-conformal ones.
    const single = ladder(19, 1);
    const plain = conformalLogInterval(
      single.map((r) => r.residual),
      0.9,
    );
    assert.deepEqual(familyLevelLogInterval(single, 0.9), plain);
  });

  it('takes the extreme residuals when there are too few families for the level', () => {
    // 8 families: ⌈0.9·9⌉/8 > 1.
    const rows = ladder(40, 5).map((r) => ({ ...r, residual: r.residual + 0.3 })); // −0.19 … +0.2
    const interval = familyLevelLogInterval(rows, 0.9);
    assert.ok(Math.abs(interval.low + 0.19) < 1e-12, `${interval.low}`);
    assert.ok(Math.abs(interval.high - 0.2) < 1e-12, `${interval.high}`);
    assert.throws(() => familyLevelLogInterval([], 0.9), /no residuals/);
    assert.throws(() => familyLevelLogInterval(ladder(4, 1), 1.2), /coverage/);
  });
});

describe('varianceComponentsLogInterval', () => {
  it('with one run a family, is the normal prediction interval mean ± t(n−1) · s · √(1 + 1/n)', () => {
    const residuals = [-0.4, -0.1, 0.05, 0.2, 0.5];
    const n = residuals.length;
    const mean = residuals.reduce((s, x) => s + x, 0) / n;
    const s2 = residuals.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
    const half = 2.132 * Math.sqrt(s2 * (1 + 1 / n)); // t(4 df), one-sided 95%
    const interval = varianceComponentsLogInterval(
      residuals.map((residual, i) => ({ residual, group: `g${i}` })),
      0.9,
    );
    assert.ok(Math.abs(interval.low - (mean - half)) < 1e-12, `${interval.low}`);
    assert.ok(Math.abs(interval.high - (mean + half)) < 1e-12, `${interval.high}`);
    assert.throws(() => varianceComponentsLogInterval([{ residual: 0, group: 'a' }], 0.8), /0.9/);
  });

  it('recovers the family and run spreads of a large random-effects sample', () => {
    const z = normals(5, 2400);
    // 400 families of 5 runs: family sd 0.3, run sd 0.2, so the half-width is 1.645 · √0.13 = 0.593.
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      residual: 0.3 * z[2000 + Math.floor(i / 5)] + 0.2 * z[i],
      group: `f${Math.floor(i / 5)}`,
    }));
    const interval = varianceComponentsLogInterval(rows, 0.9);
    const half = (interval.high - interval.low) / 2;
    assert.ok(Math.abs(half - 0.593) < 0.04, `half-width ${half}`);
  });
});

describe('ranges from grouped residuals in worlds built like the training evidence', () => {
  // The 30 family sizes of the 82-run evidence: one of 15, 10, 8, 6, two of 5, two of 4, 3, 2, and
  // twenty single runs. Each trial calibrates on 29 families and counts the runs of the 30th.
  const sizes = [15, 10, 8, 6, 5, 5, 4, 4, 3, 2, ...Array.from({ length: 20 }, () => 1)];
  const coverage = (sdFamily: number, sdRun: number) => {
    const random = mulberry32(11);
    const normal = () => standardNormal(random);
    const family = (size: number, group: string) => {
      const shared = sdFamily * normal();
      return Array.from({ length: size }, () => ({ residual: shared + sdRun * normal(), group }));
    };
    const rules = {
      runs: (rows: { residual: number }[]) =>
        conformalLogInterval(
          rows.map((r) => r.residual),
          0.9,
        ),
      families: (rows: { residual: number; group: string }[]) => familyLevelLogInterval(rows, 0.9),
      components: (rows: { residual: number; group: string }[]) => varianceComponentsLogInterval(rows, 0.9),
    };
    const tally = { runs: [0, 0], families: [0, 0], components: [0, 0] };
    for (let t = 0; t < 3000; t++) {
      const held = Math.floor(random() * sizes.length);
      const rows = sizes.flatMap((size, i) => (i === held ? [] : family(size, `f${i}`)));
      const fresh = family(sizes[held], 'new');
      for (const name of ['runs', 'families', 'components'] as const) {
        const interval = rules[name](rows);
        for (const r of fresh) {
          tally[name][1]++;
          if (r.residual >= interval.low && r.residual <= interval.high) tally[name][0]++;
        }
      }
    }
    return Object.fromEntries(Object.entries(tally).map(([k, [inside, n]]) => [k, inside / n])) as Record<
      keyof typeof rules,
      number
    >;
  };

  it('about half the variance shared (family sd 0.27, run sd 0.29): each rule keeps about 90% of runs', () => {
    const c = coverage(0.27, 0.29);
    for (const [rule, share] of Object.entries(c))
      assert.ok(share >= 0.89 && share < 0.94, `${rule} ${share}`);
  });

  it('nearly all of it shared (sd 0.4 and 0.05): ranks in runs fall short, variance components nearly keep it', () => {
    const c = coverage(0.4, 0.05);
    assert.ok(c.runs < 0.875, `runs ${c.runs}`);
    assert.ok(c.components >= 0.885, `components ${c.components}`);
    assert.ok(c.components > c.runs + 0.02, `components ${c.components}, runs ${c.runs}`);
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
