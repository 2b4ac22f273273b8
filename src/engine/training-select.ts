import type { TrainingRun } from '../catalog/training-evidence.js';
import type { RangeMethod } from './range-select.js';
import {
  chipHoursIntervals,
  familyResiduals,
  fitMfuModel,
  type MfuCoefficients,
  type MfuSpec,
  type MfuSpread,
  mfuSpreadFor,
} from './training-fit.js';
import type { LogInterval } from './uncertainty.js';

/**
 * Which terms the utilisation model uses, chosen among a few candidates named beforehand from what
 * is known of training throughput, never by the figures the choice is judged on: the accuracy
 * benchmark re-runs the choice inside each leave-one-family-out fold (nested cross-validation), so
 * its figures count the choice's own luck.
 *
 * The terms, and why each may matter: model size (larger matrices keep the chip busier: MFU rises
 * with size at fixed hardware, Narayanan et al. 2021, SC21, Table 1; 54.2% for 530B on 2,240 A100,
 * Korthikanti et al. 2023, MLSys, arXiv 2205.05198), chip count (communication and failures grow
 * with it: Llama 3 reports 430 TFLOP/s per H100 on 8,192 GPUs and 400 on 16,384, Llama Team 2024,
 * arXiv 2407.21783, Table 4), the
 * mixture-of-experts ratio (all-to-all routing and smaller expert matrices), and two terms only
 * worth their variance if the data support them: size again on Hopper-class chips (peak FLOP/s
 * grew faster than memory bandwidth, so small matrices fall further short) and tokens per parameter.
 */
const CORE = ['params', 'chips', 'moe'] as const;
const FEATURE_SETS: readonly MfuSpec['features'][] = [
  CORE,
  ['params', 'moe'],
  [...CORE, 'hopperParams'],
  [...CORE, 'hopperParams', 'tokensPerParam'],
];

/** Ridge penalties on the slopes (see `MfuSpec.ridge`): none, light, firm. */
const RIDGES = [0, 0.1, 0.3];

/**
 * The candidates, simplest first (a tie goes to the earlier): each feature set under both family
 * weightings and each ridge penalty.
 */
export const MFU_CANDIDATES: readonly MfuSpec[] = FEATURE_SETS.flatMap((features) =>
  (['sqrtFamily', 'perFamily'] as const).flatMap((weighting) =>
    RIDGES.map((ridge) => ({ features, weighting, ridge })),
  ),
);

/**
 * The choice's yardstick on runs it may look at: the leave-one-family-out |log(published /
 * predicted)| of chip-hours, each run with its chips where it published them, averaged within a
 * family and then over families (each family counts once, as in the ranges).
 */
export function selectionScore(runs: readonly TrainingRun[], spec: MfuSpec): number {
  const byFamily = new Map<string, number[]>();
  for (const r of familyResiduals(runs, spec)) {
    const list = byFamily.get(r.group) ?? [];
    list.push(Math.abs(r.residual));
    byFamily.set(r.group, list);
  }
  let sum = 0;
  for (const list of byFamily.values()) sum += list.reduce((s, x) => s + x, 0) / list.length;
  return sum / byFamily.size;
}

export function selectMfuSpec(
  runs: readonly TrainingRun[],
  candidates: readonly MfuSpec[] = MFU_CANDIDATES,
): { spec: MfuSpec; scores: { spec: MfuSpec; score: number }[] } {
  const scores = candidates.map((spec) => ({ spec, score: selectionScore(runs, spec) }));
  const best = scores.reduce((a, b) => (b.score < a.score - 1e-12 ? b : a));
  return { spec: best.spec, scores };
}

export const sameSpec = (a: MfuSpec, b: MfuSpec) =>
  a.weighting === b.weighting &&
  a.ridge === b.ridge &&
  a.features.length === b.features.length &&
  a.features.every((f, i) => b.features[i] === f);

export interface HeldOutFamily {
  family: string;
  runs: TrainingRun[];
  spec: MfuSpec;
  model: MfuCoefficients;
  intervals: { withChips: LogInterval; withoutChips: LogInterval };
  /** How the range was made (chosen on the other families unless given). */
  rangeMethod: RangeMethod;
  mfuFactor: MfuSpread;
}

/**
 * For each family, the fit and the range the product would have stated had that family never been
 * published: the spec (given, or chosen on the other families when `spec` is left out: nested),
 * coefficients from the other families, and the range from their own leave-one-family-out
 * residuals, its method chosen on them too unless `rangeMethod` is given (nested). What the
 * accuracy figures and the coverage test are computed on.
 */
export function holdOutEachFamily(
  runs: readonly TrainingRun[],
  options: { spec?: MfuSpec; coverage?: number; rangeMethod?: RangeMethod } = {},
): HeldOutFamily[] {
  const families = [...new Set(runs.map((r) => r.family))];
  return families.map((family) => {
    const train = runs.filter((r) => r.family !== family);
    const spec = options.spec ?? selectMfuSpec(train).spec;
    const intervals = chipHoursIntervals(train, spec, options.coverage ?? 0.9, options.rangeMethod);
    return {
      family,
      runs: runs.filter((r) => r.family === family),
      spec,
      model: fitMfuModel(train, spec),
      intervals,
      rangeMethod: intervals.method,
      mfuFactor: {
        withChips: mfuSpreadFor(intervals.withChips),
        withoutChips: mfuSpreadFor(intervals.withoutChips),
      },
    };
  });
}
