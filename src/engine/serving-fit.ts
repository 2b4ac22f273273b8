import { SERVING_MODEL_VARIANT } from '../catalog/inference-defaults.js';
import type { ServingEvidence } from '../catalog/serving-evidence.js';
import { resolveServing } from './inference.js';
import {
  computeInference,
  createInferenceOutput,
  type InferenceOutput,
  type InferencePoint,
} from './inference-kernel.js';
import { leaveOneGroupOut } from './uncertainty.js';

/**
 * Fits the serving model's behavioural coefficients on published measurements, and measures how
 * far off it is on model families it never saw. Pure: the evidence comes in as an argument.
 *
 * Two robust least-squares fits on log errors, so that a factor 2 too high weighs as much as a
 * factor 2 too low: first the six time coefficients on the measured time per decode step (prefill included),
 * then the two power fractions on the measured average power per GPU. Energy per response is their
 * product; its log residuals, left out one model family at a time, give the ranges.
 */

/** The fitted behaviour of a serving engine (one set for every model and accelerator). */
export interface ServingCoefficients {
  bandwidthFraction: number;
  kvBandwidthFraction: number;
  computeUtilisation: number;
  prefillUtilisation: number;
  layerOverheadS: number;
  moeLayerOverheadS: number;
  perSequenceS: number;
  commPerLayerS: number;
  memoryBoundPowerFraction: number;
  computeBoundPowerFraction: number;
  sequencePowerFraction: number;
  fixedPowerFraction: number;
}

/** One measured point ready for the kernel: the product's own reading of its set-up. */
export interface EvidencePoint {
  id: string;
  family: string;
  /** Fitted on (today's engine), or only used to calibrate the ranges. */
  fitted: boolean;
  hardware: string;
  gpus: number;
  batch: number;
  moe: boolean;
  /** The kernel point as the plain model reads the set-up: one KV cache, no recurrent state, one copy of the weights. */
  point: InferencePoint;
  /** What the served-memory refinement changes in it: the architecture as split over the replica. */
  servedMemory: Pick<InferencePoint, 'kvCopies' | 'stateBytesPerSequence' | 'sharedWeightCopies'>;
  energyJ: number;
  stepS: number;
  powerW: number;
}

/** The leaderboard release whose engine the model describes (the other calibrates ranges only). */
export const FITTED_LEADERBOARD = 'v3.0';

/** Resolves every measured point as `estimate inference` would resolve the same set-up. */
export function evidencePoints(evidence: readonly ServingEvidence[]): EvidencePoint[] {
  const rows: EvidencePoint[] = [];
  for (const e of evidence) {
    for (const [batch, outputTokens, energyJ, stepMs, powerW] of e.points) {
      const shape = { inputTokens: e.inputTokens, cachedInputTokens: 0, outputTokens };
      const scenario = resolveServing(
        {
          params: e.paramsTotalB * 1e9,
          activeParams: e.paramsActiveB * 1e9,
          hardware: e.hardware,
          gpus: e.gpus,
          batch: Math.max(1, Math.round(batch)),
          weightsBits: e.weightsBits,
          kvBytesPerToken: e.kvBytesPerToken,
        },
        shape,
      );
      const moe = e.paramsActiveB < e.paramsTotalB;
      const point = {
        ...scenario.point,
        ...shape,
        batch,
        layers: e.layers,
        moeLayers: moe ? (e.moeLayers ?? e.layers) : 0,
      };
      if (e.experts && e.expertsActive) point.expertShare = e.expertsActive / e.experts;
      // Attention split by heads over the replica, or data-parallel (whole attention on every GPU).
      const dataParallel = e.attention === 'data';
      rows.push({
        id: `${e.model} ${e.task} ${e.hardware}×${e.gpus} batch ${batch}`,
        family: e.family,
        fitted: e.leaderboard === FITTED_LEADERBOARD,
        hardware: e.hardware,
        gpus: e.gpus,
        batch,
        moe,
        point,
        servedMemory: {
          kvCopies: dataParallel ? 1 : Math.max(1, e.gpus / e.kvHeads),
          stateBytesPerSequence: e.stateBytesPerSequence ?? 0,
          sharedWeightCopies: dataParallel ? e.gpus : 1,
        },
        energyJ,
        stepS: stepMs / 1000,
        powerW,
      });
    }
  }
  return rows;
}

