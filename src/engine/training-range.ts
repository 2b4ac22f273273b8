import { memo } from '../catalog/memo.js';
import {
  addToLaw,
  type CensoredLogTriangle,
  censoredTriangleCumulants,
  type FootprintLaw,
  lawPercentileFactors,
} from './censored-mfu.js';
import { type Cumulants, logTriangularCumulants, reciprocal, ZERO } from './log-cumulants.js';
import { triangular } from './random.js';
import type { TrainingOutput, TrainingPoint } from './training-kernel.js';

/**
 * Low/high of a training estimate without sampling, in microseconds: the footprint is a product of
 * independent uncertain factors (chip-hours ∝ 1/MFU, power = fraction · (1 + host), PUE,
 * intensity, embodied per chip-hour), so the log-cumulants of each factor add and Cornish–Fisher
 * reads the 5th and 95th percentiles (see log-cumulants.ts), the same quantiles the Monte Carlo
 * reads from its draws. Each factor is the triangle the Monte Carlo draws from (in value, or in log
 * space where marked), with its mode at the central value, censored at its ceiling where it has one
 * (a utilisation cannot exceed 1). The total adds the percentiles of
 * operational and embodied CO2e, which rise together with chip-hours: never narrower than the
 * Monte Carlo, and within a few percent of it (tested).
 */

export interface UncertainInput {
  low: number;
  central: number;
  high: number;
  log?: boolean;
  /**
   * A physical ceiling below `high` (a utilisation's 1): the value is min(X, max), the triangle's
   * mass above it censored onto it. Log-space factors only.
   */
  max?: number;
}

export type UncertainInputs = Partial<
  Record<
    'mfu' | 'powerFraction' | 'hostOverhead' | 'pue' | 'intensityGPerKwh' | 'embodiedKgPerChipHour',
    UncertainInput
  >
>;

export { censoredTriangleCumulants } from './censored-mfu.js';

export type RangeKey =
  | 'chipHours'
  | 'energyKwh'
  | 'co2eKg'
  | 'co2eMarketKg'
  | 'embodiedCo2eKg'
  | 'totalCo2eKg';

/** Cumulants of a triangle in value depend only on its shape: computed once per shape (4,096 nodes). */
const cumulantsByKey = memo<Cumulants>(4096);

interface Shape {
  log: boolean;
  low: number;
  central: number;
  high: number;
  shift: number;
  k: Cumulants;
}
/** The last shapes looked up (an estimate has five): a ring, oldest replaced. */
const recent: Shape[] = [];
const RECENT_SHAPES = 16;
let nextShape = 0;
function remember(shape: Shape): void {
  recent[nextShape] = shape;
  nextShape = (nextShape + 1) % RECENT_SHAPES;
}

/** Cumulants of log(X / central), or of log((1 + X) / (1 + central)) for host overhead (`shift` 1). */
export function factorCumulants(r: UncertainInput | undefined, shift = 0): Cumulants {
  if (!r || !(r.high > r.low)) return ZERO;
  const censored = shift === 0 ? censoredMfu(r) : undefined;
  if (censored) return censoredTriangleCumulants(censored.a, censored.b, censored.t);
  if (r.log && shift === 0)
    return triangleCumulants(Math.log(r.low / r.central), Math.log(r.high / r.central));
  // A triangle in value: scale-free without a shift, so keyed on its shape relative to the central.
  const scale = shift === 0 ? r.central : 1;
  const low = r.low / scale;
  const high = r.high / scale;
  const central = r.central / scale;
  const log = r.log === true;
  // The shapes met last first, by their figures: writing four figures as a key costs more.
  for (let i = 0; i < recent.length; i++) {
    const s = recent[i];
    if (s.low === low && s.central === central && s.high === high && s.shift === shift && s.log === log)
      return s.k;
  }
  const key = `${log ? 'log' : ''}${low}|${central}|${high}|${shift}`;
  const k = cumulantsByKey.get(key, () =>
    log ? logSpaceCumulants(low, central, high, shift) : logTriangularCumulants(low, central, high, shift),
  );
  remember({ log, low, central, high, shift, k });
  return k;
}

/**
 * Cumulants of a triangular variable with its mode at 0, minimum `a` and maximum `b` (closed form:
 * mean (a + b)/3, variance (a² + b² − ab)/18, skewness √2 (a + b)(2a − b)(a − 2b) / (5 (a² + b² − ab)^{3/2}),
 * excess kurtosis −3/5).
 */
function triangleCumulants(a: number, b: number): Cumulants {
  const q = a * a + b * b - a * b;
  const variance = q / 18;
  const skew = (Math.SQRT2 * (a + b) * (2 * a - b) * (a - 2 * b)) / (5 * q ** 1.5);
  return [(a + b) / 3, variance, skew * variance ** 1.5, -0.6 * variance * variance];
}

