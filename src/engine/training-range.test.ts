import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHIP_HOURS_RESIDUALS, MFU_MAX, MFU_MODEL } from '../catalog/training-defaults.js';
import type { Range } from '../catalog/types.js';
import { type CalibrationFigures, calibrationRangeBasis } from './calibration.js';
import { triangular } from './random.js';
import { parseInput } from './schemas/common.js';
import { trainingInputSchema } from './schemas/training.js';
import { estimateTraining, type UtilisationFit } from './training.js';
import { censoredTriangleCumulants, factorCumulants } from './training-range.js';

const estimate = (raw: Record<string, unknown>, calibration?: CalibrationFigures, fit?: UtilisationFit) =>
  estimateTraining(parseInput(trainingInputSchema, raw), 'en', { calibration, fit });

/**
 * The committed spreads around a utilisation twice the committed fit's (clamped at 0.75 as any):
 * small models on few chips whose spread passes 1 far, whatever the evidence moves the fit to.
 */
const BUSY_FIT: UtilisationFit = {
  model: { ...MFU_MODEL, intercept: MFU_MODEL.intercept + Math.LN2 },
  mfuFactor: {
    withChips: CHIP_HOURS_RESIDUALS.withChips.mfuFactor,
    withoutChips: CHIP_HOURS_RESIDUALS.withoutChips.mfuFactor,
  },
};

const within = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.abs(expected),
    `${what}: ${actual} vs Monte Carlo ${expected} (${((100 * (actual - expected)) / expected).toFixed(2)}%)`,
  );

const CALIBRATION: CalibrationFigures = {
  name: 'cluster-a',
  hardware: 'h100',
  precision: 'bf16',
  mfu: { low: 0.3, central: 0.4, high: 0.5 },
  powerWPerChip: { low: 500, central: 600, high: 700 },
  runCount: 3,
  rangeBasis: calibrationRangeBasis(3),
};

