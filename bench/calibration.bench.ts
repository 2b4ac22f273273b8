// Calibration from one's own runs, judged on published sibling runs: for every model family with at
// least two fitted runs on the same hardware, each run is held out and estimated from a calibration
// made of its siblings (all of them, then each alone) by the product's own arithmetic, beside the
// first-principles estimate of the same run with a fit that never saw its family (nested).

import { CALIBRATION_TRANSFER } from '../src/catalog/calibration-defaults.js';
import { defaultPrecision, findHardware, peakFlopS } from '../src/catalog/hardware.js';
import { MFU_MODEL } from '../src/catalog/training-defaults.js';
import { FIT_EVIDENCE, type TrainingRun } from '../src/catalog/training-evidence.js';
import {
  type CalibrationFigures,
  calibrateRunFigures,
  combineCalibration,
} from '../src/engine/calibration.js';
import {
  siblingGroups,
  type TransferInterval,
  type TransferRule,
  transferInterval,
} from '../src/engine/calibration-transfer.js';
import { estimateTraining, type UtilisationFit } from '../src/engine/training.js';
import { holdOutEachFamily } from '../src/engine/training-select.js';
import { evidenceInput } from './evidence-input.js';

type Range = { low: number; central: number; high: number };
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One line of figures: cases counted per run, and per family (each family weighing one). */
class Tally {
  private rows: { family: string; error: number; inside: boolean; width: number }[] = [];
  add(family: string, observed: number, range: Range): void {
    this.rows.push({
      family,
      error: (range.central - observed) / observed,
      inside: observed >= range.low && observed <= range.high,
      width: range.high / range.low,
    });
  }
  /** Median |error| and runs inside, for a table cell. */
  cell(): string {
    const inside = this.rows.filter((r) => r.inside).length;
    return `${pct(median(this.rows.map((r) => Math.abs(r.error))))}, ${inside}/${this.rows.length}`;
  }
  toString(): string {
    const families = new Map<string, [number, number]>();
    for (const r of this.rows) {
      const f = families.get(r.family) ?? [0, 0];
      families.set(r.family, [f[0] + (r.inside ? 1 : 0), f[1] + 1]);
    }
    const inside = this.rows.filter((r) => r.inside).length;
    const byFamily = [...families.values()].reduce((s, [i, n]) => s + i / n, 0) / families.size;
    const under = this.rows.filter((r) => r.error < 0).length;
    return `${pct(median(this.rows.map((r) => Math.abs(r.error))))} median |error|, ${inside}/${this.rows.length} (${pct(inside / this.rows.length)}) inside the 90% range (${pct(byFamily)} with each of ${families.size} families weighing one), median high/low ${median(this.rows.map((r) => r.width)).toFixed(2)}, ${under} under`;
  }
}

const scenario = (r: TrainingRun) => evidenceInput(r, { pue: 1, gridIntensity: 400 });

/**
 * A calibration from published runs, as `empreinte calibrate` computes it from a measured run: the
 * chip-seconds are the published chip-hours; the GPU energy (which the chip-hours estimate does not
 * read) from the authors' power per chip where given, else the chip's TDP. With `transfer`, the
 * calibration remembers its runs' shapes (as the store does) and carries their utilisation to the
 * estimated run with that interval; without, it is the calibration as it was before the transfer.
 */
function calibrationOf(runs: readonly TrainingRun[], transfer?: TransferInterval): CalibrationFigures {
  const hardware = findHardware(runs[0].hardwareId)!;
  const precision = defaultPrecision(hardware) ?? 'bf16';
  const figures = runs.map((s) =>
    calibrateRunFigures({
      activeParams: s.paramsActive,
      tokens: s.tokens,
      chipSeconds: s.chipHours * 3600,
      gpuEnergyJ: s.chipHours * 3600 * (s.powerWPerChip ?? hardware.tdpW),
      peakFlopS: peakFlopS(hardware, precision),
    }),
  );
  const combined = combineCalibration(runs[0].family, hardware.id, precision, figures, hardware.tdpW);
  if (!transfer) return combined;
  const shapes = runs.map((s, i) => ({
    paramsActive: s.paramsActive,
    paramsTotal: s.paramsTotal,
    tokens: s.tokens,
    chips: s.chips,
    mfu: figures[i].mfu,
  }));
  return { ...combined, runs: shapes, transfer };
}

const siblings = siblingGroups(FIT_EVIDENCE);
const families = new Set(siblings.map((g) => g[0].family));
console.log('(median |error| on chip-hours, runs inside the stated 90% range)');

let started = performance.now();
const nested = new Map(holdOutEachFamily(FIT_EVIDENCE).map((h) => [h.family, h]));
const nestedS = (performance.now() - started) / 1000;
// Each held-out family's transfer interval from the other families' pairs only, with its fold's terms.
started = performance.now();
const foldTransfer = (rule: TransferRule) =>
  new Map([...families].map((f) => [f, transferInterval(FIT_EVIDENCE, nested.get(f)!.spec, 0.9, [f], rule)]));
