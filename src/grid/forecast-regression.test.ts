import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../engine/random.js';
import { seasonalNaive } from './forecast-baselines.js';
import { forecastRegression, solveSymmetric } from './forecast-regression.js';

const H = 3_600_000;
/** Monday 2 January 2023, 00:00 UTC. */
const MONDAY = Date.UTC(2023, 0, 2);
const mape = (forecast: Float64Array, actual: ArrayLike<number>) =>
  forecast.reduce((s, v, h) => s + Math.abs(v - actual[h]) / actual[h], 0) / forecast.length;

describe('solveSymmetric', () => {
  it('solves a positive-definite system from its upper triangle', () => {
    // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]], x = [1, -2, 3] gives b = A x.
    const a = Float64Array.from([4, 2, 0, 0, 5, 1, 0, 0, 3]);
    const b = Float64Array.from([0, -5, 7]);
    solveSymmetric(a, b, 3);
    for (const [i, x] of [1, -2, 3].entries()) assert.ok(Math.abs(b[i] - x) < 1e-12, `x${i} = ${b[i]}`);
  });

  it('refuses a matrix that is not positive definite', () => {
    assert.throws(
      () => solveSymmetric(Float64Array.from([1, 2, 0, 1]), Float64Array.from([1, 1]), 2),
      /positive/,
    );
  });
});

describe('forecastRegression', () => {
  it('learns weekends from the calendar: Saturday after a weekday week is forecast at weekend level', () => {
    // A daily profile, 40 % lower on Saturdays and Sundays (UTC), 6 weeks from a Monday, each
    // week at its own level so that last week's Saturday is no good guess either.
    const random = mulberry32(3);
    const weekLevels = Array.from({ length: 6 }, () => 0.7 + 0.6 * random());
    const hours = 6 * 168 - 2 * 24; // ends Friday 24:00, so the next day is a Saturday
    const y = Float64Array.from({ length: hours + 24 }, (_, t) => {
      const weekday = Math.floor(t / 24) % 7; // 0 = Monday
      const level = weekLevels[Math.floor(t / 168)];
      return level * (300 + 100 * Math.sin((2 * Math.PI * t) / 24)) * (weekday >= 5 ? 0.6 : 1);
    });
    const history = y.subarray(0, hours);
    const saturday = y.subarray(hours);
    const forecast = forecastRegression(history, 24, MONDAY, 8 * 168);
    const error = mape(forecast, saturday);
    assert.ok(error < 0.15, `MAPE ${error}`);
    // Yesterday (a Friday) is 67 % too high, last week's level is off: the calendar is what the
    // model got right.
    assert.ok(mape(seasonalNaive(history, 24, 24), saturday) > 0.6);
    assert.ok(mape(seasonalNaive(history, 24, 168), saturday) > error);
    // Told the data starts on a Friday, Saturday looks like a weekday and the forecast misses.
    const shifted = forecastRegression(history, 24, MONDAY - 72 * H, 8 * 168);
    assert.ok(mape(shifted, saturday) > 3 * error, `shifted MAPE ${mape(shifted, saturday)}`);
  });

  it('carries a deviation forward and beats both seasonal-naive baselines on a persistent process', () => {
    // Log intensity = daily profile + AR(1) noise (φ = 0.95): yesterday's noise is mostly gone by
    // today, the last hour's is not.
    const random = mulberry32(7);
    const n = 12 * 168;
    const y = new Float64Array(n);
    let noise = 0;
    for (let t = 0; t < n; t++) {
      noise = 0.95 * noise + 0.08 * (random() - 0.5);
      y[t] = Math.exp(Math.log(300) + 0.3 * Math.sin((2 * Math.PI * t) / 24) + noise);
    }
    let model = 0;
    let day = 0;
    let week = 0;
    let origins = 0;
    for (let o = 9 * 168; o + 24 <= n; o += 24) {
      const history = y.subarray(0, o);
      const actual = y.subarray(o, o + 24);
      model += mape(forecastRegression(history, 24, MONDAY, 8 * 168), actual);
      day += mape(seasonalNaive(history, 24, 24), actual);
      week += mape(seasonalNaive(history, 24, 168), actual);
      origins++;
    }
    assert.ok(model < 0.8 * day, `model ${model / origins}, naive day ${day / origins}`);
    assert.ok(model < 0.8 * week);
  });

  it('keeps a grid at zero at zero (a hydro or nuclear zone can report 0 g/kWh)', () => {
    const forecast = forecastRegression(new Float64Array(3 * 168), 24, MONDAY, 8 * 168);
    assert.ok(
      forecast.every((v) => Math.abs(v) < 1e-9),
      `${forecast[0]}`,
    );
  });

  it('forecasts up to a week ahead, positive and finite, and no further', () => {
    const y = Float64Array.from({ length: 3 * 168 }, (_, t) => 200 + 50 * Math.cos((2 * Math.PI * t) / 24));
    const forecast = forecastRegression(y, 168, MONDAY, 8 * 168);
    assert.equal(forecast.length, 168);
    assert.ok(forecast.every((v) => v > 0 && Number.isFinite(v)));
    assert.ok(mape(forecast, y.subarray(0, 168)) < 0.01);
    assert.throws(() => forecastRegression(y, 169, MONDAY, 8 * 168), /169 h exceeds 168 h/);
  });
});