describe('training ranges without sampling (log-cumulants) against the Monte Carlo', () => {
  const cases: [Record<string, unknown>, CalibrationFigures?, UtilisationFit?][] = [
    [{ params: 70e9, tokens: 2e12, hardware: 'h100', location: 'pl' }],
    [{ params: 7e9, tokens: 1e12, hardware: 'nvidia-a100-sxm4-80gb', location: 'fr' }],
    [{ params: 1e9, tokens: 20e9, hardware: 'google-tpu-v4' }],
    [{ chipHours: 1e5, hardware: 'h100', location: 'us', renewableShare: 0.5 }],
    [{ params: 70e9, tokens: 1.4e12, hardware: 'h100', mfu: 0.4, pue: 1.1, location: 'de' }],
    [{ model: 'bloom-176b' }],
    [{ chipHours: 1000, powerW: 700, location: 'no' }],
    [{ params: 7e9, tokens: 1e12, location: 'fr' }, CALIBRATION],
    // Two runs far apart: wide, skewed log-space triangles.
    [
      { params: 7e9, tokens: 1e12, location: 'pl' },
      {
        ...CALIBRATION,
        mfu: { low: 0.1, central: 0.4, high: 0.45 },
        powerWPerChip: { low: 200, central: 600, high: 700 },
      },
    ],
    // The MFU's spread passes 1, and its draws are censored there: a large model on a short run on
    // Hopper (the committed fit, chips unknown), small models on few chips, given or not (a busier fit),
    // a calibration whose runs reached 0.95.
    [{ params: 1e12, tokens: 1e9, hardware: 'h100', location: 'fr' }],
    [{ params: 1e9, tokens: 20e9, hardware: 'h100', chips: 8, location: 'pl' }, undefined, BUSY_FIT],
    [{ params: 1e9, tokens: 20e9, hardware: 'nvidia-a100-sxm4-80gb', location: 'us' }, undefined, BUSY_FIT],
    [{ params: 3e8, tokens: 6e9, hardware: 'google-tpu-v4', chips: 4 }, undefined, BUSY_FIT],
    [
      { params: 7e9, tokens: 1e12, location: 'de' },
      { ...CALIBRATION, mfu: { low: 0.6, central: 0.8, high: 0.95 } },
    ],
  ];
  for (const [input, calibration, fit] of cases) {
    it(`every low and high within 3% of a 200,000-draw Monte Carlo, the total within 5%: ${JSON.stringify(input)}${calibration ? ' calibrated' : ''}${fit ? ' busier fit' : ''}`, () => {
      const fast = estimate(input, calibration, fit);
      const mc = estimate({ ...input, draws: 200_000 }, calibration, fit);
      for (const key of ['chipHours', 'energyKwh', 'co2eKg', 'embodiedCo2eKg'] as const) {
        assert.equal(fast[key].central, mc[key].central, `${key}.central`);
        within(fast[key].low, mc[key].low, 0.03, `${key}.low`);
        within(fast[key].high, mc[key].high, 0.03, `${key}.high`);
      }
      if (mc.co2eMarketKg) {
        within(fast.co2eMarketKg!.low, mc.co2eMarketKg.low, 0.03, 'co2eMarketKg.low');
        within(fast.co2eMarketKg!.high, mc.co2eMarketKg.high, 0.03, 'co2eMarketKg.high');
      }
      within(fast.totalCo2eKg.low, mc.totalCo2eKg.low, 0.05, 'totalCo2eKg.low');
      within(fast.totalCo2eKg.high, mc.totalCo2eKg.high, 0.05, 'totalCo2eKg.high');
    });
  }

  it('has no range where nothing is uncertain, and the Monte Carlo on request (seed or draws)', () => {
    const exact = estimate({ chipHours: 1000, powerW: 500, pue: 1.2, gridIntensity: 300 });
    assert.deepEqual(exact.co2eKg, {
      low: exact.co2eKg.central,
      central: exact.co2eKg.central,
      high: exact.co2eKg.central,
    });
    const input = { params: 7e9, tokens: 1e12, hardware: 'h100', location: 'fr' };
    const seeded = estimate({ ...input, seed: 3 });
    assert.deepEqual(seeded, estimate({ ...input, seed: 3, draws: 10_000 }));
    assert.notDeepEqual(seeded.energyKwh, estimate(input).energyKwh);
  });

  it('matches the closed form of a log-space triangle, and the numeric one of a triangle in value', () => {
    // A symmetric triangle in log space on ±ln 2: mean 0, variance (a² + b² − ab)/18, no skew.
    const [k1, k2, k3] = factorCumulants({ low: 50, central: 100, high: 200, log: true });
    const l = Math.LN2;
    assert.ok(Math.abs(k1) < 1e-15 && Math.abs(k3) < 1e-15);
    assert.ok(Math.abs(k2 - (3 * l * l) / 18) < 1e-15);
    // In value, the cumulants of log(X / central) depend only on the shape: scale-free.
    const a = factorCumulants({ low: 0.2, central: 0.4, high: 0.5 });
    const b = factorCumulants({ low: 2000, central: 4000, high: 5000 });
    for (let i = 0; i < 4; i++) assert.ok(Math.abs(a[i] - b[i]) <= 1e-12 * Math.abs(a[i]) + 1e-18);
  });
});

