import { TRANSFER_DOMAIN } from '../catalog/calibration-defaults.js';
import type { TrainingRun } from '../catalog/training-evidence.js';
import type { HardwareEntry, Range } from '../catalog/types.js';
import {
  fitMfuModel,
  impliedMfu,
  type MfuCoefficients,
  type MfuSpec,
  predictMfu,
  queryOf,
} from './training-fit.js';
import { conformalLogInterval, type LogInterval, pooledConformalLogInterval } from './uncertainty.js';

/**
 * Carrying a calibration to a run of another shape (the usual case: calibrate on a small run,
 * estimate the big one).
 *
 * Method, named before its figures were seen, and why: a calibrated utilisation is moved to the
 * estimated run with the fitted utilisation model's own slopes (size, chips, tokens per parameter,
 * mixture of experts), each calibrated run's MFU × predictedMfu(estimated run) / predictedMfu(that
 * run), since what a lab's runs share (its software, its cluster, its accounting) is a factor on the
 * fit, not the fit's size trend, which the calibration alone cannot see. The range of a moved
 * utilisation is the split-conformal 90% interval of the same move's errors on published sibling
 * runs (same family, same hardware: one run calibrates, another is estimated), each pair predicted
 * by a fit that never saw its family and each family weighing one (`pooledConformalLogInterval`),
 * because a family's runs share their errors, so families, not pairs, are the independent cases.
 * Judged held out (bench/calibration.bench.ts), that interval is the extreme errors of 11 families
 * (×/÷ 2.55): 99.3% of pairs inside at 5.98 wide, wider than the uncalibrated estimate's range. Named
 * second, after those figures: split-conformal ranks in pairs (`pairs`), which the product uses;
 * held out the same way, 89.2% of pairs inside (90.8% with each family weighing one) at 2.99 wide.
 * The GPU-to-GPU spread a single calibration run was given is about identical chips, not about
 * another size or cluster, so it is kept only for a run of the calibrated runs' own shape; where the
 * calibrated runs' own spread is wider than the transfer's interval, the wider end is kept.
 */

/** What a calibration remembers of each run: its shape, and the utilisation it achieved. */
export interface CalibratedRun {
  paramsActive: number;
  paramsTotal: number;
  tokens: number;
  /** Unknown for a published run that did not say; a measured run always knows. */
  chips?: number;
  mfu: number;
}

/** The estimated run, on the calibration's hardware. */
export interface TransferTarget {
  hardware: HardwareEntry;
  paramsActive: number;
  paramsTotal: number;
  tokens: number;
  chips?: number;
}

/** Log errors of the transfer, log(achieved / transferred), at the stated coverage. */
export type TransferInterval = Pick<LogInterval, 'low' | 'high'>;

/** Within 1%: the same run shape, as a user retyping a measured run's figures would give them. */
const SAME = 0.01;
const same = (a: number, b: number) => Math.abs(a - b) <= SAME * Math.max(a, b);

/** Whether the estimated run has a calibrated run's shape (no transfer to make). */
export function sameShape(run: CalibratedRun, target: TransferTarget): boolean {
  return (
    same(run.paramsActive, target.paramsActive) &&
    same(run.paramsTotal, target.paramsTotal) &&
    same(run.tokens, target.tokens) &&
    (run.chips === undefined || target.chips === undefined
      ? run.chips === target.chips
      : same(run.chips, target.chips))
  );
}

/**
 * A run's shape held within the published runs the slopes were fitted on (`TRANSFER_DOMAIN`): size,
 * tokens per parameter, chips and the mixture-of-experts ratio each clamped to the evidence's span.
 * Named before its effect was measured, and why: the slopes are known only over that span, and a
 * calibration run is usually far outside it (a benchmark of a few million tokens, on two chips),
 * where a slope such as tokens per parameter, which describes how published full runs' goodput
 * varies, says nothing about a short run's throughput; beyond the span, the move stops.
 */
export function withinEvidence<T extends Omit<TransferTarget, 'hardware'>>(q: T): T {
  const d = TRANSFER_DOMAIN;
  const clamp = (x: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, x));
  const paramsActive = clamp(q.paramsActive, d.paramsActive);
  return {
    ...q,
    paramsActive,
    paramsTotal: paramsActive * clamp(q.paramsTotal / q.paramsActive, d.totalPerActive),
    tokens: paramsActive * clamp(q.tokens / q.paramsActive, d.tokensPerParam),
    chips: q.chips === undefined ? undefined : clamp(q.chips, d.chips),
  };
}

