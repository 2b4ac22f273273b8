import { findHardware, peakFlopS } from '../catalog/hardware.js';
import { type MfuClass, mfuClassOf } from '../catalog/training-defaults.js';
import type { TrainingRun } from '../catalog/training-evidence.js';
import type { HardwareEntry } from '../catalog/types.js';
import { logTriangleMatching } from './log-triangle.js';
import {
  type ConditionIntervals,
  intervalsFor,
  type RangeMethod,
  type RunResidual,
  selectRangeMethod,
} from './range-select.js';
import { type LogInterval, leaveOneGroupOut } from './uncertainty.js';

/**
 * The utilisation (goodput) model: log(MFU) as a small linear function of the hardware class and a
 * few terms named in the spec (model size, chip count, mixture-of-experts ratio, ...), fitted by
 * weighted least squares on the MFU that published runs imply (6·N_active·D over peak FLOP/s ×
 * published chip-hours). Pure: the coefficients the product uses are committed in the training
 * defaults and a test re-fits them.
 */

export const MFU_CLASSES: readonly MfuClass[] = ['gpuLegacy', 'gpuAmpere', 'gpuHopper', 'tpu'];

/**
 * The terms a spec may use, each per decade: `params` log10(N_active / 1e9); `chips` log10(chips / 256);
 * `moe` log10(N_total / N_active); `hopperParams` the size term again on Hopper-class chips only;
 * `tokensPerParam` log10(D / N_active / 20).
 */
export type MfuFeature = 'params' | 'chips' | 'moe' | 'hopperParams' | 'tokensPerParam';

/** How runs weigh in the fit: each 1/√(its family's runs), or 1/(its family's runs) (every family weighs one). */
export type FamilyWeighting = 'sqrtFamily' | 'perFamily';

export interface MfuSpec {
  features: readonly MfuFeature[];
  weighting: FamilyWeighting;
  /**
   * Ridge penalty on the slopes, as a share of the total row weight times each term's weighted
   * variance (scale-free: 0.1 shrinks an uncorrelated slope by about 1/1.1). 0: least squares.
   */
  ridge: number;
}

export interface MfuCoefficients {
  /** Common intercept of log(MFU). */
  intercept: number;
  /** Offset of each hardware class from the intercept (shrunk toward 0 by the ridge penalty). */
  classOffset: Record<MfuClass, number>;
  /** Slope of log(MFU) per decade of each term the spec uses (absent: not in the model). */
  perDecade: Partial<Record<MfuFeature, number>>;
  /** Chips when not given: log10(chips) = a + b · log10(training FLOP). */
  chipsFromFlop: { a: number; b: number };
}

export interface MfuQuery {
  hardware: HardwareEntry;
  paramsActive: number;
  paramsTotal: number;
  tokens: number;
  chips?: number;
}

/** Ridge penalty on the class offsets, in units of mean row weight: keeps a class with few runs near the mean. */
const CLASS_RIDGE = 2;
const MFU_FLOOR = 0.02;
const MFU_CEILING = 0.75;

export function flopOf(q: Pick<MfuQuery, 'paramsActive' | 'tokens'>): number {
  return 6 * q.paramsActive * q.tokens;
}

export function chipsFor(q: MfuQuery, c: Pick<MfuCoefficients, 'chipsFromFlop'>): number {
  if (q.chips !== undefined) return q.chips;
  return 10 ** (c.chipsFromFlop.a + c.chipsFromFlop.b * Math.log10(flopOf(q)));
}

function featureValue(
  f: MfuFeature,
  q: MfuQuery,
  cls: MfuClass,
  c: Pick<MfuCoefficients, 'chipsFromFlop'>,
): number {
  const size = Math.log10(q.paramsActive / 1e9);
  switch (f) {
    case 'params':
      return size;
    case 'chips':
      return Math.log10(chipsFor(q, c) / 256);
    case 'moe':
      return Math.log10(q.paramsTotal / q.paramsActive);
    case 'hopperParams':
      return cls === 'gpuHopper' ? size : 0;
    case 'tokensPerParam':
      return Math.log10(q.tokens / q.paramsActive / 20);
  }
}

