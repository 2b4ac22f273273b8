// Re-fits the training utilisation model on the evidence catalog and prints the constants that
// src/catalog/training-defaults.ts commits (run: node --import tsx scripts/fit-training.ts).
import { TRAINING_EVIDENCE } from '../src/catalog/training-evidence.js';
import { chipHoursInterval, fitMfuModel, triangleForInterval } from '../src/engine/training-fit.js';

const round = (x: number) => Number(x.toFixed(4));
const c = fitMfuModel(TRAINING_EVIDENCE);
const interval = chipHoursInterval(TRAINING_EVIDENCE, 0.9);
const triangle = triangleForInterval(interval);
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
console.log(
  JSON.stringify(
    {
      coefficients: out,
      interval: { low: round(interval.low), high: round(interval.high), n: interval.n },
      triangle: { low: round(triangle.low), high: round(triangle.high) },
    },
    null,
    2,
  ),
);
