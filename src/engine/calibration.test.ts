import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isEmpreinteError } from '../errors.js';
import { msg } from '../messages/index.js';
import {
  applyCalibration,
  type CalibrationFigures,
  calibrateRunFigures,
  SINGLE_RUN_SPREAD,
  spreadOf,
} from './calibration.js';
import { logTriangleMatching } from './log-triangle.js';
import { mulberry32, triangular } from './random.js';

const close = (a: number, b: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tolerance * Math.abs(b), `${what}: ${a} vs ${b}`);

describe('calibration arithmetic', () => {
  it('finds utilisation from active parameters and chip power from GPU energy', () => {
    // A mixture-of-experts run: 6 · 13e9 active · 2e8 tokens on 8 chips for an hour at 989.5 TFLOP/s.
    const figures = calibrateRunFigures({
      activeParams: 13e9,
      tokens: 2e8,
      chipSeconds: 8 * 3600,
      gpuEnergyJ: 8 * 3600 * 520,
      peakFlopS: 989.5e12,
    });
    close(figures.mfu, (6 * 13e9 * 2e8) / (8 * 3600 * 989.5e12), 1e-12, 'mfu');
    close(figures.powerWPerChip, 520, 1e-12, 'power');
  });

  it('refuses inputs that imply a utilisation above 1, naming tokens', () => {
    assert.throws(
      () =>
        calibrateRunFigures({
          activeParams: 7e9,
          tokens: 1e12,
          chipSeconds: 3600,
          gpuEnergyJ: 1,
          peakFlopS: 1e15,
        }),
      (e: unknown) => isEmpreinteError(e) && e.issues[0].path[0] === 'tokens' && /above 1/.test(e.message),
    );
  });

  it('one run: the stated default spread; several: a Student t prediction interval in log space', () => {
    const one = spreadOf([0.3]);
    close(one.high / one.central, SINGLE_RUN_SPREAD.factor, 1e-12, 'one run, high');
    close(one.central / one.low, SINGLE_RUN_SPREAD.factor, 1e-12, 'one run, low');
    const values = [0.3, 0.36, 0.33];
    const logs = values.map(Math.log);
    const mean = logs.reduce((a, b) => a + b) / 3;
    const sd = Math.sqrt(logs.reduce((s, v) => s + (v - mean) ** 2, 0) / 2);
    const half = 2.92 * sd * Math.sqrt(1 + 1 / 3); // t(0.95, 2 df) = 2.920
    const three = spreadOf(values);
    close(three.central, Math.exp(mean), 1e-12, 'geometric mean');
    close(three.high, Math.exp(mean + half), 1e-12, 'high');
    close(three.low, Math.exp(mean - half), 1e-12, 'low');
    // Identical runs still leave the GPU-to-GPU variation.
    const same = spreadOf([0.3, 0.3, 0.3, 0.3]);
    close(same.high / same.central, SINGLE_RUN_SPREAD.floorFactor, 1e-12, 'floor');
  });

  it('draws a log-space triangle whose 5th and 95th percentiles are the range, even a lopsided one', () => {
    for (const range of [
      { low: 0.25, central: 0.3, high: 0.36 },
      { low: 0.02, central: 0.09, high: 1 },
    ]) {
      const t = logTriangleMatching(range);
      const random = mulberry32(7);
      const draws = Float64Array.from({ length: 200_000 }, () =>
        Math.exp(triangular(random(), Math.log(t.low), Math.log(t.central), Math.log(t.high))),
      ).sort();
      close(draws[Math.floor(0.05 * draws.length)], range.low, 0.01, '5th percentile');
      close(draws[Math.floor(0.95 * draws.length)], range.high, 0.01, '95th percentile');
    }
  });

  it('refuses a utilisation, power, chip or precision beside a calibration', () => {
    const calibration: CalibrationFigures = {
      name: 'lab',
      hardware: 'nvidia-h100-sxm5-80gb',
      precision: 'bf16',
      mfu: { low: 0.25, central: 0.3, high: 0.36 },
      powerWPerChip: { low: 400, central: 500, high: 600 },
      runCount: 2,
      rangeBasis: msg('calibration.basisRuns', { runs: 2, floor: 1.08 }),
    };
    const base = { params: 7e9, tokens: 1e12 };
    assert.deepEqual(applyCalibration({ ...base, hardware: 'h100' }, calibration), {
      ...base,
      hardware: 'nvidia-h100-sxm5-80gb',
      precision: 'bf16',
    });
    for (const [extra, field] of [
      [{ mfu: 0.4 }, 'mfu'],
      [{ powerW: 700 }, 'powerW'],
      [{ hardware: 'a100-80gb' }, 'hardware'],
      [{ precision: 'fp8' as const }, 'precision'],
    ] as const) {
      assert.throws(
        () => applyCalibration({ ...base, ...extra }, calibration),
        (e: unknown) => isEmpreinteError(e) && e.issues[0].path[0] === field,
        field,
      );
    }
  });
});