const folds = { families: foldTransfer('families'), pairs: foldTransfer('pairs') };
const transferS = (performance.now() - started) / 1000;

const kinds = [
  'allBefore',
  'allAfter',
  'oneBefore',
  'oneAfter',
  'firstPrinciples',
  'allFamilies',
  'oneFamilies',
] as const;
const shown = kinds.slice(0, 5);
type Kind = (typeof kinds)[number];
const tallies = () => Object.fromEntries(kinds.map((k) => [k, new Tally()])) as Record<Kind, Tally>;
const total = tallies();
const byDistance = { near: new Tally(), far: new Tally() };
console.log(
  '| family on hardware | runs | all the others, before | after | one other (every pair), before | after | first principles (nested) |',
);
console.log('|---|---|---|---|---|---|---|');
for (const runs of siblings) {
  const local = tallies();
  const add = (kind: Kind, r: TrainingRun, range: Range) => {
    total[kind].add(r.family, r.chipHours, range);
    local[kind].add(r.family, r.chipHours, range);
  };
  for (const r of runs) {
    const others = runs.filter((s) => s !== r);
    // The fold of the held-out family: a fit and a transfer interval that never saw it.
    const fit: UtilisationFit = nested.get(r.family)!;
    const transfer = folds.pairs.get(r.family)!;
    const familyRule = folds.families.get(r.family)!;
    const estimate = (calibration?: CalibrationFigures) =>
      estimateTraining(scenario(r), 'en', { fit, calibration }).chipHours;
    add('firstPrinciples', r, estimate());
    add('allBefore', r, estimate(calibrationOf(others)));
    add('allAfter', r, estimate(calibrationOf(others, transfer)));
    add('allFamilies', r, estimate(calibrationOf(others, familyRule)));
    for (const s of others) {
      add('oneBefore', r, estimate(calibrationOf([s])));
      const after = estimate(calibrationOf([s], transfer));
      add('oneAfter', r, after);
      // By how far the transfer goes: sizes within a factor 3 of each other, or further apart.
      const near = Math.abs(Math.log10(r.paramsActive / s.paramsActive)) <= Math.log10(3);
      (near ? byDistance.near : byDistance.far).add(r.family, r.chipHours, after);
      add('oneFamilies', r, estimate(calibrationOf([s], familyRule)));
    }
  }
  const cells = shown.map((k) => local[k].cell()).join(' | ');
  console.log(`| ${runs[0].family} on ${runs[0].hardwareId} | ${runs.length} | ${cells} |`);
}
const runCount = siblings.reduce((n, runs) => n + runs.length, 0);
console.log(
  `\n${runCount} runs held out one at a time, in ${siblings.length} family-and-hardware groups of ${families.size} families (chip-hours as published; goal: 90% inside)`,
);
console.log(
  "before: the calibrated utilisation as measured, its range the runs' own spread (one run: ×/÷ 1.22, GPU-to-GPU variability)",
);
console.log(
  "after: carried to the estimated run by the fit's slopes, its range the transfer's errors between the other families' sibling pairs, split-conformal ranks in pairs (each fold its own fit and interval)",
);
console.log(`calibrated on all its siblings, before: ${total.allBefore}`);
console.log(`calibrated on all its siblings, after:  ${total.allAfter}`);
console.log(`  with the interval named first (families weighing one): ${total.allFamilies}`);
console.log(`calibrated on one sibling (each alone, every pair), before: ${total.oneBefore}`);
console.log(`calibrated on one sibling (each alone, every pair), after:  ${total.oneAfter}`);
console.log(`  with the interval named first (families weighing one): ${total.oneFamilies}`);
console.log(`  after, sizes within a factor 3: ${byDistance.near}`);
console.log(`  after, sizes further apart: ${byDistance.far}`);
console.log(
  `first principles, the same runs, leave-one-family-out with terms and range chosen inside each fold (nested, as bench/training.bench.ts; folds ${nestedS.toFixed(1)} s): ${total.firstPrinciples}`,
);
const committed = transferInterval(FIT_EVIDENCE, MFU_MODEL.spec);
const ratio = (x: number) => `×${Math.exp(x).toFixed(2)}`;
console.log(
  `transfer interval, all families (committed terms): ${ratio(committed.low)}–${ratio(committed.high)} from ${committed.n} pairs in ${committed.families} families (committed: ${ratio(CALIBRATION_TRANSFER.low)}–${ratio(CALIBRATION_TRANSFER.high)}); per fold ${ratio(Math.min(...[...folds.pairs.values()].map((t) => t.low)))} at the widest (${transferS.toFixed(1)} s)`,
);
