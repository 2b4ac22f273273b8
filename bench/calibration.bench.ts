// Calibration from one's own runs, judged on published sibling runs: for every model family with at
// least two fitted runs on the same hardware, each run is held out and estimated from a calibration
// made of its siblings (all of them, then each alone) by the product's own arithmetic, beside the
// first-principles estimate of the same run with a fit that never saw its family (nested).
import { defaultPrecision, findHardware, peakFlopS } from '../src/catalog/hardware.js';
import { FIT_EVIDENCE, type TrainingRun } from '../src/catalog/training-evidence.js';
import { calibrateRunFigures, combineCalibration } from '../src/engine/calibration.js';
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
 * read) from the authors' power per chip where given, else the chip's TDP.
 */
function calibrationOf(runs: readonly TrainingRun[]) {
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
  return combineCalibration(runs[0].family, hardware.id, precision, figures, hardware.tdpW);
}

const groups = new Map<string, TrainingRun[]>();
for (const r of FIT_EVIDENCE) {
  const key = `${r.family} on ${r.hardwareId}`;
  groups.set(key, [...(groups.get(key) ?? []), r]);
}
const siblings = [...groups].filter(([, runs]) => runs.length >= 2);
console.log('(median |error| on chip-hours, runs inside the stated 90% range)');

const started = performance.now();
const nested = new Map(holdOutEachFamily(FIT_EVIDENCE).map((h) => [h.family, h]));
const nestedS = (performance.now() - started) / 1000;

const firstPrinciples = new Tally();
const allSiblings = new Tally();
const oneSibling = new Tally();
console.log(
  '| family on hardware | runs | calibrated on all the others | on one other (every pair) | first principles (nested) |',
);
console.log('|---|---|---|---|---|');
for (const [key, runs] of siblings) {
  const local = { all: new Tally(), one: new Tally(), fp: new Tally() };
  for (const r of runs) {
    const others = runs.filter((s) => s !== r);
    const held: UtilisationFit = nested.get(r.family)!;
    const fp = estimateTraining(scenario(r), 'en', { fit: held }).chipHours;
    firstPrinciples.add(r.family, r.chipHours, fp);
    local.fp.add(r.family, r.chipHours, fp);
    const all = estimateTraining(scenario(r), 'en', { calibration: calibrationOf(others) }).chipHours;
    allSiblings.add(r.family, r.chipHours, all);
    local.all.add(r.family, r.chipHours, all);
    for (const s of others) {
      const one = estimateTraining(scenario(r), 'en', { calibration: calibrationOf([s]) }).chipHours;
      oneSibling.add(r.family, r.chipHours, one);
      local.one.add(r.family, r.chipHours, one);
    }
  }
  console.log(`| ${key} | ${runs.length} | ${local.all.cell()} | ${local.one.cell()} | ${local.fp.cell()} |`);
}
const runCount = siblings.reduce((n, [, runs]) => n + runs.length, 0);
console.log(
  `\n${runCount} runs held out one at a time, in ${siblings.length} family-and-hardware groups of ${new Set(siblings.map(([, r]) => r[0].family)).size} families (chip-hours as published; goal: 90% inside)`,
);
console.log(`calibrated on all its siblings: ${allSiblings}`);
console.log(`calibrated on one sibling (each alone, every pair): ${oneSibling}`);
console.log(
  `first principles, the same runs, leave-one-family-out with terms and range chosen inside each fold (nested, as bench/training.bench.ts; folds ${nestedS.toFixed(1)} s): ${firstPrinciples}`,
);
