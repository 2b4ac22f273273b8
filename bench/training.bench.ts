// Training estimator: accuracy on published runs, speed, and CLI start-up.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { findHardware } from '../src/catalog/hardware.js';
import { mfuDefaultFor, mfuScaleFactor } from '../src/catalog/training-defaults.js';
import { parseInput } from '../src/engine/schemas/common.js';
import { estimateTraining, trainingInputSchema } from '../src/engine/training.js';
import { computeTraining, createTrainingOutput, type TrainingPoint } from '../src/engine/training-kernel.js';
import { CLI } from '../test/helpers/cli.js';
import { hardwareIdFor, isTrustworthy, loadPublished } from '../test/helpers/published.js';

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Runs with what a first-principles estimate needs; life-cycle totals (another boundary) left out. */
function accuracyRows() {
  return loadPublished().filter(
    (r) =>
      isTrustworthy(r) &&
      !r.embodied_included &&
      r.params_total &&
      r.tokens &&
      r.chip_hours &&
      hardwareIdFor(r.hardware),
  );
}

type Row = ReturnType<typeof accuracyRows>[number];
const estimateFor = (r: Row, mfu?: number) =>
  estimateTraining(
    parseInput(trainingInputSchema, {
      params: r.params_total,
      activeParams: r.params_active ?? undefined,
      tokens: r.tokens,
      hardware: hardwareIdFor(r.hardware),
      pue: r.pue ?? 1,
      gridIntensity: (r.grid_kgco2_per_kwh ?? 0.4) * 1000,
      mfu,
    }),
  );
/** Published energy, or the authors' own arithmetic where they gave power but not energy. */
const publishedMwhOf = (r: Row) =>
  r.energy_mwh ?? (r.power_w_per_chip ? (r.chip_hours! * r.power_w_per_chip * (r.pue ?? 1)) / 1e6 : null);

function accuracy(): void {
  console.log('\n### First-principles accuracy on published runs (params, tokens, hardware only)');
  const rows = accuracyRows();
  const chipErrors: number[] = [];
  const energyErrors: number[] = [];
  let chipCovered = 0;
  let energyCovered = 0;
  let energyRows = 0;
  const ratios: number[] = [];
  console.log(
    '| run | chip-hours published | ours (low–high) | error | energy published MWh | ours (low–high) | error |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const e = estimateFor(r);
    const chipError = (e.chipHours.central - r.chip_hours!) / r.chip_hours!;
    chipErrors.push(Math.abs(chipError));
    const chipIn = r.chip_hours! >= e.chipHours.low && r.chip_hours! <= e.chipHours.high;
    if (chipIn) chipCovered++;
    ratios.push(e.energyKwh.high / e.energyKwh.low);
    const publishedMwh = publishedMwhOf(r);
    let energyCells = ['—', '—', '—'];
    if (publishedMwh) {
      energyRows++;
      const ours = e.energyKwh.central / 1000;
      const energyError = (ours - publishedMwh) / publishedMwh;
      energyErrors.push(Math.abs(energyError));
      const inRange = publishedMwh * 1000 >= e.energyKwh.low && publishedMwh * 1000 <= e.energyKwh.high;
      if (inRange) energyCovered++;
      energyCells = [
        publishedMwh.toFixed(1),
        `${ours.toFixed(1)} (${(e.energyKwh.low / 1000).toFixed(1)}–${(e.energyKwh.high / 1000).toFixed(1)})${inRange ? '' : ' ✗'}`,
        pct(energyError),
      ];
    }
    console.log(
      `| ${r.id} | ${Math.round(r.chip_hours!)} | ${Math.round(e.chipHours.central)} (${Math.round(e.chipHours.low)}–${Math.round(e.chipHours.high)})${chipIn ? '' : ' ✗'} | ${pct(chipError)} | ${energyCells.join(' | ')} |`,
    );
  }
  console.log(`\nruns: ${rows.length} (energy published or derivable for ${energyRows})`);
  console.log(`median absolute error, chip-hours: ${pct(median(chipErrors))}   (goal < 15%)`);
  console.log(`median absolute error, energy:     ${pct(median(energyErrors))}   (goal < 15%)`);
  console.log(
    `coverage of [low, high], chip-hours: ${pct(chipCovered / rows.length)}, energy: ${pct(energyCovered / energyRows)}   (goal > 90%)`,
  );
  console.log(
    `energy range width high/low: median ${median(ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}   (goal < 3)`,
  );
}

/**
 * Out-of-sample check of the utilisation defaults: each run is estimated with a central MFU taken
 * from the other runs of its hardware class only (median of the MFU their chip-hours imply, before
 * the size factor), the way the defaults were set from the catalog's runs.
 */
function leaveOneOut(): void {
  console.log('\n### Leave-one-out: central utilisation from the other runs of the same hardware class');
  const rows = accuracyRows().map((r) => {
    const hardware = findHardware(hardwareIdFor(r.hardware)!)!;
    const factor = mfuScaleFactor(r.params_active ?? r.params_total!);
    // Chip-hours scale as 1 / MFU, so an estimate at MFU 1 gives the MFU the run implies.
    const impliedMfu = estimateFor(r, 1).chipHours.central / r.chip_hours!;
    return { r, cls: mfuDefaultFor(hardware).id, base: impliedMfu / factor, factor };
  });
  const chipErrors: number[] = [];
  const energyErrors: number[] = [];
  let alone = 0;
  for (const row of rows) {
    const others = rows.filter((o) => o !== row && o.cls === row.cls).map((o) => o.base);
    if (others.length === 0) {
      alone++;
      continue;
    }
    const e = estimateFor(row.r, median(others) * row.factor);
    const chipError = (e.chipHours.central - row.r.chip_hours!) / row.r.chip_hours!;
    chipErrors.push(Math.abs(chipError));
    const publishedMwh = publishedMwhOf(row.r);
    const energyError = publishedMwh ? (e.energyKwh.central / 1000 - publishedMwh) / publishedMwh : undefined;
    if (energyError !== undefined) energyErrors.push(Math.abs(energyError));
    console.log(
      `  ${row.r.id.padEnd(28)} ${row.cls.padEnd(10)} implied MFU ${pct(row.base * row.factor).padStart(6)}  held-out central ${pct(median(others) * row.factor).padStart(6)}  chip-hours ${pct(chipError).padStart(7)}  energy ${energyError === undefined ? '     —' : pct(energyError).padStart(7)}`,
    );
  }
  console.log(
    `leave-one-out median absolute error: chip-hours ${pct(median(chipErrors))} (${chipErrors.length} runs), energy ${pct(median(energyErrors))} (${energyErrors.length} runs); ${alone} run(s) alone in their class left out`,
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
leaveOneOut();
speed();
startup();
