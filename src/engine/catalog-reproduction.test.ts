import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MODELS } from '../catalog/models.js';
import { modelsWithPublishedFigures, reproduceCatalog } from './catalog-reproduction.js';

describe('catalog reproduction on each publication’s own basis', () => {
  const rows = reproduceCatalog();

  it('covers every catalog model that publishes an energy or a CO2e figure', () => {
    const expected = MODELS.filter((m) => m.energyKwh !== undefined || m.co2eKg !== undefined).map(
      (m) => m.id,
    );
    assert.ok(expected.length >= 25, `only ${expected.length} models publish a figure`);
    assert.deepEqual(
      rows.map((r) => r.id),
      expected,
    );
    assert.equal(modelsWithPublishedFigures().length, expected.length);
  });

  it('reproduces every published energy and CO2e within 10%', () => {
    const misses = rows.flatMap((r) =>
      (['energyKwh', 'co2eKg'] as const)
        .filter((k) => r.published[k] !== undefined && !(Math.abs(r.differencePct[k]!) <= 10))
        .map(
          (k) => `${r.id} ${k}: ours ${r.ours[k].toFixed(0)}, published ${r.published[k]} (${r.basis.co2e})`,
        ),
    );
    assert.deepEqual(misses, []);
  });

  it('compares a market-based figure with our market-based CO2e, never the location-based one', () => {
    const market = rows.filter((r) => r.basis.co2e === 'market');
    assert.ok(market.length >= 4, `only ${market.length} market-based rows`);
    for (const r of market) {
      const model = MODELS.find((m) => m.id === r.id)!;
      assert.ok(model.marketIntensityGPerKwh, `${r.id}: market-based without a net intensity`);
      const ratio = model.marketIntensityGPerKwh / (model.intensityGPerKwh ?? Number.POSITIVE_INFINITY);
      assert.ok(ratio < 1, `${r.id}: net intensity not below the grid`);
    }
  });

  it('says how each publication counted: CO2e basis, PUE applied and what the energy covers', () => {
    const bloom = rows.find((r) => r.id === 'bloom-176b')!;
    assert.deepEqual(
      { pue: bloom.basis.pue, counts: bloom.basis.counts, co2e: bloom.basis.co2e },
      { pue: 1, counts: 'accelerators', co2e: 'location' },
    );
    const llama = rows.find((r) => r.id === 'llama-3.1-405b')!;
    assert.equal(llama.basis.pue, 'in power');
    const olmoe = rows.find((r) => r.id === 'olmoe-1b-7b')!;
    assert.equal(olmoe.basis.counts, 'measured accelerator energy');
    assert.equal(rows.find((r) => r.id === 'gpt-3-175b')!.basis.counts, 'accelerators and servers');
  });
});
