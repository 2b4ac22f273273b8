import { type CensoredLogTriangle, censoredPercentileFactors } from '../censored-mfu.js';
import { type Cumulants, percentileFactors, reciprocal } from '../log-cumulants.js';
import { computeTraining, createTrainingOutput, type TrainingPoint } from '../training-kernel.js';
import { censoredTriangleCumulants } from '../training-range.js';
import { designMfu } from './designs.js';
import { censoredFittedMfu, type HardwareRow, type LocationRow } from './factors.js';
import type { SweepPlan } from './plan.js';
import type { SweepOptions } from './spec.js';

const PROGRESS_EVERY = 1 << 16;

export interface SweepResult {
  plan: SweepPlan;
  /** 1 where the scenario was evaluated, 0 where skipped (active > total params, missing precision). */
  valid: Uint8Array;
  count: number;
  chipHours: Float64Array;
  energyKwh: Float64Array;
  co2eKg: Float64Array;
  embodiedCo2eKg: Float64Array;
  /** Low/high per metric (5th/95th percentile), when ranges were computed. */
  low?: {
    chipHours: Float32Array;
    energyKwh: Float32Array;
    co2eKg: Float32Array;
    embodiedCo2eKg: Float32Array;
  };
  high?: {
    chipHours: Float32Array;
    energyKwh: Float32Array;
    co2eKg: Float32Array;
    embodiedCo2eKg: Float32Array;
  };
}

/** Evaluates every scenario of the plan into typed arrays. */
export function runSweep(plan: SweepPlan, options: SweepOptions = {}): SweepResult {
  const n = plan.total;
  const ranges = options.ranges !== false;
  const result: SweepResult = {
    plan,
    valid: new Uint8Array(n),
    count: 0,
    chipHours: new Float64Array(n),
    energyKwh: new Float64Array(n),
    co2eKg: new Float64Array(n),
    embodiedCo2eKg: new Float64Array(n),
  };
  if (ranges) {
    const f32 = () => ({
      chipHours: new Float32Array(n),
      energyKwh: new Float32Array(n),
      co2eKg: new Float32Array(n),
      embodiedCo2eKg: new Float32Array(n),
    });
    result.low = f32();
    result.high = f32();
  }
  const low = result.low;
  const high = result.high;
  const q = new Float64Array(2);
  let count = 0;
  visitSweep(
    plan,
    options,
    (i, out, k) => {
      result.valid[i] = 1;
      count++;
      result.chipHours[i] = out.chipHours;
      result.energyKwh[i] = out.energyKwh;
      result.co2eKg[i] = out.co2eKg;
      result.embodiedCo2eKg[i] = out.embodiedCo2eKg;
      if (!low || !high) return;
      // chip-hours: 1/MFU; energy: + power and PUE; CO2e: + intensity; embodied: chip-hours + embodied.
      metricPercentiles(k, 0, q);
      low.chipHours[i] = Math.min(out.chipHours * q[0], out.chipHours);
      high.chipHours[i] = Math.max(out.chipHours * q[1], out.chipHours);
      metricPercentiles(k, 1, q);
      low.energyKwh[i] = Math.min(out.energyKwh * q[0], out.energyKwh);
      high.energyKwh[i] = Math.max(out.energyKwh * q[1], out.energyKwh);
      metricPercentiles(k, 2, q);
      low.co2eKg[i] = Math.min(out.co2eKg * q[0], out.co2eKg);
      high.co2eKg[i] = Math.max(out.co2eKg * q[1], out.co2eKg);
      metricPercentiles(k, 3, q);
      low.embodiedCo2eKg[i] = Math.min(out.embodiedCo2eKg * q[0], out.embodiedCo2eKg);
      high.embodiedCo2eKg[i] = Math.max(out.embodiedCo2eKg * q[1], out.embodiedCo2eKg);
    },
    ranges,
  );
  result.count = count;
  return result;
}

