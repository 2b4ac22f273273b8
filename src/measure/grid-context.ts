import { type GridLocation, resolveLocation, WORLD } from '../catalog/locations.js';
import { defaultPue } from '../catalog/pue.js';
import type { LocationEntry, Source } from '../catalog/types.js';

/**
 * The grid intensity and PUE a measured run is charged with, each with the provenance stored on
 * the run (`location:<id>; <citation>`, `default:<id>; <citation>`, `user`): the world average
 * and the provider's (else the industry-average) PUE unless the user says otherwise. Shared by
 * `empreinte run` and the runs read back from Prometheus.
 */
export interface GridContext {
  location: GridLocation | LocationEntry;
  locationSource: string;
  pue: number;
  pueSource: string;
}

const cite = (s: Source) => `${s.citation}${s.citation.includes(String(s.year)) ? '' : ` (${s.year})`}`;

export function resolveGridContext(location?: string, pue?: number): GridContext {
  const entry = location ? resolveLocation(location, 'location') : WORLD;
  const pueEntry = pue === undefined ? defaultPue(entry.provider) : undefined;
  return {
    location: entry,
    locationSource: location
      ? `location:${entry.id}; ${cite(entry.source)}`
      : `default:world average; ${cite(WORLD.source)}`,
    pue: pue ?? pueEntry!.pue,
    pueSource: pueEntry ? `default:${pueEntry.id}; ${cite(pueEntry.source)}` : 'user',
  };
}
