import { normaliseName } from '../catalog/lookup.js';
import {
  CLEAN_GRID_FLOOR_MIX,
  EFFICIENCY_TRENDS,
  type EfficiencyTrend,
  GRID_SCENARIOS,
  type GridScenario,
  TECHNOLOGY_INTENSITIES,
  type Technology,
  type TechnologyIntensity,
} from '../catalog/projections.js';
import { userError } from '../errors.js';
import { msg } from '../messages/index.js';

/**
 * Projections on plain numbers: accelerator efficiency in a future year, a grid's intensity in a
 * future year under a named scenario, and the intensity of any generation mix. The footprint of
 * a projected scenario is computed by the sweep engine (`projectTraining` in project.ts).
 */

export function efficiencyTrend(id?: string): EfficiencyTrend {
  if (id === undefined) return EFFICIENCY_TRENDS[0];
  const trend = EFFICIENCY_TRENDS.find((t) => t.id === id);
  if (!trend) {
    const accepted = EFFICIENCY_TRENDS.map((t) => t.id).join(', ');
    throw userError('invalid_value', 'efficiencyTrend', 'projection.unknownTrend', { value: id, accepted });
  }
  return trend;
}

/**
 * How many times more peak FLOP/s per watt the hardware of `toYear` offers than hardware released
 * in `fromYear`: 2^((toYear - fromYear) / doubling). Never below 1: older hardware is not projected.
 */
export function hardwareEfficiencyFactor(
  fromYear: number,
  toYear: number,
  trend: EfficiencyTrend = EFFICIENCY_TRENDS[0],
): number {
  return toYear > fromYear ? 2 ** ((toYear - fromYear) / trend.doublingYears) : 1;
}

export function gridScenario(name: string, field = 'scenario'): GridScenario {
  const key = normaliseName(name);
  const found = GRID_SCENARIOS.find(
    (s) => normaliseName(s.id) === key || s.aliases.some((a) => normaliseName(a) === key),
  );
  if (!found) {
    const accepted = GRID_SCENARIOS.map((s) => s.id).join(', ');
    throw userError('invalid_value', field, 'projection.unknownScenario', { value: name, accepted });
  }
  return found;
}

/** The scenario's world intensity in `year` relative to `baseYear` (1 when year <= baseYear). */
export function scenarioRatio(scenario: GridScenario, baseYear: number, year: number): number {
  if (year <= baseYear) return 1;
  const t = scenario.trajectory;
  switch (t.kind) {
    case 'annual-change':
      return (1 + t.ratePerYear) ** (year - baseYear);
    case 'linear-to-zero':
      return baseYear >= t.zeroYear ? 0 : Math.max(0, (t.zeroYear - year) / (t.zeroYear - baseYear));
    case 'points': {
      const base = interpolate(t.points, baseYear);
      return base > 0 ? Math.max(0, interpolate(t.points, year) / base) : 0;
    }
  }
}

function interpolate(points: readonly (readonly [number, number])[], year: number): number {
  if (year <= points[0][0]) return points[0][1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i];
    if (year <= x1) {
      const [x0, y0] = points[i - 1];
      return y0 + ((y1 - y0) * (year - x0)) / (x1 - x0);
    }
  }
  return points[points.length - 1][1];
}

export interface ProjectedIntensity {
  intensityGPerKwh: number;
  /** Projected / base intensity. */
  ratio: number;
  /** True when the scenario would go below the clean-grid floor and the floor applies. */
  floored: boolean;
}

/**
 * A location's intensity in `year`: its latest value times the scenario's ratio, never below the
 * life-cycle intensity of a clean grid (nor above the location's own value when already cleaner).
 */
export function projectIntensity(
  intensityGPerKwh: number,
  baseYear: number,
  year: number,
  scenario: GridScenario,
): ProjectedIntensity {
  const floor = Math.min(intensityGPerKwh, cleanGridFloor());
  const projected = intensityGPerKwh * scenarioRatio(scenario, baseYear, year);
  const value = Math.max(projected, floor);
  return {
    intensityGPerKwh: value,
    ratio: intensityGPerKwh > 0 ? value / intensityGPerKwh : 1,
    floored: projected < floor,
  };
}

let floorCache: number | undefined;
/** Life-cycle intensity of an even wind/solar/hydro/nuclear mix (IPCC AR5 medians), g/kWh. */
export function cleanGridFloor(): number {
  floorCache ??= mixIntensity(CLEAN_GRID_FLOOR_MIX).intensityGPerKwh;
  return floorCache;
}

export function technology(name: string, field = 'mix'): TechnologyIntensity {
  const key = normaliseName(name);
  const found = TECHNOLOGY_INTENSITIES.find(
    (t) => normaliseName(t.id) === key || t.aliases.some((a) => normaliseName(a) === key),
  );
  if (!found) {
    const accepted = TECHNOLOGY_INTENSITIES.map((t) => t.id).join(', ');
    throw userError('invalid_value', field, 'projection.unknownTechnology', { value: name, accepted });
  }
  return found;
}

export interface MixIntensity {
  intensityGPerKwh: number;
  shares: { technology: Technology; share: number; intensityGPerKwh: number; source: string }[];
}

/** Shares may be off by rounding, not more. */
const SHARE_TOLERANCE = 0.01;

/** Life-cycle intensity of a generation mix: the share-weighted IPCC AR5 medians. Shares must sum to 1. */
export function mixIntensity(shares: Readonly<Partial<Record<string, number>>>, field = 'mix'): MixIntensity {
  const rows: MixIntensity['shares'] = [];
  let total = 0;
  for (const [name, share] of Object.entries(shares)) {
    if (share === undefined) continue;
    if (!(share >= 0 && share <= 1)) {
      throw userError('out_of_range', field, 'projection.shareRange', {
        name,
        value: share,
        accepted: msg('projection.acceptedShare'),
      });
    }
    const tech = technology(name, field);
    const existing = rows.find((r) => r.technology === tech.id);
    if (existing) existing.share += share;
    else
      rows.push({
        technology: tech.id,
        share,
        intensityGPerKwh: tech.intensityGPerKwh,
        source: tech.source.citation,
      });
    total += share;
  }
  if (rows.length === 0 || Math.abs(total - 1) > SHARE_TOLERANCE) {
    throw userError('invalid_value', field, 'projection.sharesSum', {
      value: Number(total.toFixed(4)),
      accepted: msg('projection.acceptedSum'),
    });
  }
  const intensity = rows.reduce((sum, r) => sum + (r.share / total) * r.intensityGPerKwh, 0);
  return { intensityGPerKwh: intensity, shares: rows };
}
