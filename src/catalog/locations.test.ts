import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { averageIntensity, electricityMaps } from '@tgwf/co2/data';
import { EmpreinteError } from '../errors.js';
import { EMBER_YEARS, EMBER_YEARS_INFERRED } from './ember-years.js';
import { ALPHA3_TO_ALPHA2 } from './iso-countries.js';
import { allLocations, findLocation, listLocations, resolveLocation, WORLD } from './locations.js';

/** Our World in Data's yearly intensities (Ember), committed with its licence (test/fixtures/catalog/README.md). */
const OWID_CSV = new URL(
  '../../test/fixtures/catalog/owid-carbon-intensity-electricity.csv',
  import.meta.url,
);

function usageError(fn: () => unknown): EmpreinteError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof EmpreinteError, `expected an EmpreinteError, got ${error}`);
    return error;
  }
  assert.fail('expected a usage error');
}

describe('resolveLocation', () => {
  it('finds a country by lower-case code, alpha-3 code and English or French name', () => {
    for (const name of ['fr', 'fra', 'FRA', 'France', 'france', ' France ']) {
      const entry = resolveLocation(name);
      assert.equal(entry.id, 'fr', name);
      assert.equal(entry.kind, 'country');
    }
    assert.equal(resolveLocation('Allemagne').id, 'de');
    assert.equal(resolveLocation('uk').id, 'gb');
    assert.equal(resolveLocation('usa').id, 'us');
  });

  it('gives the Electricity Maps zone for an upper-case zone key, and both describe France', () => {
    const zone = resolveLocation('FR');
    assert.equal(zone.id, 'FR');
    assert.equal(zone.kind, 'zone');
    assert.equal(zone.intensityGPerKwh, electricityMaps.yearly2025.data.FR.carbonIntensity.value);
    const country = resolveLocation('fr');
    assert.equal(country.intensityGPerKwh, averageIntensity.data.FRA);
    assert.notEqual(zone.source.citation, country.source.citation);
  });

  it('finds sub-national zones by key, forgiving case and dashes', () => {
    const caiso = resolveLocation('US-CAL-CISO');
    assert.equal(caiso.kind, 'zone');
    assert.equal(
      caiso.intensityGPerKwh,
      electricityMaps.yearly2025.data['US-CAL-CISO'].carbonIntensity.value,
    );
    assert.equal(resolveLocation('us cal ciso').id, 'US-CAL-CISO');
    const west = resolveLocation('IN-WE');
    assert.equal(west.id, 'IN-WE');
    assert.match(west.name, /India/);
  });

  it('finds cloud regions with or without the provider prefix, and takes the zone value', () => {
    const paris = resolveLocation('aws:eu-west-3');
    assert.equal(paris.kind, 'cloud-region');
    assert.equal(paris.provider, 'aws');
    assert.equal(paris.zone, 'FR');
    assert.equal(paris.intensityGPerKwh, resolveLocation('FR').intensityGPerKwh);
    assert.match(paris.source.citation, /zone FR/);
    assert.equal(resolveLocation('AWS:EU-WEST-3').id, 'aws:eu-west-3');
    assert.equal(resolveLocation('europe-west1').id, 'gcp:europe-west1');
    assert.equal(resolveLocation('francecentral').id, 'azure:francecentral');
  });

  it('tells AWS us-east-1 from Google us-east1 by spelling, and calls a forgiving match ambiguous', () => {
    assert.equal(resolveLocation('us-east-1').id, 'aws:us-east-1');
    assert.equal(resolveLocation('us-east1').id, 'gcp:us-east1');
    const error = usageError(() => resolveLocation('US_EAST_1'));
    assert.equal(error.code, 'ambiguous_id');
    assert.match(error.issues[0].accepted ?? '', /aws:us-east-1/);
    assert.match(error.issues[0].accepted ?? '', /gcp:us-east1/);
    assert.equal(findLocation('US_EAST_1'), undefined);
  });

  it('keeps the Google Cloud figure beside the zone value', () => {
    const gcp = resolveLocation('gcp:europe-west9');
    assert.ok(gcp.providerFigure);
    assert.equal(gcp.providerFigure.year, 2024);
    assert.ok(gcp.providerFigure.intensityGPerKwh > 0);
    assert.match(gcp.source.citation, /Google Cloud publishes/);
    assert.equal(resolveLocation('aws:eu-west-3').providerFigure, undefined);
  });

  it('has the world average', () => {
    assert.equal(resolveLocation('world'), WORLD);
    assert.equal(resolveLocation('monde'), WORLD);
    assert.equal(WORLD.intensityGPerKwh, averageIntensity.data.WORLD);
  });

  it('rejects an unknown name with the closest ids, naming the field', () => {
    const error = usageError(() => resolveLocation('Frnace'));
    assert.equal(error.code, 'unknown_id');
    assert.deepEqual(error.issues[0].path, ['location']);
    assert.match(error.issues[0].accepted ?? '', /\bfr\b/);
    assert.match(error.message, /^--location: unknown location 'Frnace'/);
    const site = usageError(() => resolveLocation('atlantis', 'region'));
    assert.match(site.message, /^--region:/);
  });
});