/** A run's row of the design: intercept, hardware-class indicators, then the spec's terms. */
export function features(
  q: MfuQuery,
  spec: readonly MfuFeature[],
  c: Pick<MfuCoefficients, 'chipsFromFlop'>,
): number[] {
  const cls = mfuClassOf(q.hardware);
  return [1, ...MFU_CLASSES.map((k) => (k === cls ? 1 : 0)), ...spec.map((f) => featureValue(f, q, cls, c))];
}

/** Central MFU for a run, clamped to what training hardware has been seen to reach. */
export function predictMfu(q: MfuQuery, c: MfuCoefficients): number {
  const cls = mfuClassOf(q.hardware);
  let logMfu = c.intercept + c.classOffset[cls];
  for (const [f, slope] of Object.entries(c.perDecade) as [MfuFeature, number][])
    logMfu += slope * featureValue(f, q, cls, c);
  return Math.min(MFU_CEILING, Math.max(MFU_FLOOR, Math.exp(logMfu)));
}

export function queryOf(run: TrainingRun): MfuQuery {
  const hardware = findHardware(run.hardwareId);
  if (!hardware) throw new Error(`training evidence ${run.id}: unknown hardware ${run.hardwareId}`);
  return {
    hardware,
    paramsActive: run.paramsActive,
    paramsTotal: run.paramsTotal,
    tokens: run.tokens,
    chips: run.chips,
  };
}

/** The MFU a published run implies, against the chip's default (BF16/FP16) peak. */
export function impliedMfu(run: TrainingRun): number {
  const q = queryOf(run);
  return flopOf(q) / (peakFlopS(q.hardware) * run.chipHours * 3600);
}

/** Row weights: a series with eight sizes does not outvote eight labs. */
function weightsOf(runs: readonly TrainingRun[], weighting: FamilyWeighting): number[] {
  const counts = new Map<string, number>();
  for (const r of runs) counts.set(r.family, (counts.get(r.family) ?? 0) + 1);
  return runs.map((r) => {
    const n = counts.get(r.family) ?? 1;
    return weighting === 'perFamily' ? 1 / n : 1 / Math.sqrt(n);
  });
}

/** Weighted ridge least squares by the normal equations (a handful of features: Gauss–Jordan is plenty). */
export function solveWeighted(xs: number[][], ys: number[], ws: number[], penalty: number[]): number[] {
  const k = xs[0].length;
  const a = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k + 1 }, (_, j) => (j === i ? penalty[i] : 0)),
  );
  xs.forEach((x, r) => {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) a[i][j] += ws[r] * x[i] * x[j];
      a[i][k] += ws[r] * x[i] * ys[r];
    }
  });
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const p = a[col][col];
    if (Math.abs(p) < 1e-12) throw new Error('training fit: singular system (too few distinct runs)');
    for (let j = col; j <= k; j++) a[col][j] /= p;
    for (let r = 0; r < k; r++) {
      if (r === col || a[r][col] === 0) continue;
      const f = a[r][col];
      for (let j = col; j <= k; j++) a[r][j] -= f * a[col][j];
    }
  }
  return a.map((row) => row[k]);
}

