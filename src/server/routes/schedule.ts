import { z } from 'zod';
import { name, quantity } from '../../engine/schemas/common.js';
import { HOUR_MS, parseDurationHours } from '../../engine/units.js';
import { issue } from '../../errors.js';
import type { Line } from '../../grid/_input.js';
import { PROVIDERS } from '../../grid/connectors/index.js';
import { FORMATS, type ReadOptions } from '../../grid/read.js';
import type { IntensitySeries, RawSeries } from '../../grid/series.js';
import { isTimeZone, parseTimestamp, toIso } from '../../grid/time.js';
import { defineRoute } from '../route.js';

/**
 * `schedule` over HTTP: the series arrive as uploaded text (a CSV or JSON export) instead of file
 * paths, so the server never opens a path a client names. The other fields are the camelCase of
 * the CLI flags; `series` content goes through the same readers as `--series` files.
 */
const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

const time = z
  .string()
  .trim()
  .max(60)
  .refine((text) => text.toLowerCase() === 'now' || parseTimestamp(text) !== null, {
    message: 'expected an ISO 8601 time (2023-06-01T00:00Z) or now',
  });

export const scheduleInputSchema = z
  .object({
    series: z
      .array(
        z
          .object({
            /** File name as uploaded: names the zone of a CSV without a zone column (`FR.csv`). */
            name: name().default('series.csv'),
            content: z.string().min(1, 'is empty'),
          })
          .strict(),
      )
      .max(50)
      .optional(),
    duration: z.union([z.number().positive(), z.string().trim().min(1).max(40)]),
    from: time.optional(),
    to: time.optional(),
    signal: z.enum(['direct', 'lifecycle']).optional(),
    interruptible: z.boolean().optional(),
    maxPauses: quantity({ min: 0, integer: true }).optional(),
    powerW: quantity({ unit: 'W', min: 0, exclusiveMin: true }).optional(),
    forecast: z.boolean().optional(),
    fromApi: z.enum(PROVIDERS as [string, ...string[]]).optional(),
    zone: name().optional(),
    format: z.enum(FORMATS).optional(),
    timeColumn: name().optional(),
    valueColumn: name().optional(),
    /** IANA zone of CSV times written without an offset (default UTC). */
    timezone: z
      .string()
      .trim()
      .max(64)
      .refine(isTimeZone, { message: 'expected an IANA time zone (e.g. Europe/Paris)' })
      .optional(),
    interpolate: z.boolean().optional(),
    /** Adds the series themselves (with any forecast) to the answer, for charts. */
    includeSeries: z.boolean().optional(),
  })
  .strict();

export type ScheduleInput = z.output<typeof scheduleInputSchema>;

export const scheduleRoutes = [
  defineRoute({
    method: 'POST',
    path: '/schedule',
    summary: 'The best window (time and zone) for a job, from uploaded grid-intensity series',
    body: scheduleInputSchema,
    maxBodyBytes: MAX_UPLOAD_BYTES,
    handler: ({ body }) => schedule(body, Date.now()),
  }),
];

async function schedule(input: ScheduleInput, nowMs: number) {
  const [{ mergeAndNormalise }, { planSchedule }, { seriesEnd }] = await Promise.all([
    import('../../grid/read.js'),
    import('../../schedule/plan.js'),
    import('../../grid/series.js'),
  ]);
  const read: ReadOptions = {
    format: input.format,
    signal: input.signal,
    zone: input.zone,
    timeColumn: input.timeColumn,
    valueColumn: input.valueColumn,
    timezone: input.timezone,
  };
  const uploads = input.series ?? [];
  if (uploads.length === 0 && !input.fromApi) {
    throw issue('missing', 'series', 'series: give one or more series (CSV or JSON exports), or fromApi', {
      accepted: 'series: [{ name, content }] or fromApi',
    });
  }
  const durationH =
    typeof input.duration === 'number' ? input.duration : parseDurationHours(input.duration, 'duration');
  const at = (text: string | undefined) =>
    text === undefined ? undefined : text.toLowerCase() === 'now' ? nowMs : parseTimestamp(text)!.ms;
  let fromMs = at(input.from) ?? (input.fromApi ? nowMs : undefined);
  let toMs = at(input.to);

  const raws: RawSeries[] = [];
  for (const upload of uploads) raws.push(...(await readUpload(upload.name, upload.content, read)));
  if (input.fromApi) {
    const { fetchSeries } = await import('../../grid/connectors/index.js');
    raws.push(
      ...(await fetchSeries({
        provider: input.fromApi as (typeof PROVIDERS)[number],
        zone: input.zone,
        signal: input.signal,
        fromMs: fromMs ?? nowMs,
      })),
    );
  }
  let series = mergeAndNormalise(raws, read);
  let forecast: import('../../grid/forecast.js').ForecastInfo[] | undefined;
  if (input.forecast) {
    // As `empreinte schedule --forecast`: "now" is where the first zone's data ends, and the
    // forecast reaches two days or twice the job past it unless `to` says otherwise.
    const { extendWithForecast } = await import('../../grid/forecast.js');
    fromMs ??= seriesEnd(series[0]);
    toMs ??= fromMs + Math.max(48, 2 * durationH) * HOUR_MS;
    forecast = [];
    series = series.map((s) => {
      const { series: extended, info } = extendWithForecast(s, toMs!);
      if (info) forecast!.push(info);
      return extended;
    });
  }
  const result = planSchedule(series, {
    durationH,
    fromMs,
    toMs,
    interruptible: input.interruptible,
    maxPauses: input.maxPauses,
    powerW: input.powerW,
    interpolate: input.interpolate,
  });
  return {
    ...result,
    ...(forecast ? { forecast } : {}),
    ...(input.includeSeries ? { series: series.map(seriesForChart) } : {}),
  };
}

/** Reads one upload with the `--series` readers: CSV by name or content, JSON formats detected. */
async function readUpload(fileName: string, content: string, read: ReadOptions): Promise<RawSeries[]> {
  const source = fileName.split(/[\\/]/).pop() || 'series';
  const looksJson = /^\s*[[{]/.test(content.replace(/^\uFEFF/, ''));
  const csv =
    read.format === 'csv' ||
    (read.format === 'electricitymaps' && !looksJson) ||
    (read.format === undefined && (/\.(csv|tsv|txt)$/i.test(source) || !looksJson));
  if (csv) {
    const { parseCsvLines } = await import('../../grid/formats/csv.js');
    return parseCsvLines(textLines(content), source, read);
  }
  const [{ parseJsonText }, { readSeriesJson }] = await Promise.all([
    import('../../grid/_input.js'),
    import('../../grid/read.js'),
  ]);
  return readSeriesJson(parseJsonText(content, source), source, read);
}

/** Lines of an uploaded text as the CSV reader takes them: LF or CRLF, BOM dropped, 1-based. */
function* textLines(text: string): Generator<Line> {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const piece = text.slice(start, end);
    yield { text: piece.endsWith('\r') ? piece.slice(0, -1) : piece, line: ++line };
    start = end + 1;
  }
}

function seriesForChart(s: IntensitySeries) {
  return {
    zone: s.zone,
    zoneName: s.zoneName,
    unit: s.unit,
    start: toIso(s.times[0]),
    stepMs: s.stepMs,
    /** One value per slot; null marks a gap. */
    values: Array.from(s.values, (v) => (Number.isNaN(v) ? null : v)),
    forecastFrom: s.forecastFrom,
  };
}