/**
 * Calls `visit(index, output, cumulants)` for every valid scenario, in row order, without
 * allocating: `output` and `cumulants` are reused (cumulants: 4 each for chip-hours, energy,
 * CO2e and embodied, then their parts where the utilisation's ceiling binds, see `CUMULANTS_LENGTH`;
 * filled only when `withCumulants`).
 */
export function visitSweep(
  plan: SweepPlan,
  options: SweepOptions,
  visit: (index: number, out: ReturnType<typeof createTrainingOutput>, cumulants: Float64Array) => void,
  withCumulants = false,
): void {
  const { radix, total } = plan;
  const nAxes = radix.length;
  const idx = new Int32Array(nAxes);
  const loop = loopContext(plan);
  const point = blankPoint();
  const out = createTrainingOutput();
  const k = new Float64Array(CUMULANTS_LENGTH);
  const progress = options.onProgress;
  for (let i = 0; i < total; i++) {
    if (progress && (i & (PROGRESS_EVERY - 1)) === 0 && i > 0) progress(i, total);
    if (fillPoint(point, loop, idx)) {
      computeTraining(point, out);
      if (withCumulants) scenarioCumulants(k, loop, idx);
      visit(i, out, k);
    }
    // Next scenario: the innermost axis moves fastest.
    for (let a = nAxes - 1; a >= 0; a--) {
      if (++idx[a] < radix[a]) break;
      idx[a] = 0;
    }
  }
  progress?.(total, total);
}

/**
 * What the loop reads per scenario, worked out once per sweep: the plan's tables and axes one field
 * away (the loop reloads them after every visit, so each indirection costs per scenario).
 */
type LoopContext = Pick<
  SweepPlan,
  | 'designs'
  | 'hardware'
  | 'hardwareSwept'
  | 'locations'
  | 'accounting'
  | 'peak'
  | 'hardwareYear'
  | 'locationIntensity'
> &
  SweepPlan['numbers'] & {
    nPrecision: number;
    nYears: number;
    nScenarios: number;
    hasMfu: boolean;
    hasPower: boolean;
    hasPue: boolean;
    hasGrid: boolean;
    hasRenewable: boolean;
    hasChipHours: boolean;
    fitted: FittedTables;
  };

function loopContext(plan: SweepPlan): LoopContext {
  const { numbers } = plan;
  return {
    designs: plan.designs,
    hardware: plan.hardware,
    hardwareSwept: plan.hardwareSwept,
    locations: plan.locations,
    accounting: plan.accounting,
    peak: plan.peak,
    hardwareYear: plan.hardwareYear,
    locationIntensity: plan.locationIntensity,
    ...numbers,
    nPrecision: plan.precision.length,
    nYears: plan.years.length,
    nScenarios: plan.scenarios.length,
    hasMfu: !Number.isNaN(numbers.mfu[0]),
    hasPower: !Number.isNaN(numbers.powerW[0]),
    hasPue: !Number.isNaN(numbers.pue[0]),
    hasGrid: !Number.isNaN(numbers.gridIntensity[0]),
    hasRenewable: !Number.isNaN(numbers.renewableShare[0]),
    hasChipHours: !Number.isNaN(numbers.chipHours[0]),
    fitted: fittedTables(plan),
  };
}

/** The hardware row of the scenario at `idx`: the swept one, or the design's own; −1 for none. */
function hardwareIndex(loop: LoopContext, idx: Int32Array): number {
  return loop.hardwareSwept ? idx[1] : loop.designs[idx[0]].hardware;
}

/**
 * Refills `point` with the scenario at `idx`; false where it cannot be evaluated. In two parts small
 * enough for the optimising compiler to inline into the loop.
 */
function fillPoint(point: TrainingPoint, loop: LoopContext, idx: Int32Array): boolean {
  const h = hardwareIndex(loop, idx);
  fillSite(point, loop, idx, h);
  return fillWork(point, loop, idx, h);
}

