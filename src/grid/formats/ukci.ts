import { msg } from '../../messages/index.js';
import { fileError, isObject, jsonPath, notIntensity } from '../_input.js';
import { emptyRaw, type RawSeries, type SeriesWarning, warning } from '../series.js';
import { parseTimestamp } from '../time.js';

/**
 * UK Carbon Intensity API (National Energy System Operator, https://api.carbonintensity.org.uk,
 * no key; data CC BY 4.0). Half-hourly, times in UTC (`2023-03-13T12:00Z`). Three shapes:
 * - national `GET /intensity/{from}/fw48h` → `{ data: [{ from, to, intensity: { forecast, actual, index } }] }`
 * - regional `GET /regional/intensity/{from}/fw48h` → `{ data: [{ from, to, regions: [{ regionid,
 *   dnoregion, shortname, intensity: { forecast, index }, generationmix }] }] }`
 * - one region `GET /regional/intensity/{from}/fw48h/regionid/{id}` → `{ data: { regionid, dnoregion,
 *   shortname, data: [{ from, to, intensity, generationmix }] } }` (also seen wrapped in an array).
 * Field names as in the API definitions (carbon-intensity.github.io/api-definitions) and a recorded
 * response in nmpowell/carbon-intensity-forecast-tracking (`data/14.2023-03-13T1201Z.json`).
 * The actual value is used where published, else the forecast, and the count is reported.
 */
export interface UkciOptions {
  /** Keeps one region: its `regionid` or `shortname`. */
  zone?: string;
}

export function isUkciJson(doc: unknown): boolean {
  if (!isObject(doc)) return false;
  const data = doc.data;
  const first = Array.isArray(data) ? data[0] : data;
  return isObject(first) && ('intensity' in first || Array.isArray(first.regions) || 'regionid' in first);
}

interface Builder {
  series: RawSeries;
  forecastOnly: number;
}

export function readUkciJson(doc: unknown, source: string, options: UkciOptions = {}): RawSeries[] {
  if (!isUkciJson(doc)) throw fileError(source, undefined, msg('grid.expectedUkci'));
  const data = (doc as { data: unknown }).data;
  const builders = new Map<string, Builder>();
  const builder = (zone: string, zoneName?: string): Builder => {
    let b = builders.get(zone);
    if (!b) {
      const series = emptyRaw(zone, source, 'direct', { spans: true });
      if (zoneName) series.zoneName = zoneName;
      b = { series, forecastOnly: 0 };
      builders.set(zone, b);
    }
    return b;
  };
  const wanted = (region: Record<string, unknown>) =>
    options.zone === undefined ||
    String(region.regionid) === options.zone ||
    String(region.shortname ?? '').toLowerCase() === options.zone.toLowerCase();

  const periods = Array.isArray(data) ? data : [data];
  periods.forEach((period, i) => {
    const where = jsonPath('data', i);
    if (!isObject(period)) throw fileError(source, where, msg('grid.expectedObject'));
    if (Array.isArray(period.regions)) {
      // Regional shape: one period, every region.
      period.regions.forEach((region, r) => {
        if (!isObject(region))
          throw fileError(source, jsonPath(where, 'regions', r), msg('grid.expectedRegion'));
        if (!wanted(region)) return;
        const b = builder(regionZone(region), String(region.dnoregion ?? ''));
        addPoint(b, period, region.intensity, `${where}.regions[${r}]`, i, source);
      });
    } else if ('regionid' in period && Array.isArray(period.data)) {
      // One region, many periods.
      if (!wanted(period)) return;
      const b = builder(regionZone(period), String(period.dnoregion ?? ''));
      period.data.forEach((p, k) => {
        if (!isObject(p)) throw fileError(source, jsonPath(where, 'data', k), msg('grid.expectedObject'));
        addPoint(b, p, p.intensity, jsonPath(where, 'data', k), k, source);
      });
    } else {
      addPoint(builder('GB', 'Great Britain'), period, period.intensity, where, i, source);
    }
  });
  if (builders.size === 0)
    throw fileError(
      source,
      undefined,
      msg('grid.noRegionMatches', { zoneField: 'zone', zone: options.zone }),
    );
  return [...builders.values()].map(({ series, forecastOnly }) => {
    const warnings: SeriesWarning[] = [];
    if (forecastOnly > 0) {
      warnings.push(
        warning(
          'forecast_data',
          'grid.nesoForecast',
          { count: forecastOnly, total: series.times.length },
          { level: 'info', count: forecastOnly },
        ),
      );
    }
    series.warnings = warnings;
    return series;
  });
}

function regionZone(region: Record<string, unknown>): string {
  return String(region.shortname ?? `region ${String(region.regionid)}`);
}

function addPoint(
  b: Builder,
  period: Record<string, unknown>,
  intensity: unknown,
  where: string,
  index: number,
  source: string,
): void {
  const from = typeof period.from === 'string' ? parseTimestamp(period.from) : null;
  const to = typeof period.to === 'string' ? parseTimestamp(period.to) : null;
  if (!from)
    throw fileError(source, `${where}.from`, msg('grid.notTimestampValue', { value: String(period.from) }));
  if (!isObject(intensity))
    throw fileError(
      source,
      `${where}.intensity`,
      msg('grid.expected', { shape: '{ forecast, actual?, index }' }),
    );
  const actual = intensity.actual;
  const forecast = intensity.forecast;
  const pick = typeof actual === 'number' ? actual : forecast;
  if (pick !== null && pick !== undefined && notIntensity(pick)) {
    throw fileError(source, `${where}.intensity`, msg('grid.notIntensity', { value: String(pick) }));
  }
  if (typeof actual !== 'number' && typeof forecast === 'number') b.forecastOnly++;
  b.series.times.push(from.ms);
  b.series.values.push(typeof pick === 'number' ? pick : Number.NaN);
  b.series.lines.push(index);
  b.series.durationsMs?.push(to && to.ms > from.ms ? to.ms - from.ms : undefined);
}