export interface Prediction {
  energyJ: number;
  /** Time per decode step seen by one sequence, prefill included (replica time × batch / output tokens). */
  stepS: number;
  powerW: number;
}

export function predict(
  row: EvidencePoint,
  c: ServingCoefficients,
  out = createInferenceOutput(),
): Prediction {
  const p = { ...row.point, ...c, acceleratorFactor: 1 };
  computeInference(p, out);
  return { energyJ: out.acceleratorJ, stepS: stepOf(out, p), powerW: powerOf(out, p) };
}

/** Nelder–Mead simplex minimiser (unconstrained; bounded coefficients are fitted through transforms). */
export function nelderMead(
  f: (x: number[]) => number,
  x0: number[],
  { maxEvaluations = 4000, step = 0.5, tolerance = 1e-9 } = {},
): { x: number[]; value: number } {
  const n = x0.length;
  let simplex = [x0, ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + step : v)))].map((x) => ({
    x,
    value: f(x),
  }));
  let evaluations = n + 1;
  const towards = (a: number[], b: number[], t: number) => a.map((v, i) => v + t * (b[i] - v));
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0];
    const worst = simplex[n];
    if (worst.value - best.value < tolerance) break;
    const centroid = x0.map((_, j) => simplex.slice(0, n).reduce((s, v) => s + v.x[j], 0) / n);
    const tryPoint = (t: number) => {
      const x = towards(centroid, worst.x, t);
      evaluations++;
      return { x, value: f(x) };
    };
    const reflected = tryPoint(-1);
    if (reflected.value < best.value) {
      const expanded = tryPoint(-2);
      simplex[n] = expanded.value < reflected.value ? expanded : reflected;
    } else if (reflected.value < simplex[n - 1].value) {
      simplex[n] = reflected;
    } else {
      const contracted = tryPoint(reflected.value < worst.value ? -0.5 : 0.5);
      if (contracted.value < Math.min(worst.value, reflected.value)) simplex[n] = contracted;
      else {
        simplex = simplex.map((v, i) => {
          if (i === 0) return v;
          const x = towards(best.x, v.x, 0.5);
          evaluations++;
          return { x, value: f(x) };
        });
      }
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return simplex[0];
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

/** Where every fit starts: the datasheet-level guesses the model used before it was fitted. */
const START: ServingCoefficients = {
  bandwidthFraction: 0.6,
  kvBandwidthFraction: 0.6,
  computeUtilisation: 0.4,
  prefillUtilisation: 0.4,
  layerOverheadS: 5e-5,
  moeLayerOverheadS: 0,
  perSequenceS: 5e-5,
  commPerLayerS: 2e-5,
  memoryBoundPowerFraction: 0.65,
  computeBoundPowerFraction: 0.9,
  sequencePowerFraction: 0.65,
  fixedPowerFraction: 0.65,
};

/**
 * Scale of the soft-L1 loss on log errors: quadratic (least squares) below a factor e^0.2 ≈ 1.22,
 * linear beyond, so that a few set-ups measured 3× slower than their own neighbours (the B200
 * reasoning runs of small models) do not drag every coefficient.
 */
const ROBUST_SCALE = 0.2;

/**
 * Sets a point's coefficients: one store each, which a fit's inner loop runs millions of
 * times (Object.assign, or a loop over the keys, takes about twice as long over a whole fit).
 */
export function setCoefficients<P extends ServingCoefficients>(p: P, c: ServingCoefficients): P {
  p.bandwidthFraction = c.bandwidthFraction;
  p.kvBandwidthFraction = c.kvBandwidthFraction;
  p.computeUtilisation = c.computeUtilisation;
  p.prefillUtilisation = c.prefillUtilisation;
  p.layerOverheadS = c.layerOverheadS;
  p.moeLayerOverheadS = c.moeLayerOverheadS;
  p.perSequenceS = c.perSequenceS;
  p.commPerLayerS = c.commPerLayerS;
  p.memoryBoundPowerFraction = c.memoryBoundPowerFraction;
  p.computeBoundPowerFraction = c.computeBoundPowerFraction;
  p.sequencePowerFraction = c.sequencePowerFraction;
  p.fixedPowerFraction = c.fixedPowerFraction;
  return p;
}

/**
 * Soft-L1 loss of log(predicted / measured) over `rows` for coefficients `c`: `measure` picks the
 * quantity (step time or power) from the kernel's output. Each row's kernel point is copied once
 * per fit and only its coefficients are set on every evaluation (the fits evaluate thousands of times).
 */
function robustLoss(
  rows: EvidencePoint[],
  measure: (out: InferenceOutput, p: InferencePoint) => number,
  measured: (r: EvidencePoint) => number,
) {
  const out = createInferenceOutput();
  const points = rows.map((r) => ({ ...r.point, acceleratorFactor: 1 }));
  const targets = rows.map(measured);
  return (c: ServingCoefficients) => {
    let s = 0;
    for (let i = 0; i < points.length; i++) {
      const p = setCoefficients(points[i], c);
      computeInference(p, out);
      const e = Math.log(measure(out, p) / targets[i]) / ROBUST_SCALE;
      s += Math.sqrt(1 + e * e) - 1;
    }
    return s;
  };
}

/** Time per decode step seen by one sequence, prefill included; and average power per GPU. */
const stepOf = (out: InferenceOutput, p: InferencePoint) => (out.replicaS * p.batch) / p.outputTokens;
const powerOf = (out: InferenceOutput, p: InferencePoint) => out.acceleratorJ / (p.gpus * out.replicaS);

/**
 * The model's optional refinements, each decided from the physics before any fit: the KV cache read
 * at its own achieved bandwidth (paged, sequence by sequence) rather than the weights' one; the
 * per-sequence time at its own power fraction (attention and sampling keep the chip busy); the fixed
 * per-layer and collective time at its own (launch gaps and all-reduce waits leave it half idle).
 * Off, each is tied to its plain counterpart (bandwidthFraction, memoryBoundPowerFraction).
 */
export interface ServingVariant {
  kvBandwidth: boolean;
  sequencePower: boolean;
  fixedPower: boolean;
  /**
   * The memory a step moves as the architecture is served: a KV cache copied onto every GPU that
   * holds its heads (latent attention, few KV heads under wide tensor parallelism), the recurrent
   * state of state-space layers read and written back, whole attention weights on every
   * data-parallel GPU. Off, every model reads one KV cache and nothing else per sequence.
   */
  servedMemory: boolean;
  /** A fixed time per mixture-of-experts layer (routing, permutation, expert dispatch) on top of every layer's. */
  moeOverhead: boolean;
}

const BOTH = [false, true] as const;

/** Every combination of the refinements: the candidates a nested cross-validation chooses among. */
export const SERVING_VARIANTS: readonly ServingVariant[] = BOTH.flatMap((servedMemory) =>
  BOTH.flatMap((moeOverhead) =>
    BOTH.flatMap((kvBandwidth) =>
      BOTH.flatMap((sequencePower) =>
        BOTH.map((fixedPower) => ({ kvBandwidth, sequencePower, fixedPower, servedMemory, moeOverhead })),
      ),
    ),
  ),
);

export const variantName = (v: ServingVariant) =>
  [
    v.kvBandwidth && 'KV bandwidth',
    v.sequencePower && 'per-sequence power',
    v.fixedPower && 'fixed-time power',
    v.servedMemory && 'served memory',
    v.moeOverhead && 'MoE layer time',
  ]
    .filter(Boolean)
    .join(' + ') || 'plain';

/** The time-side part of a variant: variants that share it share their time fit. */
type TimeVariant = Pick<ServingVariant, 'kvBandwidth' | 'servedMemory' | 'moeOverhead'>;
const timeKey = (v: TimeVariant) => `${v.kvBandwidth}${v.servedMemory}${v.moeOverhead}`;

const servedRows = new WeakMap<EvidencePoint, EvidencePoint>();
/** A point as the variant reads it: with the served-memory refinement, the architecture as split. */
export function asServed(r: EvidencePoint, v: Pick<ServingVariant, 'servedMemory'>): EvidencePoint {
  if (!v.servedMemory) return r;
  let s = servedRows.get(r);
  if (!s) {
    s = { ...r, point: { ...r.point, ...r.servedMemory } };
    servedRows.set(r, s);
  }
  return s;
}

/** Time coefficients by robust least squares on log(step time), over the points of today's engine among `all`. */
export function fitServingTime(
  all: EvidencePoint[],
  variant: TimeVariant,
  start: ServingCoefficients = START,
): ServingCoefficients {
  const rows = all.filter((r) => r.fitted).map((r) => asServed(r, variant));
  const kvAt = 6;
  const moeAt = variant.kvBandwidth ? 7 : 6;
  const time = (x: number[]): ServingCoefficients => {
    const bandwidthFraction = logistic(x[0]);
    return {
      ...start,
      bandwidthFraction,
      kvBandwidthFraction: variant.kvBandwidth ? logistic(x[kvAt]) : bandwidthFraction,
      computeUtilisation: logistic(x[1]),
      prefillUtilisation: logistic(x[2]),
      layerOverheadS: Math.exp(x[3]),
      moeLayerOverheadS: variant.moeOverhead ? Math.exp(x[moeAt]) : 0,
      perSequenceS: Math.exp(x[4]),
      commPerLayerS: Math.exp(x[5]),
    };
  };
  const x0 = [
    logit(start.bandwidthFraction),
    logit(start.computeUtilisation),
    logit(start.prefillUtilisation),
    Math.log(start.layerOverheadS),
    Math.log(start.perSequenceS),
    Math.log(start.commPerLayerS),
  ];
  if (variant.kvBandwidth) x0.push(logit(start.kvBandwidthFraction));
  if (variant.moeOverhead) x0.push(Math.log(start.moeLayerOverheadS || START.layerOverheadS));
  const loss = robustLoss(rows, stepOf, (r) => r.stepS);
  const t = nelderMead((x) => loss(time(x)), x0, { maxEvaluations: 600 * x0.length });
  return time(t.x);
}

/** Power fractions by robust least squares on log(power per GPU), the time coefficients held. */
export function fitServingPower(
  all: EvidencePoint[],
  timed: ServingCoefficients,
  variant: ServingVariant,
): ServingCoefficients {
  const rows = all.filter((r) => r.fitted).map((r) => asServed(r, variant));
  const power = (x: number[]): ServingCoefficients => {
    const memoryBoundPowerFraction = logistic(x[0]);
    let i = 2;
    return {
      ...timed,
      memoryBoundPowerFraction,
      computeBoundPowerFraction: logistic(x[1]),
      sequencePowerFraction: variant.sequencePower ? logistic(x[i++]) : memoryBoundPowerFraction,
      fixedPowerFraction: variant.fixedPower ? logistic(x[i++]) : memoryBoundPowerFraction,
    };
  };
  const x0 = [logit(START.memoryBoundPowerFraction), logit(START.computeBoundPowerFraction)];
  if (variant.sequencePower) x0.push(logit(START.sequencePowerFraction));
  if (variant.fixedPower) x0.push(logit(START.fixedPowerFraction));
  const loss = robustLoss(rows, powerOf, (r) => r.powerW);
  const p = nelderMead((x) => loss(power(x)), x0, { maxEvaluations: 1000 * x0.length });
  return power(p.x);
}

/**
 * Robust least squares on log errors: time coefficients on step time, then power fractions on
 * power, over the points of today's engine among `rows`.
 */
export function fitServing(
  all: EvidencePoint[],
  variant: ServingVariant = SERVING_MODEL_VARIANT,
  start: ServingCoefficients = START,
): ServingCoefficients {
  return fitServingPower(all, fitServingTime(all, variant, start), variant);
}

/** Log residual of energy per response: log(measured / predicted), so a range is central × e^residual. */
export const energyResidual = (r: EvidencePoint, c: ServingCoefficients, v: ServingVariant) =>
  Math.log(r.energyJ / predict(asServed(r, v), c).energyJ);

/**
 * Leave-one-family-out: each family's points (of either engine) are predicted by coefficients
 * fitted on the other families only. Returns one residual (log measured / predicted energy) per point.
 */
export function leaveOneFamilyOut(rows: EvidencePoint[], variant: ServingVariant = SERVING_MODEL_VARIANT) {
  return leaveOneGroupOut(
    rows,
    (r) => r.family,
    (train) => {
      const fit = fitServing(train, variant);
      return (r) => Math.log(predict(asServed(r, variant), fit).energyJ);
    },
    (r) => Math.log(r.energyJ),
  );
}

const medianAbs = (values: number[]) => {
  const s = values.map(Math.abs).sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? s[Math.floor(m)] : (s[m - 1] + s[m]) / 2;
};

/** One out-of-sample residual: log(measured / predicted) energy of a point its fit never saw the family of. */
export interface FamilyResidual {
  row: EvidencePoint;
  group: string;
  residual: number;
}

/**
 * Every variant's leave-one-family-out residuals on `rows`, sharing each fold's time fit between the
 * variants that differ only in power, in SERVING_VARIANTS order.
 */
export function variantResiduals(rows: EvidencePoint[], fits: VariantFits = new Map()): FamilyResidual[][] {
  const residuals = SERVING_VARIANTS.map(() => [] as FamilyResidual[]);
  for (const family of new Set(rows.map((r) => r.family))) {
    const train = rows.filter((r) => r.family !== family);
    const held = rows.filter((r) => r.family === family);
    const fitted = fitEveryVariant(train, fits);
    SERVING_VARIANTS.forEach((v, i) => {
      for (const r of held)
        residuals[i].push({ row: r, group: family, residual: energyResidual(r, fitted[i], v) });
    });
  }
  return residuals;
}

/** Each variant's leave-one-family-out median |log error| on `rows`, in SERVING_VARIANTS order. */
export function variantScores(rows: EvidencePoint[], fits: VariantFits = new Map()): number[] {
  return variantResiduals(rows, fits).map((set) => medianAbs(set.map((r) => r.residual)));
}

/**
 * Every variant fitted on one training set, keyed by the families in it: the nested cross-validation
 * meets each set twice (leaving out F then G, or G then F), so it fits each once.
 */
export type VariantFits = Map<string, ServingCoefficients[]>;
function fitEveryVariant(train: EvidencePoint[], fits: VariantFits): ServingCoefficients[] {
  const key = [...new Set(train.map((r) => r.family))].sort().join('|');
  const known = fits.get(key);
  if (known) return known;
  const timed = new Map<string, ServingCoefficients>();
  const fitted = SERVING_VARIANTS.map((v) => {
    const time = timeKey(v);
    if (!timed.has(time)) timed.set(time, fitServingTime(train, v));
    return fitServingPower(train, timed.get(time)!, v);
  });
  fits.set(key, fitted);
  return fitted;
}

/** The variant with the smallest leave-one-family-out median |log error| on `rows`. */
export function selectVariant(rows: EvidencePoint[], fits: VariantFits = new Map()): ServingVariant {
  const scores = variantScores(rows, fits);
  return SERVING_VARIANTS[scores.indexOf(Math.min(...scores))];
}

/**
 * Nested leave-one-family-out: for each family, the variant is chosen by leave-one-family-out among
 * the other families only, then fitted on them and tested on the family left out. The honest error
 * of the whole procedure (choosing and fitting), where the plain figure of a variant chosen on every
 * family would flatter it. `inner` keeps, per family left out, the chosen variant's residuals on the
 * other families (each predicted without itself and without the family left out): what a range for
 * the family left out may be chosen and calibrated on.
 */
export function nestedLeaveOneFamilyOut(rows: EvidencePoint[], fits: VariantFits = new Map()) {
  const chosen = new Map<string, ServingVariant>();
  const inner = new Map<string, FamilyResidual[]>();
  const residuals = leaveOneGroupOut(
    rows,
    (r) => r.family,
    (train) => {
      const candidates = variantResiduals(train, fits);
      const scores = candidates.map((set) => medianAbs(set.map((r) => r.residual)));
      const index = scores.indexOf(Math.min(...scores));
      const variant = SERVING_VARIANTS[index];
      const fit = fitEveryVariant(train, fits)[index];
      const family = rows.find((r) => !train.includes(r))?.family ?? '';
      chosen.set(family, variant);
      inner.set(family, candidates[index]);
      return (r) => Math.log(predict(asServed(r, variant), fit).energyJ);
    },
    (r) => Math.log(r.energyJ),
  );
  return { residuals, chosen, inner };
}

/** Euclidean projection of `u` onto the simplex {w ≥ 0, Σ w = 1} (sort-based: Duchi et al. 2008, ICML). */
export function projectOntoSimplex(u: ArrayLike<number>): Float64Array {
  const sorted = Array.from(u).sort((a, b) => b - a);
  let sum = 0;
  let theta = 0;
  for (let j = 0; j < sorted.length; j++) {
    sum += sorted[j];
    const t = (sum - 1) / (j + 1);
    if (sorted[j] - t > 0) theta = t;
  }
  return Float64Array.from(u, (v) => Math.max(0, v - theta));
}

/**
 * Stacking weights (Breiman 1996, "Stacked regressions", Machine Learning 24(1): non-negative weights
 * on cross-validated predictions; on the simplex as in Yao, Vehtari, Simpson & Gelman 2018, Bayesian
 * Analysis 13(3)): the w ≥ 0, Σ w = 1 minimising Σ_i ρ(Σ_k w_k r_ki / s), with r_ki variant k's
 * out-of-sample log residual at point i and ρ the fits' own soft-L1 loss at scale s. Convex in w;
 * solved by accelerated projected gradient (Beck & Teboulle 2009, FISTA) with step 1 / L, L the
 * largest eigenvalue of RᵀR / s² (soft-L1's curvature is at most 1). Unneeded variants get exactly 0.
 */
export function stackingWeights(
  residuals: readonly (readonly number[])[],
  { iterations = 20_000, tolerance = 1e-13 } = {},
): number[] {
  const k = residuals.length;
  const n = residuals[0].length;
  const s = ROBUST_SCALE;
  const columns = residuals.map((r) => Float64Array.from(r));
  // L by power iteration on the k × k Gram matrix.
  const gram = columns.map((a) => columns.map((b) => a.reduce((sum, v, i) => sum + v * b[i], 0)));
  let vector = new Float64Array(k).fill(1);
  let eigen = 0;
  for (let it = 0; it < 200; it++) {
    const next = Float64Array.from(gram, (row) => row.reduce((sum, v, j) => sum + v * vector[j], 0));
    eigen = Math.hypot(...next);
    if (eigen === 0) break;
    vector = Float64Array.from(next, (v) => v / eigen);
  }
  const step = (s * s) / (eigen || 1);
  const combined = new Float64Array(n);
  const gradientAt = (w: Float64Array) => {
    combined.fill(0);
    for (let j = 0; j < k; j++) {
      if (w[j] === 0) continue;
      const c = columns[j];
      for (let i = 0; i < n; i++) combined[i] += w[j] * c[i];
    }
    for (let i = 0; i < n; i++) {
      const u = combined[i] / s;
      combined[i] = u / Math.sqrt(1 + u * u) / s;
    }
    return Float64Array.from(columns, (c) => c.reduce((sum, v, i) => sum + v * combined[i], 0));
  };
  let w: Float64Array = new Float64Array(k).fill(1 / k);
  let y: Float64Array = w;
  let t = 1;
  for (let it = 0; it < iterations; it++) {
    const g = gradientAt(y);
    const next = projectOntoSimplex(Float64Array.from(y, (v, j) => v - step * g[j]));
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    let moved = 0;
    for (let j = 0; j < k; j++) moved = Math.max(moved, Math.abs(next[j] - w[j]));
    const previous = w;
    y = Float64Array.from(next, (v, j) => v + ((t - 1) / tNext) * (v - previous[j]));
    w = next;
    t = tNext;
    if (moved < tolerance) break;
  }
  return Array.from(w);
}

/** The stacked predictor's residuals: each point's variant residuals weighted (aligned, SERVING_VARIANTS order). */
export function stackedResiduals(
  candidates: FamilyResidual[][],
  weights: readonly number[],
): FamilyResidual[] {
  return candidates[0].map((r, i) => ({
    row: r.row,
    group: r.group,
    residual: weights.reduce((sum, w, k) => (w === 0 ? sum : sum + w * candidates[k][i].residual), 0),
  }));
}

/** Log of the stacked estimate of energy: the weighted mean of the variants' log estimates. */
export function stackedLogEnergy(
  r: EvidencePoint,
  fitted: readonly ServingCoefficients[],
  weights: readonly number[],
): number {
  let sum = 0;
  weights.forEach((w, k) => {
    if (w > 0) sum += w * Math.log(predict(asServed(r, SERVING_VARIANTS[k]), fitted[k]).energyJ);
  });
  return sum;
}

/** Stacking weights of the variants on `rows`, from every variant's leave-one-family-out residuals. */
export function stackVariants(rows: EvidencePoint[], fits: VariantFits = new Map()) {
  const candidates = variantResiduals(rows, fits);
  const weights = stackingWeights(candidates.map((set) => set.map((r) => r.residual)));
  return { weights, residuals: stackedResiduals(candidates, weights) };
}

/**
 * Nested leave-one-family-out of the stacked predictor, exactly as `nestedLeaveOneFamilyOut` judges
 * the choice: for each family, the weights are solved on the other families' leave-one-family-out
 * residuals only, every variant is fitted on them, and the family left out is estimated by the
 * weighted mean of their log estimates. `inner` keeps the stacked inner residuals (what its range may
 * be chosen and calibrated on).
 */
export function nestedStacked(rows: EvidencePoint[], fits: VariantFits = new Map()) {
  const weights = new Map<string, number[]>();
  const inner = new Map<string, FamilyResidual[]>();
  const residuals = leaveOneGroupOut(
    rows,
    (r) => r.family,
    (train) => {
      const stacked = stackVariants(train, fits);
      const fitted = fitEveryVariant(train, fits);
      const inTrain = new Set(train);
      const family = rows.find((r) => !inTrain.has(r))?.family ?? '';
      weights.set(family, stacked.weights);
      inner.set(family, stacked.residuals);
      return (r) => stackedLogEnergy(r, fitted, stacked.weights);
    },
    (r) => Math.log(r.energyJ),
  );
  return { residuals, weights, inner };
}
