import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { initSync, MSTL } from '@bsull/augurs/mstl';
import { issue } from '../errors.js';
import { levelAdjustedNaive, seasonalNaive } from './forecast-baselines.js';
import { HOUR_MS, type IntensitySeries, type SeriesWarning, seriesEnd } from './series.js';
import { toIso } from './time.js';

export { levelAdjustedNaive, seasonalNaive };

/**
 * Forecasts of grid intensity.
 *
 * Model: MSTL (Bandara, Hyndman & Bergmeir 2021, "MSTL: a seasonal-trend decomposition algorithm
 * for time series with multiple seasonal patterns") with daily and weekly seasons (24 h, 168 h) and
 * an AutoETS trend, from `@bsull/augurs` (WebAssembly), fitted on the last 8 weeks, blended 60/40
 * with yesterday's profile shifted to the latest level (`levelAdjustedNaive`, decay 0.9 per hour).
 * Chosen by rolling-origin backtests on DE, GB and US-CAL-CISO 2022 only (every day, 24 h ahead):
 * 6, 8 and 12 weeks of training were within 0.3 MAPE point of each other; a log transform did not
 * help; blending MSTL with same-hour-yesterday helped (best weight 0.7-0.8), blending with the
 * level-adjusted profile helped more on all three (decays 0.8 / 0.85 / 0.9 tried).
 * `bench/forecast.bench.ts` reports the error on the other zones separately.
 *
 * Baselines: seasonal naive, the value one period earlier (same hour yesterday, or last week).
 */
export const FORECAST_PERIODS_H = [24, 168] as const;
/** Training window: 8 weeks of hourly points. */
export const TRAIN_HOURS = 8 * 168;
/** Weight of MSTL in the blend with the level-adjusted seasonal-naive forecast. */
export const MSTL_WEIGHT = 0.6;
/** Hourly decay of the latest deviation in the level-adjusted naive forecast. */
export const LEVEL_DECAY = 0.9;
/** Beyond a week ahead a weekly-seasonal model is no forecast at all. */
export const MAX_HORIZON_H = 168;

let initialised = false;

/** Loads the MSTL WebAssembly module once (synchronously, from the package's own .wasm file). */
function ensureAugurs(): void {
  if (initialised) return;
  const require = createRequire(import.meta.url);
  const wasm = join(dirname(require.resolve('@bsull/augurs/mstl')), 'mstl_bg.wasm');
  initSync({ module: readFileSync(wasm) });
  initialised = true;
}

/** MSTL-ETS forecast of the next `horizon` points from the last `trainPoints` of `history`. */
export function forecastMstl(
  history: ArrayLike<number>,
  horizon: number,
  periods: number[],
  trainPoints: number,
): Float64Array {
  ensureAugurs();
  const train = Float64Array.from(
    Array.prototype.slice.call(history, Math.max(0, history.length - trainPoints)) as number[],
  );
  const model = MSTL.ets(periods);
  try {
    model.fit(train);
    const point = model.predict(horizon).point;
    // Intensities cannot be negative; the additive model can dip below zero on clean grids.
    return Float64Array.from(point, (v) => (Number.isFinite(v) && v > 0 ? v : 0));
  } finally {
    model.free();
  }
}

/**
 * The product's forecast: MSTL-ETS blended with the level-adjusted seasonal-naive forecast, for
 * series with `perHour` slots per hour (1 for hourly data).
 */
export function forecastIntensity(history: ArrayLike<number>, horizon: number, perHour = 1): Float64Array {
  const mstl = forecastMstl(
    history,
    horizon,
    FORECAST_PERIODS_H.map((p) => p * perHour),
    TRAIN_HOURS * perHour,
  );
  return blendForecasts(mstl, levelAdjustedNaive(history, horizon, 24 * perHour, LEVEL_DECAY, perHour));
}

export function blendForecasts(mstl: Float64Array, naive: Float64Array): Float64Array {
  return mstl.map((m, h) => MSTL_WEIGHT * m + (1 - MSTL_WEIGHT) * naive[h]);
}

export interface ForecastInfo {
  zone: string;
  method: string;
  from: string;
  hours: number;
  trainedOn: string;
}

/**
 * Extends a series with a forecast up to `untilMs`. The history used for training must have no
 * gap in its last 8 weeks; gaps there are bridged by straight lines for training only, and said.
 */
