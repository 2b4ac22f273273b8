import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHIP_HOURS_RESIDUALS, MFU_MODEL } from '../catalog/training-defaults.js';
import { TRAINING_EVIDENCE } from '../catalog/training-evidence.js';
import { triangular } from './random.js';
import { parseInput } from './schemas/common.js';
import { estimateTraining, trainingInputSchema } from './training.js';
import {
  chipHoursInterval,
  fitMfuModel,
  flopOf,
  holdOutEachFamily,
  impliedMfu,
  predictMfu,
  queryOf,
  triangleForInterval,
} from './training-fit.js';

const near = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);

describe('utilisation fit', () => {
  it('reproduces the committed coefficients from the evidence catalog', () => {
    const c = fitMfuModel(TRAINING_EVIDENCE);
    near(c.intercept, MFU_MODEL.intercept, 1e-3, 'intercept');
    for (const k of Object.keys(MFU_MODEL.classOffset) as (keyof typeof MFU_MODEL.classOffset)[])
      near(c.classOffset[k], MFU_MODEL.classOffset[k], 1e-3, k);
    near(c.perDecadeParams, MFU_MODEL.perDecadeParams, 1e-3, 'perDecadeParams');
    near(c.perDecadeChips, MFU_MODEL.perDecadeChips, 1e-3, 'perDecadeChips');
    near(c.perDecadeMoe, MFU_MODEL.perDecadeMoe, 1e-3, 'perDecadeMoe');
    near(c.hopperPerDecadeParams, MFU_MODEL.hopperPerDecadeParams, 1e-3, 'hopperPerDecadeParams');
    near(c.perDecadeTokensPerParam, MFU_MODEL.perDecadeTokensPerParam, 1e-3, 'perDecadeTokensPerParam');
    near(c.chipsFromFlop.a, MFU_MODEL.chipsFromFlop.a, 1e-3, 'chips a');
    near(c.chipsFromFlop.b, MFU_MODEL.chipsFromFlop.b, 1e-3, 'chips b');
  });

  it('reproduces the committed residual range and its triangular spread', () => {
    const interval = chipHoursInterval(TRAINING_EVIDENCE, CHIP_HOURS_RESIDUALS.coverage);
    assert.equal(interval.n, CHIP_HOURS_RESIDUALS.n);
    assert.equal(TRAINING_EVIDENCE.length, CHIP_HOURS_RESIDUALS.n);
    near(interval.low, CHIP_HOURS_RESIDUALS.logLow, 1e-3, 'log low');
    near(interval.high, CHIP_HOURS_RESIDUALS.logHigh, 1e-3, 'log high');
    const t = triangleForInterval(interval);
    near(t.low, CHIP_HOURS_RESIDUALS.mfuFactor.low, 1e-3, 'mfu factor low');
    near(t.high, CHIP_HOURS_RESIDUALS.mfuFactor.high, 1e-3, 'mfu factor high');
    // Chip-hours ∝ 1/MFU: the triangle's 95th and 5th MFU percentiles give the interval's ends.
    near(-Math.log(triangular(0.95, t.low, 1, t.high)), interval.low, 1e-6, '5th percentile');
    near(-Math.log(triangular(0.05, t.low, 1, t.high)), interval.high, 1e-6, '95th percentile');
  });

  it('fits what it is given: a synthetic catalog with a known law is recovered', () => {
    // The evidence's runs with chip-hours rewritten so that MFU = 0.3 · (N/1e9)^0.1 · (N_total/N_active)^0.05.
    const law = (r: (typeof TRAINING_EVIDENCE)[number]) =>
      0.3 * (r.paramsActive / 1e9) ** 0.1 * (r.paramsTotal / r.paramsActive) ** 0.05;
    const runs = TRAINING_EVIDENCE.map((r) => ({ ...r, chipHours: (r.chipHours * impliedMfu(r)) / law(r) }));
    const c = fitMfuModel(runs);
    near(c.perDecadeParams, 0.1 * Math.LN10, 1e-6, 'size slope');
    near(c.perDecadeMoe, 0.05 * Math.LN10, 1e-6, 'MoE slope');
    for (const r of runs) near(predictMfu(queryOf(r), c), law(r), 1e-6, r.id);
  });

  it('the estimator uses the fit and states the residual range on chip-hours', () => {
    const e = estimateTraining(
      parseInput(trainingInputSchema, { params: 7e9, tokens: 2e12, hardware: 'h100', draws: 100_000 }),
    );
    assert.match(e.inputs.mfu.source, /^default:fitted goodput \(gpuHopper/);
    near(Math.log(e.chipHours.low / e.chipHours.central), CHIP_HOURS_RESIDUALS.logLow, 0.03, 'low');
    near(Math.log(e.chipHours.high / e.chipHours.central), CHIP_HOURS_RESIDUALS.logHigh, 0.03, 'high');
  });
});

describe('out-of-sample coverage', () => {
  it('the 90% chip-hours range covers at least 80% of runs whose family neither fitted nor calibrated it', () => {
    let inside = 0;
    let total = 0;
    for (const held of holdOutEachFamily(TRAINING_EVIDENCE)) {
      for (const run of held.runs) {
        const log = Math.log(
          run.chipHours /
            (flopOf(run) /
              (predictMfu(queryOf(run), held.model) *
                3600 *
                (flopOf(run) / (impliedMfu(run) * run.chipHours * 3600)))),
        );
        total++;
        if (log >= held.interval.low && log <= held.interval.high) inside++;
      }
    }
    assert.ok(inside / total >= 0.8, `coverage ${inside}/${total}`);
  });
});
