// Inference estimator: the accuracy table, then speed of the kernel, of full estimates and of a deployment.

import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SERVING_COEFFICIENTS } from '../src/catalog/inference-defaults.js';
import { estimateDeployment } from '../src/engine/deployment-compare.js';
import { estimateInference, inferenceInputSchema } from '../src/engine/inference.js';
import {
  computeInference,
  createInferenceOutput,
  type InferencePoint,
} from '../src/engine/inference-kernel.js';
import { parseInput } from '../src/engine/schemas/common.js';
import { deploymentInputSchema } from '../src/engine/schemas/inference.js';

spawnSync(
  process.execPath,
  ['--import', 'tsx', fileURLToPath(new URL('./inference-accuracy.bench.ts', import.meta.url))],
  { stdio: 'inherit' },
);

function rate(label: string, seconds: number, run: () => void, perRun = 1): void {
  run();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    run();
    n++;
  }
  const perS = (n * perRun) / ((performance.now() - start) / 1000);
  console.log(`| ${label} | ${perS >= 100 ? Math.round(perS).toLocaleString('en-US') : perS.toFixed(1)} |`);
}

console.log('\n### Speed');
console.log('| what | per second |');
console.log('|---|---|');
const { source: _source, ...coefficients } = SERVING_COEFFICIENTS;
const point: InferencePoint = {
  paramsTotal: 70e9,
  paramsActive: 70e9,
  weightBytesPerParam: 2,
  kvBytesPerToken: 327_680,
  kvCopies: 1,
  stateBytesPerSequence: 0,
  sharedWeightCopies: 1,
  gpus: 4,
  layers: 80,
  moeLayers: 0,
  expertShare: 1,
  peakFlopS: 989e12,
  memoryBandwidthBytesS: 3.35e12,
  tdpW: 700,
  idleW: 140,
  batch: 32,
  inputTokens: 1000,
  cachedInputTokens: 0,
  cacheCostFraction: 0.1,
  outputTokens: 300,
  ...coefficients,
  acceleratorFactor: 1,
  hostOverhead: 0.43,
  pue: 1.2,
};
const out = createInferenceOutput();
let sink = 0;
rate(
  'kernel evaluations (one request, central values)',
  1,
  () => {
    for (let i = 0; i < 10_000; i++) {
      point.outputTokens = 300 + (i & 7);
      sink += computeInference(point, out).totalJ;
    }
  },
  10_000,
);
const input = parseInput(inferenceInputSchema, { params: '70B', hardware: 'h100', location: 'fr' });
rate('estimate inference (2,000 Monte Carlo draws, ranges)', 1, () => {
  sink += estimateInference(input).perRequestWh.central;
});
const deployment = parseInput(deploymentInputSchema, { preset: 'customer-service', location: 'fr' });
rate('estimate deployment, customer-service (500 draws)', 2, () => {
  sink += estimateDeployment(deployment).yearly.energyKwh.central;
});
if (sink === 42) console.log('');