/** Each calibrated run's utilisation, moved to the estimated run by the fit's slopes (within the evidence). */
export function transferredMfus(
  runs: readonly CalibratedRun[],
  target: TransferTarget,
  model: MfuCoefficients,
): number[] {
  const { hardware } = target;
  const there = predictMfu(withinEvidence(target), model);
  return runs.map((r) => r.mfu * (there / predictMfu({ ...withinEvidence(r), hardware }, model)));
}

/**
 * The utilisation range for the estimated run: central the geometric mean of the transferred
 * utilisations; ends the wider of `own` (the calibrated runs' own spread, made by the caller from the
 * transferred values) and the transfer interval around that central. A run of the calibrated runs'
 * own shape needs no transfer: `own` alone.
 */
export function transferRange(
  runs: readonly CalibratedRun[],
  target: TransferTarget,
  model: MfuCoefficients,
  interval: TransferInterval,
  own: (values: readonly number[]) => Range,
): { range: Range; transferred: boolean } {
  if (runs.every((r) => sameShape(r, target)))
    return { range: own(runs.map((r) => r.mfu)), transferred: false };
  const spread = own(transferredMfus(runs, target, model));
  const { central } = spread;
  return {
    range: {
      low: Math.min(spread.low, central * Math.exp(interval.low)),
      central,
      high: Math.max(spread.high, central * Math.exp(interval.high)),
    },
    transferred: true,
  };
}

/** Runs of one family on one hardware: siblings a lab could calibrate one on the other. */
export function siblingGroups(runs: readonly TrainingRun[]): TrainingRun[][] {
  const groups = new Map<string, TrainingRun[]>();
  for (const r of runs) {
    const key = `${r.family}\u0000${r.hardwareId}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].filter((g) => g.length >= 2);
}

const calibratedRunOf = (r: TrainingRun): CalibratedRun => ({
  paramsActive: r.paramsActive,
  paramsTotal: r.paramsTotal,
  tokens: r.tokens,
  chips: r.chips,
  mfu: impliedMfu(r),
});

/**
 * The transfer's errors on published siblings, log(achieved / transferred), for every ordered pair
 * (one run calibrates, the other is estimated), grouped by family. Each family's pairs are predicted
 * by a fit (`spec`) on `runs` less that family and less the families in `without` (a fold's held-out
 * family, which must not calibrate its own range).
 */
export function transferResiduals(
  runs: readonly TrainingRun[],
  spec: MfuSpec,
  without: readonly string[] = [],
): { residual: number; group: string }[] {
  const kept = runs.filter((r) => !without.includes(r.family));
  const models = new Map<string, MfuCoefficients>();
  const modelFor = (family: string) => {
    let m = models.get(family);
    if (!m) {
      m = fitMfuModel(
        kept.filter((r) => r.family !== family),
        spec,
      );
      models.set(family, m);
    }
    return m;
  };
  return siblingGroups(kept).flatMap((group) =>
    group.flatMap((target) =>
      group
        .filter((s) => s !== target)
        .map((s) => {
          const [moved] = transferredMfus([calibratedRunOf(s)], queryOf(target), modelFor(target.family));
          return { residual: Math.log(impliedMfu(target) / moved), group: target.family };
        }),
    ),
  );
}

/**
 * How the pairs' residuals become an interval: `families`, pooled split-conformal with each family
 * weighing one (named first, too wide); `pairs`, split-conformal ranks in pairs (the product's).
 */
export type TransferRule = 'families' | 'pairs';

/** The transfer interval over the sibling pairs' residuals. */
export function transferInterval(
  runs: readonly TrainingRun[],
  spec: MfuSpec,
  coverage = 0.9,
  without: readonly string[] = [],
  rule: TransferRule = 'pairs',
): LogInterval & { families: number } {
  const residuals = transferResiduals(runs, spec, without);
  const interval =
    rule === 'families'
      ? pooledConformalLogInterval(residuals, coverage)
      : conformalLogInterval(
          residuals.map((r) => r.residual),
          coverage,
        );
  return { ...interval, families: new Set(residuals.map((r) => r.group)).size };
}
