import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from './random.js';
import {
  calibrateRange,
  candidateById,
  intervalScore,
  RANGE_CANDIDATES,
  type Residual,
  rangeFor,
  rangeScores,
  selectRange,
} from './serving-range.js';
import { conformalLogInterval, pooledConformalLogInterval } from './uncertainty.js';

/** Residuals of `families` families, dense ones spread by `denseSpread`, MoE ones by `moeSpread`. */
function synthetic(denseSpread: number, moeSpread: number, families = 12, perFamily = 30): Residual[] {
  const random = mulberry32(7);
  const out: Residual[] = [];
  for (let f = 0; f < families; f++) {
    const moe = f % 2 === 1;
    for (let i = 0; i < perFamily; i++) {
      const u = random() * 2 - 1;
      out.push({
        residual: u * (moe ? moeSpread : denseSpread),
        group: `family-${f}`,
        condition: { moe, gpus: 1 + (i % 2) * 7, batch: 8 * 2 ** (i % 6) },
      });
    }
  }
  return out;
}

describe('ranges by set-up (normalised conformal)', () => {
  it('is the plain conformal interval with one cell', () => {
    const residuals = synthetic(0.2, 0.6);
    const none = calibrateRange(residuals, candidateById('none'));
    const plain = conformalLogInterval(
      residuals.map((r) => r.residual),
      0.9,
    );
    const i = rangeFor(none, { moe: true, gpus: 8, batch: 64 });
    assert.ok(Math.abs(i.low - plain.low) < 1e-12 && Math.abs(i.high - plain.high) < 1e-12);
  });

  it('widens the range where the residuals spread more, and narrows it where they spread less', () => {
    const moe = calibrateRange(synthetic(0.2, 0.6), candidateById('moe'));
    const dense = rangeFor(moe, { moe: false, gpus: 1, batch: 8 });
    const routed = rangeFor(moe, { moe: true, gpus: 1, batch: 8 });
    assert.ok(routed.high - routed.low > 2 * (dense.high - dense.low), JSON.stringify(moe));
  });

  it('takes the pooled scale in a cell holding fewer than three families', () => {
    const residuals = synthetic(0.2, 0.6, 4);
    const moe = calibrateRange(residuals, candidateById('moe'));
    assert.equal(moe.scales.moe, moe.pooledScale);
    assert.equal(moe.scales.dense, moe.pooledScale);
  });

  it('scores an interval by its width and, 20 times over, by how far it misses', () => {
    assert.equal(intervalScore(-0.5, 0.5, 0.1), 1);
    assert.ok(Math.abs(intervalScore(-0.5, 0.5, 0.6) - (1 + 20 * 0.1)) < 1e-12);
    assert.ok(Math.abs(intervalScore(-0.5, 0.5, -0.7) - (1 + 20 * 0.2)) < 1e-12);
  });

  it('chooses a scale per cell where the spread differs by cell, and one range where it does not', () => {
    // Splitting further by GPUs (moe-split) tells the same cells apart.
    assert.match(selectRange(synthetic(0.1, 0.8)).id, /^moe/);
    const even = rangeScores(synthetic(0.4, 0.4));
    assert.ok(even[0] <= Math.min(...even) * 1.02, `${even}`);
  });

  it('keeps close to its 90% promise on families it never saw', () => {
    const residuals = synthetic(0.1, 0.8, 20);
    let inside = 0;
    for (let f = 0; f < 20; f++) {
      const calibration = calibrateRange(
        residuals.filter((r) => r.group !== `family-${f}`),
        candidateById('moe'),
      );
      for (const r of residuals.filter((o) => o.group === `family-${f}`)) {
        const i = rangeFor(calibration, r.condition);
        if (r.residual >= i.low && r.residual <= i.high) inside++;
      }
    }
    const coverage = inside / residuals.length;
    assert.ok(coverage > 0.85 && coverage < 0.96, `${coverage}`);
  });
});

/**
 * Residuals of `families` families whose set-ups on several GPUs (one in four) miss high more often
 * than those on one GPU, with the same spread in the middle: a shape, not a scale, that differs by cell.
 */
function skewedBySplit(families = 20, perFamily = 40): Residual[] {
  const random = mulberry32(11);
  const out: Residual[] = [];
  for (let f = 0; f < families; f++)
    for (let i = 0; i < perFamily; i++) {
      const split = i % 4 === 0;
      const tail = split && random() < 0.25;
      out.push({
        residual: tail ? 0.3 + random() * 0.9 : (random() * 2 - 1) * 0.3,
        group: `family-${f}`,
        condition: { moe: false, gpus: split ? 8 : 1, batch: 32 },
      });
    }
  return out;
}

