import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CalibrationFigures } from './calibration.js';
import { parseInput } from './schemas/common.js';
import { trainingInputSchema } from './schemas/training.js';
import { estimateTraining } from './training.js';
import { factorCumulants } from './training-range.js';

const estimate = (raw: Record<string, unknown>, calibration?: CalibrationFigures) =>
  estimateTraining(parseInput(trainingInputSchema, raw), 'en', calibration ? { calibration } : {});

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
  rangeBasis: 'three runs',
};

describe('training ranges without sampling (log-cumulants) against the Monte Carlo', () => {
  const cases: [Record<string, unknown>, CalibrationFigures?][] = [
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
  ];
  for (const [input, calibration] of cases) {
    it(`every low and high within 3% of a 200,000-draw Monte Carlo, the total within 5%: ${JSON.stringify(input)}${calibration ? ' calibrated' : ''}`, () => {
      const fast = estimate(input, calibration);
      const mc = estimate({ ...input, draws: 200_000 }, calibration);
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
