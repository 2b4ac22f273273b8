// Re-fits the training utilisation model on the evidence catalog and prints the constants that
// src/catalog/training-defaults.ts commits (run: node --import tsx scripts/fit-training.ts): the
// spec the selection picks among the candidates, its coefficients, and its residual ranges.
// Distilled runs are left out.
import { FIT_EVIDENCE } from '../src/catalog/training-evidence.js';
import { chipHoursIntervals, fitMfuModel, triangleForInterval } from '../src/engine/training-fit.js';
import { selectMfuSpec } from '../src/engine/training-select.js';

const round = (x: number) => Number(x.toFixed(4));
const { spec, scores } = selectMfuSpec(FIT_EVIDENCE);
const c = fitMfuModel(FIT_EVIDENCE, spec);
const intervals = chipHoursIntervals(FIT_EVIDENCE, spec, 0.9);
const out = {
  spec,
  intercept: round(c.intercept),
  classOffset: Object.fromEntries(Object.entries(c.classOffset).map(([k, v]) => [k, round(v)])),
  perDecade: Object.fromEntries(Object.entries(c.perDecade).map(([k, v]) => [k, round(v)])),
  chipsFromFlop: { a: round(c.chipsFromFlop.a), b: round(c.chipsFromFlop.b) },
};
const condition = (interval: (typeof intervals)['withChips']) => {
  const triangle = triangleForInterval(interval);
  return {
    n: interval.n,
    logLow: round(interval.low),
    logHigh: round(interval.high),
    mfuFactor: { low: round(triangle.low), high: round(triangle.high) },
  };
};
const conditions = {
  withChips: condition(intervals.withChips),
  withoutChips: condition(intervals.withoutChips),
};
const candidates = scores.map(
  (s) => `${s.spec.features.join('+')} (${s.spec.weighting}, ridge ${s.spec.ridge}): ${round(s.score)}`,
);
console.log(JSON.stringify({ coefficients: out, ...conditions, candidates }, null, 2));
