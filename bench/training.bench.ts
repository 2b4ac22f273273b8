// Training estimator: out-of-sample accuracy on published runs, speed, and CLI start-up.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { TRAINING_EVIDENCE, type TrainingRun } from '../src/catalog/training-evidence.js';
import { parseInput } from '../src/engine/schemas/common.js';
import { estimateTraining, trainingInputSchema, type UtilisationFit } from '../src/engine/training.js';
import { holdOutEachFamily } from '../src/engine/training-fit.js';
import { computeTraining, createTrainingOutput, type TrainingPoint } from '../src/engine/training-kernel.js';
import { CLI } from '../test/helpers/cli.js';

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const estimateFor = (r: TrainingRun, fit: UtilisationFit) =>
  estimateTraining(
    parseInput(trainingInputSchema, {
      params: r.paramsTotal,
      activeParams: r.paramsActive,
      tokens: r.tokens,
      hardware: r.hardwareId,
      chips: r.chips,
      pue: r.pue ?? 1,
      gridIntensity: 400,
    }),
    'en',
    { fit },
  );
/** The authors' own energy arithmetic (chip-hours × their power per chip × their PUE), where they gave it. */
const publishedKwh = (r: TrainingRun) =>
  r.powerWPerChip === undefined ? undefined : (r.chipHours * r.powerWPerChip * (r.pue ?? 1)) / 1000;

/**
 * Leave-one-family-out: each family is estimated with a utilisation fitted on the other families,
 * and a range calibrated on their residuals only (the family never sees its own runs).
 */
