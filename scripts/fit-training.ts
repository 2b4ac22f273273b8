// Re-fits the training utilisation model on the evidence catalog and prints the constants that
// src/catalog/training-defaults.ts commits (run: node --import tsx scripts/fit-training.ts). Distilled runs are left out.
import { FIT_EVIDENCE } from '../src/catalog/training-evidence.js';
import { chipHoursIntervals, fitMfuModel, triangleForInterval } from '../src/engine/training-fit.js';

const round = (x: number) => Number(x.toFixed(4));
const c = fitMfuModel(FIT_EVIDENCE);
const intervals = chipHoursIntervals(FIT_EVIDENCE, 0.9);
const out = {
  intercept: round(c.intercept),
  classOffset: Object.fromEntries(Object.entries(c.classOffset).map(([k, v]) => [k, round(v)])),
  perDecadeParams: round(c.perDecadeParams),
  perDecadeChips: round(c.perDecadeChips),
  perDecadeMoe: round(c.perDecadeMoe),
  hopperPerDecadeParams: round(c.hopperPerDecadeParams),
  perDecadeTokensPerParam: round(c.perDecadeTokensPerParam),
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
console.log(JSON.stringify({ coefficients: out, ...conditions }, null, 2));
