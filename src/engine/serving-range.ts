import { ACCELERATOR_RESIDUALS } from '../catalog/inference-defaults.js';
import { conformalLogInterval, type LogInterval } from './uncertainty.js';

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

export interface RangeCandidate {
  id: 'none' | 'moe' | 'split' | 'moe-split' | 'batch';
  cell: (c: RangeCondition) => string;
}

/** The candidates, named before any was scored: one range for all, or a scale per cell. */
export const RANGE_CANDIDATES: readonly RangeCandidate[] = [
  { id: 'none', cell: () => 'all' },
  { id: 'moe', cell: (c) => (c.moe ? 'moe' : 'dense') },
  { id: 'split', cell: (c) => (c.gpus > 1 ? 'split' : 'one') },
  { id: 'moe-split', cell: (c) => `${c.moe ? 'moe' : 'dense'}/${c.gpus > 1 ? 'split' : 'one'}` },
  { id: 'batch', cell: (c) => (c.batch >= 64 ? 'batch≥64' : 'batch<64') },
];

/** A cell keeps its own scale only with residuals of this many model families; else the pooled one. */
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
  /** Conformal interval of residual / scale. */
  normalised: LogInterval;
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
  const calibration = {
    id: candidate.id,
    scales,
    pooledScale,
    normalised: { low: 0, high: 0, coverage, n: 0 },
  };
  calibration.normalised = conformalLogInterval(
    residuals.map((r) => r.residual / scaleOf(calibration, r.condition)),
    coverage,
  );
  return calibration;
}

/** The scale of a set-up's cell (the pooled one for a cell the calibration never met). */
export function scaleOf(calibration: RangeCalibration, condition: RangeCondition): number {
  const key = candidateById(calibration.id).cell(condition);
  return calibration.scales[key] ?? calibration.pooledScale;
}

/** A set-up's log interval: [low, high] around log(central). */
export function rangeFor(calibration: RangeCalibration, condition: RangeCondition) {
  const scale = scaleOf(calibration, condition);
  return { low: calibration.normalised.low * scale, high: calibration.normalised.high * scale };
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

/** The shipped range's scale for a set-up: its cell's median |log error| (ACCELERATOR_RESIDUALS). */
export function acceleratorResidualScale(condition: RangeCondition): number {
  const key = candidateById(ACCELERATOR_RESIDUALS.cells).cell(condition);
  return (ACCELERATOR_RESIDUALS.scales as Record<string, number>)[key] ?? ACCELERATOR_RESIDUALS.pooledScale;
}