/** The compute: FLOP, and chip-hours (accounting) or peak FLOP/s and MFU; false where not evaluable. */
function fillWork(point: TrainingPoint, loop: LoopContext, idx: Int32Array, h: number): boolean {
  const design = loop.designs[idx[0]];
  const year = h * loop.nYears + idx[12];
  point.flop = design.flop;
  if (loop.accounting) {
    point.chipHours = loop.hasChipHours
      ? loop.chipHours[idx[4]]
      : loop.chips[idx[3]] * loop.days[idx[5]] * 24;
    // The same work on more efficient accelerators (same power per chip) takes fewer chip-hours.
    if (h >= 0) point.chipHours /= loop.hardwareYear[year];
    return design.valid;
  }
  point.chipHours = Number.NaN;
  const p = loop.peak[h * loop.nPrecision + idx[2]];
  point.peakFlopS = p * loop.hardwareYear[year];
  point.mfu = loop.hasMfu ? loop.mfu[idx[6]] : loop.fitted.mfu(idx[0], h, idx[3]);
  return design.valid && !Number.isNaN(p);
}

/** Power per chip, PUE, grid and embodied footprint of the scenario at `idx` on hardware row `h`. */
function fillSite(point: TrainingPoint, loop: LoopContext, idx: Int32Array, h: number): void {
  const hw = h >= 0 ? loop.hardware[h] : undefined;
  const l = idx[8];
  if (loop.hasPower) {
    point.systemPowerW = loop.powerW[idx[7]];
  } else {
    point.systemPowerW = Number.NaN;
    point.tdpW = hw!.tdpW;
    point.powerFraction = hw!.powerFraction;
    point.hostOverhead = hw!.hostOverhead;
  }
  point.pue = loop.hasPue ? loop.pue[idx[9]] : loop.locations[l].pue;
  point.intensityGPerKwh = loop.hasGrid
    ? loop.gridIntensity[idx[10]]
    : loop.locationIntensity[(l * loop.nYears + idx[12]) * loop.nScenarios + idx[13]];
  point.renewableShare = loop.hasRenewable ? loop.renewableShare[idx[11]] : 0;
  point.embodiedKgPerChipHour = hw ? hw.embodied : 0;
}

/** The cumulants of the scenario at `idx` into `k` (see `CUMULANTS_LENGTH`). */
function scenarioCumulants(k: Float64Array, loop: LoopContext, idx: Int32Array): void {
  const h = hardwareIndex(loop, idx);
  const hw = h >= 0 ? loop.hardware[h] : undefined;
  // Chip-hours are fixed in accounting mode or with a given MFU.
  const kCh = loop.accounting || loop.hasMfu || !hw ? undefined : loop.fitted.chipHours(idx[0], h, idx[3]);
  fillCumulants(k, hw, kCh, loop.locations[idx[8]], loop.hasPower, loop.hasPue, loop.hasGrid);
}

/** The fitted MFU of a (design, hardware, chips) and its chip-hours factor, each computed once. */
interface FittedTables {
  mfu(d: number, h: number, c: number): number;
  chipHours(d: number, h: number, c: number): ChipHoursFactor;
}

function fittedTables(plan: SweepPlan): FittedTables {
  const { designs, hardware, numbers } = plan;
  const nChips = numbers.chips.length;
  const key = (d: number, h: number, c: number) => (d * hardware.length + h) * nChips + c;
  // The fitted MFU depends on design, hardware and chips only.
  const mfuTable = new Float64Array(designs.length * hardware.length * nChips).fill(Number.NaN);
  // Its chip-hours' cumulants too: the MFU's spread is censored at 1, which depends on the MFU.
  const chipHoursTable = new Array<ChipHoursFactor | undefined>(mfuTable.length);
  const mfu = (d: number, h: number, c: number): number => {
    const i = key(d, h, c);
    if (Number.isNaN(mfuTable[i])) mfuTable[i] = designMfu(designs[d], hardware[h].entry, numbers.chips[c]);
    return mfuTable[i];
  };
  return {
    mfu,
    chipHours(d, h, c) {
      const i = key(d, h, c);
      chipHoursTable[i] ??= chipHoursFactor(hardware[h], mfu(d, h, c));
      return chipHoursTable[i];
    },
  };
}

