import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EFFICIENCY_TRENDS, TECHNOLOGY_INTENSITIES } from '../catalog/projections.js';
import { type ProjectInput, projectInputSchema, projectTraining } from './project.js';
import {
  cleanGridFloor,
  efficiencyTrend,
  gridScenario,
  hardwareEfficiencyFactor,
  mixIntensity,
  projectIntensity,
  scenarioRatio,
} from './projection.js';
import { parseInput } from './schemas/common.js';

const project = (raw: Record<string, unknown>) =>
  projectTraining(parseInput(projectInputSchema, raw) as ProjectInput);

describe('accelerator efficiency', () => {
  it('doubles every doubling period from the chip’s release, never before it', () => {
    const trend = efficiencyTrend('ml-gpus');
    assert.equal(hardwareEfficiencyFactor(2022, 2025, trend), 2);
    assert.equal(hardwareEfficiencyFactor(2022, 2028, trend), 4);
    assert.equal(hardwareEfficiencyFactor(2022, 2020, trend), 1);
    assert.ok(Math.abs(hardwareEfficiencyFactor(2022, 2023, efficiencyTrend('leading')) - 1.5) < 1e-12);
    assert.throws(() => efficiencyTrend('moore'), /--efficiency-trend: 'moore'/);
    for (const t of EFFICIENCY_TRENDS) assert.match(t.source.citation, /\d{4}/);
  });
});

describe('grid scenarios', () => {
  it('decline from the base year, faster for more ambitious scenarios', () => {
    const names = ['current-policies', 'pledges', 'net-zero'];
    for (const year of [2030, 2040, 2050]) {
      const ratios = names.map((n) => scenarioRatio(gridScenario(n), 2024, year));
      assert.ok(ratios[0] < 1 && ratios[1] < ratios[0] && ratios[2] <= ratios[1], `${year}: ${ratios}`);
    }
    assert.equal(scenarioRatio(gridScenario('net-zero'), 2024, 2020), 1);
    assert.equal(gridScenario('STEPS').id, 'current-policies');
    assert.throws(
      () => gridScenario('business-as-usual'),
      /--scenario: 'business-as-usual'.*current-policies, pledges, net-zero/,
    );
  });

  it('never project a grid below the life-cycle intensity of clean generation', () => {
    const floor = cleanGridFloor();
    assert.ok(floor > 10 && floor < 40, `floor ${floor}`);
    const pl = projectIntensity(650, 2024, 2045, gridScenario('net-zero'));
    assert.equal(pl.intensityGPerKwh, floor);
    assert.equal(pl.floored, true);
    // A grid already cleaner than the floor keeps its own value.
    assert.equal(projectIntensity(8, 2024, 2045, gridScenario('net-zero')).intensityGPerKwh, 8);
  });
});

describe('generation mix', () => {
  it('uses the IPCC AR5 life-cycle medians', () => {
    assert.equal(mixIntensity({ coal: 1 }).intensityGPerKwh, 820);
    assert.equal(mixIntensity({ gas: 0.5, wind: 0.5 }).intensityGPerKwh, 0.5 * 490 + 0.5 * 11);
    assert.equal(mixIntensity({ nuclear: 1 }).intensityGPerKwh, 12);
  });

  it('a greener mix never raises intensity: moving any share to a lower-intensity technology lowers it', () => {
    const techs = TECHNOLOGY_INTENSITIES.map((t) => t.id);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
          minLength: techs.length,
          maxLength: techs.length,
        }),
        fc.nat(techs.length - 1),
        fc.nat(techs.length - 1),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, from, to, fraction) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          fc.pre(sum > 0.01 && from !== to);
          const shares = Object.fromEntries(techs.map((t, i) => [t, weights[i] / sum]));
          const [dirty, clean] = [techs[from], techs[to]].sort(
            (a, b) =>
              TECHNOLOGY_INTENSITIES.find((t) => t.id === b)!.intensityGPerKwh -
              TECHNOLOGY_INTENSITIES.find((t) => t.id === a)!.intensityGPerKwh,
          );
          const moved = shares[dirty] * fraction;
          const greener = { ...shares, [dirty]: shares[dirty] - moved, [clean]: shares[clean] + moved };
          assert.ok(mixIntensity(greener).intensityGPerKwh <= mixIntensity(shares).intensityGPerKwh + 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects shares that do not add up, unknown technologies and bad values', () => {
    assert.throws(() => mixIntensity({ solar: 0.3, wind: 0.2 }), /add up to 1 \(they add up to 0.5\)/);
    assert.throws(() => mixIntensity({ fusion: 1 }), /'fusion' is not a generation technology/);
    assert.throws(
      () => parseInput(projectInputSchema, { year: 2030, mix: 'solar=lots' }),
      /--mix: 'solar=lots'/,
    );
    assert.deepEqual(parseInput(projectInputSchema, { year: 2030, mix: 'solar=0.3, wind=0.7' }).mix, {
      solar: 0.3,
      wind: 0.7,
    });
  });
});

describe('projectTraining', () => {
  it('shows today, future accelerators, future grid and both, with location- and market-based figures', () => {
    const p = project({
      params: '70B',
      tokens: '2T',
      hardware: 'h100',
      location: 'pl',
      year: 2030,
      scenario: 'net-zero',
      renewableShare: 0.5,
    });
    assert.ok(p.hardwareOnly.energyKwh.central < p.baseline.energyKwh.central);
    assert.equal(p.gridOnly.energyKwh.central, p.baseline.energyKwh.central);
    assert.ok(p.gridOnly.intensityGPerKwh < p.baseline.intensityGPerKwh);
    assert.ok(
      p.projected.totalCo2eKg.central <
        Math.min(p.hardwareOnly.totalCo2eKg.central, p.gridOnly.totalCo2eKg.central),
    );
    for (const f of [p.baseline, p.hardwareOnly, p.gridOnly, p.projected]) {
      assert.ok(f.co2eMarketKg.central > 0 && f.co2eMarketKg.central < f.co2eKg.central);
      assert.ok(Math.abs(f.co2eMarketKg.central - 0.5 * f.co2eKg.central) < 1e-6 * f.co2eKg.central);
    }
    assert.ok(p.hardware && p.hardware.efficiencyFactor > 1);
    assert.ok(p.changePct.combined < p.changePct.hardware && p.changePct.combined < p.changePct.grid);
  });

  it('market-based equals location-based without renewable contracts, and says so', () => {
    const p = project({
      params: '7B',
      tokens: '1T',
      hardware: 'nvidia-a100-sxm4-80gb',
      location: 'fr',
      year: 2035,
    });
    assert.deepEqual(p.baseline.co2eMarketKg, p.baseline.co2eKg);
    assert.match(p.accounting.note, /--renewable-share/);
  });

  it('a greener mix gives lower emissions than a coal grid at equal energy', () => {
    const p = project({
      params: '7B',
      tokens: '1T',
      hardware: 'h100',
      location: 'pl',
      year: 2030,
      mix: 'wind=0.5,solar=0.3,nuclear=0.2',
    });
    assert.ok(p.projectedWithMix!.co2eKg.central < p.projected.co2eKg.central);
    assert.equal(p.projectedWithMix!.energyKwh.central, p.projected.energyKwh.central);
    assert.throws(() => parseInput(projectInputSchema, { params: '7B' }), /--year is required/);
  });
});
