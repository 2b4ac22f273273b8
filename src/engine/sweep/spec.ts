import type { Precision } from '../../catalog/types.js';

/**
 * Sweeps: the training estimate over the cross product of value lists. Every distinct value is
 * resolved once, before the loop (catalog lookups, defaults and their uncertainty, through
 * `resolveTrainingScenario` itself so that a row equals `estimateTraining`'s central value); the
 * loop then fills typed arrays, reusing one TrainingPoint and one TrainingOutput.
 *
 * Ranges: instead of a Monte Carlo per scenario, each uncertain factor's log-cumulants are
 * computed once and added per scenario (see log-cumulants.ts); low/high are the 5th/95th
 * percentiles, like `estimateTraining`'s Monte Carlo, within a few percent (tested).
 */

/** One model design: what it costs in compute. */
export interface DesignSpec {
  model?: string;
  params?: number;
  activeParams?: number;
  tokens?: number;
  layers?: number;
  contextLength?: number;
  dModel?: number;
  /** Extra columns carried to the row (compute-optimal sweeps: loss, budget). */
  extra?: Record<string, number | boolean>;
}

/** Lists of values; an absent list means "not given" (the estimator's default applies). */
export interface SweepSpec {
  model?: string[];
  params?: number[];
  activeParams?: number[];
  tokens?: number[];
  layers?: number[];
  contextLength?: number[];
  dModel?: number[];
  /** Explicit designs instead of the cross product of the design lists above. */
  designs?: DesignSpec[];
  hardware?: string[];
  precision?: Precision[];
  chips?: number[];
  chipHours?: number[];
  days?: number[];
  mfu?: number[];
  powerW?: number[];
  pue?: number[];
  location?: string[];
  gridIntensity?: number[];
  renewableShare?: number[];
  /** Project to these years: accelerators of that year and grids of that year. */
  year?: number[];
  scenario?: string[];
  efficiencyTrend?: string;
}

export interface SweepOptions {
  /** Compute low/high (default true). */
  ranges?: boolean;
  /** Project accelerators to `year` (default true when years are given). */
  projectHardware?: boolean;
  /** Project grid intensity to `year` (default true when years are given). */
  projectGrid?: boolean;
  /** Called every 65,536 scenarios and at the end. */
  onProgress?: (done: number, total: number) => void;
  /** Refuse larger sweeps (memory); default 2,000,000. */
  maxScenarios?: number;
}

export const DEFAULT_MAX_SCENARIOS = 2_000_000;

/** A list that holds at least one value: a swept (or given) axis. */
export const given = (list: unknown[] | undefined): boolean => list !== undefined && list.length > 0;
