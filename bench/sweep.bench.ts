// Sweep engine: throughput (central values and with ranges) and the accuracy of its ranges against
// estimateTraining's Monte Carlo.
import { performance } from 'node:perf_hooks';
import { parseInput } from '../src/engine/schemas/common.js';
import { trainingInputSchema } from '../src/engine/schemas/training.js';
import { planSweep, runSweep, type SweepSpec, sweepRow, visitSweep } from '../src/engine/sweep/index.js';
import { estimateTraining } from '../src/engine/training.js';

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const range = (n: number, from: number, step: number) => Array.from({ length: n }, (_, i) => from + i * step);

// 40 sizes × 25 token counts × 10 accelerators × 20 locations × 5 PUEs × 2 MFUs = 2,000,000 scenarios.
const spec: SweepSpec = {
  params: range(40, 1e9, 5e9),
  tokens: range(25, 1e11, 2e11),
  hardware: [
    'nvidia-v100-sxm2',
    'nvidia-a100-sxm4-80gb',
    'nvidia-a100-sxm4-40gb',
    'h100',
    'nvidia-h200-sxm-141gb',
    'nvidia-b200',
    'amd-mi300x',
    'google-tpu-v4',
    'google-tpu-v5e',
    'intel-gaudi3',
  ],
  location: [
    'fr',
    'pl',
    'us',
    'de',
    'se',
    'no',
    'in',
    'cn',
    'gb',
    'es',
    'it',
    'br',
    'ca',
    'jp',
    'kr',
    'au',
    'za',
    'world',
    'aws:eu-west-3',
    'gcp:europe-west1',
  ],
  pue: [1.1, 1.2, 1.3, 1.4, 1.5],
  mfu: [0.35, 0.45],
};

function throughput(): void {
  console.log('\n### Throughput (one core)');
  const t0 = performance.now();
  const plan = planSweep(spec, { maxScenarios: 10_000_000 });
  const planMs = performance.now() - t0;
  console.log(
    `plan (resolve ${spec.hardware!.length} accelerators, ${spec.location!.length} locations once): ${planMs.toFixed(1)} ms for ${fmt(plan.total)} scenarios`,
  );
  let sink = 0;
  visitSweep(plan, {}, (_, out) => (sink += out.co2eKg)); // warm-up
  const passes = 5;
  const t1 = performance.now();
  for (let p = 0; p < passes; p++) visitSweep(plan, {}, (_, out) => (sink += out.co2eKg));
  const visitS = (performance.now() - t1) / 1000;
  console.log(
    `central estimates per second, streamed:             ${fmt((passes * plan.total) / visitS)}   (goal > 5,000,000)`,
  );
  runSweep(plan, { ranges: false });
  const t2 = performance.now();
  const central = runSweep(plan, { ranges: false });
  const centralS = (performance.now() - t2) / 1000;
  console.log(`central estimates per second, into typed arrays:    ${fmt(plan.total / centralS)}`);
  const t3 = performance.now();
  const ranged = runSweep(plan, { ranges: true });
  const rangedS = (performance.now() - t3) / 1000;
  console.log(`estimates with low/high per second, typed arrays:   ${fmt(plan.total / rangedS)}`);
  console.log(`[${sink > 0 && central.count === ranged.count ? 'ok' : 'check'}: ${fmt(central.count)} rows]`);
}

function accuracy(): void {
  console.log('\n### Ranges: log-cumulant percentiles vs Monte Carlo (100,000 draws)');
  const errors: number[] = [];
  const cases: Record<string, unknown>[] = [];
  for (const params of [1e9, 7e9, 70e9, 400e9])
    for (const hardware of ['nvidia-v100-sxm2', 'nvidia-a100-sxm4-80gb', 'h100', 'google-tpu-v4'])
      for (const location of ['fr', 'pl', 'aws:us-east-1'])
        cases.push({ params, tokens: 20 * params, hardware, location });
  for (const c of cases) {
    const plan = planSweep(Object.fromEntries(Object.entries(c).map(([k, v]) => [k, [v]])) as SweepSpec);
    const row = sweepRow(runSweep(plan), 0);
    const e = estimateTraining(parseInput(trainingInputSchema, { ...c, draws: 100_000 }));
    for (const key of ['chipHours', 'energyKwh', 'co2eKg', 'embodiedCo2eKg'] as const) {
      errors.push(Math.abs(row[key].low / e[key].low - 1), Math.abs(row[key].high / e[key].high - 1));
    }
  }
  errors.sort((a, b) => a - b);
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  console.log(
    `${cases.length} scenarios × 4 metrics × (low, high): median error ${pct(errors[errors.length >> 1])}, 95th percentile ${pct(errors[Math.floor(errors.length * 0.95)])}, max ${pct(errors[errors.length - 1])}   (goal < 3%)`,
  );
}

throughput();
accuracy();
