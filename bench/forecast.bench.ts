// Forecast accuracy: rolling-origin backtest, 24 h ahead, of the product's forecast (log-linear
// regression blended with MSTL-ETS), each part alone, and the seasonal-naive baselines (same hour
// yesterday, same hour last week), on every shared series.
// Settings were tuned on DE, GB and US-CAL-CISO 2022 only; other zones are reported apart.
// Run: node --import tsx bench/forecast.bench.ts [strideHours=24]   (about 9 min on 2 cores)
import { readdirSync } from 'node:fs';
import { backtest, NAIVE_BASELINES } from '../src/grid/backtest.js';
import {
  blendForecasts,
  FORECAST_PERIODS_H,
  forecastMstl,
  forecastRegression,
  REGRESSION_WEIGHT,
  TRAIN_HOURS,
} from '../src/grid/forecast.js';
import { readSeriesFiles } from '../src/grid/read.js';
import { SHARED_GRID } from '../test/helpers/bench-data.js';

const strideH = Number(process.argv[2] ?? 24);
const TUNED = ['DE_2022', 'GB_2022', 'US-CAL-CISO_2022'];
const SAME_ZONES_OTHER_YEAR = ['DE_2023', 'GB_2023', 'US-CAL-CISO_2023'];
const files = readdirSync(SHARED_GRID)
  .filter((f) => f.endsWith('.csv'))
  .map((f) => f.replace('_hourly.csv', ''))
  .sort();

interface Row {
  name: string;
  origins: number;
  model: number;
  regression: number;
  pure: number;
  day: number;
  week: number;
  maeModel: number;
  maeDay: number;
  reduction: number;
}
const rows: Row[] = [];
const started = performance.now();
for (const name of files) {
  const [series] = await readSeriesFiles([`${SHARED_GRID}${name}_hourly.csv`]);
  // One fit of each part per origin serves both the part alone and the product's blend.
  const once = (fit: (history: Float64Array, horizon: number, startMs: number) => Float64Array) => {
    let cached: { at: number; forecast: Float64Array } | undefined;
    return (history: Float64Array, horizon: number, startMs: number) => {
      if (cached?.at !== history.length)
        cached = { at: history.length, forecast: fit(history, horizon, startMs) };
      return cached.forecast;
    };
  };
  const mstl = once((history, horizon) =>
    forecastMstl(history, horizon, [...FORECAST_PERIODS_H], TRAIN_HOURS),
  );
  const regression = once((history, horizon, startMs) =>
    forecastRegression(history, horizon, startMs, TRAIN_HOURS),
  );
  const result = backtest(
    series.values,
    {
      mstl,
      regression,
      model: (history, horizon, startMs) =>
        blendForecasts(regression(history, horizon, startMs), mstl(history, horizon, startMs)),
      ...NAIVE_BASELINES,
    },
    { horizon: 24, strideH, warmup: TRAIN_HOURS, startMs: series.times[0] },
  );
  const { model, regression: reg, mstl: pure, naiveDay, naiveWeek } = result.scores;
  const bestNaive = Math.min(naiveDay.mapePct, naiveWeek.mapePct);
  rows.push({
    name,
    origins: result.origins,
    model: model.mapePct,
    regression: reg.mapePct,
    pure: pure.mapePct,
    day: naiveDay.mapePct,
    week: naiveWeek.mapePct,
    maeModel: model.maeGPerKwh,
    maeDay: naiveDay.maeGPerKwh,
    reduction: (1 - model.mapePct / bestNaive) * 100,
  });
}
const elapsed = (performance.now() - started) / 1000;

const f1 = (x: number) => x.toFixed(1).padStart(6);
const print = (title: string, list: Row[]) => {
  console.log(`\n${title}`);
  console.log(
    '  series              origins   MAPE model  (regression, MSTL alone)  naive day  naive week   vs best naive   MAE model / naive day (g/kWh)',
  );
  for (const r of list) {
    const goal = r.reduction >= 20 ? '✓' : ' ';
    console.log(
      `  ${r.name.padEnd(18)} ${String(r.origins).padStart(6)}   ${f1(r.model)} %  (${f1(r.regression)} %, ${f1(r.pure)} %)   ${f1(r.day)} %  ${f1(r.week)} %    ${f1(-r.reduction)} % ${goal}    ${f1(r.maeModel)} / ${f1(r.maeDay)}`,
    );
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sorted = list.map((r) => r.reduction).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const model = mean(list.map((r) => r.model));
  const bestNaive = mean(list.map((r) => Math.min(r.day, r.week)));
  console.log(
    `  mean MAPE: model ${model.toFixed(1)} % (regression alone ${mean(list.map((r) => r.regression)).toFixed(1)} %, MSTL alone ${mean(list.map((r) => r.pure)).toFixed(1)} %), naive day ${mean(list.map((r) => r.day)).toFixed(1)} %, naive week ${mean(list.map((r) => r.week)).toFixed(1)} %`,
  );
  console.log(
    `  mean MAPE ${((1 - model / bestNaive) * 100).toFixed(1)} % lower than the better naive; median reduction per series ${median.toFixed(1)} %; ≥ 20 % lower on ${list.filter((r) => r.reduction >= 20).length} of ${list.length}`,
  );
};
console.log(
  `rolling origin every ${strideH} h after ${TRAIN_HOURS} h of history, 24 h ahead; MAPE over hours with actual ≥ 1 g/kWh (${elapsed.toFixed(0)} s)`,
);
print(
  'Tuning series (model settings chosen on these):',
  rows.filter((r) => TUNED.includes(r.name)),
);
print(
  'Same zones, the other year (not tuned on that year):',
  rows.filter((r) => SAME_ZONES_OTHER_YEAR.includes(r.name)),
);
print(
  'Held-out zones (never used for tuning):',
  rows.filter((r) => !TUNED.includes(r.name) && !SAME_ZONES_OTHER_YEAR.includes(r.name)),
);
console.log(
  `\nmodel = log-linear regression × ${REGRESSION_WEIGHT} + MSTL-ETS × ${Math.round((1 - REGRESSION_WEIGHT) * 100) / 100} (what --forecast uses). ✓ = at least 20 % lower MAPE than the better of the two seasonal-naive baselines.`,
);
