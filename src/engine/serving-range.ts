import { ACCELERATOR_RESIDUALS } from '../catalog/inference-defaults.js';
import { conformalLogInterval, type LogInterval, pooledConformalLogInterval } from './uncertainty.js';

/**
 * Ranges for the serving model's accelerator energy that may widen or narrow with how hard a set-up
 * is to estimate (normalised split conformal: Lei et al. 2018, JASA 113(523), section 5.2; Papadopoulos
 * et al. 2008). Each candidate sorts set-ups into cells by what is known before the run; a cell's scale
 * is the median |log error| of its calibration residuals, and one conformal interval of the residuals
 * divided by their cell's scale, times a set-up's own scale, is its range. Pure.
 */

/** What a range candidate may read of a set-up: nothing measured, only what the estimate is given. */
export interface RangeCondition {
  moe: boolean;
  gpus: number;
  batch: number;
}

type Cells = 'moe' | 'split' | 'moe-split' | 'batch';

export interface RangeCandidate {
  id: 'none' | Cells | `${Cells}-mondrian` | `${Cells}-mondrian-families`;
  cell: (c: RangeCondition) => string;
  /**
   * Mondrian (per-cell) conformal: each cell its own interval of its own residuals, the ranks
   * counting the cell's residuals (`points`) or its model families (`families`, the residuals of a
   * family weighing 1 in all, as its points share its error). Without it, one interval for all cells.
   */
  perCell?: 'points' | 'families';
}

const CELLS: Record<Cells, RangeCandidate['cell']> = {
  moe: (c) => (c.moe ? 'moe' : 'dense'),
  split: (c) => (c.gpus > 1 ? 'split' : 'one'),
  'moe-split': (c) => `${c.moe ? 'moe' : 'dense'}/${c.gpus > 1 ? 'split' : 'one'}`,
  batch: (c) => (c.batch >= 64 ? 'batch≥64' : 'batch<64'),
};
const CELL_IDS = Object.keys(CELLS) as Cells[];

/**
 * The candidates: one range for all, or a scale per cell with one common interval (the first five,
 * named before any was scored), then the Mondrian ones, each cell its own interval (Vovk et al. 2005,
 * "Algorithmic Learning in a Random World", section 4.5; Vovk 2012, "Conditional validity of
 * inductive conformal predictors", ACML), named after the first figures showed the common interval
 * covering set-ups on several GPUs less often than those on one. All are chosen by the same rule
 * (`selectRange`) inside each fold. Within one cell the scale is a constant, so a Mondrian interval
 * of scaled residuals is that of the unscaled ones times the scale: one candidate covers both.
 */
export const RANGE_CANDIDATES: readonly RangeCandidate[] = [
  { id: 'none', cell: () => 'all' },
  ...CELL_IDS.map((id) => ({ id, cell: CELLS[id] })),
  ...CELL_IDS.flatMap((id) => [
    { id: `${id}-mondrian` as const, cell: CELLS[id], perCell: 'points' as const },
    { id: `${id}-mondrian-families` as const, cell: CELLS[id], perCell: 'families' as const },
  ]),
];

/**
 * A cell keeps its own scale (and, Mondrian, its own interval) only with residuals of this many model
 * families; else the pooled scale (and the common interval).
 */
export const MIN_FAMILIES_PER_CELL = 3;
/** The promise of every range: 90% of set-ups the fit never saw inside. */
export const RANGE_COVERAGE = 0.9;

export interface Residual {
  residual: number;
  group: string;
  condition: RangeCondition;
}

export interface RangeCalibration {
  id: RangeCandidate['id'];
  /** Median |log error| per cell (cells with too few families take the pooled one). */
  scales: Record<string, number>;
  pooledScale: number;
  /** Conformal interval of residual / scale, all cells together. */
  normalised: LogInterval;
  /** Mondrian candidates: each cell's own conformal interval of its residual / scale. */
  cellIntervals?: Record<string, LogInterval>;
}

const medianAbs = (values: number[]) => {
  const s = values.map(Math.abs).sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? s[Math.floor(m)] : (s[m - 1] + s[m]) / 2;
};

export const candidateById = (id: RangeCandidate['id']) => RANGE_CANDIDATES.find((c) => c.id === id)!;

