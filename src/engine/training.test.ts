import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadAccountingRows } from '../../test/helpers/published.js';
import { CHIP_HOURS_RESIDUALS, MFU_MODEL } from '../catalog/training-defaults.js';
import { EmpreinteError } from '../errors.js';
import { parseInput } from './schemas/common.js';
import { trainingInputSchema } from './schemas/training.js';
import { estimateTraining } from './training.js';

const input = (raw: Record<string, unknown>) => parseInput(trainingInputSchema, raw);

describe('accounting mode', () => {
  it('reproduces every published operational CO2e that has chip-hours, power and intensity within 3%', () => {
    // Excerpt of the published runs (life-cycle totals left out: not chip-hours × power).
    const rows = loadAccountingRows();
    assert.ok(rows.length >= 15, `expected at least 15 rows, got ${rows.length}`);
    for (const r of rows) {
      const e = estimateTraining(
        input({
          chipHours: r.chip_hours,
          powerW: r.power_w_per_chip,
          pue: r.pue ?? 1,
          gridIntensity: r.grid_kgco2_per_kwh! * 1000,
        }),
      );
      const published = r.co2e_t! * 1000;
      const error = Math.abs(e.co2eKg.central - published) / published;
      assert.ok(
        error < 0.03,
        `${r.id}: ours ${e.co2eKg.central.toFixed(1)} kg vs published ${published} kg (${(error * 100).toFixed(1)}%)`,
      );
      // Pure accounting has no uncertain input: the range collapses to the central value.
      assert.equal(e.co2eKg.low, e.co2eKg.central);
      assert.equal(e.co2eKg.high, e.co2eKg.central);
    }
  });

  it('derives chip-hours from chips × days, and rejects values that disagree', () => {
    const e = estimateTraining(input({ chips: 512, days: 20, powerW: 310, pue: 1.12, gridIntensity: 545 }));
    assert.equal(e.chipHours.central, 512 * 20 * 24);
    assert.equal(e.inputs.chipHours.source, 'derived:chips×days×24');
    assert.doesNotThrow(() =>
      estimateTraining(
        input({ chips: 512, days: 20, chipHours: 245_000, powerW: 300, pue: 1, gridIntensity: 1 }),
      ),
    );
    assert.throws(
      () =>
        estimateTraining(
          input({ chips: 512, days: 20, chipHours: 100_000, powerW: 300, pue: 1, gridIntensity: 1 }),
        ),
      (e: unknown) => e instanceof EmpreinteError && e.code === 'conflict' && /--chip-hours/.test(e.message),
    );
    assert.throws(() => estimateTraining(input({ days: 3, powerW: 300 })), /--chips is required/);
  });

  it('gives a market-based figure only with a renewable share, and never the flattering one alone', () => {
    const base = { chipHours: 1000, powerW: 500, pue: 1.2, gridIntensity: 400 };
    const without = estimateTraining(input(base));
    assert.equal(without.co2eMarketKg, undefined);
    const withShare = estimateTraining(input({ ...base, renewableShare: 0.75 }));
    assert.ok(withShare.co2eMarketKg);
    assert.equal(withShare.co2eKg.central, without.co2eKg.central);
    assert.ok(Math.abs(withShare.co2eMarketKg.central - 0.25 * without.co2eKg.central) < 1e-9);
  });
});

