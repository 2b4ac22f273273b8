import { type Cumulants, percentileFactors } from './log-cumulants.js';

/**
 * A utilisation cannot exceed 1, so the MFU's draws are censored there: min(MFU, 1). Censoring puts
 * a point mass at the ceiling, which Cornish–Fisher reads badly (a few percent off where a fifth of
 * the draws sit there), so a footprint that includes chip-hours (∝ 1/MFU) takes its percentiles from
 * the MFU's exact CDF, averaged over the other factors' spread (their Cornish–Fisher quantiles at 64
 * equal-probability nodes), and bisection.
 */

/** log(MFU / central) triangular on [a, b] with its mode at 0 (a ≤ 0 < b), censored at t < b. */
export interface CensoredLogTriangle {
  a: number;
  b: number;
  t: number;
}

/**
 * A footprint's log: the censored MFU's (entering as 1/MFU) plus independent factors of cumulants
 * `rest`; without `mfu`, every factor is in `rest`.
 */
export interface FootprintLaw {
  mfu?: CensoredLogTriangle;
  rest: Cumulants;
}

export function addToLaw(law: FootprintLaw, k: Cumulants): FootprintLaw {
  const r = law.rest;
  return { mfu: law.mfu, rest: [r[0] + k[0], r[1] + k[1], r[2] + k[2], r[3] + k[3]] };
}

/** Writes the 5th and 95th percentiles of exp(log-footprint) relative to the central into `out[0..1]`. */
export function lawPercentileFactors(law: FootprintLaw, out: Float64Array): void {
  const [r1, r2, r3, r4] = law.rest;
  if (law.mfu) censoredPercentileFactors(law.mfu.a, law.mfu.b, law.mfu.t, r1, r2, r3, r4, out);
  else percentileFactors(r1, r2, r3, r4, out);
}

/** P(Y ≤ v) for Y triangular on [a, b] with its mode at 0. */
function triangleCdf(v: number, a: number, b: number): number {
  if (v <= a) return 0;
  if (v >= b) return 1;
  return v <= 0 ? (v - a) ** 2 / ((b - a) * -a) : 1 - (b - v) ** 2 / ((b - a) * b);
}

/** P(X ≤ x) for X = −min(Y, t), the log of the chip-hours factor: 0 below −t, a step of P(Y ≥ t) at it. */
export function chipHoursLogCdf(x: number, a: number, b: number, t: number): number {
  return -x > t ? 0 : 1 - triangleCdf(-x, a, b);
}

const NODES = 64;
/** Standard normal quantiles at the midpoints (i + ½) / 64, by bisection on the CDF (once). */
const NORMAL_NODES = Float64Array.from({ length: NODES }, (_, i) => {
  const u = (i + 0.5) / NODES;
  let lo = -10;
  let hi = 10;
  for (let k = 0; k < 80; k++) {
    const m = (lo + hi) / 2;
    if (normalCdf(m) < u) lo = m;
    else hi = m;
  }
  return (lo + hi) / 2;
});
const rest = new Float64Array(NODES);

/**
 * The 5th and 95th percentiles of exp(X + Z), X the censored chip-hours log (see `chipHoursLogCdf`),
 * Z independent with cumulants r1..r4. No allocation.
 */
export function censoredPercentileFactors(
  a: number,
  b: number,
  t: number,
  r1: number,
  r2: number,
  r3: number,
  r4: number,
  out: Float64Array,
): void {
  // Z's quantiles at equal-probability nodes, by Cornish–Fisher (one node without spread).
  let n = 1;
  rest[0] = r1;
  if (r2 > 0) {
    n = NODES;
    const sd = Math.sqrt(r2);
    const skew = r3 / (r2 * sd);
    const kurt = r4 / (r2 * r2);
    for (let i = 0; i < NODES; i++) {
      const z = NORMAL_NODES[i];
      const z2 = z * z;
      const w =
        z +
        ((z2 - 1) * skew) / 6 +
        ((z2 * z - 3 * z) * kurt) / 24 -
        ((2 * z2 * z - 5 * z) * skew * skew) / 36;
      rest[i] = r1 + sd * w;
    }
  }
  let zMin = rest[0];
  let zMax = rest[0];
  for (let i = 1; i < n; i++) {
    zMin = Math.min(zMin, rest[i]);
    zMax = Math.max(zMax, rest[i]);
  }
  const cdf = (y: number) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += chipHoursLogCdf(y - rest[i], a, b, t);
    return sum / n;
  };
  out[0] = Math.exp(quantileOf(cdf, 0.05, -t + zMin, -a + zMax));
  out[1] = Math.exp(quantileOf(cdf, 0.95, -t + zMin, -a + zMax));
}

/** The smallest y in [lo, hi] with cdf(y) ≥ q, by bisection. */
function quantileOf(cdf: (y: number) => number, q: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  for (let i = 0; i < 60 && b - a > 1e-10; i++) {
    const m = (a + b) / 2;
    if (cdf(m) < q) a = m;
    else b = m;
  }
  return b;
}

/** Standard normal CDF (Abramowitz & Stegun 1964, 26.2.17: absolute error under 7.5e-8). */
function normalCdf(x: number): number {
  const z = Math.abs(x);
  const k = 1 / (1 + 0.2316419 * z);
  const poly =
    k * (0.31938153 + k * (-0.356563782 + k * (1.781477937 + k * (-1.821255978 + k * 1.330274429))));
  const upper = (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
  return x >= 0 ? 1 - upper : upper;
}
