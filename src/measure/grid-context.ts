import { type GridLocation, WORLD } from '../catalog/locations.js';
import type { LocationEntry } from '../catalog/types.js';
import { resolveSite } from '../engine/site.js';

/**
 * The grid intensity and PUE a measured run is charged with, each with the provenance stored on
 * the run (`location:<id>; <citation>`, `default:<id>; <citation>`, `user`): the world average
 * and the provider's (else the industry-average) PUE unless the user says otherwise. Shared by
 * `empreinte run` and the runs read back from Prometheus; resolved like the estimates' site.
 */
export interface GridContext {
  location: GridLocation | LocationEntry;
  locationSource: string;
  pue: number;
  pueSource: string;
}

export function resolveGridContext(location?: string, pue?: number): GridContext {
  const site = resolveSite({ location, pue });
  return {
    location: site.location ?? WORLD,
    locationSource: site.intensityGPerKwh.source,
    pue: site.pue.value,
    pueSource: site.pue.source,
  };
}
