import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MFU_MODEL } from '../../catalog/training-defaults.js';
import { EmpreinteError } from '../../errors.js';
import { explore, exploreInputSchema, exploreRows } from '../explore.js';
import { parseInput } from '../schemas/common.js';
import { trainingInputSchema } from '../schemas/training.js';
import { estimateTraining } from '../training.js';
import { planSweep, runSweep, type SweepSpec, sweepOrder, sweepRow } from './index.js';

const rowsOf = (raw: Record<string, unknown>) => exploreRows(explore(parseInput(exploreInputSchema, raw)));
const estimate = (raw: Record<string, unknown>) => estimateTraining(parseInput(trainingInputSchema, raw));
const closeTo = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.abs(expected),
    `${what}: ${actual} vs ${expected} (tolerance ${tolerance * 100}%)`,
  );

describe('sweep rows equal estimateTraining', () => {
  it('central values are identical, for every combination of hardware, location, size and tokens', () => {
    const rows = rowsOf({
      params: '1B,7B,70B',
      tokens: '200B,2T',
      hardware: 'nvidia-a100-sxm4-80gb,h100,google-tpu-v5p',
      location: 'fr,us,pl,aws:eu-west-3',
    });
    assert.equal(rows.length, 3 * 2 * 3 * 4);
    for (const row of rows) {
      const e = estimate({
        params: row.params,
        tokens: row.tokens,
        hardware: row.hardware,
        location: row.location,
      });
      assert.equal(row.energyKwh.central, e.energyKwh.central, `${JSON.stringify(row)}`);
      assert.equal(row.co2eKg.central, e.co2eKg.central);
      assert.equal(row.embodiedCo2eKg.central, e.embodiedCo2eKg.central);
      assert.equal(row.chipHours.central, e.chipHours.central);
      assert.equal(row.flop, e.flop);
    }
  });

  it('also with MoE, attention, MFU, PUE, precision, renewable share and a user grid intensity', () => {
    const rows = rowsOf({
      params: '47B',
      activeParams: '13B,47B',
      tokens: '1T',
      layers: 32,
      contextLength: '4096,8192',
      dModel: 4096,
      hardware: 'h100',
      precision: 'bf16,fp8',
      mfu: '0.3,0.45',
      pue: '1.1,1.4',
      gridIntensity: '50,400',
      renewableShare: '0,0.5',
    });
    assert.equal(rows.length, 2 * 2 * 2 * 2 * 2 * 2 * 2);
    for (const row of rows) {
      const e = estimate({
        params: row.params,
        activeParams: row.activeParams,
        tokens: row.tokens,
        layers: row.layers,
        contextLength: row.contextLength,
        dModel: row.dModel,
        hardware: row.hardware,
        precision: row.precision,
        mfu: row.mfu,
        pue: row.pue,
        gridIntensity: row.intensityGPerKwh,
        renewableShare: row.renewableShare,
      });
      assert.equal(row.co2eKg.central, e.co2eKg.central);
      assert.equal(row.co2eMarketKg?.central, e.co2eMarketKg?.central);
      assert.equal(row.flop, e.flop);
    }
  });

  it('in accounting mode (chip-hours, or chips × days) and with a given power', () => {
    for (const row of rowsOf({ chips: '64,512', days: '10,30', powerW: '400,700', location: 'de,world' })) {
      const e = estimate({ chips: row.chips, days: row.days, powerW: row.powerW, location: row.location });
      assert.equal(row.energyKwh.central, e.energyKwh.central);
      assert.equal(row.co2eKg.central, e.co2eKg.central);
    }
    for (const row of rowsOf({
      chipHours: '1000,1M',
      hardware: 'nvidia-a100-sxm4-80gb,h100',
      location: 'fr',
    })) {
      const e = estimate({ chipHours: row.chipHours.central, hardware: row.hardware, location: 'fr' });
      assert.equal(row.totalCo2eKg.central, e.totalCo2eKg.central);
    }
  });

  it('treats a model as its design (params, active params, tokens, hardware)', () => {
    const [row] = rowsOf({ model: 'llama-2-70b', location: 'fr' });
    assert.equal(row.model, 'llama-2-70b');
    const e = estimate({
      params: row.params,
      activeParams: row.activeParams,
      tokens: row.tokens,
      hardware: row.hardware,
      location: 'fr',
    });
    assert.equal(row.co2eKg.central, e.co2eKg.central);
  });
});