describe('first-principles mode', () => {
  it('cites the utilisation fit once, then the method of its range', () => {
    const e = estimateTraining(input({ params: '7B', tokens: '1T', hardware: 'h100', chips: 64 }));
    const source = e.inputs.mfu.source;
    assert.equal(source.split(MFU_MODEL.source.citation).length - 1, 1, source);
    const method = CHIP_HOURS_RESIDUALS.source.citation.replace(`; ${MFU_MODEL.source.citation}`, '');
    assert.ok(source.includes(`; range: ${method} (`), source);
    assert.ok(source.length < 700, `${source.length} characters`);
  });

  it('computes 6·N·D and chip-hours from peak FLOP/s and MFU', () => {
    const e = estimateTraining(
      input({
        params: 7e9,
        tokens: 2e12,
        hardware: 'a100-80gb',
        mfu: 0.5,
        powerW: 400,
        pue: 1,
        gridIntensity: 100,
      }),
    );
    assert.equal(e.flop, 6 * 7e9 * 2e12);
    const peak = e.inputs.peakFlopS.value as number;
    assert.ok(Math.abs(e.chipHours.central - e.flop! / (peak * 0.5) / 3600) < 1e-6);
    assert.equal(e.inputs.mfu.source, 'user');
  });

  it('uses active parameters for mixture-of-experts', () => {
    const dense = estimateTraining(input({ params: 47e9, tokens: 1e12, hardware: 'h100' }));
    const moe = estimateTraining(input({ params: 47e9, activeParams: 13e9, tokens: 1e12, hardware: 'h100' }));
    assert.equal(moe.flop, 6 * 13e9 * 1e12);
    // 13/47 of the FLOP; the fitted utilisation of a smaller active size is lower, so not quite 13/47 of the energy.
    const ratio = moe.energyKwh.central / dense.energyKwh.central;
    assert.ok(ratio > 13 / 47 && ratio < 0.5, `MoE/dense energy ${ratio}`);
    assert.throws(
      () => estimateTraining(input({ params: 7e9, activeParams: 8e9, tokens: 1e12, hardware: 'h100' })),
      /exceeds --params/,
    );
  });

  it('gives an honest range with every default sourced, repeatable under a seed', () => {
    const a = estimateTraining(input({ params: 70e9, tokens: 2e12, hardware: 'h100', location: 'fr' }));
    const b = estimateTraining(input({ params: 70e9, tokens: 2e12, hardware: 'h100', location: 'fr' }));
    assert.deepEqual(a, b);
    assert.ok(a.energyKwh.low < a.energyKwh.central && a.energyKwh.central < a.energyKwh.high);
    // Chip-hours carry the out-of-sample spread of the utilisation fit (about 0.5× to 2.2×).
    const ratio = a.chipHours.high / a.chipHours.low;
    assert.ok(ratio > 3 && ratio < 6, `chip-hours range ${ratio}`);
    assert.ok(a.energyKwh.high / a.energyKwh.low < 8, 'range must say something');
    for (const key of ['mfu', 'powerFraction', 'hostOverhead', 'pue', 'gridIntensity']) {
      assert.match(a.inputs[key].source, /^(default|location):.+\d{4}/, key);
    }
    assert.ok(a.embodiedCo2eKg.central > 0);
    assert.ok(a.equivalents.length > 0);
    const other = estimateTraining(
      input({ params: 70e9, tokens: 2e12, hardware: 'h100', location: 'fr', seed: 7 }),
    );
    assert.equal(other.energyKwh.central, a.energyKwh.central);
    assert.notEqual(other.energyKwh.low, a.energyKwh.low);
  });

  it('adds the attention term when the architecture is given', () => {
    const plain = estimateTraining(input({ params: 1e9, tokens: 1e10, hardware: 'a100' }));
    const withAttention = estimateTraining(
      input({ params: 1e9, tokens: 1e10, hardware: 'a100', layers: 24, contextLength: 4096, dModel: 2048 }),
    );
    assert.equal(withAttention.flop! - plain.flop!, 6 * 24 * 4096 * 2048 * 1e10);
  });

  it('names what is missing', () => {
    assert.throws(
      () => estimateTraining(input({ params: 7e9 })),
      (e: unknown) => e instanceof EmpreinteError && e.code === 'missing' && /--chip-hours/.test(e.message),
    );
    assert.throws(() => estimateTraining(input({ chipHours: 100 })), /--hardware or --power-w/);
  });
});

describe('catalog mode', () => {
  it('fills inputs from the catalog and shows the published figure beside ours', () => {
    const e = estimateTraining(input({ model: 'llama-2-70b' }));
    assert.equal(e.inputs.params.source, 'catalog:llama-2-70b');
    assert.ok(e.published?.co2eKg);
    assert.ok(e.published.source.length > 10);
    assert.ok(Number.isFinite(e.published.differencePct.co2eKg));
  });

  it('lets the user override the catalog, and then no longer reuses the published chip-hours', () => {
    const e = estimateTraining(input({ model: 'llama-2-70b', hardware: 'h100' }));
    assert.equal(e.inputs.hardware.source, 'user');
    assert.equal(e.inputs.chipHours, undefined);
    assert.ok(e.inputs.mfu);
  });
});

describe('input validation', () => {
  it('rejects impossible values naming the flag', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ mfu: 1.5 }, /--mfu/],
      [{ mfu: 0 }, /--mfu/],
      [{ pue: 0.9 }, /--pue/],
      [{ params: -7 }, /--params/],
      [{ tokens: 'lots' }, /--tokens/],
      [{ chips: 2.5 }, /--chips/],
      [{ gridIntensity: Number.NaN }, /--grid-intensity/],
      [{ renewableShare: 2 }, /--renewable-share/],
      [{ bogus: 1 }, /bogus/],
    ];
    for (const [raw, re] of cases) assert.throws(() => input(raw), re, JSON.stringify(raw));
  });

  it('accepts suffixed numbers as the CLI gives them', () => {
    const parsed = input({ params: '70B', tokens: '2T', powerW: '700W', chips: '64' });
    assert.equal(parsed.params, 70e9);
    assert.equal(parsed.tokens, 2e12);
    assert.equal(parsed.powerW, 700);
    assert.equal(parsed.chips, 64);
  });
});
