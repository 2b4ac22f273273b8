import type { ServingEvidence } from '../catalog/serving-evidence.js';
import { resolveServing } from './inference.js';
import { computeInference, createInferenceOutput, type InferencePoint } from './inference-kernel.js';
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
  computeUtilisation: number;
  prefillUtilisation: number;
  layerOverheadS: number;
  perSequenceS: number;
  commPerLayerS: number;
  memoryBoundPowerFraction: number;
  computeBoundPowerFraction: number;
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
  point: InferencePoint;
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
      const point = { ...scenario.point, ...shape, batch, layers: e.layers };
      if (e.experts && e.expertsActive) point.expertShare = e.expertsActive / e.experts;
      rows.push({
        id: `${e.model} ${e.task} ${e.hardware}×${e.gpus} batch ${batch}`,
        family: e.family,
        fitted: e.leaderboard === FITTED_LEADERBOARD,
        hardware: e.hardware,
        gpus: e.gpus,
        batch,
        moe: e.paramsActiveB < e.paramsTotalB,
        point,
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
  return {
    energyJ: out.acceleratorJ,
    stepS: (out.replicaS * p.batch) / p.outputTokens,
    powerW: out.acceleratorJ / (p.gpus * out.replicaS),
  };
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
  computeUtilisation: 0.4,
  prefillUtilisation: 0.4,
  layerOverheadS: 5e-5,
  perSequenceS: 5e-5,
  commPerLayerS: 2e-5,
  memoryBoundPowerFraction: 0.65,
  computeBoundPowerFraction: 0.9,
};

/**
 * Scale of the soft-L1 loss on log errors: quadratic (least squares) below a factor e^0.2 ≈ 1.22,
 * linear beyond, so that a few set-ups measured 3× slower than their own neighbours (the B200
 * reasoning runs of small models) do not drag every coefficient.
 */
const ROBUST_SCALE = 0.2;

const robustLoss = (
  rows: EvidencePoint[],
  error: (r: EvidencePoint, out: ReturnType<typeof createInferenceOutput>) => number,
) => {
  const out = createInferenceOutput();
  let s = 0;
  for (const r of rows) {
    const e = error(r, out) / ROBUST_SCALE;
    s += Math.sqrt(1 + e * e) - 1;
  }
  return s;
};

/**
 * Robust least squares on log errors: time coefficients on step time, then power fractions on
 * power, over the points of today's engine among `rows`.
 */
export function fitServing(all: EvidencePoint[], start: ServingCoefficients = START): ServingCoefficients {
  const rows = all.filter((r) => r.fitted);
  const time = (x: number[]): ServingCoefficients => ({
    ...start,
    bandwidthFraction: logistic(x[0]),
    computeUtilisation: logistic(x[1]),
    prefillUtilisation: logistic(x[2]),
    layerOverheadS: Math.exp(x[3]),
    perSequenceS: Math.exp(x[4]),
    commPerLayerS: Math.exp(x[5]),
  });
  const t = nelderMead(
    (x) => robustLoss(rows, (r, out) => Math.log(predict(r, time(x), out).stepS / r.stepS)),
    [
      logit(start.bandwidthFraction),
      logit(start.computeUtilisation),
      logit(start.prefillUtilisation),
      Math.log(start.layerOverheadS),
      Math.log(start.perSequenceS),
      Math.log(start.commPerLayerS),
    ],
  );
  const timed = time(t.x);
  const power = (x: number[]): ServingCoefficients => ({
    ...timed,
    memoryBoundPowerFraction: logistic(x[0]),
    computeBoundPowerFraction: logistic(x[1]),
  });
  const p = nelderMead(
    (x) => robustLoss(rows, (r, out) => Math.log(predict(r, power(x), out).powerW / r.powerW)),
    [logit(start.memoryBoundPowerFraction), logit(start.computeBoundPowerFraction)],
  );
  return power(p.x);
}

/** Log residual of energy per response: log(measured / predicted), so a range is central × e^residual. */
export const energyResidual = (r: EvidencePoint, c: ServingCoefficients) =>
  Math.log(r.energyJ / predict(r, c).energyJ);

/**
 * Leave-one-family-out: each family's points (of either engine) are predicted by coefficients
 * fitted on the other families only. Returns one residual (log measured / predicted energy) per point.
 */
export function leaveOneFamilyOut(rows: EvidencePoint[]) {
  return leaveOneGroupOut(
    rows,
    (r) => r.family,
    (train) => {
      const fit = fitServing(train);
      return (r) => Math.log(predict(r, fit).energyJ);
    },
    (r) => Math.log(r.energyJ),
  );
}
