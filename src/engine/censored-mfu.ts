import { type Cumulants, percentileFactors } from './log-cumulants.js';

/**
 * A utilisation cannot exceed 1, so the MFU's draws are censored there: min(MFU, 1). Censoring puts
 * a point mass at the ceiling, which Cornish–Fisher reads badly (a few percent off where a fifth of
 * the draws sit there), so a footprint that includes chip-hours (∝ 1/MFU) takes its percentiles from
 * the MFU's exact CDF, averaged over the other factors' spread (their Cornish–Fisher quantiles at 64
 * equal-probability nodes), and Newton's method kept inside a shrinking bracket.
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
/**
 * Standard normal quantiles at the midpoints (i + ½) / 64: `normalNodesByBisection()`'s values
 * written out (a test checks they are the same, bit for bit), as its 5,120 CDF evaluations cost
 * about 4 ms of an estimate's start-up, before the code is compiled.
 */
export const NORMAL_NODES = Float64Array.of(
  -2.4175588680016595,
  -1.9874266192435006,
  -1.761669866909683,
  -1.6010086413273057,
  -1.4734678357467734,
  -1.366204185196024,
  -1.272699010821451,
  -1.189164654774109,
  -1.113194482521156,
  -1.0431583577483896,
  -0.9778975313954668,
  -0.916556562582201,
  -0.858484298085378,
  -0.8031723434005935,
  -0.7502151332733022,
  -0.6992830654572169,
  -0.650103861655619,
  -0.6024492907240655,
  -0.5561254911099096,
  -0.5109657713649978,
  -0.46682515498870436,
  -0.4235761770705929,
  -0.38110559453656834,
  -0.339311772960631,
  -0.2981025806403953,
  -0.2573936668556749,
  -0.21710703329480452,
  -0.1771698301937185,
  -0.137513324786253,
  -0.09807200117687298,
  -0.05878275902722345,
  -0.019584184374726865,
  0.019584184374726865,
  0.05878275902722345,
  0.09807200117687298,
  0.137513324786253,
  0.1771698301937185,
  0.2171070332948044,
  0.2573936668556749,
  0.2981025806403952,
  0.3393117729606303,
  0.381105594536568,
  0.42357617707059203,
  0.4668251549887035,
  0.5109657713649978,
  0.5561254911099092,
  0.6024492907240651,
  0.650103861655619,
  0.6992830654572166,
  0.7502151332733022,
  0.8031723434005933,
  0.8584842980853777,
  0.9165565625822005,
  0.9778975313954663,
  1.0431583577483892,
  1.113194482521155,
  1.1891646547741086,
  1.2726990108214502,
  1.366204185196024,
  1.473467835746773,
  1.6010086413273048,
  1.7616698669096822,
  1.9874266192434997,
  2.4175588680016578,
);

