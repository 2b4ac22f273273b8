import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Co2Data from '@tgwf/co2/data';
import type { ElectricityMapsYear } from '@tgwf/co2/data';
import { userError } from '../errors.js';
import { CLOUD_REGIONS, type CloudProvider, type CloudRegion, type ProviderFigure } from './cloud-regions.js';
import { EMBER_YEARS, EMBER_YEARS_INFERRED } from './ember-years.js';
import { ALPHA3_TO_ALPHA2, COUNTRY_NICKNAMES } from './iso-countries.js';
import { createLookup, type Lookup, normaliseName } from './lookup.js';
import type { LocationEntry, Source } from './types.js';

/**
 * Grid carbon intensity of the world, countries, grid zones and cloud regions.
 * - countries (`fr`, `pl`, `us`): Ember yearly averages (generation-based, life-cycle factors);
 * - zones (`FR`, `US-CAL-CISO`, `IN-WE`): Electricity Maps yearly averages (consumption-based,
 *   life-cycle), latest year published;
 * - cloud regions (`aws:eu-west-3`): the Electricity Maps value of the zone the region sits in.
 * All values come from the data bundled in `@tgwf/co2` (CO2.js, Green Web Foundation).
 * Entries are built on first use; the CLI imports this module only for commands that need it.
 */

/**
 * CO2.js's data, loaded when first needed: its Electricity Maps years are ~400 KB of JavaScript
 * that a command not looking up a location (an estimate at the world average) need not compile.
 */
const require = createRequire(import.meta.url);
let co2: typeof Co2Data | undefined;
const co2Data = (): typeof Co2Data => {
  co2 ??= require('@tgwf/co2/data') as typeof Co2Data;
  return co2;
};

/** The Ember averages alone (4 KB), the same module CO2.js's data entry loads; the entry where its layout differs. */
function loadAverageIntensity(): (typeof Co2Data)['averageIntensity'] {
  try {
    const file = join(dirname(require.resolve('@tgwf/co2/data')), 'data/average-intensities.min.js');
    return (require(file) as { default: (typeof Co2Data)['averageIntensity'] }).default;
  } catch {
    return co2Data().averageIntensity;
  }
}
const averageIntensity = loadAverageIntensity();

export const CO2JS = '@tgwf/co2 0.19.0';
export const EMBER_LICENCE =
  'CC BY-SA 4.0 (Ember data as republished in CO2.js; Ember publishes it under CC BY 4.0)';
export const ELECTRICITY_MAPS_LICENCE =
  'ODbL 1.0 (Electricity Maps data as republished in CO2.js; credit: Electricity Maps)';
const EMBER_URL = 'https://ember-energy.org/data/yearly-electricity-data/';
const ELECTRICITY_MAPS_URL = 'https://www.electricitymaps.com/data/methodology';

/** A location as returned by the lookups; cloud regions also carry the provider's own figure where published. */
export type GridLocation = LocationEntry & { providerFigure?: ProviderFigure };

function emberSource(what: string, alpha3: string): Source {
  const year = EMBER_YEARS[alpha3];
  const inferred = EMBER_YEARS_INFERRED.has(alpha3) ? ', year inferred (value revised since)' : '';
  return {
    citation: `Ember, Yearly Electricity Data: average carbon intensity of electricity generation, ${what}, ${year}${inferred}; via ${CO2JS}`,
    year,
    url: EMBER_URL,
    licence: EMBER_LICENCE,
  };
}

/** The global average (Ember). */
export const WORLD: LocationEntry = {
  id: 'world',
  name: 'World',
  kind: 'world',
  intensityGPerKwh: averageIntensity.data.WORLD,
  year: EMBER_YEARS.WORLD,
  source: emberSource('World', 'WORLD'),
  aliases: ['global', 'monde', 'wrl'],
};

interface ZoneValue {
  intensityGPerKwh: number;
  year: number;
}

/** Electricity Maps years, newest first: a zone takes its latest published value. */
let years: readonly [number, ElectricityMapsYear][] | undefined;
function electricityMapsYears(): readonly [number, ElectricityMapsYear][] {
  if (years) return years;
  const { electricityMaps } = co2Data();
  years = [
    [2025, electricityMaps.yearly2025],
    [2024, electricityMaps.yearly2024],
    [2023, electricityMaps.yearly2023],
    [2022, electricityMaps.yearly2022],
    [2021, electricityMaps.yearly2021],
  ];
  return years;
}

