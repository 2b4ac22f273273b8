import { msg } from '../../messages/index.js';
import { fileError, isObject, jsonPath, notIntensity } from '../_input.js';
import { emptyRaw, MINUTE_MS, type RawSeries, type SeriesWarning, type Signal, warning } from '../series.js';
import { OffsetTracker, parseTimestamp } from '../time.js';
import type { CsvColumns } from './csv-columns.js';

/**
 * Electricity Maps, two shapes.
 *
 * API JSON (v3, https://api.electricitymaps.com/v3, header `auth-token`):
 * - `GET /carbon-intensity/history?zone=DE` → `{ zone, history: [{ zone, carbonIntensity, datetime,
 *   updatedAt, createdAt, emissionFactorType, isEstimated, estimationMethod }] }`
 * - `GET /carbon-intensity/forecast?zone=DE` → `{ zone, forecast: [{ carbonIntensity, datetime }], updatedAt }`
 * - `GET /carbon-intensity/past-range` → `{ zone, data: [...] }`; `/latest` → one point at top level.
 * Field names as in the Carbon Aware SDK's Electricity Maps client tests
 * (Green-Software-Foundation/carbon-aware-sdk, `CarbonAware.DataSources.ElectricityMaps/test/Client/TestData.cs`);
 * `emissionFactorType` is `lifecycle` (the API default) or `direct`, `temporalGranularity` one of
 * `5_minutes`, `15_minutes`, `hourly`, `daily`.
 *
 * CSV exports (data portal): `Datetime (UTC), Country, Zone Name, Zone Id,
 * Carbon Intensity gCO₂eq/kWh (direct), Carbon Intensity gCO₂eq/kWh (LCA), …, Data Estimated, …`.
 * Columns are matched by substring (`direct`, `LCA`/`life cycle`), since the header carries `₂`.
 */
export interface ElectricityMapsOptions {
  signal?: 'direct' | 'lifecycle';
  /** Signal the caller asked the API for, used when a response does not state it. */
  requestedSignal?: 'direct' | 'lifecycle';
}

const GRANULARITY_MS: Record<string, number> = {
  '5_minutes': 5 * MINUTE_MS,
  '15_minutes': 15 * MINUTE_MS,
  hourly: 60 * MINUTE_MS,
  daily: 24 * 60 * MINUTE_MS,
};

/** Recognises an Electricity Maps CSV export header and picks the column of the wanted signal. */
export function electricityMapsCsvColumns(
  header: string[],
  signal: 'direct' | 'lifecycle' = 'direct',
  source = '',
  line = 1,
): CsvColumns | undefined {
  const find = (re: RegExp) => header.findIndex((h) => re.test(h));
  const direct = find(/carbon intensity.*direct/i);
  const lifecycle = find(/carbon intensity.*(lca|life.?cycle)/i);
  const time = find(/^datetime|^timestamp/i);
  if (time < 0 || (direct < 0 && lifecycle < 0)) return undefined;
  const value = signal === 'lifecycle' ? lifecycle : direct;
  if (value < 0)
    throw fileError(
      source,
      line,
      msg('grid.noSignalColumn', { signal, has: header[direct < 0 ? lifecycle : direct] }),
    );
  const zone = find(/^zone.?id$/i);
  const estimated = find(/^data estimated$/i);
  return {
    time,
    value,
    ...(zone >= 0 ? { zone } : {}),
    ...(estimated >= 0 ? { estimated } : {}),
    signal,
    factor: 1,
    utcHeader: /utc/i.test(header[time]),
    format: 'electricitymaps-csv',
  };
}

/** True when a parsed JSON document looks like an Electricity Maps API response. */
export function isElectricityMapsJson(doc: unknown): boolean {
  if (!isObject(doc)) return false;
  return (
    Array.isArray(doc.history) ||
    Array.isArray(doc.forecast) ||
    (typeof doc.zone === 'string' && ('carbonIntensity' in doc || Array.isArray(doc.data)))
  );
}

export function readElectricityMapsJson(
  doc: unknown,
  source: string,
  options: ElectricityMapsOptions = {},
): RawSeries[] {
  if (!isObject(doc)) throw fileError(source, undefined, msg('grid.expectedElectricityMaps'));
  const key = Array.isArray(doc.history)
    ? 'history'
    : Array.isArray(doc.forecast)
      ? 'forecast'
      : Array.isArray(doc.data)
        ? 'data'
        : undefined;
  const items: unknown[] = key ? (doc[key] as unknown[]) : [doc];
  const zone = typeof doc.zone === 'string' ? doc.zone : undefined;
  const series = emptyRaw(zone ?? 'unknown', source, 'unspecified', { spans: true });
  const offsets = new OffsetTracker();
  const factorTypes = new Set<string>();
  let estimated = 0;
  items.forEach((item, i) => {
    const where = jsonPath(key ?? '', i);
    if (!isObject(item)) throw fileError(source, where, msg('grid.expectedEmItem'));
    if (series.zone === 'unknown' && typeof item.zone === 'string') series.zone = item.zone;
    const parsed = typeof item.datetime === 'string' ? parseTimestamp(item.datetime) : null;
    if (!parsed)
      throw fileError(
        source,
        `${where}.datetime`,
        msg('grid.notIsoTimestamp', { value: String(item.datetime) }),
      );
    offsets.note(parsed, i);
    const ci = item.carbonIntensity;
    if (ci !== null && ci !== undefined && notIntensity(ci)) {
      throw fileError(source, `${where}.carbonIntensity`, msg('grid.notIntensity', { value: String(ci) }));
    }
    if (typeof item.emissionFactorType === 'string') factorTypes.add(item.emissionFactorType);
    if (item.isEstimated === true) estimated++;
    series.times.push(parsed.ms);
    series.values.push(typeof ci === 'number' ? ci : Number.NaN);
    series.lines.push(i);
    series.durationsMs?.push(GRANULARITY_MS[String(item.temporalGranularity ?? doc.temporalGranularity)]);
  });
  if (typeof doc.emissionFactorType === 'string') factorTypes.add(doc.emissionFactorType);
  const warnings: SeriesWarning[] = offsets.warnings(false);
  series.signal = signalOf(factorTypes, source, options, warnings);
  if (estimated > 0)
    warnings.push(
      warning(
        'estimated',
        'grid.emEstimated',
        { count: estimated, total: items.length },
        { level: 'info', count: estimated },
      ),
    );
  if (key === 'forecast')
    warnings.push(warning('forecast_data', 'grid.emForecast', undefined, { level: 'info' }));
  series.warnings = warnings;
  return [series];
}

function signalOf(
  types: Set<string>,
  source: string,
  options: ElectricityMapsOptions,
  warnings: SeriesWarning[],
): Signal {
  if (types.size > 1)
    throw fileError(source, undefined, msg('grid.mixedFactors', { types: [...types].join(', ') }));
  const stated = [...types][0];
  if (stated !== undefined) {
    const signal: Signal =
      stated === 'direct' ? 'direct' : stated === 'lifecycle' ? 'lifecycle' : 'unspecified';
    if (options.signal && options.signal !== signal) {
      throw fileError(
        source,
        undefined,
        msg('grid.otherSignal', { signal: stated, signalField: 'signal', wanted: options.signal }),
      );
    }
    return signal;
  }
  const assumed = options.requestedSignal ?? options.signal ?? 'lifecycle';
  warnings.push(
    warning('signal_assumed', options.requestedSignal ? 'grid.emSignalRequested' : 'grid.emSignalDefault', {
      signal: assumed,
    }),
  );
  return assumed;
}
