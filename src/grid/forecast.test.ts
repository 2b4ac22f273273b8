import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeSeries } from '../../test/helpers/grid.js';
import { mulberry32 } from '../engine/random.js';
import { backtest, NAIVE_BASELINES } from './backtest.js';
import {
  extendWithForecast,
  forecastIntensity,
  forecastMstl,
  levelAdjustedNaive,
  seasonalNaive,
} from './forecast.js';
import { seriesEnd } from './series.js';

const H = 3_600_000;

/** Daily and weekly cycles plus noise: what MSTL is built for. */
function synthetic(hours: number, seed = 1): Float64Array {
  const random = mulberry32(seed);
  return Float64Array.from(
    { length: hours },
    (_, t) =>
      300 +
      80 * Math.sin((2 * Math.PI * t) / 24) +
      40 * Math.sin((2 * Math.PI * t) / 168) +
      (random() - 0.5) * 30,
  );
}

describe('seasonalNaive', () => {
  it('repeats the value one period back, for horizons beyond the period too', () => {
    const history = [1, 2, 3, 4, 5, 6];
    assert.deepEqual([...seasonalNaive(history, 5, 3)], [4, 5, 6, 4, 5]);
  });
});

describe('levelAdjustedNaive', () => {
  it("shifts yesterday's profile by the latest deviation, fading hour by hour, never below zero", () => {
    const history = [10, 20, 10, 20, 30];
    // Period 2: last point 30 vs 10 one period earlier, shift +20 fading by 0.5 per hour.
    assert.deepEqual([...levelAdjustedNaive(history, 3, 2, 0.5)], [20 + 10, 30 + 5, 20 + 2.5]);
    assert.deepEqual([...levelAdjustedNaive([50, 60, 50, 1], 2, 2, 1)], [0, 0]);
  });
});

describe('forecastMstl', () => {
  it('loads the WebAssembly model and beats both naive baselines on daily + weekly cycles with noise', () => {
    const y = synthetic(8 * 168 + 24);
    const history = y.subarray(0, 8 * 168);
    const actual = y.subarray(8 * 168);
    const mape = (f: Float64Array) => f.reduce((s, v, h) => s + Math.abs(v - actual[h]) / actual[h], 0) / 24;
    const model = mape(forecastMstl(history, 24, [24, 168], 8 * 168));
    assert.ok(model < mape(seasonalNaive(history, 24, 24)), `MSTL ${model}`);
    assert.ok(model < mape(seasonalNaive(history, 24, 168)));
    const blend = forecastIntensity(history, 24);
    assert.equal(blend.length, 24);
    assert.ok(mape(blend) < mape(seasonalNaive(history, 24, 24)));
  });
});

describe('extendWithForecast', () => {
  it('appends forecast slots up to the deadline and marks where they start', () => {
    const s = makeSeries(synthetic(3 * 168));
    const until = seriesEnd(s) + 30 * H;
    const { series, info } = extendWithForecast(s, until);
    assert.equal(series.values.length, 3 * 168 + 30);
    assert.equal(series.forecastFrom, 3 * 168);
    assert.equal(info?.hours, 30);
    assert.ok(series.values.subarray(3 * 168).every((v) => v >= 0 && Number.isFinite(v)));
    assert.ok(series.warnings.some((w) => w.code === 'forecast'));
  });

  it('refuses too short a history and too long a horizon', () => {
    assert.throws(
      () => extendWithForecast(makeSeries(synthetic(100)), Date.UTC(2023, 0, 10)),
      /needs at least 336 h/,
    );
    const s = makeSeries(synthetic(400));
    assert.throws(() => extendWithForecast(s, seriesEnd(s) + 200 * H), /too far/);
  });
});

describe('backtest', () => {
  it('scores a perfect forecaster at 0 % and a 10 %-high one at 10 %, skipping gappy origins', () => {
    const y = synthetic(2000, 3);
    y[1500] = Number.NaN;
    const truth = (history: Float64Array, horizon: number) =>
      y.slice(history.length, history.length + horizon);
    const high = (history: Float64Array, horizon: number) => truth(history, horizon).map((v) => v * 1.1);
    const r = backtest(y, { truth, high, ...NAIVE_BASELINES }, { strideH: 24, warmup: 336 });
    assert.ok(r.skippedOrigins >= 1);
    assert.equal(r.scores.truth.mapePct, 0);
    assert.ok(Math.abs(r.scores.high.mapePct - 10) < 1e-9);
    assert.ok(r.scores.naiveDay.mapePct > 0);
  });
});
