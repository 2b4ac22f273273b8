import { LOG_TRIANGLE_CUMULANTS } from './log-cumulants-table.js';
import { triangular } from './random.js';

/**
 * Ranges of a product of independent uncertain factors without sampling. A footprint is a product
 * (energy = chip-hours · power · PUE, CO2e = energy · intensity), so its logarithm is a sum, and
 * the cumulants of independent terms add. Each factor's log-cumulants are computed once (they
 * depend only on the shape of its triangular range); a scenario adds a handful of them and reads
 * its 5th and 95th percentiles with the Cornish–Fisher expansion, which corrects the normal
 * quantile for skewness and kurtosis. Tested against the Monte Carlo of `estimateTraining`.
 */

export type Cumulants = [number, number, number, number];

export const ZERO: Cumulants = [0, 0, 0, 0];
const NODES = 4096;
/** Standard normal 95th percentile: the reported range is the 5th to 95th percentile, as in the Monte Carlo. */
const Z95 = 1.6448536269514722;

/**
 * Cumulants κ1..κ4 of log((X + shift) / (mode + shift)) for X triangular(low, mode, high), by
 * the midpoint rule over the inverse CDF. `shift` = 1 gives the factor (1 + X) of host overhead.
 * The catalogs' shapes are read from a written-out table (the same numbers, bit for bit: a test
 * recomputes them), so that a one-off estimate runs no 4,096-node loop while cold.
 */
export function logTriangularCumulants(low: number, mode: number, high: number, shift = 0): Cumulants {
  const known = LOG_TRIANGLE_CUMULANTS[`${low}|${mode}|${high}|${shift}`];
  if (known) return [known[0], known[1], known[2], known[3]];
  return integratedLogTriangularCumulants(low, mode, high, shift);
}

/** The midpoint rule itself, which the table is generated from (`scripts/log-cumulant-table.ts`). */
export function integratedLogTriangularCumulants(
  low: number,
  mode: number,
  high: number,
  shift = 0,
): Cumulants {
  if (!(high > low)) return [0, 0, 0, 0];
  const values = new Float64Array(NODES);
  let mean = 0;
  for (let i = 0; i < NODES; i++) {
    const x = triangular((i + 0.5) / NODES, low, mode, high);
    values[i] = Math.log((x + shift) / (mode + shift));
    mean += values[i];
  }
  mean /= NODES;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < NODES; i++) {
    const d = values[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= NODES;
  m3 /= NODES;
  m4 /= NODES;
  return [mean, m2, m3, m4 - 3 * m2 * m2];
}

/** Cumulants of the reciprocal factor (1/X): odd cumulants change sign. */
export function reciprocal(k: Cumulants): Cumulants {
  return [-k[0], k[1], -k[2], k[3]];
}

/**
 * Writes the 5th and 95th percentiles of exp(Y) relative to the central value into `out[0..1]`,
 * for Y with cumulants k1..k4 (Cornish–Fisher to fourth order). No allocation.
 */
export function percentileFactors(k1: number, k2: number, k3: number, k4: number, out: Float64Array): void {
  if (k2 <= 0) {
    out[0] = 1;
    out[1] = 1;
    return;
  }
  const sd = Math.sqrt(k2);
  const skew = k3 / (k2 * sd);
  const kurt = k4 / (k2 * k2);
  const z = Z95;
  const z2 = z * z;
  const z3 = z2 * z;
  const even = ((z2 - 1) * skew) / 6;
  const odd = z + ((z3 - 3 * z) * kurt) / 24 - ((2 * z3 - 5 * z) * skew * skew) / 36;
  out[0] = Math.exp(k1 + sd * (even - odd));
  out[1] = Math.exp(k1 + sd * (even + odd));
}
