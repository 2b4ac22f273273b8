import {
  conformalLogInterval,
  familyLevelLogInterval,
  type LogInterval,
  varianceComponentsLogInterval,
} from './uncertainty.js';

/**
 * How the chip-hours range is made from out-of-sample residuals, chosen among candidates named
 * before any of their figures were seen, by a rule that looks only at the families it may use.
 *
 * Rules (each turns grouped log residuals into a 90% log interval):
 * - `runs`: conformal ranks counting runs, ⌊(n+1)·0.05⌋-th and ⌈(n+1)·0.95⌉-th of n residuals.
 * - `families`: the same run-weighted residuals, at the finite-sample level a family count allows,
 *   q = ⌈0.9·(F+1)⌉ / F with F families, so the tails hold (1 − q)/2 of the runs each.
 * - `components`: family and run variance from the residuals (one-way method of moments), the range
 *   the mean ± t(F − 1 degrees of freedom) · √(family + run variance + the mean's own variance).
 * Joins (how the two conditions, chip count given or not, get their ranges; both keep knowing less
 * from looking more certain):
 * - `envelope`: a range per condition, the chips-unknown one widened to contain the chips-given one.
 * - `pooled`: one range for both, from each run's residual in the condition it was published in.
 * (`separate`, a range per condition and nothing more, is the method these replaced: not a
 * candidate, since it let the chips-unknown range be the narrower; the benchmark prints it beside.)
 */
export type RangeRule = 'runs' | 'families' | 'components';
export type RangeJoin = 'envelope' | 'pooled' | 'separate';
export interface RangeMethod {
  rule: RangeRule;
  join: RangeJoin;
}

/** The candidates, in order of preference on a tie. */
export const RANGE_METHODS: readonly RangeMethod[] = (['runs', 'families', 'components'] as const).flatMap(
  (rule) => (['envelope', 'pooled'] as const).map((join) => ({ rule, join })),
);

/** One run's out-of-sample log residuals: predicted with its chips (where published) and without. */
export interface RunResidual {
  group: string;
  /** log(published / predicted) with the published chip count; absent when the run publishes none. */
  given?: number;
  /** log(published / predicted) with the chip count estimated from the compute. */
  unknown: number;
}

export interface ConditionIntervals {
  withChips: LogInterval;
  withoutChips: LogInterval;
}

const RULES: Record<
  RangeRule,
  (rows: { residual: number; group: string }[], coverage: number) => LogInterval
> = {
  runs: (rows, coverage) =>
    conformalLogInterval(
      rows.map((r) => r.residual),
      coverage,
    ),
  families: familyLevelLogInterval,
  components: varianceComponentsLogInterval,
};

/** The two conditions' intervals a method makes from the runs' residuals. */
export function intervalsFor(
  method: RangeMethod,
  rows: readonly RunResidual[],
  coverage = 0.9,
): ConditionIntervals {
  const rule = RULES[method.rule];
  if (method.join === 'pooled') {
    const one = rule(
      rows.map((r) => ({ residual: r.given ?? r.unknown, group: r.group })),
      coverage,
    );
    return { withChips: one, withoutChips: one };
  }
  const withChips = rule(
    rows.filter((r) => r.given !== undefined).map((r) => ({ residual: r.given!, group: r.group })),
    coverage,
  );
  const alone = rule(
    rows.map((r) => ({ residual: r.unknown, group: r.group })),
    coverage,
  );
  if (method.join === 'separate') return { withChips, withoutChips: alone };
  const withoutChips = {
    ...alone,
    low: Math.min(alone.low, withChips.low),
    high: Math.max(alone.high, withChips.high),
  };
  return { withChips, withoutChips };
}

/** A method's coverage and width when each family in turn is held out of the calibration. */
export interface MethodScore {
  method: RangeMethod;
  /** Share of runs inside, each in the condition it was published in. */
  coverage: number;
  /** Share of runs inside the chips-unknown range, every run's chips withheld. */
  coverageWithheld: number;
  /** Median high/low of the ranges the runs were given (each in its published condition). */
  width: number;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Leave-one-family-out on the residuals: each family's runs against the range the others make. The
 * residuals are reused as computed (each out of sample for its own family), not recomputed by fits
 * that also leave the scored family out: one level of refitting, not two.
 */
export function scoreMethod(method: RangeMethod, rows: readonly RunResidual[], coverage = 0.9): MethodScore {
  let inside = 0;
  let insideWithheld = 0;
  const widths: number[] = [];
  for (const group of new Set(rows.map((r) => r.group))) {
    const intervals = intervalsFor(
      method,
      rows.filter((r) => r.group !== group),
      coverage,
    );
    for (const r of rows) {
      if (r.group !== group) continue;
      const own = r.given === undefined ? intervals.withoutChips : intervals.withChips;
      const residual = r.given ?? r.unknown;
      if (residual >= own.low && residual <= own.high) inside++;
      const blind = intervals.withoutChips;
      if (r.unknown >= blind.low && r.unknown <= blind.high) insideWithheld++;
      widths.push(Math.exp(own.high - own.low));
    }
  }
  return {
    method,
    coverage: inside / rows.length,
    coverageWithheld: insideWithheld / rows.length,
    width: median(widths),
  };
}

/**
 * The method to use: the narrowest whose leave-one-family-out coverage on these runs reaches the
 * stated coverage both as published and with every run's chips withheld; if none does, the one whose
 * lower of the two coverages is highest (then the narrower). Looks only at the runs it is given, so
 * the benchmark can make the choice inside each fold, on the other families.
 */
export function selectRangeMethod(
  rows: readonly RunResidual[],
  coverage = 0.9,
  candidates: readonly RangeMethod[] = RANGE_METHODS,
): { method: RangeMethod; scores: MethodScore[] } {
  const scores = candidates.map((m) => scoreMethod(m, rows, coverage));
  const keeps = scores.filter((s) => s.coverage >= coverage - 1e-9 && s.coverageWithheld >= coverage - 1e-9);
  const best = keeps.length
    ? keeps.reduce((a, b) => (b.width < a.width - 1e-12 ? b : a))
    : scores.reduce((a, b) => {
        const [ka, kb] = [Math.min(a.coverage, a.coverageWithheld), Math.min(b.coverage, b.coverageWithheld)];
        return kb > ka + 1e-12 || (Math.abs(kb - ka) <= 1e-12 && b.width < a.width - 1e-12) ? b : a;
      });
  return { method: best.method, scores };
}

export const sameMethod = (a: RangeMethod, b: RangeMethod) => a.rule === b.rule && a.join === b.join;