/** The censored MFU of a factor whose ceiling falls under its triangle's top (log space only). */
export function censoredMfu(r: UncertainInput | undefined): CensoredLogTriangle | undefined {
  if (!r || !(r.high > r.low) || r.max === undefined || r.max >= r.high) return undefined;
  if (!r.log) throw new Error('censoredMfu: a ceiling needs a log-space factor');
  const at = (v: number) => Math.log(v / r.central);
  return { a: at(r.low), b: at(r.high), t: at(Math.max(r.max, r.low)) };
}

/** The law of the chip-hours factor's log (∝ 1/MFU), censored at the MFU's ceiling where it binds. */
export function chipHoursLaw(mfu: UncertainInput | undefined): FootprintLaw {
  const censored = censoredMfu(mfu);
  return censored ? { mfu: censored, rest: ZERO } : { rest: reciprocal(factorCumulants(mfu)) };
}

/** Log-space triangle behind a shift (not used by today's scenarios; kept exact rather than refused). */
function logSpaceCumulants(low: number, central: number, high: number, shift: number): Cumulants {
  const nodes = 4096;
  const a = Math.log(low);
  const c = Math.log(central);
  const b = Math.log(high);
  const values = new Float64Array(nodes);
  let mean = 0;
  for (let i = 0; i < nodes; i++) {
    const u = (i + 0.5) / nodes;
    const split = (c - a) / (b - a);
    const y = u < split ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
    values[i] = Math.log((Math.exp(y) + shift) / (central + shift));
    mean += values[i];
  }
  mean /= nodes;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < nodes; i++) {
    const d = values[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= nodes;
  return [mean, m2, m3 / nodes, m4 / nodes - 3 * m2 * m2];
}

/**
 * Chip-hours ∝ 1/MFU, one factor: its percentiles are exact, read from the triangle's inverse CDF
 * (Cornish–Fisher is least accurate on a single skewed factor).
 */
function chipHoursRange(chipHours: number, mfu: UncertainInput | undefined): { low: number; high: number } {
  if (!mfu || !(mfu.high > mfu.low)) return { low: chipHours, high: chipHours };
  const at = (u: number) =>
    Math.min(
      mfu.max ?? Number.POSITIVE_INFINITY,
      mfu.log
        ? Math.exp(triangular(u, Math.log(mfu.low), Math.log(mfu.central), Math.log(mfu.high)))
        : triangular(u, mfu.low, mfu.central, mfu.high),
    );
  return { low: (chipHours * mfu.central) / at(0.95), high: (chipHours * mfu.central) / at(0.05) };
}

function add(a: Cumulants, b: Cumulants): Cumulants {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]];
}

/** The 5th and 95th percentiles of every output, around the kernel's output at the central point. */
export function analyticRanges(
  point: TrainingPoint,
  uncertain: UncertainInputs,
  central: TrainingOutput,
): Record<RangeKey, { low: number; high: number }> {
  const derivedChipHours = Number.isNaN(point.chipHours);
  const modelledPower = Number.isNaN(point.systemPowerW);
  const none: FootprintLaw = { rest: ZERO };
  const chipHours = derivedChipHours ? chipHoursLaw(uncertain.mfu) : none;
  const kPower = modelledPower
    ? add(factorCumulants(uncertain.powerFraction), factorCumulants(uncertain.hostOverhead, 1))
    : ZERO;
  // Measured IT energy (a published run's) replaces chip-hours × power: only the PUE and grid vary.
  const it = point.itEnergyKwh === undefined ? addToLaw(chipHours, kPower) : none;
  const energy = addToLaw(it, factorCumulants(uncertain.pue));
  const co2eLaw = addToLaw(energy, factorCumulants(uncertain.intensityGPerKwh));
  const embodiedLaw = addToLaw(chipHours, factorCumulants(uncertain.embodiedKgPerChipHour));
  const q = new Float64Array(2);
  const range = (value: number, law: FootprintLaw) => {
    lawPercentileFactors(law, q);
    return { low: value * q[0], high: value * q[1] };
  };
  const co2e = range(central.co2eKg, co2eLaw);
  const co2eFactors = [q[0], q[1]];
  const embodied = range(central.embodiedCo2eKg, embodiedLaw);
  return {
    chipHours: derivedChipHours
      ? chipHoursRange(central.chipHours, uncertain.mfu)
      : range(central.chipHours, none),
    energyKwh: range(central.energyKwh, energy),
    co2eKg: co2e,
    // The same law as CO2e's: its factors, not its percentiles, computed again.
    co2eMarketKg: { low: central.co2eMarketKg * co2eFactors[0], high: central.co2eMarketKg * co2eFactors[1] },
    embodiedCo2eKg: embodied,
    totalCo2eKg: { low: co2e.low + embodied.low, high: co2e.high + embodied.high },
  };
}