describe('sweep ranges (log-cumulants) against the Monte Carlo', () => {
  const cases: Record<string, unknown>[] = [
    { params: 70e9, tokens: 2e12, hardware: 'h100', location: 'pl' },
    { params: 7e9, tokens: 1e12, hardware: 'nvidia-a100-sxm4-80gb', location: 'fr' },
    { params: 1e9, tokens: 20e9, hardware: 'google-tpu-v4' },
    { params: 13e9, tokens: 1e12, hardware: 'nvidia-v100-sxm2', location: 'aws:us-east-1' },
    { chipHours: 1e5, hardware: 'h100', location: 'us' },
    { params: 70e9, tokens: 1.4e12, hardware: 'h100', mfu: 0.4, pue: 1.1, location: 'de' },
  ];
  // The fitted MFU's spread passes 1, where the draws are censored: chips given and not.
  const censored: Record<string, unknown>[] = [
    { params: 2e12, tokens: 1e11, hardware: 'h100', chips: 8, location: 'pl' },
    { params: 1e12, tokens: 1e9, hardware: 'h100', location: 'fr' },
  ];
  for (const c of [...cases, ...censored]) {
    it(`low and high within 3% of the 10,000-draw Monte Carlo: ${JSON.stringify(c)}`, () => {
      const [row] = rowsOf(c);
      const e = estimate({ ...c, draws: 100_000 });
      if (censored.includes(c))
        assert.equal((e.inputs.mfu.value as { high: number }).high, 1, 'the ceiling binds');
      for (const key of ['chipHours', 'energyKwh', 'co2eKg', 'embodiedCo2eKg'] as const) {
        closeTo(row[key].low, e[key].low, 0.03, `${key}.low`);
        closeTo(row[key].high, e[key].high, 0.03, `${key}.high`);
      }
      // The total adds percentiles of two positively related terms: about as wide as the Monte Carlo
      // (the skewed chip-hours spread of the fitted utilisation costs Cornish–Fisher up to ~2%).
      assert.ok(
        row.totalCo2eKg.high >= e.totalCo2eKg.high * 0.97 && row.totalCo2eKg.low <= e.totalCo2eKg.low * 1.03,
      );
      closeTo(row.totalCo2eKg.high, e.totalCo2eKg.high, 0.05, 'total high');
    });
  }

  it('collapses to the central value when nothing is uncertain', () => {
    const [row] = rowsOf({ chipHours: 1000, powerW: 500, pue: 1.2, gridIntensity: 300 });
    assert.deepEqual(row.co2eKg, {
      low: row.co2eKg.central,
      central: row.co2eKg.central,
      high: row.co2eKg.central,
    });
  });
});