export function extendWithForecast(
  series: IntensitySeries,
  untilMs: number,
): { series: IntensitySeries; info?: ForecastInfo } {
  const end = seriesEnd(series);
  if (untilMs <= end) return { series };
  const step = series.stepMs;
  if (step > HOUR_MS || HOUR_MS % step !== 0) {
    throw issue(
      'invalid_value',
      'forecast',
      `--forecast: ${series.zone} has ${step / 60_000}-min slots; forecasts need hourly or finer slots dividing an hour`,
      {
        value: series.zone,
        accepted: 'a series with 5, 10, 15, 30 or 60-min slots',
      },
    );
  }
  const perHour = HOUR_MS / step;
  const horizon = Math.ceil((untilMs - end) / step);
  if (horizon > MAX_HORIZON_H * perHour) {
    throw issue(
      'out_of_range',
      'to',
      `--to: forecasting ${Math.round(horizon / perHour)} h past the end of ${series.zone}'s data (${toIso(end)}) is too far`,
      {
        value: toIso(untilMs),
        accepted: `at most ${MAX_HORIZON_H} h after the data ends`,
      },
    );
  }
  const trainPoints = TRAIN_HOURS * perHour;
  const needed = 2 * FORECAST_PERIODS_H[1] * perHour;
  if (series.values.length < needed) {
    throw issue(
      'invalid_value',
      'forecast',
      `--forecast: ${series.zone} has ${series.values.length / perHour} h of data; the model needs at least ${needed / perHour} h (two weeks)`,
      {
        value: series.zone,
        accepted: 'at least two weeks of history',
      },
    );
  }
  const warnings: SeriesWarning[] = [];
  const history = bridgeForTraining(
    series.values.subarray(Math.max(0, series.values.length - trainPoints)),
    warnings,
    series.zone,
  );
  const predicted = forecastIntensity(history, horizon, perHour);
  const values = new Float64Array(series.values.length + horizon);
  values.set(series.values);
  values.set(predicted, series.values.length);
  const times = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) times[k] = series.times[0] + k * step;
  const hours = horizon / perHour;
  warnings.push({
    code: 'forecast',
    zone: series.zone,
    message: `${hours} h after ${toIso(end)} forecast by MSTL-ETS (daily and weekly seasons, last ${Math.min(series.values.length, trainPoints) / perHour} h) blended with yesterday's profile at today's level; forecasts err (see bench/forecast.bench.ts)`,
  });
  const info: ForecastInfo = {
    zone: series.zone,
    method: `MSTL-ETS (periods 24 h, 168 h) × ${MSTL_WEIGHT} + level-adjusted same hour yesterday × ${Math.round((1 - MSTL_WEIGHT) * 100) / 100}`,
    from: toIso(end),
    hours,
    trainedOn: `${toIso(end - Math.min(series.values.length, trainPoints) * step)} → ${toIso(end)}`,
  };
  return {
    series: {
      ...series,
      times,
      values,
      forecastFrom: series.values.length,
      warnings: [...series.warnings, ...warnings],
    },
    info,
  };
}

/** Training input without NaN: interior gaps bridged linearly, leading gaps dropped. */
function bridgeForTraining(values: Float64Array, warnings: SeriesWarning[], zone: string): Float64Array {
  let first = 0;
  while (first < values.length && Number.isNaN(values[first])) first++;
  const out = Float64Array.from(values.subarray(first));
  let bridged = 0;
  for (let k = 0; k < out.length; k++) {
    if (!Number.isNaN(out[k])) continue;
    let j = k;
    while (j < out.length && Number.isNaN(out[j])) j++;
    if (j === out.length) {
      throw issue(
        'invalid_value',
        'forecast',
        `--forecast: ${zone}'s data ends with a gap; nothing recent to forecast from`,
        {
          value: zone,
          accepted: 'a series whose last slot has a value',
        },
      );
    }
    const left = out[k - 1];
    for (let m = k; m < j; m++) out[m] = left + ((out[j] - left) * (m - k + 1)) / (j - k + 1);
    bridged += j - k;
    k = j;
  }
  if (bridged > 0)
    warnings.push({
      code: 'forecast_bridged',
      zone,
      count: bridged,
      message: `${bridged} gap slot(s) in the training data bridged by straight lines (for the model only)`,
    });
  return out;
}
