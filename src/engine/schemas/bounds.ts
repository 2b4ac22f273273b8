import type { ParseOptions } from '../units.js';

/**
 * Bounds of the inputs that scale a footprint: far beyond any real run, they keep every figure
 * finite (a sweep stores its low/high percentiles in single precision, at most 3.4e38; the
 * largest product of these bounds stays below 1e26) and away from sub-normal numbers.
 */
export const SCALE_BOUNDS = {
  /** ~500 × the largest published models (~2e12 parameters). */
  params: { min: 1, max: 1e15 },
  /** ~30 × the stock of public human text (~3e14 tokens; Villalobos et al., "Will we run out of data?", ICML 2024). */
  tokens: { min: 1, max: 1e16 },
  chips: { min: 1, integer: true, max: 1e8 },
  chipHours: { min: 0, exclusiveMin: true, max: 1e15 },
  /** A century. */
  days: { min: 0, exclusiveMin: true, max: 36_500 },
  /** 0.1 % of peak: below it the run is not training, and chip-hours = FLOP / (peak · MFU) explodes. */
  mfu: { min: 0.001, max: 1 },
  layers: { min: 1, integer: true, max: 10_000 },
  contextLength: { min: 1, integer: true, max: 1e8 },
  dModel: { min: 1, integer: true, max: 1e6 },
  /** Requests of one estimate, or per day of a deployment (a thousandth: one request every ~3 years). */
  requests: { min: 0.001, max: 1e15 },
} as const satisfies Record<string, ParseOptions>;