/** The one TrainingPoint the loop refills per scenario. */
function blankPoint(): TrainingPoint {
  return {
    flop: 0,
    peakFlopS: Number.NaN,
    mfu: Number.NaN,
    chipHours: Number.NaN,
    systemPowerW: Number.NaN,
    tdpW: Number.NaN,
    powerFraction: Number.NaN,
    hostOverhead: 0,
    pue: 1,
    intensityGPerKwh: 0,
    renewableShare: 0,
    embodiedKgPerChipHour: 0,
  };
}

/**
 * The cumulants a visit receives: 4 each for chip-hours, energy, CO2e and embodied (0–15); where the
 * fitted MFU's spread passes the ceiling of a utilisation, its censored log-triangle a, b, t (16–18)
 * and 1 at 19 (0 elsewhere).
 */
const CUMULANTS_LENGTH = 20;
const CENSORED = 19;

/** The chip-hours factor of a fitted MFU: its cumulants, and its censored MFU where the ceiling binds. */
interface ChipHoursFactor {
  k: Cumulants;
  censored?: CensoredLogTriangle;
}

function chipHoursFactor(hw: HardwareRow, mfu: number): ChipHoursFactor {
  const censored = censoredFittedMfu(hw, mfu);
  if (!censored) return { k: hw.kChipHours };
  return { k: reciprocal(censoredTriangleCumulants(censored.a, censored.b, censored.t)), censored };
}

/** `chipHours`: undefined where chip-hours are fixed (accounting or a given MFU). */
function fillCumulants(
  k: Float64Array,
  hw: HardwareRow | undefined,
  chipHours: ChipHoursFactor | undefined,
  loc: LocationRow,
  fixedPower: boolean,
  fixedPue: boolean,
  fixedIntensity: boolean,
): void {
  for (let j = 0; j < 4; j++) {
    const ch = chipHours ? chipHours.k[j] : 0;
    const energy = ch + (fixedPower || !hw ? 0 : hw.kPower[j]) + (fixedPue ? 0 : loc.kPue[j]);
    k[j] = ch;
    k[4 + j] = energy;
    k[8 + j] = energy + (fixedIntensity ? 0 : loc.kIntensity[j]);
    k[12 + j] = ch + (hw ? hw.kEmbodied[j] : 0);
  }
  const censored = chipHours?.censored;
  k[CENSORED] = censored ? 1 : 0;
  if (censored) {
    k[16] = censored.a;
    k[17] = censored.b;
    k[18] = censored.t;
  }
}

/**
 * Percentile factors of metric `m` (0 chip-hours, 1 energy, 2 CO2e, 3 embodied) into `q`: Cornish–
 * Fisher, or where the MFU is censored its exact law beside the other factors (the metric's
 * cumulants less the chip-hours').
 */
function metricPercentiles(k: Float64Array, m: number, q: Float64Array): void {
  const o = 4 * m;
  if (k[CENSORED] !== 1) {
    percentileFactors(k[o], k[o + 1], k[o + 2], k[o + 3], q);
    return;
  }
  // Scenarios next to each other mostly share their factors (only the year or the grid scenario
  // moved): the last answer per metric is kept.
  const last = m * 9;
  const args = censoredArgs;
  args[0] = k[16];
  args[1] = k[17];
  args[2] = k[18];
  for (let j = 0; j < 4; j++) args[3 + j] = k[o + j] - k[j];
  let same = true;
  for (let i = 0; i < 7; i++) same &&= lastCensored[last + i] === args[i];
  if (!same) {
    censoredPercentileFactors(args[0], args[1], args[2], args[3], args[4], args[5], args[6], q);
    lastCensored.set(args, last);
    lastCensored[last + 7] = q[0];
    lastCensored[last + 8] = q[1];
  }
  q[0] = lastCensored[last + 7];
  q[1] = lastCensored[last + 8];
}

/** Per metric, the censored percentiles last computed: their 7 arguments and the two factors. */
const lastCensored = new Float64Array(4 * 9).fill(Number.NaN);
/** The 7 arguments of the censored percentiles, refilled per call (no allocation per scenario). */
const censoredArgs = new Float64Array(7);