function zoneValue(zone: string): ZoneValue | undefined {
  for (const [year, table] of electricityMapsYears()) {
    const value = table.data[zone]?.carbonIntensity.value;
    if (typeof value === 'number' && Number.isFinite(value)) return { intensityGPerKwh: value, year };
  }
  return undefined;
}

function electricityMapsSource(zone: string, year: number, subject = `zone ${zone}`): Source {
  return {
    citation: `Electricity Maps, yearly average carbon intensity ${year} (life-cycle, consumption-based), ${subject}; via ${CO2JS}`,
    year,
    url: ELECTRICITY_MAPS_URL,
    licence: ELECTRICITY_MAPS_LICENCE,
  };
}

function buildCountries(): LocationEntry[] {
  const entries: LocationEntry[] = [];
  const zones = co2Data().electricityMaps.yearly2025.data;
  // Built here, on the first lookup, not at import: each costs milliseconds that most commands never use.
  const english = new Intl.DisplayNames(['en'], { type: 'region' });
  const french = new Intl.DisplayNames(['fr'], { type: 'region' });
  for (const [alpha3, alpha2] of Object.entries(ALPHA3_TO_ALPHA2)) {
    const intensity = averageIntensity.data[alpha3];
    if (intensity === undefined || EMBER_YEARS[alpha3] === undefined) continue;
    const name = english.of(alpha2) ?? alpha2;
    const aliases = new Set([
      alpha3.toLowerCase(),
      name,
      french.of(alpha2) ?? name,
      ...(COUNTRY_NICKNAMES[alpha2] ?? []),
    ]);
    const zoneName = zones[alpha2]?.zone.zoneName;
    if (zoneName) aliases.add(zoneName);
    entries.push({
      id: alpha2.toLowerCase(),
      name,
      kind: 'country',
      intensityGPerKwh: intensity,
      year: EMBER_YEARS[alpha3],
      source: emberSource(name, alpha3),
      aliases: [...aliases],
    });
  }
  return entries;
}

function buildZones(): LocationEntry[] {
  const entries: LocationEntry[] = [];
  for (const [key, zone] of Object.entries(co2Data().electricityMaps.yearly2025.data)) {
    const value = zoneValue(key);
    if (!value) continue;
    const label = zone.zone.displayName ?? zone.zone.zoneName;
    const name = zone.zone.countryName ? `${label} (${zone.zone.countryName})` : label;
    // Sub-national zones are also found by their names; national ones are reached by id (`FR`), the name going to the country.
    const aliases = key.includes('-')
      ? [...new Set([zone.zone.zoneName, zone.zone.displayName].filter((a) => a !== undefined))]
      : [];
    entries.push({
      id: key,
      name,
      kind: 'zone',
      ...value,
      source: electricityMapsSource(key, value.year),
      aliases,
    });
  }
  return entries;
}

const PROVIDER_NAMES: Record<CloudProvider, string> = { aws: 'AWS', gcp: 'Google Cloud', azure: 'Azure' };

function buildCloudRegion(region: CloudRegion, zones: Map<string, LocationEntry>): GridLocation {
  const zone = zones.get(region.zone);
  if (!zone)
    throw new Error(`cloud region ${region.provider}:${region.region} maps to unknown zone ${region.zone}`);
  const mapping = `region -> zone: ${region.mappingSource.citation}`;
  const provider = region.providerFigure
    ? `; ${PROVIDER_NAMES[region.provider]} publishes ${region.providerFigure.intensityGPerKwh} g/kWh (${region.providerFigure.year}, ${region.providerFigure.source.citation})`
    : '';
  const entry: GridLocation = {
    id: `${region.provider}:${region.region}`,
    name: `${PROVIDER_NAMES[region.provider]} ${region.region} (${region.location})`,
    kind: 'cloud-region',
    intensityGPerKwh: zone.intensityGPerKwh,
    year: zone.year,
    source: {
      ...zone.source,
      citation: `${electricityMapsSource(region.zone, zone.year, `zone ${region.zone} (${zone.name})`).citation}; ${mapping}${provider}`,
    },
    provider: region.provider,
    zone: region.zone,
    aliases: [],
  };
  if (region.providerFigure) entry.providerFigure = region.providerFigure;
  return entry;
}

interface Catalog {
  all: readonly GridLocation[];
  byId: Map<string, GridLocation>;
  grid: Lookup<GridLocation>;
  cloud: readonly GridLocation[];
  /** Built on the first unknown name only. */
  closest?: Lookup<{ id: string; aliases: string[] }>;
}

let catalog: Catalog | undefined;

