import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EQUIVALENCES } from '../catalog/equivalences.js';
import { EmpreinteError } from '../errors.js';
import { compareFootprint } from './compare.js';
import { citeSource, computeEquivalents } from './equivalents.js';

const byId = (id: string) => {
  const entry = EQUIVALENCES.find((e) => e.id === id);
  assert.ok(entry, id);
  return entry;
};

describe('equivalence catalog', () => {
  it('has unique ids, both languages and a dated source for every entry', () => {
    assert.equal(new Set(EQUIVALENCES.map((e) => e.id)).size, EQUIVALENCES.length);
    for (const e of EQUIVALENCES) {
      assert.ok(e.perUnit > 0 && Number.isFinite(e.perUnit), e.id);
      assert.ok(e.label.en && e.label.fr && e.unit.en && e.unit.fr, e.id);
      assert.ok(e.source.year >= 2009 && e.source.year <= 2026, e.id);
      assert.match(e.source.url ?? '', /^https:\/\//, e.id);
    }
    assert.ok(EQUIVALENCES.some((e) => e.basis === 'co2eKg'));
    assert.ok(EQUIVALENCES.some((e) => e.basis === 'energyKwh'));
  });

  it('derives its composite factors from the cited figures', () => {
    assert.ok(Math.abs(byId('car-km').perUnit - 0.2504) < 0.0005); // 403 g/mile
    assert.ok(Math.abs(byId('flight-paris-new-york').perUnit - 1773.84) < 0.01); // 2 × 5,835 km × 0.152
    assert.ok(Math.abs(byId('home-electricity-france').perUnit - 5027) < 1); // 156 TWh / 31.03 M homes
    assert.ok(Math.abs(byId('person-year-world').perUnit - 7137.5) < 0.1); // 57.1 Gt / 8.0 G people
  });
});

describe('computeEquivalents', () => {
  it('divides the figure by each factor of its basis', () => {
    const co2eKg = 12_345;
    const energyKwh = 67_890;
    const result = computeEquivalents({ co2eKg, energyKwh });
    assert.equal(result.length, EQUIVALENCES.length);
    for (const q of result) {
      const entry = byId(q.id);
      const amount = entry.basis === 'co2eKg' ? co2eKg : energyKwh;
      assert.ok(Math.abs(q.value * entry.perUnit - amount) < 1e-9 * amount, q.id);
    }
    const car = result.find((q) => q.id === 'car-km');
    assert.ok(car && Math.abs(car.value - 12_345 / 0.2504) / car.value < 0.002);
  });

  it('keeps only the equivalents whose basis is given, in catalog order', () => {
    const co2 = computeEquivalents({ co2eKg: 100 });
    assert.ok(co2.length > 0);
    assert.ok(co2.every((q) => byId(q.id).basis === 'co2eKg'));
    assert.deepEqual(
      co2.map((q) => q.id),
      EQUIVALENCES.filter((e) => e.basis === 'co2eKg').map((e) => e.id),
    );
    const energy = computeEquivalents({ energyKwh: 100 });
    assert.ok(energy.every((q) => byId(q.id).basis === 'energyKwh'));
    assert.deepEqual(computeEquivalents({}), []);
    assert.deepEqual(computeEquivalents({ co2eKg: Number.NaN }), []);
  });

  it('speaks the requested language, with the source and its year', () => {
    const en = computeEquivalents({ co2eKg: 1000 }, 'en');
    const fr = computeEquivalents({ co2eKg: 1000 }, 'fr');
    assert.deepEqual(
      en.map((q) => q.value),
      fr.map((q) => q.value),
    );
    const flightEn = en.find((q) => q.id === 'flight-paris-new-york');
    const flightFr = fr.find((q) => q.id === 'flight-paris-new-york');
    assert.equal(flightEn?.unit, 'round trips');
    assert.equal(flightFr?.unit, 'allers-retours');
    assert.notEqual(flightEn?.label, flightFr?.label);
    for (const q of en) assert.ok(q.source.includes(String(byId(q.id).source.year)), q.id);
  });

  it('cites with the year appended only when the citation lacks it', () => {
    assert.equal(citeSource({ citation: 'A report', year: 2021 }), 'A report (2021)');
    assert.equal(citeSource({ citation: 'A 2021 report', year: 2021 }), 'A 2021 report');
  });
});

describe('compareFootprint', () => {
  it('compares given figures', () => {
    const result = compareFootprint({ co2eKg: 1774, energyKwh: 3600 });
    assert.equal(result.co2eKg, 1774);
    assert.equal(result.energyKwh, 3600);
    assert.equal(result.model, undefined);
    const flights = result.equivalents.find((q) => q.id === 'flight-paris-new-york');
    assert.ok(flights && Math.abs(flights.value - 1) < 0.001);
    const homes = result.equivalents.find((q) => q.id === 'home-electricity-eu');
    assert.equal(homes?.value, 1);
  });

  it('compares the published figures of a catalog model, with their source', () => {
    const result = compareFootprint({ model: 'gpt-3-175b' });
    assert.ok(result.model);
    assert.equal(result.model.id, 'gpt-3-175b');
    assert.ok((result.co2eKg ?? 0) > 100_000);
    assert.ok((result.energyKwh ?? 0) > 1_000_000);
    assert.match(result.model.source, /Patterson/);
    assert.ok(result.equivalents.length === EQUIVALENCES.length);
  });

  it('refuses a model together with figures, and no input at all', () => {
    assert.throws(
      () => compareFootprint({ model: 'gpt-3-175b', co2eKg: 1 }),
      (error: unknown) => error instanceof EmpreinteError && error.code === 'conflict',
    );
    assert.throws(
      () => compareFootprint({}),
      (error: unknown) =>
        error instanceof EmpreinteError && error.code === 'missing' && /--co2e-kg/.test(error.message),
    );
    assert.throws(
      () => compareFootprint({ model: 'gpt-9000' }),
      (error: unknown) => error instanceof EmpreinteError && error.code === 'unknown_id',
    );
  });
});