function accuracy(): void {
  console.log('\n### Leave-one-family-out accuracy on published runs (params, tokens, hardware, chips only)');
  console.log(
    '| run | family | chip-hours published | ours (low–high) | error | energy MWh published | ours (low–high) | error |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  const chipErrors: number[] = [];
  const energyErrors: number[] = [];
  const chipRatios: number[] = [];
  const energyRatios: number[] = [];
  let chipIn = 0;
  let energyIn = 0;
  let under = 0;
  // Coverage and width by condition: chip count published (and given) or not.
  const byCondition = {
    chips: { inside: 0, n: 0, ratios: [] as number[], errors: [] as number[] },
    noChips: { inside: 0, n: 0, ratios: [] as number[], errors: [] as number[] },
  };
  for (const held of holdOutEachFamily(TRAINING_EVIDENCE)) {
    for (const r of held.runs) {
      const e = estimateFor(r, held);
      const error = (e.chipHours.central - r.chipHours) / r.chipHours;
      if (error < 0) under++;
      chipErrors.push(Math.abs(error));
      chipRatios.push(e.chipHours.high / e.chipHours.low);
      const inside = r.chipHours >= e.chipHours.low && r.chipHours <= e.chipHours.high;
      if (inside) chipIn++;
      const condition = byCondition[r.chips === undefined ? 'noChips' : 'chips'];
      condition.n++;
      if (inside) condition.inside++;
      condition.ratios.push(e.chipHours.high / e.chipHours.low);
      condition.errors.push(Math.abs(error));
      const kwh = publishedKwh(r);
      let cells = ['—', '—', '—'];
      if (kwh !== undefined) {
        const energyError = (e.energyKwh.central - kwh) / kwh;
        energyErrors.push(Math.abs(energyError));
        energyRatios.push(e.energyKwh.high / e.energyKwh.low);
        const energyInside = kwh >= e.energyKwh.low && kwh <= e.energyKwh.high;
        if (energyInside) energyIn++;
        const mwh = (x: number) => (x / 1000).toFixed(1);
        cells = [
          mwh(kwh),
          `${mwh(e.energyKwh.central)} (${mwh(e.energyKwh.low)}–${mwh(e.energyKwh.high)})${energyInside ? '' : ' ✗'}`,
          pct(energyError),
        ];
      }
      console.log(
        `| ${r.id} | ${r.family} | ${Math.round(r.chipHours)} | ${Math.round(e.chipHours.central)} (${Math.round(e.chipHours.low)}–${Math.round(e.chipHours.high)})${inside ? '' : ' ✗'} | ${pct(error)} | ${cells.join(' | ')} |`,
      );
    }
  }
  const n = chipErrors.length;
  console.log(
    `\nruns: ${n} in ${holdOutEachFamily(TRAINING_EVIDENCE).length} families (energy from the authors' own arithmetic for ${energyErrors.length})`,
  );
  console.log(
    `median absolute error, chip-hours: ${pct(median(chipErrors))} (${under} of ${n} under)   (goal ≤ 15%)`,
  );
  console.log(`median absolute error, energy:     ${pct(median(energyErrors))}   (goal ≤ 15%)`);
  console.log(
    `coverage of [low, high] (stated 90%), chip-hours: ${pct(chipIn / n)}, energy: ${pct(energyIn / energyErrors.length)}   (goal ≥ 90%)`,
  );
  for (const [name, c] of Object.entries(byCondition)) {
    console.log(
      `  ${name === 'chips' ? 'chips given' : 'chips not published'}: median error ${pct(median(c.errors))}, ${c.inside}/${c.n} inside, chip-hours width median ${median(c.ratios).toFixed(2)}`,
    );
  }
  console.log(
    `range width high/low: chip-hours median ${median(chipRatios).toFixed(2)}, energy median ${median(energyRatios).toFixed(2)}   (goal ≤ 3)`,
  );
}

function speed(): void {
  console.log('\n### Speed');
  const point: TrainingPoint = {
    flop: 8.4e23,
    peakFlopS: 989e12,
    mfu: 0.35,
    chipHours: Number.NaN,
    systemPowerW: Number.NaN,
    tdpW: 700,
    powerFraction: 0.78,
    hostOverhead: 0.27,
    pue: 1.2,
    intensityGPerKwh: 350,
    renewableShare: 0,
    embodiedKgPerChipHour: 0.005,
  };
  const out = createTrainingOutput();
  let sink = 0;
  const n = 20_000_000;
  for (let i = 0; i < 1_000_000; i++) computeTraining(point, out); // warm-up
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    point.flop = 1e21 + i * 1e15;
    sink += computeTraining(point, out).co2eKg;
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `central estimates per second (one core): ${Math.round(n / seconds).toLocaleString('en-US')}   (goal > 1,000,000)  [${sink > 0 ? 'ok' : ''}]`,
  );

  const input = parseInput(trainingInputSchema, {
    params: 70e9,
    tokens: 2e12,
    hardware: 'h100',
    location: 'fr',
  });
  estimateTraining(input);
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    estimateTraining({ ...input, seed: i });
    times.push(performance.now() - t0);
  }
  console.log(
    `full estimate with 10,000 Monte Carlo draws: median ${median(times).toFixed(1)} ms   (goal < 50 ms)`,
  );
}

function startup(): void {
  console.log('\n### CLI start-up (median of 15 runs)');
  const time = (args: string[]) => {
    const samples: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, args, { stdio: 'ignore' });
      samples.push(performance.now() - t0);
    }
    return median(samples);
  };
  const baseline = time(['-e', '0']);
  const version = time([CLI, '--version']);
  const estimate = time([
    CLI,
    'estimate',
    'training',
    '--chip-hours',
    '1000',
    '--power-w',
    '400',
    '--pue',
    '1.1',
    '--grid-intensity',
    '400',
    '--json',
  ]);
  console.log(
    `node -e 0: ${baseline.toFixed(0)} ms; empreinte --version: ${version.toFixed(0)} ms (${(version / baseline).toFixed(2)}x); estimate training: ${estimate.toFixed(0)} ms (${(estimate / baseline).toFixed(2)}x)   (goal < 3x)`,
  );
}

accuracy();
if (!process.argv.includes('--accuracy')) speed();
if (!process.argv.includes('--accuracy')) startup();
