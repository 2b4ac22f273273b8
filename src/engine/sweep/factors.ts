import { resolveLocation } from '../../catalog/locations.js';
import { CHIP_HOURS_RESIDUALS, MFU_MAX } from '../../catalog/training-defaults.js';
import type { HardwareEntry, LocationEntry, Range } from '../../catalog/types.js';
import type { CensoredLogTriangle } from '../censored-mfu.js';
import { type Cumulants, logTriangularCumulants, reciprocal, ZERO } from '../log-cumulants.js';
import { resolveTrainingScenario } from '../training.js';
import { censoredMfu, factorCumulants } from '../training-range.js';
import { given, type SweepSpec } from './spec.js';

/**
 * The uncertain factors of each swept hardware and location, resolved once before the loop, with
 * their log-cumulants (added per scenario instead of a Monte Carlo per scenario).
 */

export interface HardwareRow {
  entry: HardwareEntry;
  tdpW: number;
  powerFraction: number;
  hostOverhead: number;
  embodied: number;
  /** The MFU spread (mode 1) of the chips' condition, given or not (see `mfuSpreadFor`). */
  mfuSpread: { low: number; high: number };
  /**
   * Log-cumulants of 1/MFU (where the spread stays under the ceiling of a utilisation, else per
   * fitted MFU: `censoredFittedMfu`), chip power (fraction · (1 + host)) and embodied per chip-hour.
   */
  kChipHours: Cumulants;
  kPower: Cumulants;
  kEmbodied: Cumulants;
  note?: string;
}

export interface LocationRow {
  entry?: LocationEntry;
  pue: number;
  intensity: number;
  kPue: Cumulants;
  kIntensity: Cumulants;
  pueRange?: Range;
}

/** Hardware defaults through the estimator's own resolution (a probe scenario), so values match exactly. */
export function hardwareRow(entry: HardwareEntry, chipsGiven: boolean, note?: string): HardwareRow {
  const probe = resolveTrainingScenario({ chipHours: 1, pue: 1, gridIntensity: 0, hardware: entry.id });
  const u = probe.uncertain;
  // The estimator's range for the condition: chips given or estimated from the compute.
  const spread = CHIP_HOURS_RESIDUALS[chipsGiven ? 'withChips' : 'withoutChips'].mfuFactor;
  const pf = u.powerFraction!;
  const host = u.hostOverhead!;
  const kFraction = logTriangularCumulants(pf.low, pf.central, pf.high);
  const kHost = logTriangularCumulants(host.low, host.central, host.high, 1);
  const emb = u.embodiedKgPerChipHour;
  return {
    entry,
    tdpW: probe.point.tdpW,
    powerFraction: probe.point.powerFraction,
    hostOverhead: probe.point.hostOverhead,
    embodied: probe.point.embodiedKgPerChipHour,
    mfuSpread: spread,
    kChipHours: reciprocal(factorCumulants({ low: spread.low, central: 1, high: spread.high, log: true })),
    kPower: add(kFraction, kHost),
    kEmbodied: emb ? logTriangularCumulants(emb.low, emb.central, emb.high) : ZERO,
    note,
  };
}

export function buildLocations(spec: SweepSpec): LocationRow[] {
  const names = given(spec.location) ? spec.location! : [undefined];
  const rows: LocationRow[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const entry = name === undefined ? undefined : resolveLocation(name, 'location');
    if (entry && seen.has(entry.id)) continue;
    if (entry) seen.add(entry.id);
    const probe = resolveTrainingScenario({ chipHours: 1, powerW: 1, location: entry?.id });
    const pue = probe.uncertain.pue;
    const intensity = probe.uncertain.intensityGPerKwh;
    rows.push({
      entry,
      pue: probe.point.pue,
      intensity: probe.point.intensityGPerKwh,
      kPue: pue ? logTriangularCumulants(pue.low, pue.central, pue.high) : ZERO,
      kIntensity: intensity ? logTriangularCumulants(intensity.low, intensity.central, intensity.high) : ZERO,
      pueRange: pue,
    });
  }
  return rows;
}

/**
 * The censored MFU around a fitted MFU, where the spread passes the ceiling of a utilisation (the
 * estimator's draws are censored there): undefined while its top stays under the ceiling.
 */
export function censoredFittedMfu(hw: HardwareRow, mfu: number): CensoredLogTriangle | undefined {
  const { low, high } = hw.mfuSpread;
  return censoredMfu({ low: mfu * low, central: mfu, high: mfu * high, log: true, max: MFU_MAX.value });
}

function add(a: Cumulants, b: Cumulants): Cumulants {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]];
}