/** The roots of normalCdf(z) = (i + ½) / 64, by 80 bisections each on [−10, 10]. */
export function normalNodesByBisection(): Float64Array {
  return Float64Array.from({ length: NODES }, (_, i) => {
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
}
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
  // Newton starts from Cornish–Fisher on the whole law's cumulants (X's are the censored
  // triangle's, odd ones negated): a few percent off, where the bracket's middle is far.
  const [m1, m2, m3, m4] = censoredTriangleCumulants(a, b, Math.min(t, b));
  percentileFactors(r1 - m1, r2 + m2, r3 - m3, r4 + m4, out);
  const lowStart = Math.log(out[0]);
  const highStart = Math.log(out[1]);
  out[0] = Math.exp(quantileOf(0.05, -t + zMin, -a + zMax, n, a, b, t, lowStart));
  out[1] = Math.exp(quantileOf(0.95, -t + zMin, -a + zMax, n, a, b, t, highStart));
}

/**
 * Cumulants of min(Y, t) for Y triangular with its mode at 0 on [a, b] (a ≤ 0 < b, a ≤ t < b), in
 * closed form from the raw moments: ∫ y^k f(y) dy over [a, min(t, 0)] and [0, max(t, 0)], plus
 * t^k · P(Y > t).
 */
export function censoredTriangleCumulants(a: number, b: number, t: number): Cumulants {
  const w = b - a;
  const above = t >= 0 ? ((b - t) * (b - t)) / (w * b) : 1 - ((t - a) * (t - a)) / (w * -a);
  const l = Math.min(t, 0);
  const r = Math.max(t, 0);
  // Powers y^(k+1) of the bounds, raised step by step (Math.pow was a fifth of a call's time).
  let lk = l * l;
  let ak = a * a;
  let rk = r * r;
  let tk = 1;
  const m = [0, 0, 0, 0];
  for (let k = 1; k <= 4; k++) {
    const lNext = lk * l;
    const aNext = ak * a;
    const rNext = rk * r;
    tk *= t;
    // Left, density 2(y − a) / (w · (−a)): ∫ y^k (y − a) dy = y^(k+2)/(k+2) − a·y^(k+1)/(k+1).
    const left =
      a < 0
        ? (2 / (w * -a)) * (lNext / (k + 2) - (a * lk) / (k + 1) - (aNext / (k + 2) - (a * ak) / (k + 1)))
        : 0;
    // Right, density 2(b − y) / (w · b).
    const right = (2 / (w * b)) * ((b * rk) / (k + 1) - rNext / (k + 2));
    m[k - 1] = left + right + tk * above;
    lk = lNext;
    ak = aNext;
    rk = rNext;
  }
  const [m1, m2, m3, m4] = m;
  const m1Squared = m1 * m1;
  const variance = m2 - m1Squared;
  const third = m3 - 3 * m1 * m2 + 2 * m1Squared * m1;
  const fourth = m4 - 4 * m1 * m3 + 6 * m1Squared * m2 - 3 * m1Squared * m1Squared;
  return [m1, variance, third, fourth - 3 * variance * variance];
}

/** Bracket width at which a quantile is found: 1e-10 in log, far below any figure shown. */
const TOLERANCE = 1e-10;
/** The mixture's density at the last point `cdfAt` evaluated (kept here so that nothing is allocated). */
let densityAt = 0;

/**
 * P(X + Z ≤ y) over the nodes in `rest`, and its density into `densityAt`: `chipHoursLogCdf` and
 * Y's density at v = −x written out with their divisions taken once (the innermost loop).
 */
function cdfAt(y: number, n: number, a: number, b: number, t: number): number {
  const w = b - a;
  const left = 1 / (w * -a);
  const right = 1 / (w * b);
  let sum = 0;
  let density = 0;
  for (let i = 0; i < n; i++) {
    const v = rest[i] - y;
    // Past the ceiling X is below its least value: no mass; at or under Y's least, all of it.
    if (v > t) continue;
    if (v <= a) {
      sum += 1;
      continue;
    }
    if (v >= b) continue;
    // X's density is Y's at v, where X is not at its ceiling's atom (v < t).
    if (v <= 0) {
      const d = v - a;
      sum += 1 - d * d * left;
      if (v < t) density += 2 * d * left;
    } else {
      const d = b - v;
      sum += d * d * right;
      if (v < t) density += 2 * d * right;
    }
  }
  densityAt = density / n;
  return sum / n;
}

/**
 * The smallest y in [lo, hi] with cdf(y) ≥ q, to within TOLERANCE: Newton steps from `start` (the
 * bracket's middle where it is outside) while they stay inside
 * the bracket, halving where they would leave it (the CDF has steps, from the atom at the ceiling), and
 * a last probe a tolerance beyond a converged Newton point so that the bracket closes around it. A
 * handful of CDF evaluations where bisection alone took about 35.
 */
function quantileOf(
  q: number,
  lo: number,
  hi: number,
  n: number,
  a: number,
  b: number,
  t: number,
  start: number,
): number {
  let below = lo;
  let above = hi;
  let y = start > lo && start < hi ? start : (lo + hi) / 2;
  for (let i = 0; i < 100 && above - below > TOLERANCE; i++) {
    const c = cdfAt(y, n, a, b, t);
    if (c < q) below = y;
    else above = y;
    const step = densityAt > 0 ? (c - q) / densityAt : Number.NaN;
    let next = y - step;
    if (Math.abs(step) < TOLERANCE / 2) next = c < q ? y + TOLERANCE / 2 : y - TOLERANCE / 2;
    y = next > below && next < above ? next : (below + above) / 2;
  }
  return above;
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