describe('the ceiling of a utilisation (MFU ≤ 1)', () => {
  /** Chip-hours at an MFU of exactly 1: no draw and no low end may go below. */
  const atCeiling = (e: ReturnType<typeof estimate>) => {
    const mfu = e.inputs.mfu.value as Range;
    return (e.chipHours.central * mfu.central) / MFU_MAX.value;
  };

  it('shows the spread up to 1 at most, and at 1 where the fitted spread passes it', () => {
    for (const [input, fit, binds] of [
      [{ params: 1e9, tokens: 20e9, hardware: 'h100', chips: 8 }, BUSY_FIT, true],
      [{ params: 1e12, tokens: 1e9, hardware: 'h100' }, undefined, true],
      [{ params: 7e9, tokens: 1e12, hardware: 'nvidia-v100-sxm2', chips: 1024 }, undefined, false],
    ] as const) {
      const mfu = estimate(input, undefined, fit).inputs.mfu.value as Range;
      const spread = CHIP_HOURS_RESIDUALS[input.chips ? 'withChips' : 'withoutChips'].mfuFactor;
      assert.ok(mfu.low < mfu.central && mfu.central < mfu.high && mfu.high <= 1, JSON.stringify(mfu));
      assert.equal(mfu.high, binds ? 1 : mfu.central * spread.high, JSON.stringify(input));
    }
  });

  it('no Monte Carlo draw and no low end of chip-hours beyond it; where a twentieth of the draws pass it, the 5th percentile is at it', () => {
    const input = { params: 1e9, tokens: 20e9, hardware: 'nvidia-a100-sxm4-80gb', chips: 8, location: 'fr' };
    const fast = estimate(input, undefined, BUSY_FIT);
    const floor = atCeiling(fast);
    // The fitted spread's 95th percentile of the MFU is above 1: 5% or more of the draws sit at 1.
    const mfu = fast.inputs.mfu.value as Range;
    const spread = CHIP_HOURS_RESIDUALS.withChips.mfuFactor;
    const q95 = Math.exp(
      triangular(0.95, Math.log(mfu.low), Math.log(mfu.central), Math.log(mfu.central * spread.high)),
    );
    assert.ok(q95 > 1, `95th percentile of the fitted MFU ${q95}`);
    for (const seed of [1, 2, 3]) {
      const mc = estimate({ ...input, seed, draws: 20_000 }, undefined, BUSY_FIT);
      assert.ok(
        Math.abs(mc.chipHours.low - floor) <= 1e-9 * floor,
        `seed ${seed}: ${mc.chipHours.low} vs ${floor}`,
      );
    }
    assert.ok(Math.abs(fast.chipHours.low - floor) <= 1e-9 * floor);
    // Every other input fixed: energy is chip-hours times a constant, so no draw's energy is below the ceiling's.
    const fixed = { ...input, powerW: 900, pue: 1.1, gridIntensity: 50 };
    const mc = estimate({ ...fixed, draws: 20_000 }, undefined, BUSY_FIT);
    const perChipHour = mc.energyKwh.central / mc.chipHours.central;
    assert.ok(mc.energyKwh.low >= floor * perChipHour * (1 - 1e-9));
  });

  it('censors the cumulants in closed form, as the midpoint rule over the triangle finds them', () => {
    for (const [a, b, t] of [
      [-1.4, 0.97, 0.3],
      [-0.8, 1.0, 0.05],
      [-0.5, 0.7, -0.2],
    ]) {
      const nodes = 200_000;
      const values = Float64Array.from({ length: nodes }, (_, i) =>
        Math.min(t, triangular((i + 0.5) / nodes, a, 0, b)),
      );
      const mean = values.reduce((s, v) => s + v, 0) / nodes;
      const moment = (k: number) => values.reduce((s, v) => s + (v - mean) ** k, 0) / nodes;
      const [k1, k2, k3, k4] = censoredTriangleCumulants(a, b, t);
      const m2 = moment(2);
      assert.ok(Math.abs(k1 - mean) < 1e-6, `mean ${k1} vs ${mean}`);
      assert.ok(Math.abs(k2 - m2) < 1e-6, `variance ${k2} vs ${m2}`);
      assert.ok(Math.abs(k3 - moment(3)) < 1e-6, `third ${k3} vs ${moment(3)}`);
      assert.ok(Math.abs(k4 - (moment(4) - 3 * m2 * m2)) < 1e-6, `fourth ${k4}`);
    }
    // Censoring above the top changes nothing.
    const plain = factorCumulants({ low: 0.1, central: 0.3, high: 0.8, log: true });
    assert.deepEqual(factorCumulants({ low: 0.1, central: 0.3, high: 0.8, log: true, max: 1 }), plain);
  });
});
