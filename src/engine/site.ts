import { type GridLocation, resolveLocation, WORLD } from '../catalog/locations.js';
import { defaultPue } from '../catalog/pue.js';
import {
  INTENSITY_SPREAD,
  LIFETIME_UTILISATION,
  PUE_SPREAD,
  SERVICE_LIFE_YEARS,
} from '../catalog/training-defaults.js';
import type { HardwareEntry, Range, Source } from '../catalog/types.js';
import { type Message, msg, renderAll } from '../messages/index.js';
import { saidSource } from './provenance.js';

/**
 * Where the energy is drawn: the data centre's PUE, the grid's intensity (location-based, and
 * market-based where a renewable share or a published net figure says so), and the manufacturing
 * footprint of the chips used there. One resolution shared by the training and inference
 * estimates and by measured runs, so that the same flags give the same site everywhere.
 */

/** A resolved figure: a fixed value, or a range the estimates propagate; `source` says where it came from. */
export interface SiteValue {
  value: number;
  range?: Range;
  source: string;
  /** `source` as message data, where it says something in words. */
  sourceMessage?: Message;
}

/** Site figures of a published run (a catalog model), used where the user gives none. */
export interface PublishedSite {
  /** `catalog:<id>`, the origin written beside each figure taken from it. */
  origin: string;
  /** The PUE the publication applied (1 where it applied none). */
  pue?: number;
  /** The published power already folds the PUE in: the site adds none. */
  pueInPower?: boolean;
  /** Location-based grid intensity of the run, g/kWh. */
  intensityGPerKwh?: number;
  /** Market-based (net of the operator's carbon-free purchases) intensity, g/kWh. */
  marketIntensityGPerKwh?: number;
}

export interface SiteRequest {
  location?: string;
  pue?: number;
  gridIntensity?: number;
  renewableShare?: number;
  published?: PublishedSite;
}

export interface Site {
  location?: GridLocation;
  pue: SiteValue;
  /** Location-based grid intensity. */
  intensityGPerKwh: SiteValue;
  /** Share of the energy covered by carbon-free contracts (market-based accounting), when known. */
  renewableShare?: SiteValue;
  /** What the reader should know, in English (CLI flags named); `noteMessages` says it in any language. */
  notes: string[];
  noteMessages: Message[];
}

export function cite(source: Source): string {
  return `${source.citation}${source.citation.includes(String(source.year)) ? '' : ` (${source.year})`}`;
}

function spread(central: number, factors: { low: number; high: number }, floor = 0): Range {
  return { low: Math.max(floor, central * factors.low), central, high: central * factors.high };
}

/** The PUE, grid intensity and renewable share of a site, from the user's flags, a published run, then defaults. */
export function resolveSite(request: SiteRequest): Site {
  const notes: Message[] = [];
  const published = request.published;
  const location = request.location ? resolveLocation(request.location, 'location') : undefined;
  return {
    location,
    pue: resolvePue(request, location, notes),
    intensityGPerKwh: resolveIntensity(request, location, notes),
    renewableShare: resolveRenewableShare(request, location, published),
    // Said when read: the estimates take the messages, and say them once with their own.
    get notes() {
      return renderAll(notes);
    },
    noteMessages: notes,
  };
}

function resolvePue(request: SiteRequest, location: GridLocation | undefined, notes: Message[]): SiteValue {
  if (request.pue !== undefined) return { value: request.pue, source: 'user' };
  const published = request.published;
  const fallback = (): SiteValue => {
    const entry = defaultPue(location?.provider);
    return {
      value: entry.pue,
      range: spread(entry.pue, PUE_SPREAD, 1),
      source: `default:${entry.id}; ${cite(entry.source)}`,
    };
  };
  if (published?.pueInPower) {
    return { value: 1, ...saidSource('source.pueInPower', { origin: published.origin }) };
  }
  if (published?.pue === undefined) return fallback();
  if (location?.provider) {
    // A cloud region names its operator: its fleet PUE replaces the publication's, and we say so.
    const site = fallback();
    notes.push(
      msg('note.cloudPue', {
        locationField: 'location',
        location: location.id,
        provider: location.provider,
        pue: site.value,
        published: published.pue,
        pueField: 'pue',
      }),
    );
    return site;
  }
  if (location) {
    notes.push(
      msg('note.publishedPueKept', { locationField: 'location', published: published.pue, pueField: 'pue' }),
    );
  }
  return { value: published.pue, source: published.origin };
}

function resolveIntensity(
  request: SiteRequest,
  location: GridLocation | undefined,
  notes: Message[],
): SiteValue {
  if (request.gridIntensity !== undefined) return { value: request.gridIntensity, source: 'user' };
  if (location) {
    return {
      value: location.intensityGPerKwh,
      range: spread(location.intensityGPerKwh, INTENSITY_SPREAD),
      source: `location:${location.id}; ${cite(location.source)}`,
    };
  }
  const published = request.published?.intensityGPerKwh;
  if (published !== undefined) return { value: published, source: request.published!.origin };
  notes.push(msg('note.worldIntensity', { locationField: 'location' }));
  return {
    value: WORLD.intensityGPerKwh,
    range: spread(WORLD.intensityGPerKwh, INTENSITY_SPREAD),
    ...saidSource('source.worldAverage', {}, `; ${cite(WORLD.source)}`),
  };
}

/** The user's share, else the publication's net figure as a share of its grid (only on the published grid). */
function resolveRenewableShare(
  request: SiteRequest,
  location: GridLocation | undefined,
  published: PublishedSite | undefined,
): SiteValue | undefined {
  if (request.renewableShare !== undefined) return { value: request.renewableShare, source: 'user' };
  if (location || request.gridIntensity !== undefined) return undefined;
  const gross = published?.intensityGPerKwh ?? WORLD.intensityGPerKwh;
  const net = published?.marketIntensityGPerKwh;
  if (net === undefined || gross <= 0) return undefined;
  return {
    value: Math.max(0, 1 - net / gross),
    ...saidSource('source.netIntensity', { origin: published!.origin, net, gross }),
  };
}

/** Manufacturing footprint of one chip, amortised over its service life (per year of life and per hour in use). */
export interface Embodied {
  perChipKg: Range;
  perChipYearKg: Range;
  /** Per chip-hour of use: the life in hours times the share of it spent in use. */
  perChipHourKg: Range;
  source: string;
  serviceLifeYears: Range;
  serviceLifeSource: string;
}

export function resolveEmbodied(hardware: HardwareEntry): Embodied {
  const e = hardware.embodiedKgCo2e;
  const life = SERVICE_LIFE_YEARS;
  const hoursInUse = (years: number) => years * 8760 * LIFETIME_UTILISATION.value;
  return {
    perChipKg: { low: e.low, central: e.central, high: e.high },
    perChipYearKg: { low: e.low / life.high, central: e.central / life.central, high: e.high / life.low },
    perChipHourKg: {
      low: e.low / hoursInUse(life.high),
      central: e.central / hoursInUse(life.central),
      high: e.high / hoursInUse(life.low),
    },
    source: `catalog:${hardware.id}; ${cite(hardware.fieldSources?.embodiedKgCo2e ?? hardware.source)}`,
    serviceLifeYears: { low: life.low, central: life.central, high: life.high },
    serviceLifeSource: `default:${cite(life.source)}`,
  };
}
