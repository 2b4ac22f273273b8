import { HOUR_MS } from '../engine/units.js';
import type { Provider } from '../grid/connectors/index.js';
import type { ForecastInfo } from '../grid/forecast.js';
import { mergeAndNormalise, type ReadOptions, readSeriesFile } from '../grid/read.js';
import { type IntensitySeries, type RawSeries, seriesEnd } from '../grid/series.js';
import { planSchedule, type ScheduleOptions, type ScheduleResult } from './plan.js';

/**
 * The whole `schedule` request: read the files, fetch live data if asked, extend with a forecast
 * if asked, then plan. Shared by the CLI and the HTTP API; the clock comes in as `nowMs`.
 */
export interface ScheduleRequest extends ScheduleOptions {
  files: string[];
  read?: ReadOptions;
  fromApi?: Provider;
  /** Extend each series with a forecast up to `toMs` (default: 48 h or twice the job, past the data). */
  forecast?: boolean;
  nowMs: number;
  env?: NodeJS.ProcessEnv;
}

export interface ScheduleResponse extends ScheduleResult {
  forecast?: ForecastInfo[];
}

/** Default span forecast past the data when `--to` is not given: two days, or twice the job. */
const DEFAULT_FORECAST_H = 48;

export async function runSchedule(request: ScheduleRequest): Promise<ScheduleResponse> {
  const raws: RawSeries[] = [];
  for (const file of request.files) raws.push(...(await readSeriesFile(file, request.read)));
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
  return forecast ? { ...result, forecast } : result;
}
