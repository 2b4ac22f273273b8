import { HOUR_MS } from '../engine/units.js';
import type { Line } from '../grid/_input.js';
import type { Provider } from '../grid/connectors/index.js';
import type { ForecastInfo } from '../grid/forecast.js';
import { mergeAndNormalise, type ReadOptions, readSeriesFile } from '../grid/read.js';
import { type IntensitySeries, type RawSeries, seriesEnd } from '../grid/series.js';
import { toIso } from '../grid/time.js';
import { planSchedule, type ScheduleOptions, type ScheduleResult } from './plan.js';

/**
 * The whole `schedule` request: read the files, fetch live data if asked, extend with a forecast
 * if asked, then plan. Shared by the CLI and the HTTP API; the clock comes in as `nowMs`.
 */
export interface ScheduleRequest extends ScheduleOptions {
  /** Series files to read (the CLI's `--series`, the library). */
  files?: string[];
  /**
   * Series given as text (the HTTP API's uploads): the file name (which names the zone of a CSV
   * without a zone column, `FR.csv`) and its content, read with the same readers as files.
   */
  uploads?: { name: string; content: string }[];
  read?: ReadOptions;
  fromApi?: Provider;
  /** Extend each series with a forecast up to `toMs` (default: 48 h or twice the job, past the data). */
  forecast?: boolean;
  /** Adds the series themselves (with any forecast) to the answer, for charts. */
  includeSeries?: boolean;
  nowMs: number;
  env?: NodeJS.ProcessEnv;
}

export interface ScheduleResponse extends ScheduleResult {
  forecast?: ForecastInfo[];
  series?: ChartSeries[];
}

/** Default span forecast past the data when `--to` is not given: two days, or twice the job. */
const DEFAULT_FORECAST_H = 48;

export async function runSchedule(request: ScheduleRequest): Promise<ScheduleResponse> {
  const raws: RawSeries[] = [];
  for (const file of request.files ?? []) raws.push(...(await readSeriesFile(file, request.read)));
  for (const upload of request.uploads ?? [])
    raws.push(...(await readUpload(upload.name, upload.content, request.read ?? {})));
  if (request.fromApi) {
    const { fetchSeries } = await import('../grid/connectors/index.js');
    raws.push(
      ...(await fetchSeries({
        provider: request.fromApi,
        zone: request.read?.zone,
        signal: request.read?.signal,
        fromMs: request.fromMs ?? request.nowMs,
        env: request.env,
      })),
    );
  }
  let series = mergeAndNormalise(raws, request.read);
  let { fromMs, toMs } = request;
  let forecast: ForecastInfo[] | undefined;
  if (request.forecast) {
    const { extendWithForecast } = await import('../grid/forecast.js');
    // With no --from, "now" is where the first zone's data ends: the forecast starts there.
    fromMs ??= seriesEnd(series[0]);
    toMs ??= fromMs + Math.max(DEFAULT_FORECAST_H, 2 * request.durationH) * HOUR_MS;
    const until = toMs;
    forecast = [];
    const extended: IntensitySeries[] = [];
    for (const s of series) {
      const { series: e, info } = extendWithForecast(s, until);
      extended.push(e);
      if (info) forecast.push(info);
    }
    series = extended;
  }
  const result = planSchedule(series, { ...request, fromMs, toMs });
  return {
    ...result,
    ...(forecast ? { forecast } : {}),
    ...(request.includeSeries ? { series: series.map(seriesForChart) } : {}),
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
    const { parseCsvLines } = await import('../grid/formats/csv.js');
    return parseCsvLines(textLines(content), source, read);
  }
  const [{ parseJsonText }, { readSeriesJson }] = await Promise.all([
    import('../grid/_input.js'),
    import('../grid/read.js'),
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

/** A series as the dashboard charts it. */
export type ChartSeries = ReturnType<typeof seriesForChart>;

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
