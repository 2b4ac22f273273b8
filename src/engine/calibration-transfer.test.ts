import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALIBRATION_TRANSFER, TRANSFER_DOMAIN } from '../catalog/calibration-defaults.js';
import { resolveHardware } from '../catalog/hardware.js';
import { MFU_MODEL } from '../catalog/training-defaults.js';
import { FIT_EVIDENCE } from '../catalog/training-evidence.js';
import { msg } from '../messages/index.js';
import { type CalibrationFigures, calibratedMfu, spreadOf } from './calibration.js';
import {
  type CalibratedRun,
  sameShape,
  siblingGroups,
  transferInterval,
  transferRange,
  transferResiduals,
  transferredMfus,
  withinEvidence,
} from './calibration-transfer.js';
import type { MfuCoefficients } from './training-fit.js';

const close = (a: number, b: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tolerance * Math.abs(b), `${what}: ${a} vs ${b}`);

const hardware = resolveHardware('nvidia-h100-sxm5-80gb').entry;
/** A model with one slope: +0.2 in log(MFU) per decade of active parameters. */
const model: MfuCoefficients = {
  intercept: Math.log(0.3),
  classOffset: { gpuLegacy: 0, gpuAmpere: 0, gpuHopper: 0, tpu: 0 },
  perDecade: { params: 0.2 },
  chipsFromFlop: { a: -9.7, b: 0.54 },
};
const small: CalibratedRun = { paramsActive: 1e9, paramsTotal: 1e9, tokens: 2e10, chips: 64, mfu: 0.3 };
const big = { hardware, paramsActive: 1e10, paramsTotal: 1e10, tokens: 2e11, chips: 512 };
const interval = { low: -0.5, high: 0.5 };

describe('carrying a calibration to a run of another shape', () => {
  it("moves each run's utilisation by the model's predicted ratio", () => {
    const [moved] = transferredMfus([small], big, model);
    close(moved, 0.3 * Math.exp(0.2), 1e-12, 'one decade of size up');
    const [back] = transferredMfus([{ ...small, paramsActive: 1e11, paramsTotal: 1e11 }], big, model);
    close(back, 0.3 * Math.exp(-0.2), 1e-12, 'one decade down');
  });

  it('moves nothing beyond the span of the published runs the slopes were fitted on', () => {
    // A benchmark of 2M tokens of a 125M model on 2 chips: tokens per parameter and chips below the span.
    const bench = { paramsActive: 1.25e8, paramsTotal: 1.25e8, tokens: 2e6, chips: 2 };
    const held = withinEvidence(bench);
    assert.equal(held.paramsActive, 1.25e8, 'size inside: kept');
    close(held.tokens / held.paramsActive, TRANSFER_DOMAIN.tokensPerParam[0], 1e-12, 'tokens per parameter');
    assert.equal(held.chips, TRANSFER_DOMAIN.chips[0]);
    const huge = withinEvidence({ paramsActive: 2e12, paramsTotal: 1e14, tokens: 1e17, chips: 1e6 });
    assert.equal(huge.paramsActive, TRANSFER_DOMAIN.paramsActive[1]);
    close(huge.paramsTotal / huge.paramsActive, TRANSFER_DOMAIN.totalPerActive[1], 1e-12, 'experts');
    close(huge.tokens / huge.paramsActive, TRANSFER_DOMAIN.tokensPerParam[1], 1e-12, 'tokens');
    assert.equal(huge.chips, TRANSFER_DOMAIN.chips[1]);
    assert.equal(withinEvidence({ ...bench, chips: undefined }).chips, undefined);
    // With a tokens-per-parameter slope only, moving from 2M tokens is moving from the span's edge.
    const tokensOnly = { ...model, perDecade: { tokensPerParam: 0.15 } };
    const run = { ...bench, mfu: 0.1 };
    const target = { hardware, paramsActive: 1.25e8, paramsTotal: 1.25e8, tokens: 2.5e9 };
    const [moved] = transferredMfus([run], target, tokensOnly);
    close(
      moved,
      0.1 * Math.exp(0.15 * Math.log10(20 / TRANSFER_DOMAIN.tokensPerParam[0])),
      1e-9,
      'from the edge',
    );
  });

  it('takes its span from the fitted evidence', () => {
    const span = (f: (r: (typeof FIT_EVIDENCE)[number]) => number | undefined) => {
      const xs = FIT_EVIDENCE.map(f).filter((x) => x !== undefined);
      return [Math.min(...xs), Math.max(...xs)].map((x) => Number(x.toPrecision(6)));
    };
    assert.deepEqual(
      span((r) => r.paramsActive),
      TRANSFER_DOMAIN.paramsActive,
    );
    assert.deepEqual(
      span((r) => r.tokens / r.paramsActive),
      TRANSFER_DOMAIN.tokensPerParam,
    );
    assert.deepEqual(
      span((r) => r.chips),
      TRANSFER_DOMAIN.chips,
    );
    assert.deepEqual(
      span((r) => r.paramsTotal / r.paramsActive),
      TRANSFER_DOMAIN.totalPerActive,
    );
  });

  it('needs no transfer for a run of the calibrated shape (within 1%), and does for any other', () => {
    const same = { hardware, ...small, tokens: small.tokens * 1.005 };
    assert.ok(sameShape(small, same));
    assert.ok(!sameShape(small, { ...same, chips: 128 }));
    assert.ok(!sameShape(small, { ...same, tokens: small.tokens * 2 }));
    assert.ok(!sameShape(small, { ...same, chips: undefined }));
    const own = transferRange([small], same, model, interval, spreadOf);
    assert.equal(own.transferred, false);
    assert.deepEqual(own.range, spreadOf([0.3]));
  });

  it("ranges a transferred utilisation by the transfer's interval, or the runs' own spread where wider", () => {
    const one = transferRange([small], big, model, interval, spreadOf);
    assert.equal(one.transferred, true);
    close(one.range.central, 0.3 * Math.exp(0.2), 1e-12, 'central');
    close(one.range.high / one.range.central, Math.exp(0.5), 1e-12, 'high: the interval, wider than ×1.22');
    close(one.range.central / one.range.low, Math.exp(0.5), 1e-12, 'low');
    // Two runs a factor 4 apart at the same size: their own t-interval is far wider than ±0.5.
    const apart = transferRange([small, { ...small, mfu: 0.075 }], big, model, interval, spreadOf);
    const own = spreadOf([0.3 * Math.exp(0.2), 0.075 * Math.exp(0.2)]);
    close(apart.range.central, own.central, 1e-12, 'geometric mean');
    close(apart.range.low, own.low, 1e-12, 'own low, the wider');
    close(apart.range.high, own.high, 1e-12, 'own high, the wider');
  });

  it('keeps a calibration without shapes as it was, and caps a transferred utilisation at 1', () => {
    const figures: CalibrationFigures = {
      name: 'lab',
      hardware: hardware.id,
      precision: 'bf16',
      mfu: { low: 0.25, central: 0.3, high: 0.36 },
      powerWPerChip: { low: 400, central: 500, high: 600 },
      runCount: 1,
      rangeBasis: msg('calibration.basisRuns', { runs: 2, floor: 1.08 }),
    };
    assert.deepEqual(calibratedMfu(figures, big, model), { range: figures.mfu, transferred: false });
    const high = calibratedMfu(
      { ...figures, runs: [{ ...small, mfu: 0.7 }], transfer: interval },
      big,
      model,
    );
    assert.equal(high.range.high, 1);
    close(high.range.central, 0.7 * Math.exp(0.2), 1e-12, 'central uncapped below 1');
  });
});