/** Scales and normalised interval of one candidate from calibration residuals. */
export function calibrateRange(
  residuals: readonly Residual[],
  candidate: RangeCandidate,
  coverage = RANGE_COVERAGE,
): RangeCalibration {
  const pooledScale = medianAbs(residuals.map((r) => r.residual));
  const cells = new Map<string, { values: number[]; groups: Set<string> }>();
  for (const r of residuals) {
    const key = candidate.cell(r.condition);
    const cell = cells.get(key) ?? { values: [], groups: new Set<string>() };
    cell.values.push(r.residual);
    cell.groups.add(r.group);
    cells.set(key, cell);
  }
  const scales: Record<string, number> = {};
  for (const [key, cell] of cells)
    scales[key] = cell.groups.size >= MIN_FAMILIES_PER_CELL ? medianAbs(cell.values) : pooledScale;
  const calibration: RangeCalibration = {
    id: candidate.id,
    scales,
    pooledScale,
    normalised: { low: 0, high: 0, coverage, n: 0 },
  };
  const scaled = residuals.map((r) => ({
    residual: r.residual / scaleOf(calibration, r.condition),
    group: r.group,
    cell: candidate.cell(r.condition),
  }));
  calibration.normalised = conformalLogInterval(
    scaled.map((r) => r.residual),
    coverage,
  );
  if (candidate.perCell) {
    calibration.cellIntervals = {};
    for (const [key, cell] of cells) {
      if (cell.groups.size < MIN_FAMILIES_PER_CELL) continue;
      const own = scaled.filter((r) => r.cell === key);
      calibration.cellIntervals[key] =
        candidate.perCell === 'families'
          ? pooledConformalLogInterval(own, coverage)
          : conformalLogInterval(
              own.map((r) => r.residual),
              coverage,
            );
    }
  }
  return calibration;
}

/** The interval of residual / scale a set-up's cell takes (the common one unless Mondrian). */
export function intervalOf(calibration: RangeCalibration, condition: RangeCondition): LogInterval {
  const key = candidateById(calibration.id).cell(condition);
  return calibration.cellIntervals?.[key] ?? calibration.normalised;
}

/** The scale of a set-up's cell (the pooled one for a cell the calibration never met). */
export function scaleOf(calibration: RangeCalibration, condition: RangeCondition): number {
  const key = candidateById(calibration.id).cell(condition);
  return calibration.scales[key] ?? calibration.pooledScale;
}

/** A set-up's log interval: [low, high] around log(central). */
export function rangeFor(calibration: RangeCalibration, condition: RangeCondition) {
  const scale = scaleOf(calibration, condition);
  const interval = intervalOf(calibration, condition);
  return { low: interval.low * scale, high: interval.high * scale };
}

/**
 * Interval score of a log interval against a residual (Gneiting & Raftery 2007, JASA 102(477),
 * section 6.2): its width, plus 2/α times how far outside it the residual falls. Lower is better;
 * it rewards narrow ranges only while they keep their coverage.
 */
export function intervalScore(
  low: number,
  high: number,
  residual: number,
  coverage = RANGE_COVERAGE,
): number {
  const alpha = 1 - coverage;
  return high - low + (2 / alpha) * Math.max(0, low - residual) + (2 / alpha) * Math.max(0, residual - high);
}

/**
 * Each candidate's mean interval score when every family's residuals are judged by a range
 * calibrated on the other families' only (leave-one-family-out), in RANGE_CANDIDATES order.
 */
export function rangeScores(residuals: readonly Residual[]): number[] {
  const groups = [...new Set(residuals.map((r) => r.group))];
  return RANGE_CANDIDATES.map((candidate) => {
    let total = 0;
    for (const g of groups) {
      const calibration = calibrateRange(
        residuals.filter((r) => r.group !== g),
        candidate,
      );
      for (const r of residuals) {
        if (r.group !== g) continue;
        const i = rangeFor(calibration, r.condition);
        total += intervalScore(i.low, i.high, r.residual);
      }
    }
    return total / residuals.length;
  });
}

/** The candidate with the smallest leave-one-family-out interval score on `residuals`. */
export function selectRange(residuals: readonly Residual[]): RangeCandidate {
  const scores = rangeScores(residuals);
  return RANGE_CANDIDATES[scores.indexOf(Math.min(...scores))];
}

/**
 * The shipped range for a set-up (ACCELERATOR_RESIDUALS), in log units around the central figure:
 * its cell's interval and quantiles of residual / scale (its own where Mondrian, else the common
 * ones), each times the cell's scale (median |log error|).
 */
export function acceleratorResidualRange(condition: RangeCondition): {
  low: number;
  high: number;
  quantiles: number[];
} {
  const key = candidateById(ACCELERATOR_RESIDUALS.cells).cell(condition);
  const scale =
    (ACCELERATOR_RESIDUALS.scales as Record<string, number>)[key] ?? ACCELERATOR_RESIDUALS.pooledScale;
  const own = ACCELERATOR_RESIDUALS.byCell[key] ?? ACCELERATOR_RESIDUALS;
  return { low: own.low * scale, high: own.high * scale, quantiles: own.quantiles.map((q) => q * scale) };
}
