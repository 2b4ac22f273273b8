/**
 * Ranges that keep their promise: split-conformal intervals on log residuals that were measured
 * out of sample (each group, e.g. a model family, predicted by a fit that never saw it).
 *
 * A residual is log(observed / predicted). Given n out-of-sample residuals, the interval
 * [predicted · e^lo, predicted · e^hi] with lo and hi the finite-sample conformal order statistics
 * covers a new, exchangeable case with probability at least the stated coverage (Vovk et al. 2005;
 * Lei et al. 2018, "Distribution-Free Predictive Inference for Regression", JASA 113(523), section 2.2,
 * applied to each tail at (1 - coverage) / 2).
 */

import { STUDENT_T95 } from '../catalog/calibration-defaults.js';
import type { Range } from '../catalog/types.js';

/** A log-space interval: multiply a central value by e^low and e^high. */
export interface LogInterval {
  low: number;
  high: number;
  /** Stated two-sided coverage, 0..1. */
  coverage: number;
  /** Residuals it was computed from. */
  n: number;
}

/**
 * Conformal log interval from out-of-sample residuals. The upper end is the ⌈(n+1)(1-α/2)⌉-th
 * smallest residual, the lower end the ⌊(n+1)α/2⌋-th; beyond the sample it falls back to the
 * extreme residual widened by the sample's spread (too few residuals to promise the coverage).
 */
export function conformalLogInterval(residuals: readonly number[], coverage = 0.9): LogInterval {
  const n = residuals.length;
  if (n === 0) throw new RangeError('conformalLogInterval: no residuals');
  if (!(coverage > 0 && coverage < 1)) throw new RangeError(`coverage ${coverage} is not in (0, 1)`);
  const sorted = [...residuals].sort((a, b) => a - b);
  const tail = (1 - coverage) / 2;
  // The epsilon keeps (1 - 0.9) / 2 = 0.0499… from losing a rank to floating point.
  const upperRank = Math.ceil((n + 1) * (1 - tail) - 1e-9);
  const lowerRank = Math.floor((n + 1) * tail + 1e-9);
  const spread = sorted[n - 1] - sorted[0];
  const high = upperRank <= n ? sorted[upperRank - 1] : sorted[n - 1] + spread / 2;
  const low = lowerRank >= 1 ? sorted[lowerRank - 1] : sorted[0] - spread / 2;
  return { low: Math.min(low, 0), high: Math.max(high, 0), coverage, n };
}

/**
 * Conformal log interval when residuals come in groups (several runs of one model family): each
 * group weighs 1 whatever its size, split evenly among its residuals, and the ranks count groups,
 * not residuals (CDF pooling: Dunn, Wasserman & Ramdas 2023, "Distribution-Free Prediction Sets for
 * Two-Layer Hierarchical Models", JASA 118(544), section 3.1). Runs of one family share its errors,
 * so a range promised for a family nobody saw has as many independent cases as there are families.
 * With one residual per group and enough groups this is `conformalLogInterval` exactly. With fewer
 * than ⌈(K+1)(1-α/2)⌉ ≤ K groups (K < 19 at 90%), the ends are the extreme residuals, which promise
 * 1 - 2/(K+1) (89.5% with 18 families) rather than the stated coverage: no arbitrary widening.
 */
export function pooledConformalLogInterval(
  residuals: readonly { residual: number; group: string }[],
  coverage = 0.9,
): LogInterval {
  if (residuals.length === 0) throw new RangeError('pooledConformalLogInterval: no residuals');
  if (!(coverage > 0 && coverage < 1)) throw new RangeError(`coverage ${coverage} is not in (0, 1)`);
  const sizes = new Map<string, number>();
  for (const r of residuals) sizes.set(r.group, (sizes.get(r.group) ?? 0) + 1);
  const k = sizes.size;
  const weighted = residuals
    .map((r) => ({ value: r.residual, weight: 1 / (sizes.get(r.group) ?? 1) }))
    .sort((a, b) => a.value - b.value);
  const tail = (1 - coverage) / 2;
  // Group-count ranks as in the exchangeable case: ⌈(K+1)(1-α/2)⌉ groups' worth from below, ⌊(K+1)α/2⌋ from above.
  const upperMass = Math.ceil((k + 1) * (1 - tail) - 1e-9);
  const lowerMass = Math.floor((k + 1) * tail + 1e-9);
  const quantile = (mass: number) => {
    let cumulative = 0;
    for (const w of weighted) {
      cumulative += w.weight;
      if (cumulative >= mass - 1e-9) return w.value;
    }
    return weighted[weighted.length - 1].value;
  };
  const high = quantile(Math.min(upperMass, k));
  const low = quantile(Math.max(lowerMass, Number.MIN_VALUE));
  return { low: Math.min(low, 0), high: Math.max(high, 0), coverage, n: residuals.length };
}

type Grouped = readonly { residual: number; group: string }[];

function checked(residuals: Grouped, coverage: number, name: string): Map<string, number[]> {
  if (residuals.length === 0) throw new RangeError(`${name}: no residuals`);
  if (!(coverage > 0 && coverage < 1)) throw new RangeError(`coverage ${coverage} is not in (0, 1)`);
  const groups = new Map<string, number[]>();
  for (const r of residuals) groups.set(r.group, [...(groups.get(r.group) ?? []), r.residual]);
  return groups;
}