function load(): Catalog {
  if (catalog) return catalog;
  const countries = buildCountries();
  const zones = buildZones();
  const zoneById = new Map(zones.map((z) => [z.id, z]));
  const cloud = CLOUD_REGIONS.map((r) => buildCloudRegion(r, zoneById));
  const all: GridLocation[] = [WORLD, ...countries, ...zones, ...cloud];
  catalog = {
    all,
    byId: new Map(all.map((e) => [e.id, e])),
    // Countries come before zones, so `fr`, `France` and `fra` find the country; `FR` (exact id) finds the zone.
    grid: createLookup<GridLocation>([WORLD, ...countries, ...zones], 'location'),
    cloud,
  };
  return catalog;
}

/** Every location: the world, countries, zones, then cloud regions. */
export function allLocations(): readonly GridLocation[] {
  return load().all;
}

/** The location for an id, alias or name; `undefined` when none (or several cloud regions) match. */
export function findLocation(name: string): GridLocation | undefined {
  const result = match(name);
  return result.length === 1 ? result[0] : undefined;
}

function match(name: string): GridLocation[] {
  const { byId, grid, cloud } = load();
  const trimmed = name.trim();
  const exact = byId.get(trimmed);
  if (exact) return [exact];
  const colon = trimmed.indexOf(':');
  if (colon > 0) {
    // `aws:eu-west-3`, `AWS:EU-WEST-3`, `gcp:europe west1`: the provider then the region, forgivingly.
    const provider = trimmed.slice(0, colon).toLowerCase();
    const region = normaliseName(trimmed.slice(colon + 1));
    return cloud.filter((e) => e.provider === provider && normaliseName(regionName(e)) === region);
  }
  const found = grid.find(trimmed);
  if (found) return [found];
  // An unprefixed region name: exact spelling first (`us-east-1` is AWS, `us-east1` is Google), then forgiving.
  const lower = trimmed.toLowerCase();
  const spelled = cloud.filter((e) => regionName(e) === lower);
  if (spelled.length > 0) return spelled;
  const target = normaliseName(trimmed);
  return cloud.filter((e) => normaliseName(regionName(e)) === target);
}

function regionName(entry: GridLocation): string {
  return entry.id.slice(entry.id.indexOf(':') + 1);
}

/**
 * Resolves a location given by the user: country code, alpha-3 or name, Electricity Maps zone,
 * cloud region (`aws:eu-west-3`, or `eu-west-3` when only one provider has it) or `world`.
 * Unknown or ambiguous names raise a usage error naming `field` and the closest ids.
 */
export function resolveLocation(name: string, field = 'location'): GridLocation {
  const result = match(name);
  if (result.length === 1) return result[0];
  if (result.length > 1) {
    const choices = result.map((e) => e.id).join(', ');
    throw userError('ambiguous_id', field, 'catalog.severalProviders', { value: name, accepted: choices });
  }
  // What `empreinte locations NAME` finds (a city in a cloud region's name), else the closest spellings.
  const found = listLocations({ text: name }).map((e) => e.id);
  const choices = (found.length > 0 ? found.slice(0, 5) : closestLocations(name)).join(', ');
  const key = found.length > 0 ? 'catalog.unknownLocationMatching' : 'catalog.unknown.location';
  throw userError('unknown_id', field, key, { value: name, accepted: choices });
}

/** Closest ids among countries, zones and cloud regions (bare region names compared too). */
export function closestLocations(name: string, count = 5): string[] {
  const loaded = load();
  loaded.closest ??= createLookup(
    loaded.all.map((e) => ({
      id: e.id,
      aliases: [e.name, ...(e.aliases ?? []), ...(e.kind === 'cloud-region' ? [regionName(e)] : [])],
    })),
    'location',
  );
  return loaded.closest.closest(name, count);
}

export interface LocationQuery {
  /** Text matched against ids, names and aliases (case, spaces and dashes ignored). */
  text?: string;
  kind?: LocationEntry['kind'];
  provider?: CloudProvider;
}

/** Locations matching a query, sorted by intensity (lowest first), then id. */
export function listLocations(query: string | LocationQuery = {}): GridLocation[] {
  const q = typeof query === 'string' ? { text: query } : query;
  const text = q.text ? normaliseName(q.text) : '';
  return load()
    .all.filter((e) => (q.kind ? e.kind === q.kind : true))
    .filter((e) => (q.provider ? e.provider === q.provider : true))
    .filter(
      (e) =>
        !text ||
        [e.id, e.name, e.zone ?? '', ...(e.aliases ?? [])].some((k) => normaliseName(k).includes(text)),
    )
    .sort((a, b) => a.intensityGPerKwh - b.intensityGPerKwh || a.id.localeCompare(b.id));
}
