import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInput } from '../schemas/common.js';
import { trainingInputSchema } from '../schemas/training.js';
import { estimateTraining } from '../training.js';
import { MIN_SAVING_PCT, type RecommendResult, recommend, recommendInputSchema } from './index.js';

const run = (raw: Record<string, unknown>, lang: 'en' | 'fr' = 'en') =>
  recommend(parseInput(recommendInputSchema, raw), lang);
const estimate = (raw: Record<string, unknown>) => estimateTraining(parseInput(trainingInputSchema, raw));
const BASE = { params: '70B', tokens: '2T', hardware: 'h100' };

function checkInvariants(r: RecommendResult): void {
  assert.ok(r.recommendations.length > 0);
  const total = r.baseline.totalCo2eKg.central;
  for (let i = 0; i < r.recommendations.length; i++) {
    const rec = r.recommendations[i];
    if (i > 0)
      assert.ok(r.recommendations[i - 1].co2eKgSaved >= rec.co2eKgSaved, 'ordered by saving, descending');
    assert.ok(rec.co2eKgSaved > 0 && rec.savingPct >= MIN_SAVING_PCT, `${rec.id}: never a no-op`);
    assert.ok(
      Math.abs(rec.after.totalCo2eKg.central - (total - rec.co2eKgSaved)) < 1e-6 * total,
      `${rec.id}: after = baseline - saved`,
    );
    assert.ok(
      Object.values(rec.tradeOff).some((v) => typeof v === 'string' && v.length > 0),
      `${rec.id}: has a trade-off`,
    );
    assert.ok(rec.sources.length > 0 && rec.sources.every((s) => /\d{4}/.test(s)), `${rec.id}: sourced`);
    assert.ok(rec.label.length > 0);
  }
  assert.equal(
    new Set(r.recommendations.map((x) => `${x.id}:${JSON.stringify(x.change)}`)).size,
    r.recommendations.length,
  );
}

describe('recommend', () => {
  it('for a 70B model in Poland: ordered by saving, moving region first, every alternative a real saving', () => {
    const r = run({ ...BASE, location: 'pl' });
    checkInvariants(r);
    assert.match(r.recommendations[0].id, /^region-/);
    assert.ok(r.recommendations[0].savingPct > 50);
    const ids = r.recommendations.map((x) => x.id);
    for (const id of ['fp8', 'power-cap', 'schedule-pause']) assert.ok(ids.includes(id), `${id} in ${ids}`);
  });

  it('for the same model in France the grid is already clean: smaller savings, embodied and hardware matter more', () => {
    const pl = run({ ...BASE, location: 'pl' });
    const fr = run({ ...BASE, location: 'fr' });
    checkInvariants(fr);
    assert.ok(fr.baseline.totalCo2eKg.central < pl.baseline.totalCo2eKg.central / 5);
    assert.ok(fr.recommendations[0].co2eKgSaved < pl.recommendations[0].co2eKgSaved);
  });

  it('an alternative re-estimated by estimateTraining gives the same footprint', () => {
    const r = run({ ...BASE, location: 'pl' });
    for (const rec of r.recommendations.filter(
      (x) => x.id.startsWith('region') || x.id.startsWith('hardware'),
    )) {
      const e = estimate({ ...BASE, location: 'pl', ...rec.change });
      assert.ok(
        Math.abs(e.totalCo2eKg.central - rec.after.totalCo2eKg.central) < 1e-9 * e.totalCo2eKg.central,
        rec.id,
      );
    }
  });

  it('proposes mixed precision for FP32, FP8 only where the chip has it, and fewer trials only when there are several', () => {
    const fp32 = run({
      params: '7B',
      tokens: '200B',
      hardware: 'nvidia-a100-sxm4-80gb',
      precision: 'fp32',
      location: 'de',
    });
    checkInvariants(fp32);
    const mixed = fp32.recommendations.find((x) => x.id === 'mixed-precision')!;
    assert.ok(mixed && mixed.chipHoursChangePct! < -50);
    const a100 = run({ params: '7B', tokens: '200B', hardware: 'nvidia-a100-sxm4-80gb', location: 'de' });
    assert.ok(!a100.recommendations.some((x) => x.id === 'fp8'));
    assert.ok(!a100.recommendations.some((x) => x.id === 'fewer-trials'));
    const trials = run({
      params: '7B',
      tokens: '200B',
      hardware: 'nvidia-a100-sxm4-80gb',
      location: 'de',
      trials: 20,
    });
    const fewer = trials.recommendations.find((x) => x.id === 'fewer-trials')!;
    assert.ok(Math.abs(fewer.savingPct - (100 * (20 - 1.07)) / 20) < 1e-6);
    assert.equal(trials.recommendations[0].id, 'fewer-trials');
    assert.ok(
      Math.abs(trials.baseline.totalCo2eKg.central - 20 * a100.baseline.totalCo2eKg.central) <
        1e-6 * trials.baseline.totalCo2eKg.central,
    );
  });

  it('proposes a compute-optimal model for an over-parameterised run (GPT-3 style)', () => {
    const r = run({ params: '175B', tokens: '300B', hardware: 'nvidia-v100-sxm2', location: 'us' });
    const co = r.recommendations.find((x) => x.id === 'compute-optimal')!;
    assert.ok(co, r.recommendations.map((x) => x.id).join());
    assert.ok((co.change.params as number) < 175e9 && (co.change.tokens as number) > 300e9);
    assert.match(co.tradeOff.quality!, /same predicted pre-training loss \(\d\.\d{3}\) under Chinchilla/i);
    // In French, the fit's name and the loss too.
    const fr = run({ params: '175B', tokens: '300B', hardware: 'nvidia-v100-sxm2', location: 'us' }, 'fr');
    const quality = fr.recommendations.find((x) => x.id === 'compute-optimal')!.tradeOff.quality!;
    assert.match(
      quality,
      /^Même perte prédite \(\d,\d{3}\) selon Chinchilla \(Hoffmann et al\. 2022\), ajustement publié/,
    );
  });

  it('speaks French', () => {
    const r = run({ ...BASE, location: 'pl' }, 'fr');
    assert.ok(r.recommendations.some((x) => /^Entraîner/.test(x.label)));
    assert.ok(r.recommendations.every((x) => !/\bwith the same number\b/.test(x.tradeOff.time ?? '')));
  });

  it('with given chip-hours and power, compares only what it can', () => {
    const r = run({ chipHours: '100k', powerW: 700, location: 'pl' });
    assert.ok(r.recommendations.every((x) => !x.id.startsWith('hardware') && x.id !== 'compute-optimal'));
    assert.ok(r.notes.some((n) => /other hardware is not compared/.test(n)));
    assert.ok(r.recommendations.some((x) => x.id.startsWith('region')));
  });
});