/**
 * Run-weighted residuals at the level a count of families can promise: runs of one family share
 * part of their error, so the residuals hold about as many independent cases as families, not runs.
 * With F families the two-sided level is q = min(1, ⌈coverage·(F+1)⌉ / F) (the split-conformal rank
 * with F cases, read as a share), and the ends are the ⌈n·(1+q)/2⌉-th residual from below and as
 * many from above. With few families (q = 1) the ends are the extreme residuals.
 */
export function familyLevelLogInterval(residuals: Grouped, coverage = 0.9): LogInterval {
  const f = checked(residuals, coverage, 'familyLevelLogInterval').size;
  const n = residuals.length;
  const q = Math.min(1, Math.ceil(coverage * (f + 1) - 1e-9) / f);
  const sorted = residuals.map((r) => r.residual).sort((a, b) => a - b);
  const upperRank = Math.min(n, Math.max(1, Math.ceil((n * (1 + q)) / 2 - 1e-9)));
  const lowerRank = n + 1 - upperRank;
  return {
    low: Math.min(sorted[Math.min(lowerRank, upperRank) - 1], 0),
    high: Math.max(sorted[Math.max(lowerRank, upperRank) - 1], 0),
    coverage,
    n,
  };
}

/**
 * A normal range from variance components: the residuals' family variance and run variance by the
 * one-way method of moments (unbalanced; Searle, Casella & McCulloch 1992, "Variance Components",
 * section 3.6), the range the run mean ± t · √(family + run variance + the mean's variance), t with
 * F − 1 degrees of freedom (as many independent cases as families). Only the 90% level (the t table).
 */
export function varianceComponentsLogInterval(residuals: Grouped, coverage = 0.9): LogInterval {
  const groups = [...checked(residuals, coverage, 'varianceComponentsLogInterval').values()];
  if (Math.abs(coverage - 0.9) > 1e-9) throw new RangeError(`coverage ${coverage}: only 0.9 is tabulated`);
  const { mean, familyVar, runVar, meanVar } = oneWayComponents(groups);
  const t = STUDENT_T95.values[groups.length - 2] ?? STUDENT_T95.beyond;
  const half = t * Math.sqrt(familyVar + runVar + meanVar);
  return { low: Math.min(mean - half, 0), high: Math.max(mean + half, 0), coverage, n: residuals.length };
}

/**
 * One-way variance components of grouped values by the method of moments (unbalanced; Searle,
 * Casella & McCulloch 1992, section 3.6): the run mean, the variance a group shares, a member's own,
 * and the run mean's variance.
 */
export function oneWayComponents(groups: readonly (readonly number[])[]): {
  mean: number;
  familyVar: number;
  runVar: number;
  meanVar: number;
} {
  const n = groups.reduce((s, g) => s + g.length, 0);
  const f = groups.length;
  const means = groups.map((g) => g.reduce((s, x) => s + x, 0) / g.length);
  const mean = groups.reduce((s, g, i) => s + g.length * means[i], 0) / n;
  const within = groups.reduce((s, g, i) => s + g.reduce((t, x) => t + (x - means[i]) ** 2, 0), 0);
  const between = groups.reduce((s, g, i) => s + g.length * (means[i] - mean) ** 2, 0);
  const runVar = n > f ? within / (n - f) : 0;
  const sizesSq = groups.reduce((s, g) => s + g.length ** 2, 0);
  const n0 = f > 1 ? (n - sizesSq / n) / (f - 1) : 1;
  const familyVar = f > 1 ? Math.max(0, (between / (f - 1) - runVar) / n0) : 0;
  const meanVar = (familyVar * sizesSq) / n ** 2 + runVar / n;
  return { mean, familyVar, runVar, meanVar };
}

/** Applies a log interval around a central value. */
export function applyLogInterval(central: number, interval: Pick<LogInterval, 'low' | 'high'>): Range {
  return { low: central * Math.exp(interval.low), central, high: central * Math.exp(interval.high) };
}

/**
 * Leave-one-group-out residuals: for each group, fit on every other group and predict the held
 * out rows. `fit` returns a predictor of log(value); residual = log(observed) − predicted.
 */
export function leaveOneGroupOut<T>(
  rows: readonly T[],
  group: (row: T) => string,
  fit: (train: T[]) => (row: T) => number,
  logObserved: (row: T) => number,
): { row: T; group: string; residual: number }[] {
  const groups = [...new Set(rows.map(group))];
  const out: { row: T; group: string; residual: number }[] = [];
  for (const g of groups) {
    const predict = fit(rows.filter((r) => group(r) !== g));
    for (const row of rows) {
      if (group(row) === g) out.push({ row, group: g, residual: logObserved(row) - predict(row) });
    }
  }
  return out;
}

/**
 * Inverse CDF of the empirical distribution of residuals (sorted), linear between order
 * statistics: lets a Monte Carlo draw a factor e^r with the spread the residuals showed.
 */
export function empiricalInverse(sortedResiduals: readonly number[], u: number): number {
  const n = sortedResiduals.length;
  if (n === 1) return sortedResiduals[0];
  const position = u * (n - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, n - 1);
  return sortedResiduals[lower] + (sortedResiduals[upper] - sortedResiduals[lower]) * (position - lower);
}

/** Share of (observed, range) pairs whose observed value lies inside the range. */
export function coverageOf(pairs: readonly { observed: number; range: Range }[]): number {
  if (pairs.length === 0) return Number.NaN;
  const inside = pairs.filter((p) => p.observed >= p.range.low && p.observed <= p.range.high).length;
  return inside / pairs.length;
}
