import { fileURLToPath } from 'node:url';
import type { IntensitySeries } from '../../src/grid/series.js';

/** Grid fixtures: recorded-shape API responses and edge-case CSV files. */
export const GRID_FIXTURES = fileURLToPath(new URL('../fixtures/grid/', import.meta.url));

/** Committed excerpts of Electricity Maps hourly series (ODbL; see the README beside them). */
export const EM_FIXTURES = fileURLToPath(new URL('../fixtures/electricitymaps/', import.meta.url));

/** A regular series from plain values (tests and benchmarks). */
export function makeSeries(
  values: ArrayLike<number>,
  options: { zone?: string; t0?: number; stepMs?: number } = {},
): IntensitySeries {
  const t0 = options.t0 ?? Date.UTC(2023, 0, 1);
  const stepMs = options.stepMs ?? 3_600_000;
  const v = Float64Array.from(values);
  const times = new Float64Array(v.length);
  for (let k = 0; k < v.length; k++) times[k] = t0 + k * stepMs;
  return {
    zone: options.zone ?? 'Z',
    times,
    values: v,
    stepMs,
    signal: 'direct',
    unit: 'gCO2e/kWh',
    sources: ['test'],
    warnings: [],
  };
}