/** Share of each cell's points inside the range calibrated without their family (leave-one-family-out). */
function cellCoverage(residuals: Residual[], id: Parameters<typeof candidateById>[0]) {
  const counts = { one: [0, 0], split: [0, 0] };
  for (const family of new Set(residuals.map((r) => r.group))) {
    const c = calibrateRange(
      residuals.filter((r) => r.group !== family),
      candidateById(id),
    );
    for (const r of residuals.filter((o) => o.group === family)) {
      const i = rangeFor(c, r.condition);
      const cell = counts[r.condition.gpus > 1 ? 'split' : 'one'];
      cell[1]++;
      if (r.residual >= i.low && r.residual <= i.high) cell[0]++;
    }
  }
  return { one: counts.one[0] / counts.one[1], split: counts.split[0] / counts.split[1] };
}

describe('ranges by set-up, each cell its own interval (Mondrian conformal)', () => {
  it('keeps the promise in each cell where one common interval breaks it for the cell that differs', () => {
    const residuals = skewedBySplit();
    const common = cellCoverage(residuals, 'split');
    const mondrian = cellCoverage(residuals, 'split-mondrian');
    assert.ok(common.split < 0.85, `common interval, several GPUs: ${common.split}`);
    for (const cell of ['one', 'split'] as const)
      assert.ok(mondrian[cell] > 0.86 && mondrian[cell] < 0.96, `${cell}: ${mondrian[cell]}`);
  });

  it('gives a cell the conformal interval of its own residuals, whatever their scale', () => {
    const residuals = skewedBySplit();
    const c = calibrateRange(residuals, candidateById('split-mondrian'));
    const own = conformalLogInterval(
      residuals.filter((r) => r.condition.gpus > 1).map((r) => r.residual),
      0.9,
    );
    const i = rangeFor(c, { moe: true, gpus: 4, batch: 256 });
    assert.ok(Math.abs(i.low - own.low) < 1e-12 && Math.abs(i.high - own.high) < 1e-12, JSON.stringify(c));
  });

  it('counts families, not points, in the finite-sample level when asked to', () => {
    // Five families: a 90% interval counting families can only promise 1 - 2/6, so it takes the
    // extremes; counting 200 points it takes inner ranks.
    const residuals = skewedBySplit(5);
    const byFamilies = calibrateRange(residuals, candidateById('split-mondrian-families'));
    const byPoints = calibrateRange(residuals, candidateById('split-mondrian'));
    const cell = { moe: false, gpus: 1, batch: 32 };
    const scale = byFamilies.scales.one;
    const scaled = residuals.filter((r) => r.condition.gpus === 1).map((r) => r.residual / scale);
    const f = rangeFor(byFamilies, cell);
    const p = rangeFor(byPoints, cell);
    assert.ok(Math.abs(f.high / scale - Math.max(...scaled)) < 1e-12, `${f.high}`);
    assert.ok(Math.abs(f.low / scale - Math.min(...scaled)) < 1e-12, `${f.low}`);
    assert.ok(f.high - f.low > p.high - p.low);
    const pooled = pooledConformalLogInterval(
      residuals.filter((r) => r.condition.gpus === 1).map((r) => ({ ...r, residual: r.residual / scale })),
    );
    assert.equal(byFamilies.cellIntervals?.one.high, pooled.high);
  });

  it('gives a cell of fewer than three families the interval common to all cells', () => {
    const residuals = skewedBySplit().map((r) =>
      r.condition.gpus > 1 && r.group !== 'family-0' && r.group !== 'family-1'
        ? { ...r, condition: { ...r.condition, gpus: 1 } }
        : r,
    );
    const c = calibrateRange(residuals, candidateById('split-mondrian'));
    assert.equal(c.cellIntervals?.split, undefined);
    assert.ok(c.cellIntervals?.one);
    const i = rangeFor(c, { moe: false, gpus: 8, batch: 32 });
    assert.ok(Math.abs(i.high - c.normalised.high * c.scales.split) < 1e-12);
  });

  it('is chosen by the interval score only where it scores better, like every candidate', () => {
    const ids = rangeScores(skewedBySplit()).map((score, k) => ({ score, id: RANGE_CANDIDATES[k].id }));
    const best = ids.reduce((a, b) => (b.score < a.score ? b : a));
    assert.equal(selectRange(skewedBySplit()).id, best.id);
    assert.match(best.id, /mondrian/);
  });
});
