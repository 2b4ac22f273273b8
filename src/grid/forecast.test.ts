import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EM_FIXTURES, makeSeries } from '../../test/helpers/grid.js';
import { mulberry32 } from '../engine/random.js';
import { backtest, NAIVE_BASELINES } from './backtest.js';
import {
  extendWithForecast,
  forecastIntensity,
  forecastMstl,
  hourlyMeans,
  seasonalNaive,
} from './forecast.js';
import { readSeriesFiles } from './read.js';
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

describe('forecastMstl', () => {
  it('loads the WebAssembly model and beats both naive baselines on daily + weekly cycles with noise', () => {
    const y = synthetic(8 * 168 + 24);
    const history = y.subarray(0, 8 * 168);
    const actual = y.subarray(8 * 168);
    const mape = (f: Float64Array) => f.reduce((s, v, h) => s + Math.abs(v - actual[h]) / actual[h], 0) / 24;
    const model = mape(forecastMstl(history, 24, [24, 168], 8 * 168));
    assert.ok(model < mape(seasonalNaive(history, 24, 24)), `MSTL ${model}`);
    assert.ok(model < mape(seasonalNaive(history, 24, 168)));
    const blend = forecastIntensity(history, 24, Date.UTC(2023, 0, 1));
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

  it("forecasts 15-min series by the hour: each slot of an hour gets that hour's forecast", () => {
    const hourly = synthetic(4 * 168);
    const quarters = Float64Array.from({ length: hourly.length * 4 }, (_, k) => hourly[Math.floor(k / 4)]);
    const fine = extendWithForecast(
      makeSeries(quarters, { stepMs: H / 4 }),
      Date.UTC(2023, 0, 1) + (4 * 168 + 6) * H,
    );
    const coarse = extendWithForecast(makeSeries(hourly), Date.UTC(2023, 0, 1) + (4 * 168 + 6) * H);
    assert.equal(fine.series.values.length, quarters.length + 24);
    assert.equal(fine.info?.hours, 6);
    for (let k = 0; k < 24; k++) {
      const expected = coarse.series.values[4 * 168 + Math.floor(k / 4)];
      assert.ok(Math.abs(fine.series.values[quarters.length + k] - expected) < 1e-6 * expected, `slot ${k}`);
    }
  });

  it('says how many training slots it bridged over gaps and refuses data that ends with a gap', () => {
    const y = synthetic(4 * 168);
    y.fill(Number.NaN, 500, 510);
    const { series } = extendWithForecast(makeSeries(y), seriesEnd(makeSeries(y)) + 5 * H);
    assert.equal(series.warnings.find((w) => w.code === 'forecast_bridged')?.count, 10);
    y[y.length - 1] = Number.NaN;
    assert.throws(
      () => extendWithForecast(makeSeries(y), seriesEnd(makeSeries(y)) + 5 * H),
      /ends with a gap/,
    );
  });

  it('refuses too short a history and too long a horizon', () => {
    assert.throws(
      () => extendWithForecast(makeSeries(synthetic(100)), Date.UTC(2023, 0, 10)),
      /needs at least 504 h \(three weeks\)/,
    );
    const s = makeSeries(synthetic(600));
    assert.throws(() => extendWithForecast(s, seriesEnd(s) + 200 * H), /too far/);
  });
});

describe('hourlyMeans', () => {
  it('averages whole hours counted back from the last slot, leaving a partial first hour out', () => {
    assert.deepEqual([...hourlyMeans(Float64Array.from([9, 1, 3, 5, 7]), 2)], [2, 6]);
    const same = Float64Array.from([1, 2]);
    assert.equal(hourlyMeans(same, 1), same);
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

describe('forecastIntensity on real data', () => {
  it('beats same-hour-yesterday by at least 20 % on Great Britain, autumn 2023, 24 h ahead, every 12 hours', async () => {
    const [series] = await readSeriesFiles([`${EM_FIXTURES}GB_2023-09-04_11-26_hourly.csv`]);
    const r = backtest(
      series.values,
      {
        model: (history, horizon, startMs) => forecastIntensity(history, horizon, startMs),
        ...NAIVE_BASELINES,
      },
      { strideH: 12, startMs: series.times[0] },
    );
    assert.ok(r.origins > 50, `${r.origins} origins`);
    const { model, naiveDay } = r.scores;
    assert.ok(
      model.mapePct < 0.8 * naiveDay.mapePct,
      `model ${model.mapePct} %, naive day ${naiveDay.mapePct} %`,
    );
  });
});
