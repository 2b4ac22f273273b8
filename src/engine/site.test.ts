import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findHardware } from '../catalog/hardware.js';
import { WORLD } from '../catalog/locations.js';
import { defaultPue } from '../catalog/pue.js';
import { EmpreinteError } from '../errors.js';
import { sourceIn } from './provenance.js';
import { resolveEmbodied, resolveSite } from './site.js';
import { estimateTraining } from './training.js';

const published = { origin: 'catalog:x', pue: 1.1, intensityGPerKwh: 429 };

describe('site resolution', () => {
  it('takes the user’s figures first, then the publication’s, then the defaults with a range', () => {
    const user = resolveSite({ pue: 1.3, gridIntensity: 100, published });
    assert.deepEqual([user.pue.value, user.pue.source, user.intensityGPerKwh.value], [1.3, 'user', 100]);
    const fromPaper = resolveSite({ published });
    assert.deepEqual([fromPaper.pue.value, fromPaper.pue.range], [1.1, undefined]);
    assert.equal(fromPaper.intensityGPerKwh.source, 'catalog:x');
    const none = resolveSite({});
    assert.equal(none.pue.value, defaultPue().pue);
    assert.ok(none.pue.range && none.pue.range.low < none.pue.value && none.pue.range.high > none.pue.value);
    assert.equal(none.intensityGPerKwh.value, WORLD.intensityGPerKwh);
    assert.match(none.notes.join(' '), /world-average/);
  });

  it('keeps the publication’s PUE when --location names a grid, and says so', () => {
    const site = resolveSite({ location: 'fr', published });
    assert.equal(site.pue.value, 1.1);
    assert.notEqual(site.intensityGPerKwh.value, 429);
    assert.match(site.notes.join(' '), /publication's PUE 1\.1 is kept/);
  });

  it('takes the operator’s PUE for a cloud region, and says which it replaced', () => {
    const site = resolveSite({ location: 'aws:eu-west-3', published });
    assert.equal(site.pue.value, defaultPue('aws').pue);
    assert.match(site.notes.join(' '), /replaces the publication's 1\.1/);
  });

  it('adds no PUE where the published power folds it in', () => {
    const site = resolveSite({ published: { origin: 'catalog:y', pue: 1.5, pueInPower: true } });
    assert.equal(site.pue.value, 1);
    assert.equal(site.pue.source, 'catalog:y (PUE folded into the published power per chip)');
    // The same label as data, said in French by the faces; the engine itself says it in English only.
    assert.equal(sourceIn(site.pue, 'fr'), 'catalog:y (PUE comprise dans la puissance publiée par puce)');
    assert.equal(sourceIn(site.pue, 'en'), site.pue.source);
  });

  it('turns a published net intensity into a renewable share of its own grid only', () => {
    const net = { origin: 'catalog:z', intensityGPerKwh: 400, marketIntensityGPerKwh: 100 };
    const share = resolveSite({ published: net }).renewableShare;
    assert.equal(share?.value, 0.75);
    assert.equal(share?.source, 'catalog:z (net 100 g/kWh over a grid of 400 g/kWh)');
    assert.equal(share && sourceIn(share, 'fr'), 'catalog:z (net : 100 g/kWh, pour un réseau à 400 g/kWh)');
    assert.equal(resolveSite({ published: net, location: 'fr' }).renewableShare, undefined);
    assert.equal(resolveSite({ published: net, renewableShare: 0.2 }).renewableShare?.value, 0.2);
  });

  it('amortises the embodied footprint over the service life, per year and per hour in use', () => {
    const h100 = findHardware('h100')!;
    const e = resolveEmbodied(h100);
    assert.ok(
      e.perChipYearKg.low < e.perChipYearKg.central && e.perChipYearKg.central < e.perChipYearKg.high,
    );
    assert.ok(Math.abs(e.perChipYearKg.central / e.perChipHourKg.central - 8760 * 0.85) < 1e-6);
    assert.match(e.source, /^catalog:nvidia-h100/);
  });
});

describe('training estimates of catalog models keep the publication’s basis', () => {
  it('GPT-3 trained in France keeps its published PUE (only the grid changes)', () => {
    const paper = estimateTraining({ model: 'gpt-3-175b', draws: 100 });
    const france = estimateTraining({ model: 'gpt-3-175b', location: 'fr', draws: 100 });
    assert.equal(france.energyKwh.central, paper.energyKwh.central);
    assert.ok(france.co2eKg.central < paper.co2eKg.central / 5);
    assert.ok(france.published?.notComparable?.includes('--location'));
    assert.equal(france.published?.differencePct.co2eKg, undefined);
    // The energy still compares: only the grid changed.
    assert.equal(france.published?.differencePct.energyKwh, paper.published?.differencePct.energyKwh);
    const aws = estimateTraining({ model: 'gpt-3-175b', location: 'aws:us-east-1', draws: 100 });
    assert.equal(aws.published?.differencePct.energyKwh, undefined);
    assert.match(aws.published?.notComparable ?? '', /PUE/);
  });

  it('BLOOM counts no PUE as published, and takes its site PUE once the run changes', () => {
    const bloom = estimateTraining({ model: 'bloom-176b', draws: 100 });
    assert.equal(bloom.inputs.pue.value, 1);
    const changed = estimateTraining({ model: 'bloom-176b', hardware: 'h100', draws: 100 });
    assert.equal(changed.inputs.pue.value, 1.2);
  });

  it('a market-based publication is compared with our market-based CO2e', () => {
    const glam = estimateTraining({ model: 'glam-1.2t', draws: 100 });
    assert.ok(glam.co2eMarketKg && glam.published?.ours);
    assert.equal(glam.published.ours.co2eKg, glam.co2eMarketKg.central);
    assert.ok(glam.co2eMarketKg.central < glam.co2eKg.central);
  });

  it('estimates a run on GH200 superchips (Alps, where the Apertus models were trained)', () => {
    const e = estimateTraining({ params: 70e9, tokens: 15e12, hardware: 'gh200', chips: 4096, draws: 100 });
    assert.equal(e.inputs.hardware.value, 'nvidia-gh200-96gb');
    assert.equal(e.inputs.tdpW.value, 680);
    assert.ok(e.chipHours.central > 1e6 && e.energyKwh.central > 0);
  });

  it('names what a catalog entry lacks instead of asking for --model', () => {
    for (const [model, pattern] of [
      ['chinchilla-70b', /--model chinchilla-70b: .*TPU v3 and TPU v4.*--hardware ID/],
      ['mistral-large-2', /--model mistral-large-2: .*training tokens.*--tokens N and --hardware ID/],
    ] as const) {
      assert.throws(
        () => estimateTraining({ model, draws: 100 }),
        (e: unknown) => e instanceof EmpreinteError && e.code === 'missing' && pattern.test(e.message),
      );
    }
    const chinchilla = estimateTraining({ model: 'chinchilla-70b', hardware: 'tpu-v4', draws: 100 });
    assert.ok(chinchilla.energyKwh.central > 0);
  });
});
