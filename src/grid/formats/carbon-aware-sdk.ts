import { msg } from '../../messages/index.js';
import { fileError, isObject, jsonPath, notIntensity } from '../_input.js';
import { emptyRaw, MINUTE_MS, type RawSeries } from '../series.js';
import { OffsetTracker, parseTimestamp } from '../time.js';

/**
 * Green Software Foundation Carbon Aware SDK (github.com/Green-Software-Foundation/carbon-aware-sdk),
 * values in g CO2e/kWh whatever its data source. Two shapes:
 * - emissions: `GET /emissions/bylocation(s)` → `[{ location, time, rating, duration }]`
 *   (`CarbonAware.WebApi/src/README.md`); the SDK's JSON data files use the same fields capitalised,
 *   `[{ Location, Time, Rating, Duration: "01:00" }]` (`src/data/data-files/test-data-aws-emissions.json`),
 *   possibly under an `emissions` key. `duration` is a .NET TimeSpan (`hh:mm[:ss]`, `d.hh:mm:ss`).
 * - forecasts: `GET /emissions/forecasts/current` → `[{ requestedAt, generatedAt, location, dataStartAt,
 *   dataEndAt, windowSize, optimalDataPoints, forecastData: [{ location, timestamp, duration, value }] }]`
 *   with `duration` in minutes (`EmissionsDataDTO.cs`).
 * The SDK does not say which signal its source gives (WattTime marginal, Electricity Maps lifecycle…).
 */
export function isCarbonAwareSdkJson(doc: unknown): boolean {
  const list = Array.isArray(doc) ? doc : isObject(doc) ? (doc.emissions ?? doc.Emissions) : undefined;
  if (!Array.isArray(list) || list.length === 0 || !isObject(list[0])) return false;
  const first = list[0];
  return Array.isArray(first.forecastData) || 'rating' in first || 'Rating' in first;
}

export function readCarbonAwareSdkJson(
  doc: unknown,
  source: string,
  options: { zone?: string } = {},
): RawSeries[] {
  if (!isCarbonAwareSdkJson(doc)) throw fileError(source, undefined, msg('grid.expectedCarbonAware'));
  const list = (
    Array.isArray(doc)
      ? doc
      : ((doc as Record<string, unknown>).emissions ?? (doc as Record<string, unknown>).Emissions)
  ) as unknown[];
  const byZone = new Map<string, RawSeries>();
  const offsets = new OffsetTracker();
  const add = (
    location: unknown,
    time: unknown,
    value: unknown,
    duration: number | undefined,
    where: string,
    index: number,
  ) => {
    const zone = typeof location === 'string' && location !== '' ? location : 'unknown';
    if (options.zone !== undefined && zone !== options.zone) return;
    const parsed = typeof time === 'string' ? parseTimestamp(time) : null;
    if (!parsed) throw fileError(source, where, msg('grid.notIsoTimestamp', { value: String(time) }));
    offsets.note(parsed, index);
    if (value !== null && notIntensity(value)) {
      throw fileError(source, where, msg('grid.notIntensity', { value: String(value) }));
    }
    let series = byZone.get(zone);
    if (!series) {
      series = emptyRaw(zone, source, 'unspecified', { spans: true });
      byZone.set(zone, series);
    }
    series.times.push(parsed.ms);
    series.values.push(typeof value === 'number' ? value : Number.NaN);
    series.lines.push(index);
    series.durationsMs?.push(duration);
  };
  list.forEach((item, i) => {
    if (!isObject(item)) throw fileError(source, jsonPath('', i), msg('grid.expectedObject'));
    if (Array.isArray(item.forecastData)) {
      item.forecastData.forEach((p, k) => {
        const where = jsonPath('', i, 'forecastData', k);
        if (!isObject(p))
          throw fileError(
            source,
            where,
            msg('grid.expected', { shape: '{ location, timestamp, duration, value }' }),
          );
        add(p.location ?? item.location, p.timestamp, p.value, minutes(p.duration), where, k);
      });
    } else {
      const get = (name: string) => item[name] ?? item[name[0].toUpperCase() + name.slice(1)];
      add(get('location'), get('time'), get('rating'), timeSpan(get('duration')), jsonPath('', i), i);
    }
  });
  if (byZone.size === 0) throw fileError(source, undefined, msg('grid.noLocation', { zone: options.zone }));
  const warnings = offsets.warnings(false);
  for (const series of byZone.values()) series.warnings.push(...warnings);
  return [...byZone.values()];
}

function minutes(x: unknown): number | undefined {
  return typeof x === 'number' && x > 0 ? x * MINUTE_MS : undefined;
}

/** .NET TimeSpan text: `hh:mm`, `hh:mm:ss`, `d.hh:mm:ss`; a number is minutes. */
export function timeSpan(x: unknown): number | undefined {
  if (typeof x === 'number') return minutes(x);
  if (typeof x !== 'string') return undefined;
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(x.trim());
  if (!m) return undefined;
  const ms =
    ((Number(m[1] ?? 0) * 24 + Number(m[2])) * 60 + Number(m[3])) * MINUTE_MS + Number(m[4] ?? 0) * 1000;
  return ms > 0 ? ms : undefined;
}
