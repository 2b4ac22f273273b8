import { J_PER_KWH } from '../engine/units.js';

/**
 * The footprint of a measured run, computed here alone so that `runs list`, `runs show`, the
 * exports and the metrics say the same: kWh = J / 3.6e6 at the machines; × PUE at the facility;
 * × the grid's intensity for the location-based CO2e; × (1 − renewable share) for the market-based.
 */

/** The site a run was measured at, as stored with it (null: not given). */
export interface RunSite {
  pue: number | null;
  intensityGPerKwh: number | null;
  renewableShare: number | null;
}

export interface RunFootprint {
  /** At the machines, before PUE. */
  energyKwh: { total: number; gpu: number; cpu: number; ram: number };
  /** × PUE. */
  facilityEnergyKwh: number;
  /** Location-based. */
  co2eKg: number;
  /** Net of the renewable share; equal to `co2eKg` without one. */
  co2eMarketKg: number;
}

/** Location-based CO2e of energy measured at the machines, kg (PUE 1 and 0 g/kWh where not given). */
export function measuredCo2eKg(energyJ: number, site: RunSite): number {
  return ((energyJ / J_PER_KWH) * (site.pue ?? 1) * (site.intensityGPerKwh ?? 0)) / 1000;
}

export function runFootprint(
  energyJ: { gpu: number; cpu: number; ram: number },
  site: RunSite,
): RunFootprint {
  const totalJ = energyJ.gpu + energyJ.cpu + energyJ.ram;
  const total = totalJ / J_PER_KWH;
  const co2eKg = measuredCo2eKg(totalJ, site);
  return {
    energyKwh: {
      total,
      gpu: energyJ.gpu / J_PER_KWH,
      cpu: energyJ.cpu / J_PER_KWH,
      ram: energyJ.ram / J_PER_KWH,
    },
    facilityEnergyKwh: total * (site.pue ?? 1),
    co2eKg,
    co2eMarketKg: co2eKg * (1 - (site.renewableShare ?? 0)),
  };
}
