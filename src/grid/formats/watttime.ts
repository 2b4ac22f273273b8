import { msg } from '../../messages/index.js';
import { fileError, isObject, jsonPath, notIntensity } from '../_input.js';
import {
  emptyRaw,
  type IntensityUnit,
  type RawSeries,
  type SeriesWarning,
  type Signal,
  warning,
} from '../series.js';
import { OffsetTracker, parseTimestamp } from '../time.js';
import { LB_PER_MWH_TO_G_PER_KWH } from './csv.js';

/**
 * WattTime API v3 (https://api.watttime.org/v3, bearer token from `GET /login` with basic auth):
 * `GET /v3/historical`, `/v3/forecast`, `/v3/signal-index` all answer
 * `{ data: [{ point_time, value, ... }], meta: { region, signal_type, units, data_point_period_seconds,
 * generated_at?, warnings?: [{ type, message }], model: { date, type } } }`; `/v3/forecast/historical`
 * nests forecasts: `{ data: [{ generated_at, forecast: [{ point_time, value }] }], meta }`.
 * Field names as in WattTime's OpenAPI examples (mirrored in the Carbon Aware SDK's WattTime client
 * model `GridEmissionsMetaData.cs`). `units` is `lbs_co2_per_mwh` for `co2_moer`/`co2_aoer`
 * (converted here to g/kWh) and `percentile` for the signal index (kept as a 0–100 index).
 */
const SIGNALS: Record<string, Signal> = { co2_moer: 'marginal', co2_aoer: 'direct' };

export function isWattTimeJson(doc: unknown): boolean {
  return (
    isObject(doc) &&
    Array.isArray(doc.data) &&
    isObject(doc.meta) &&
    ('units' in doc.meta || 'signal_type' in doc.meta)
  );
}

export function readWattTimeJson(doc: unknown, source: string): RawSeries[] {
  if (!isWattTimeJson(doc)) throw fileError(source, undefined, msg('grid.expectedWattTime'));
  const { data, meta } = doc as { data: unknown[]; meta: Record<string, unknown> };
  const warnings: SeriesWarning[] = [];
  const { factor, unit } = unitOf(meta, source, warnings);
  const signalType = String(meta.signal_type ?? 'co2_moer');
  const signal = SIGNALS[signalType];
  if (!signal) throw fileError(source, 'meta.signal_type', msg('grid.notCo2Signal', { value: signalType }));
  const { points, path } = latestForecast(data, warnings);
  const periodS = Number(meta.data_point_period_seconds);
  const series = emptyRaw(String(meta.region ?? 'unknown'), source, signal, { spans: true, unit, warnings });
  const period = Number.isFinite(periodS) && periodS > 0 ? periodS * 1000 : undefined;
  readPoints(points, path, factor, period, series);
  if (Array.isArray(meta.warnings)) {
    for (const w of meta.warnings) {
      if (isObject(w))
        warnings.push({
          code: 'watttime',
          message: `WattTime: ${String(w.type ?? '')} ${String(w.message ?? '')}`.trim(),
        });
    }
  }
  return [series];
}

/** The factor to g/kWh and the unit kept, from `meta.units`, with a note of what was done. */
function unitOf(
  meta: Record<string, unknown>,
  source: string,
  warnings: SeriesWarning[],
): { factor: number; unit: IntensityUnit } {
  const units = String(meta.units ?? '');
  if (units === 'lbs_co2_per_mwh') {
    warnings.push(
      warning(
        'unit_converted',
        'grid.wattTimeConverted',
        { factor: LB_PER_MWH_TO_G_PER_KWH },
        { level: 'info' },
      ),
    );
    return { factor: LB_PER_MWH_TO_G_PER_KWH, unit: 'gCO2e/kWh' };
  }
  if (units === 'percentile') {
    warnings.push(warning('relative_signal', 'grid.wattTimePercentile'));
    return { factor: 1, unit: 'percentile' };
  }
  throw fileError(source, 'meta.units', msg('grid.notRate', { value: units }));
}

/** The points and their JSON path: historical forecasts nest one forecast per generation time, the latest is kept. */
function latestForecast(data: unknown[], warnings: SeriesWarning[]): { points: unknown[]; path: string } {
  if (!(data.length > 0 && isObject(data[0]) && Array.isArray(data[0].forecast)))
    return { points: data, path: 'data' };
  const generatedAt = (entry: unknown) =>
    isObject(entry) && typeof entry.generated_at === 'string'
      ? (parseTimestamp(entry.generated_at)?.ms ?? -Infinity)
      : -Infinity;
  let latest = 0;
  data.forEach((entry, i) => {
    if (generatedAt(entry) > generatedAt(data[latest])) latest = i;
  });
  const path = `data[${latest}].forecast`;
  if (data.length > 1)
    warnings.push({
      level: 'info',
      code: 'forecast_selected',
      message: `${data.length} forecasts in the file; the latest generated one (${path}) is used`,
    });
  return { points: (data[latest] as { forecast: unknown[] }).forecast, path };
}

/** Appends each `{ point_time, value }` to `series` (a null value is a gap), checked, in g/kWh. */
function readPoints(
  points: unknown[],
  path: string,
  factor: number,
  period: number | undefined,
  series: RawSeries,
): void {
  const source = series.source;
  const offsets = new OffsetTracker();
  let imputed = 0;
  points.forEach((point, i) => {
    const where = jsonPath(path, i);
    if (!isObject(point))
      throw fileError(source, where, msg('grid.expected', { shape: '{ point_time, value }' }));
    const parsed = typeof point.point_time === 'string' ? parseTimestamp(point.point_time) : null;
    if (!parsed)
      throw fileError(
        source,
        `${where}.point_time`,
        msg('grid.notIsoTimestamp', { value: String(point.point_time) }),
      );
    offsets.note(parsed, i);
    const value = point.value;
    if (value !== null && notIntensity(value)) {
      throw fileError(source, `${where}.value`, msg('grid.notNonNegative', { value: String(value) }));
    }
    if (point.imputed_data_used === true) imputed++;
    series.times.push(parsed.ms);
    series.values.push(typeof value === 'number' ? value * factor : Number.NaN);
    series.lines.push(i);
    series.durationsMs?.push(period);
  });
  series.warnings.push(...offsets.warnings(false));
  if (imputed > 0)
    series.warnings.push(
      warning('estimated', 'grid.wattTimeImputed', { count: imputed }, { level: 'info', count: imputed }),
    );
}