describe("the transfer's errors on published siblings", () => {
  const residuals = transferResiduals(FIT_EVIDENCE, MFU_MODEL.spec);

  it('counts every ordered pair of siblings on the same hardware, each pair both ways', () => {
    const pairs = siblingGroups(FIT_EVIDENCE).reduce((n, g) => n + g.length * (g.length - 1), 0);
    assert.equal(residuals.length, pairs);
    // Both directions of a pair are predicted by the same fit (without their family): opposite errors.
    const sorted = residuals.map((r) => r.residual).sort((a, b) => a - b);
    for (const [i, x] of sorted.entries()) close(-x, sorted[sorted.length - 1 - i], 1e-9, `pair ${i}`);
    const withoutLlama = transferResiduals(FIT_EVIDENCE, MFU_MODEL.spec, ['llama']);
    assert.ok(withoutLlama.length < residuals.length);
    assert.ok(withoutLlama.every((r) => r.group !== 'llama'));
  });

  it('gives the committed interval', () => {
    const t = transferInterval(FIT_EVIDENCE, MFU_MODEL.spec, CALIBRATION_TRANSFER.coverage);
    assert.equal(Number(t.low.toFixed(4)), CALIBRATION_TRANSFER.low);
    assert.equal(Number(t.high.toFixed(4)), CALIBRATION_TRANSFER.high);
    assert.equal(t.n, CALIBRATION_TRANSFER.pairs);
    assert.equal(t.families, CALIBRATION_TRANSFER.families);
    // The rule named first (families weighing one) is wider: with 12 families, the extreme errors.
    const families = transferInterval(FIT_EVIDENCE, MFU_MODEL.spec, 0.9, [], 'families');
    assert.ok(families.high > t.high && families.low < t.low);
  });
});