describe('location catalog', () => {
  const all = allLocations();

  it('has unique ids and every kind', () => {
    assert.equal(new Set(all.map((e) => e.id)).size, all.length);
    for (const kind of ['world', 'country', 'zone', 'cloud-region']) {
      assert.ok(
        all.some((e) => e.kind === kind),
        kind,
      );
    }
    assert.ok(all.filter((e) => e.kind === 'zone').length >= 300);
    assert.ok(all.filter((e) => e.kind === 'country').length >= 200);
  });

  it('gives every entry an intensity in 0..1500 g/kWh and a source with its year and licence', () => {
    for (const e of all) {
      assert.ok(e.intensityGPerKwh >= 0 && e.intensityGPerKwh <= 1500, `${e.id}: ${e.intensityGPerKwh}`);
      assert.ok(Number.isInteger(e.year) && e.year >= 2000 && e.year <= 2026, `${e.id}: ${e.year}`);
      assert.equal(e.source.year, e.year, e.id);
      assert.ok(e.source.citation.includes(String(e.year)), `${e.id}: ${e.source.citation}`);
      assert.match(e.source.licence ?? '', /CC BY-SA 4\.0|ODbL/, e.id);
      assert.match(e.source.url ?? '', /^https:\/\//, e.id);
    }
  });

  it('uses lower-case alpha-2 ids for countries and the Electricity Maps keys for zones', () => {
    for (const e of all.filter((x) => x.kind === 'country')) assert.match(e.id, /^[a-z]{2}$/);
    const keys = new Set(Object.keys(electricityMaps.yearly2025.data));
    for (const e of all.filter((x) => x.kind === 'zone')) assert.ok(keys.has(e.id), e.id);
  });

  it('dates each Ember value with the year whose published value it matches (OWID republication)', () => {
    const csv = readFileSync(OWID_CSV, 'utf8');
    const published = new Map<string, number>();
    for (const line of csv.split(/\r?\n/).slice(1)) {
      const cells = line.split(',');
      if (cells.length < 4) continue;
      const [code, year, value] = cells.slice(-3);
      published.set(
        `${code === 'OWID_WRL' ? 'WORLD' : code === 'OWID_KOS' ? 'XKX' : code}:${year}`,
        Number(value),
      );
    }
    let checked = 0;
    for (const [alpha3, year] of Object.entries(EMBER_YEARS)) {
      if (EMBER_YEARS_INFERRED.has(alpha3)) continue;
      const value = published.get(`${alpha3}:${year}`);
      assert.ok(value !== undefined, `${alpha3} ${year}`);
      assert.ok(Math.abs(value - averageIntensity.data[alpha3]) < 0.01, `${alpha3} ${year}: ${value}`);
      checked++;
    }
    assert.ok(checked > 150, `only ${checked} exact years`);
    // Inferred years are said so in the citation.
    assert.match(resolveLocation('de').source.citation, /year inferred/);
  });

  it('maps alpha-3 to alpha-2 codes naming the same countries as the Ember series', () => {
    const csv = readFileSync(OWID_CSV, 'utf8');
    const names = new Map<string, string>();
    for (const line of csv.split(/\r?\n/).slice(1)) {
      const cells = line.split(',');
      if (cells.length >= 4 && cells[cells.length - 3])
        names.set(cells[cells.length - 3], cells.slice(0, -3).join(','));
    }
    const english = new Intl.DisplayNames(['en'], { type: 'region' });
    const fold = (s: string) =>
      s
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z]/g, '')
        .slice(0, 5);
    const differ = Object.entries(ALPHA3_TO_ALPHA2)
      .filter(([alpha3, alpha2]) => {
        const owid = names.get(alpha3 === 'XKX' ? 'OWID_KOS' : alpha3);
        return owid === undefined || fold(owid) !== fold(english.of(alpha2) ?? '');
      })
      .map(([alpha3]) => alpha3)
      .sort();
    // Only spelling differences ("St." for "Saint", "Türkiye", "Congo - Kinshasa"), checked by hand.
    assert.deepEqual(differ, ['COD', 'KNA', 'LCA', 'SPM', 'TUR', 'VCT', 'VIR']);
    assert.equal(new Set(Object.values(ALPHA3_TO_ALPHA2)).size, Object.keys(ALPHA3_TO_ALPHA2).length);
  });
});

describe('listLocations', () => {
  it('sorts by intensity, lowest first', () => {
    const list = listLocations();
    for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].intensityGPerKwh <= list[i].intensityGPerKwh);
  });

  it('filters by text, kind and provider', () => {
    assert.ok(listLocations('california').some((e) => e.id === 'US-CAL-CISO'));
    const zones = listLocations({ text: 'india', kind: 'zone' });
    assert.ok(zones.length >= 5);
    assert.ok(zones.every((e) => e.kind === 'zone'));
    const gcp = listLocations({ provider: 'gcp' });
    assert.ok(gcp.length >= 40);
    assert.ok(gcp.every((e) => e.provider === 'gcp' && e.kind === 'cloud-region'));
    assert.deepEqual(listLocations('no-such-place-anywhere'), []);
  });
});
