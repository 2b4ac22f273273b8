import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from './random.js';
import {
  calibrateRange,
  candidateById,
  intervalScore,
  type Residual,
  rangeFor,
  rangeScores,
  selectRange,
} from './serving-range.js';
import { conformalLogInterval } from './uncertainty.js';

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
