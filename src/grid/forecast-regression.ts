import { HOUR_MS } from '../engine/units.js';

/**
 * Direct multi-horizon log-linear autoregression of hourly grid intensity.
 *
 * One ridge regression per horizon h (the "direct" strategy: no forecast feeds the next), fitted
 * by least squares on the series' own recent past, in logarithms (of 1 + the value, so that zero
 * stays finite) so that errors are relative (what MAPE scores and what a schedule's saving depends
 * on). Regressors, all known at the origin:
 *   the last three hours, the mean of the last day and of the last week, the same hour one and two
 *   days back (and the hour before it), the same hour last week, the UTC hour of day of the target
 *   and whether the target day and the lagged day fall on a weekend.
 * The model is linear in a few dozen coefficients fitted per zone at each forecast, so each zone
 * gets its own mix of persistence, daily and weekly seasonality without hand-tuning per zone.
 * Kept in its own module: pure, allocation-bounded (a few arrays per call) and fast (24 horizons
 * from 8 weeks of history in about 15 ms).
 */

/** Coefficients: intercept, 9 lag features, 23 hour-of-day indicators, 2 weekend indicators. */
export const REGRESSION_FEATURES = 35;
/** Ridge penalty per training row on every coefficient but the intercept (log-scale features). */
export const REGRESSION_RIDGE = 1e-4;
/** History the regressors reach back: one week. */
const LOOKBACK_H = 168;

/**
 * Forecasts the next `horizon` hours (at most 168) after `history`, whose first point starts at
 * `startMs` (UTC, hourly points). Fits on at most the last `trainHours` points.
 */
export function forecastRegression(
  history: ArrayLike<number>,
  horizon: number,
  startMs: number,
  trainHours: number,
): Float64Array {
  const n = history.length;
  if (horizon > LOOKBACK_H) throw new RangeError(`horizon ${horizon} h exceeds ${LOOKBACK_H} h`);
  const logs = new Float64Array(n);
  const sums = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    logs[i] = Math.log1p(Math.max(history[i], 0));
    sums[i + 1] = sums[i] + logs[i];
  }
  const firstHour = Math.floor(startMs / HOUR_MS);
  const row = new Float64Array(REGRESSION_FEATURES);
  const gram = new Float64Array(REGRESSION_FEATURES * REGRESSION_FEATURES);
  const rhs = new Float64Array(REGRESSION_FEATURES);
  const out = new Float64Array(horizon);
  const first = Math.max(LOOKBACK_H, n - trainHours);

  // Row of regressors for the forecast made at origin o (first unknown index) of index o + h.
  const fill = (o: number, h: number): void => {
    const back = 24 * (Math.floor(h / 24) + 1); // latest same hour of day known at o
    const t = o + h;
    row[0] = 1;
    row[1] = logs[o - 1];
    row[2] = logs[t - back];
    row[3] = logs[t - LOOKBACK_H];
    row[4] = (sums[o] - sums[o - 24]) / 24;
    row[5] = logs[t - back - 24];
    row[6] = logs[o - 2];
    row[7] = (sums[o] - sums[o - LOOKBACK_H]) / LOOKBACK_H;
    row[8] = logs[o - 3];
    row[9] = logs[t - back - 1];
    const hourOfDay = (firstHour + t) % 24;
    for (let k = 1; k < 24; k++) row[9 + k] = hourOfDay === k ? 1 : 0;
    row[33] = isWeekend(firstHour + t) ? 1 : 0;
    row[34] = isWeekend(firstHour + t - back) ? 1 : 0;
  };

  for (let h = 0; h < horizon; h++) {
    gram.fill(0);
    rhs.fill(0);
    let rows = 0;
    for (let o = first; o + h < n; o++) {
      fill(o, h);
      const y = logs[o + h];
      for (let i = 0; i < REGRESSION_FEATURES; i++) {
        const ri = row[i];
        if (ri === 0) continue;
        rhs[i] += ri * y;
        const base = i * REGRESSION_FEATURES;
        for (let j = i; j < REGRESSION_FEATURES; j++) gram[base + j] += ri * row[j];
      }
      rows++;
    }
    for (let i = 1; i < REGRESSION_FEATURES; i++)
      gram[i * REGRESSION_FEATURES + i] += REGRESSION_RIDGE * Math.max(rows, 1);
    solveSymmetric(gram, rhs, REGRESSION_FEATURES);
    fill(n, h);
    let log = 0;
    for (let i = 0; i < REGRESSION_FEATURES; i++) log += row[i] * rhs[i];
    out[h] = Math.max(0, Math.expm1(log));
  }
  return out;
}

/** 1970-01-01 was a Thursday: day 0 is weekday 4 (Sunday = 0). */
function isWeekend(hourSinceEpoch: number): boolean {
  const weekday = (Math.floor(hourSinceEpoch / 24) + 4) % 7;
  return weekday === 0 || weekday === 6;
}

/**
 * Solves A x = b in place (x into b) for a symmetric positive-definite A of which only the upper
 * triangle is filled, by Cholesky factorisation (A = Rᵀ R, R upper, written over A). The ridge
 * term keeps A positive definite; 35 × 35 normal equations do not warrant a linear-algebra
 * dependency.
 */
export function solveSymmetric(a: Float64Array, b: Float64Array, size: number): void {
  for (let i = 0; i < size; i++) {
    for (let j = i; j < size; j++) {
      let s = a[i * size + j];
      for (let k = 0; k < i; k++) s -= a[k * size + i] * a[k * size + j];
      if (i === j) {
        if (!(s > 0)) throw new RangeError('matrix is not positive definite');
        a[i * size + i] = Math.sqrt(s);
      } else {
        a[i * size + j] = s / a[i * size + i];
      }
    }
  }
  // Rᵀ y = b, then R x = y.
  for (let i = 0; i < size; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= a[k * size + i] * b[k];
    b[i] = s / a[i * size + i];
  }
  for (let i = size - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < size; k++) s -= a[i * size + k] * b[k];
    b[i] = s / a[i * size + i];
  }
}