/** Fits the coefficients of a spec on published runs. */
export function fitMfuModel(runs: readonly TrainingRun[], spec: MfuSpec): MfuCoefficients {
  const ws = weightsOf(runs, spec.weighting);
  const withChips = runs.map((r, i) => ({ r, w: ws[i] })).filter(({ r }) => r.chips !== undefined);
  const [a, b] = solveWeighted(
    withChips.map(({ r }) => [1, Math.log10(flopOf(r))]),
    withChips.map(({ r }) => Math.log10(r.chips!)),
    withChips.map(({ w }) => w),
    [0, 0],
  );
  const chipsFromFlop = { a, b };
  const totalWeight = ws.reduce((s, w) => s + w, 0);
  const xs = runs.map((r) => features(queryOf(r), spec.features, { chipsFromFlop }));
  const first = 1 + MFU_CLASSES.length;
  const slopePenalty = spec.features.map((_, j) => {
    const mean = xs.reduce((s, x, r) => s + ws[r] * x[first + j], 0) / totalWeight;
    return spec.ridge * xs.reduce((s, x, r) => s + ws[r] * (x[first + j] - mean) ** 2, 0);
  });
  const penalty = [0, ...MFU_CLASSES.map(() => (CLASS_RIDGE * totalWeight) / runs.length), ...slopePenalty];
  const beta = solveWeighted(
    xs,
    runs.map((r) => Math.log(impliedMfu(r))),
    ws,
    penalty,
  );
  const slopes = beta.slice(first);
  return {
    intercept: beta[0],
    classOffset: Object.fromEntries(MFU_CLASSES.map((k, i) => [k, beta[1 + i]])) as Record<MfuClass, number>,
    perDecade: Object.fromEntries(spec.features.map((f, i) => [f, slopes[i]])),
    chipsFromFlop,
  };
}

/**
 * Out-of-sample log residuals of chip-hours, log(published / predicted), one family held out at a
 * time. `withoutChips`: every run predicted as if its chip count were unknown (estimated from FLOP).
 */
export function familyResiduals(runs: readonly TrainingRun[], spec: MfuSpec, withoutChips = false) {
  return leaveOneGroupOut(
    runs,
    (r) => r.family,
    (train) => {
      const c = fitMfuModel(train, spec);
      return (r) => {
        const q = { ...queryOf(r), chips: withoutChips ? undefined : r.chips };
        return Math.log(flopOf(q) / (peakFlopS(q.hardware) * predictMfu(q, c) * 3600));
      };
    },
    (r) => Math.log(r.chipHours),
  );
}

/** Each run's out-of-sample chip-hours residuals, with its chips (where published) and without. */
export function runResiduals(runs: readonly TrainingRun[], spec: MfuSpec): RunResidual[] {
  const given = familyResiduals(runs, spec, false);
  const unknown = familyResiduals(runs, spec, true);
  return given.map((g, i) => ({
    group: g.group,
    ...(g.row.chips === undefined ? {} : { given: g.residual }),
    unknown: unknown[i].residual,
  }));
}

/**
 * The chip-hours ranges the product states, from the leave-one-family-out residuals (a family never
 * calibrates its own error), one per condition: the chip count given (the runs that publish it,
 * predicted with it) and not (every run, predicted with its chips estimated from FLOP). How the
 * residuals become a range is chosen among `RANGE_METHODS` by leave-one-family-out coverage on
 * these runs alone (`selectRangeMethod`), unless `method` is given.
 */
export function chipHoursIntervals(
  runs: readonly TrainingRun[],
  spec: MfuSpec,
  coverage = 0.9,
  method?: RangeMethod,
): ConditionIntervals & { method: RangeMethod } {
  const rows = runResiduals(runs, spec);
  const chosen = method ?? selectRangeMethod(rows, coverage).method;
  return { ...intervalsFor(chosen, rows, coverage), method: chosen };
}

/** The MFU spreads (see `mfuSpreadFor`) for both conditions. */
export interface MfuSpread {
  withChips: { low: number; high: number };
  withoutChips: { low: number; high: number };
}

/**
 * The spread of the MFU factor (mode 1), a triangle in log space whose chip-hours (∝ 1/MFU) have
 * their 5th and 95th percentiles at e^low and e^high: lets the Monte Carlo and the log-cumulants
 * carry the residual range into energy and CO2e. In log space so that a heavy low-utilisation tail
 * (chip-hours several times the central) stays representable: a triangle in value with mode 1 cannot
 * put its 5th percentile much below 0.3 without reaching zero.
 */
export function mfuSpreadFor(interval: Pick<LogInterval, 'low' | 'high'>): { low: number; high: number } {
  const t = logTriangleMatching({ low: Math.exp(-interval.high), central: 1, high: Math.exp(-interval.low) });
  return { low: t.low, high: t.high };
}
