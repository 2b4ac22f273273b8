import { seasonalNaive } from './forecast-baselines.js';

/**
 * Rolling-origin backtest: at each origin (every `strideH` hours, once `warmup` points exist) each
 * method forecasts the next `horizon` points from the history before the origin only, and its
 * absolute percentage error against what happened is recorded. MAPE = mean over origins and hours
 * of |forecast − actual| / actual; points whose actual is under `minActual` (g/kWh) are left out
 * (MAPE explodes near zero) and counted. Origins whose test window or baseline lags touch a gap
 * are skipped and counted.
 */
export type Forecaster = (history: Float64Array, horizon: number, startMs: number) => Float64Array;

export interface BacktestOptions {
  horizon?: number;
  strideH?: number;
  /** First origin: enough history for every method (default 8 weeks). */
  warmup?: number;
  minActual?: number;
  /** Start of the first point (epoch ms UTC), handed to each method for calendar features. */
  startMs?: number;
}

export interface MethodScore {
  mapePct: number;
  maeGPerKwh: number;
}

export interface BacktestResult {
  origins: number;
  points: number;
  skippedOrigins: number;
  excludedPoints: number;
  scores: Record<string, MethodScore>;
}

export function backtest(
  values: Float64Array,
  methods: Record<string, Forecaster>,
  options: BacktestOptions = {},
): BacktestResult {
  const horizon = options.horizon ?? 24;
  const stride = options.strideH ?? 72;
  const warmup = options.warmup ?? 8 * 168;
  const minActual = options.minActual ?? 1;
  const startMs = options.startMs ?? 0;
  const names = Object.keys(methods);
  const ape = new Map(names.map((n) => [n, 0]));
  const ae = new Map(names.map((n) => [n, 0]));
  let origins = 0;
  let points = 0;
  let skipped = 0;
  let excluded = 0;
  for (let o = warmup; o + horizon <= values.length; o += stride) {
    const history = values.subarray(0, o);
    const actual = values.subarray(o, o + horizon);
    if (hasGap(actual) || hasGap(values.subarray(Math.max(0, o - 168), o))) {
      skipped++;
      continue;
    }
    origins++;
    const forecasts = names.map((n) => methods[n](history, horizon, startMs));
    for (let h = 0; h < horizon; h++) {
      if (actual[h] < minActual) {
        excluded++;
        continue;
      }
      points++;
      names.forEach((n, i) => {
        const err = Math.abs(forecasts[i][h] - actual[h]);
        ape.set(n, (ape.get(n) ?? 0) + err / actual[h]);
        ae.set(n, (ae.get(n) ?? 0) + err);
      });
    }
  }
  const scores: Record<string, MethodScore> = {};
  for (const n of names) {
    scores[n] = {
      mapePct: points > 0 ? ((ape.get(n) ?? 0) / points) * 100 : Number.NaN,
      maeGPerKwh: points > 0 ? (ae.get(n) ?? 0) / points : Number.NaN,
    };
  }
  return { origins, points, skippedOrigins: skipped, excludedPoints: excluded, scores };
}

function hasGap(values: Float64Array): boolean {
  for (const v of values) if (Number.isNaN(v)) return true;
  return false;
}

/** The two seasonal-naive baselines: same hour yesterday, same hour last week. */
export const NAIVE_BASELINES: Record<string, Forecaster> = {
  naiveDay: (history, horizon) => seasonalNaive(history, horizon, 24),
  naiveWeek: (history, horizon) => seasonalNaive(history, horizon, 168),
};