describe('monotonicity', () => {
  it('more tokens never cost less; more params never cost less at fixed tokens', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.double({ min: 1e8, max: 2e12, noNaN: true }), { minLength: 2, maxLength: 6 }),
        fc.uniqueArray(fc.double({ min: 1e9, max: 2e13, noNaN: true }), { minLength: 2, maxLength: 6 }),
        fc.constantFrom('nvidia-a100-sxm4-80gb', 'h100', 'google-tpu-v4', 'amd-mi300x'),
        (params, tokens, hardware) => {
          const rows = rowsOf({ params, tokens, hardware, location: 'fr' });
          for (const a of rows) {
            for (const b of rows) {
              // Up to floating-point rounding: the fitted utilisation moves continuously with size and tokens.
              const notLess = (x: number, y: number) => x <= y * (1 + 1e-12);
              if (a.params === b.params && a.tokens! < b.tokens!)
                assert.ok(notLess(a.totalCo2eKg.central, b.totalCo2eKg.central));
              if (a.tokens === b.tokens && a.params! < b.params!) {
                assert.ok(
                  notLess(a.energyKwh.central, b.energyKwh.central),
                  `params ${a.params} vs ${b.params}`,
                );
                assert.ok(notLess(a.totalCo2eKg.central, b.totalCo2eKg.central));
              }
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a mixture-of-experts model costs about the compute of a dense model of its active size', () => {
    const [moe, dense] = rowsOf({
      params: '141B',
      activeParams: '39B',
      tokens: '2T',
      hardware: 'h100',
      location: 'fr',
    }).concat(rowsOf({ params: '39B', tokens: '2T', hardware: 'h100', location: 'fr' }));
    assert.equal(moe.flop, dense.flop);
    // Same FLOP; only the fitted utilisation's mixture-of-experts term differs, by its committed slope.
    const moePenalty = Math.exp(-(MFU_MODEL.perDecade.moe ?? 0) * Math.log10(141 / 39));
    closeTo(moe.energyKwh.central, dense.energyKwh.central * moePenalty, 0.01, 'MoE vs dense energy');
    assert.ok(moePenalty >= 1 && moePenalty < 1.5, `MoE penalty ${moePenalty}`);
    // 39/141 of the dense model's FLOP, at the lower utilisation the fit gives the smaller active size.
    const [total] = rowsOf({ params: '141B', tokens: '2T', hardware: 'h100', location: 'fr' });
    const ratio = moe.energyKwh.central / total.energyKwh.central;
    assert.ok(ratio > 39 / 141 && ratio < 0.5, `MoE/dense energy ${ratio}`);
  });
});

describe('sweep mechanics', () => {
  it('sorts by any column, ascending or descending', () => {
    const exploration = explore(
      parseInput(exploreInputSchema, {
        params: '1B,7B,70B',
        tokens: '1T',
        hardware: 'h100',
        location: 'fr,pl,se',
        sort: '-co2eKg',
      }),
    );
    const rows = exploreRows(exploration);
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].co2eKg.central >= rows[i].co2eKg.central);
    const byLocation = sweepOrder(exploration.result, 'location');
    const names = Array.from(byLocation, (i) => sweepRow(exploration.result, i).location!);
    assert.deepEqual(names, [...names].sort());
    assert.throws(
      () => sweepOrder(exploration.result, 'colour'),
      (e: unknown) =>
        e instanceof EmpreinteError &&
        /--sort: 'colour'/.test(e.message) &&
        /co2eKg/.test(e.issues[0].accepted!),
    );
  });

  it('skips impossible designs and precisions, and says so', () => {
    const exploration = explore(
      parseInput(exploreInputSchema, {
        params: '7B,70B',
        activeParams: '13B',
        tokens: '1T',
        hardware: 'nvidia-a100-sxm4-80gb,h100',
        precision: 'fp8',
      }),
    );
    const rows = exploreRows(exploration);
    assert.ok(
      rows.every((r) => r.params === 70e9 && r.hardware === rows[0].hardware && /h100/.test(r.hardware!)),
    );
    assert.ok(exploration.notes.some((n) => /active parameters/.test(n)));
    assert.ok(exploration.notes.some((n) => /no fp8/.test(n)));
  });

  it('refuses sweeps larger than the limit, and reports progress', () => {
    const spec: SweepSpec = { params: [1e9, 2e9, 3e9], tokens: [1e12, 2e12], hardware: ['h100'] };
    assert.throws(() => planSweep(spec, { maxScenarios: 5 }), /6 scenarios, more than the 5 allowed/);
    const calls: number[] = [];
    const plan = planSweep({
      params: Array.from({ length: 300 }, (_, i) => (i + 1) * 1e9),
      tokens: Array.from({ length: 300 }, (_, i) => (i + 1) * 1e10),
      hardware: ['h100'],
    });
    const result = runSweep(plan, { onProgress: (done) => calls.push(done), ranges: false });
    assert.equal(result.count, 90_000);
    assert.deepEqual(calls, [65_536, 90_000]);
    assert.equal(result.low, undefined);
  });

  it('explains missing inputs with the flags to give', () => {
    assert.throws(
      () => rowsOf({ params: '7B', hardware: 'h100' }),
      (e: unknown) => e instanceof EmpreinteError && e.issues[0].path[0] === 'tokens',
    );
    assert.throws(
      () => rowsOf({ params: '7B', tokens: '1T' }),
      (e: unknown) => e instanceof EmpreinteError && e.issues[0].path[0] === 'hardware',
    );
    assert.throws(
      () => rowsOf({ chipHours: '10', days: '1', chips: 2, powerW: 300 }),
      /cannot both be swept/,
    );
    assert.throws(
      () => parseInput(exploreInputSchema, { params: '7B,banana' }),
      /--params: 'banana' is not a number/,
    );
  });

  it('projects to future years: cheaper accelerators, greener grids', () => {
    const rows = rowsOf({
      params: '70B',
      tokens: '2T',
      hardware: 'h100',
      location: 'pl',
      year: '2030,2040',
      scenario: 'current-policies,net-zero',
    });
    const [today] = rowsOf({ params: '70B', tokens: '2T', hardware: 'h100', location: 'pl' });
    assert.equal(rows.length, 4);
    for (const r of rows) {
      assert.ok(r.energyKwh.central < today.energyKwh.central);
      assert.ok(r.intensityGPerKwh < today.intensityGPerKwh);
    }
    const at = (year: number, scenario: string) =>
      rows.find((r) => r.year === year && r.scenario === scenario)!;
    assert.ok(at(2040, 'net-zero').co2eKg.central < at(2040, 'current-policies').co2eKg.central);
    assert.ok(at(2040, 'current-policies').co2eKg.central < at(2030, 'current-policies').co2eKg.central);
  });
});

describe('compute-optimal sweeps', () => {
  it('lists the iso-FLOP frontier of each budget with the loss-optimal point at the lowest loss', () => {
    const rows = rowsOf({
      computeOptimal: true,
      computeBudget: '1e22,1e24',
      hardware: 'h100',
      location: 'fr',
    });
    for (const budget of [1e22, 1e24]) {
      const frontier = rows.filter((r) => r.computeBudget === budget);
      assert.equal(frontier.length, 8);
      const best = frontier.find((r) => r.lossOptimal)!;
      for (const r of frontier) {
        assert.ok((best.loss as number) <= (r.loss as number));
        closeTo(6 * r.params! * r.tokens!, budget, 1e-9, 'C = 6ND');
      }
      const thumb = frontier.find((r) => r.ruleOfThumb)!;
      closeTo(thumb.tokens! / thumb.params!, 20, 1e-9, 'tokens per parameter');
    }
  });

  it('gives each model size ~20 tokens per parameter', () => {
    const rows = rowsOf({ computeOptimal: true, params: '1B,70B', hardware: 'h100' });
    assert.deepEqual(
      rows.map((r) => r.tokens),
      [20e9, 1.4e12],
    );
    assert.ok((rows[1].loss as number) < (rows[0].loss as number));
    assert.throws(
      () => rowsOf({ computeOptimal: true, params: '1B', tokens: '1T', hardware: 'h100' }),
      /leave out --tokens/,
    );
  });
});
