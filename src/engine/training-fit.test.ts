import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHIP_HOURS_RESIDUALS, MFU_MODEL } from '../catalog/training-defaults.js';
import { FIT_EVIDENCE, TRAINING_EVIDENCE } from '../catalog/training-evidence.js';
import { triangular } from './random.js';
import { RANGE_METHODS, selectRangeMethod } from './range-select.js';
import { parseInput } from './schemas/common.js';
import { trainingInputSchema } from './schemas/training.js';
import { estimateTraining } from './training.js';
import {
  chipHoursIntervals,
  fitMfuModel,
  impliedMfu,
  type MfuFeature,
  mfuSpreadFor,
  predictMfu,
  queryOf,
  runResiduals,
} from './training-fit.js';
import { holdOutEachFamily, MFU_CANDIDATES, sameSpec, selectMfuSpec } from './training-select.js';

/** The nested hold-out (terms chosen inside each fold), computed once for the tests that read it. */
let nestedCache: ReturnType<typeof holdOutEachFamily> | undefined;
const nested = () => {
  nestedCache ??= holdOutEachFamily(FIT_EVIDENCE);
  return nestedCache;
};

const near = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);

describe('utilisation fit', () => {
  it('reproduces the committed coefficients from the evidence catalog', () => {
    const c = fitMfuModel(FIT_EVIDENCE, MFU_MODEL.spec);
    near(c.intercept, MFU_MODEL.intercept, 1e-3, 'intercept');
    for (const k of Object.keys(MFU_MODEL.classOffset) as (keyof typeof MFU_MODEL.classOffset)[])
      near(c.classOffset[k], MFU_MODEL.classOffset[k], 1e-3, k);
    assert.deepEqual(Object.keys(c.perDecade), Object.keys(MFU_MODEL.perDecade));
    for (const [k, v] of Object.entries(MFU_MODEL.perDecade) as [MfuFeature, number][])
      near(c.perDecade[k]!, v, 1e-3, k);
    near(c.chipsFromFlop.a, MFU_MODEL.chipsFromFlop.a, 1e-3, 'chips a');
    near(c.chipsFromFlop.b, MFU_MODEL.chipsFromFlop.b, 1e-3, 'chips b');
  });

  it('commits the terms the selection picks among the candidates', () => {
    const { spec, scores } = selectMfuSpec(FIT_EVIDENCE);
    assert.equal(scores.length, MFU_CANDIDATES.length);
    assert.ok(sameSpec(spec, MFU_MODEL.spec), `selected ${JSON.stringify(spec)}`);
    // The picked candidate scores best: no other is lower.
    const picked = scores.find((s) => sameSpec(s.spec, spec))!;
    for (const s of scores) assert.ok(s.score >= picked.score, JSON.stringify(s.spec));
  });

  it('commits the range method the selection picks, and the ranges and log-space triangular spreads it makes', () => {
    const rows = runResiduals(FIT_EVIDENCE, MFU_MODEL.spec);
    const { method, scores } = selectRangeMethod(rows, CHIP_HOURS_RESIDUALS.coverage);
    assert.deepEqual(method, CHIP_HOURS_RESIDUALS.method);
    assert.equal(scores.length, RANGE_METHODS.length);
    const intervals = chipHoursIntervals(FIT_EVIDENCE, MFU_MODEL.spec, CHIP_HOURS_RESIDUALS.coverage);
    assert.deepEqual(intervals.method, method);
    const withChips = FIT_EVIDENCE.filter((r) => r.chips !== undefined).length;
    const join: string = method.join; // the committed join, whichever the evidence made it
    assert.equal(intervals.withChips.n, join === 'pooled' ? FIT_EVIDENCE.length : withChips);
    assert.equal(intervals.withoutChips.n, FIT_EVIDENCE.length);
    // Knowing the chip count never makes the range wider.
    assert.ok(intervals.withoutChips.low <= intervals.withChips.low);
    assert.ok(intervals.withoutChips.high >= intervals.withChips.high);
    for (const condition of ['withChips', 'withoutChips'] as const) {
      const interval = intervals[condition];
      const committed = CHIP_HOURS_RESIDUALS[condition];
      assert.equal(interval.n, committed.n, condition);
      near(interval.low, committed.logLow, 1e-3, `${condition} log low`);
      near(interval.high, committed.logHigh, 1e-3, `${condition} log high`);
      const t = mfuSpreadFor(interval);
      near(t.low, committed.mfuFactor.low, 1e-3, `${condition} mfu factor low`);
      near(t.high, committed.mfuFactor.high, 1e-3, `${condition} mfu factor high`);
      // Chip-hours ∝ 1/MFU: the log-space triangle's 95th and 5th MFU percentiles give the interval's ends.
      const at = (u: number) => -triangular(u, Math.log(t.low), 0, Math.log(t.high));
      near(at(0.95), interval.low, 1e-6, '5th percentile');
      near(at(0.05), interval.high, 1e-6, '95th percentile');
    }
  });

  it('fits what it is given: a synthetic catalog with a known law is recovered', () => {
    // The evidence's runs with chip-hours rewritten so that MFU = 0.3 · (N/1e9)^0.1 · (N_total/N_active)^0.05.
    const law = (r: (typeof TRAINING_EVIDENCE)[number]) =>
      0.3 * (r.paramsActive / 1e9) ** 0.1 * (r.paramsTotal / r.paramsActive) ** 0.05;
    const runs = TRAINING_EVIDENCE.map((r) => ({ ...r, chipHours: (r.chipHours * impliedMfu(r)) / law(r) }));
    // The committed terms by least squares (a ridge penalty, if the choice made one, shrinks by design).
    const c = fitMfuModel(runs, { ...MFU_MODEL.spec, ridge: 0 });
    near(c.perDecade.params!, 0.1 * Math.LN10, 1e-6, 'size slope');
    near(c.perDecade.moe!, 0.05 * Math.LN10, 1e-6, 'MoE slope');
    for (const r of runs) near(predictMfu(queryOf(r), c), law(r), 1e-6, r.id);
  });

  it('the estimator uses the fit and states the residual range of its condition on chip-hours', () => {
    const base = { params: 7e9, tokens: 2e12, hardware: 'h100', draws: 100_000 };
    for (const [condition, extra] of [
      ['withoutChips', {}],
      ['withChips', { chips: 512 }],
    ] as const) {
      const e = estimateTraining(parseInput(trainingInputSchema, { ...base, ...extra }));
      assert.match(e.inputs.mfu.source, /^default:fitted goodput \(gpuHopper/);
      const committed = CHIP_HOURS_RESIDUALS[condition];
      near(Math.log(e.chipHours.low / e.chipHours.central), committed.logLow, 0.03, `${condition} low`);
      near(Math.log(e.chipHours.high / e.chipHours.central), committed.logHigh, 0.03, `${condition} high`);
    }
    // Giving the chip count never widens the range.
    const width = (extra: object) => {
      const e = estimateTraining(parseInput(trainingInputSchema, { ...base, ...extra }));
      return e.chipHours.high / e.chipHours.low;
    };
    assert.ok(width({ chips: 512 }) <= width({}) * 1.01, `${width({ chips: 512 })} vs ${width({})}`);
  });
});

describe('choice of terms', () => {
  it('picks the simplest candidate when a law it holds explains every run exactly', () => {
    // MFU = 0.3 · (N/1e9)^0.1 · (chips/256)^-0.05 · (N_total/N_active)^0.05: size, chips and MoE only.
    const chips = (r: (typeof FIT_EVIDENCE)[number]) => r.chips ?? 512;
    const law = (r: (typeof FIT_EVIDENCE)[number]) =>
      0.3 *
      (r.paramsActive / 1e9) ** 0.1 *
      (chips(r) / 256) ** -0.05 *
      (r.paramsTotal / r.paramsActive) ** 0.05;
    const runs = FIT_EVIDENCE.map((r) => ({
      ...r,
      chips: chips(r),
      chipHours: (r.chipHours * impliedMfu(r)) / law(r),
    }));
    const { spec, scores } = selectMfuSpec(runs);
    assert.deepEqual([...spec.features], ['params', 'chips', 'moe']);
    assert.equal(spec.ridge, 0);
    assert.ok(scores[0].score < 1e-9, `exact law scored ${scores[0].score}`);
    // Without the chips term the law cannot be matched: a worse score.
    const noChips = scores.find((s) => s.spec.features.length === 2 && s.spec.ridge === 0)!;
    assert.ok(noChips.score > 1e-4, `size + MoE scored ${noChips.score}`);
  });

  it('the nested hold-out chooses the terms of each fold on the other families only', () => {
    const held = nested();
    for (const family of ['llama', 'phi', 'granite']) {
      const fold = held.find((h) => h.family === family)!;
      const train = FIT_EVIDENCE.filter((r) => r.family !== family);
      assert.ok(sameSpec(fold.spec, selectMfuSpec(train).spec), family);
      assert.deepEqual(fold.rangeMethod, selectRangeMethod(runResiduals(train, fold.spec)).method, family);
      assert.ok(fold.runs.every((r) => r.family === family));
    }
  });
});

describe('fit evidence', () => {
  it('leaves out exactly the distilled and embedding-heavy runs, whose compute 6·N·D does not describe', () => {
    const outside = TRAINING_EVIDENCE.filter((r) => r.distilled || r.embeddingHeavy).map((r) => r.id);
    assert.ok(TRAINING_EVIDENCE.some((r) => r.distilled));
    assert.ok(TRAINING_EVIDENCE.some((r) => r.embeddingHeavy));
    assert.equal(FIT_EVIDENCE.length, TRAINING_EVIDENCE.length - outside.length);
    for (const r of FIT_EVIDENCE) assert.ok(!r.distilled && !r.embeddingHeavy, r.id);
    // A distilled run would pull the fit: its implied utilisation is far below its peers'.
    const withDistilled = fitMfuModel(TRAINING_EVIDENCE, MFU_MODEL.spec);
    const without = fitMfuModel(FIT_EVIDENCE, MFU_MODEL.spec);
    assert.notEqual(withDistilled.intercept, without.intercept);
  });
});

describe('out-of-sample coverage', () => {
  it('the 90% chip-hours ranges cover at least 88% of runs (85% in each condition) whose family neither chose the terms nor the range method, fitted nor calibrated it', () => {
    const count = { withChips: [0, 0], withoutChips: [0, 0] };
    const asPublished = [0, 0];
    for (const held of nested()) {
      for (const run of held.runs) {
        // Every run without its chips; the runs that publish them also with.
        const conditions =
          run.chips === undefined ? (['withoutChips'] as const) : (['withoutChips', 'withChips'] as const);
        for (const condition of conditions) {
          const q = { ...queryOf(run), chips: condition === 'withChips' ? run.chips : undefined };
          // Chip-hours ∝ 1/MFU: log(published / predicted) = log(predicted MFU / implied MFU).
          const log = Math.log(predictMfu(q, held.model) / impliedMfu(run));
          const interval = held.intervals[condition];
          const inside = log >= interval.low && log <= interval.high;
          count[condition][1]++;
          if (inside) count[condition][0]++;
          if ((condition === 'withChips') === (run.chips !== undefined)) {
            asPublished[1]++;
            if (inside) asPublished[0]++;
          }
        }
      }
    }
    for (const [condition, [inside, total]] of Object.entries(count))
      assert.ok(inside / total >= 0.85, `${condition}: coverage ${inside}/${total}`);
    assert.equal(asPublished[1], FIT_EVIDENCE.length);
    assert.ok(asPublished[0] / asPublished[1] >= 0.88, `as published: coverage ${asPublished.join('/')}`);
    // In every fold, the range without the chip count contains the one with it.
    for (const held of nested()) {
      assert.ok(held.intervals.withoutChips.low <= held.intervals.withChips.low, held.family);
      assert.ok(held.intervals.withoutChips.high >= held.intervals.withChips.high, held.family);
    }
  });
});
