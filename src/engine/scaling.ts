import { CHINCHILLA_TOKENS_PER_PARAM, SCALING_FITS, type ScalingFit } from '../catalog/scaling-laws.js';
import { userError } from '../errors.js';

/**
 * Chinchilla scaling: the loss a fitted law predicts for N parameters and D tokens, the
 * loss-optimal split of a compute budget C = 6·N·D, and the cheapest model reaching a given loss.
 */

/** FLOP per parameter per training token (forward and backward pass). */
const FLOP_PER_PARAM_TOKEN = 6;

export const DEFAULT_SCALING_FIT: ScalingFit['id'] = 'hoffmann-2022';

export function scalingFit(id: ScalingFit['id'] = DEFAULT_SCALING_FIT): ScalingFit {
  const fit = SCALING_FITS.find((f) => f.id === id);
  if (!fit) {
    const accepted = SCALING_FITS.map((f) => f.id).join(', ');
    throw userError('invalid_value', 'scalingFit', 'scaling.unknownFit', { value: id, accepted });
  }
  return fit;
}

/** Predicted pre-training loss (nats per token): E + A / N^alpha + B / D^beta. */
export function chinchillaLoss(params: number, tokens: number, fit: ScalingFit = scalingFit()): number {
  return fit.E + fit.A / params ** fit.alpha + fit.B / tokens ** fit.beta;
}

export interface Allocation {
  params: number;
  tokens: number;
  computeFlop: number;
  loss: number;
}

/**
 * Loss-optimal parameters and tokens for a budget (Hoffmann et al. 2022, eq. 4):
 * N* = G·(C/6)^(β/(α+β)), D* = (C/6)/N*, with G = (αA / βB)^(1/(α+β)).
 */
export function lossOptimal(computeFlop: number, fit: ScalingFit = scalingFit()): Allocation {
  const g = ((fit.alpha * fit.A) / (fit.beta * fit.B)) ** (1 / (fit.alpha + fit.beta));
  const perFlop = computeFlop / FLOP_PER_PARAM_TOKEN;
  const params = g * perFlop ** (fit.beta / (fit.alpha + fit.beta));
  const tokens = perFlop / params;
  return { params, tokens, computeFlop, loss: chinchillaLoss(params, tokens, fit) };
}

/** The rule of thumb: D = r·N with r ≈ 20 tokens per parameter, so N = √(C / 6r). */
export function ruleOfThumb(
  computeFlop: number,
  fit: ScalingFit = scalingFit(),
  tokensPerParam = CHINCHILLA_TOKENS_PER_PARAM.value,
): Allocation {
  const params = Math.sqrt(computeFlop / (FLOP_PER_PARAM_TOKEN * tokensPerParam));
  const tokens = tokensPerParam * params;
  return { params, tokens, computeFlop, loss: chinchillaLoss(params, tokens, fit) };
}

/** Tokens for a model of `params` at `tokensPerParam` (the compute-optimal data size of that model). */
export function optimalForParams(
  params: number,
  fit: ScalingFit = scalingFit(),
  tokensPerParam = CHINCHILLA_TOKENS_PER_PARAM.value,
): Allocation {
  const tokens = tokensPerParam * params;
  return {
    params,
    tokens,
    computeFlop: FLOP_PER_PARAM_TOKEN * params * tokens,
    loss: chinchillaLoss(params, tokens, fit),
  };
}

export interface FrontierPoint extends Allocation {
  /** The loss-optimal point of this budget under the fit. */
  lossOptimal: boolean;
  /** The ~20 tokens-per-parameter point of this budget. */
  ruleOfThumb: boolean;
}

/**
 * The iso-FLOP frontier of a budget: models from `span`× smaller to `span`× larger than the
 * loss-optimal one (log-spaced), plus the rule-of-thumb point, sorted by parameters.
 */
export function isoFlopFrontier(
  computeFlop: number,
  fit: ScalingFit = scalingFit(),
  steps = 3,
  span = 4,
): FrontierPoint[] {
  const best = lossOptimal(computeFlop, fit);
  const thumb = ruleOfThumb(computeFlop, fit);
  const points: FrontierPoint[] = [];
  for (let k = -steps; k <= steps; k++) {
    const params = best.params * span ** (k / steps);
    const tokens = computeFlop / (FLOP_PER_PARAM_TOKEN * params);
    points.push({
      params,
      tokens,
      computeFlop,
      loss: chinchillaLoss(params, tokens, fit),
      lossOptimal: k === 0,
      ruleOfThumb: false,
    });
  }
  points.push({ ...thumb, lossOptimal: false, ruleOfThumb: true });
  return points.sort((a, b) => a.params - b.params);
}

/**
 * The cheapest (params, tokens) reaching the loss of a given model: the compute where the optimal
 * frontier's loss equals it, found by bisection on log C (the frontier loss falls as C grows).
 */
export function isoLossOptimal(params: number, tokens: number, fit: ScalingFit = scalingFit()): Allocation {
  const target = chinchillaLoss(params, tokens, fit);
  const given = FLOP_PER_PARAM_TOKEN * params * tokens;
  // The optimum needs at most the given compute; search a few decades below it.
  let lo = Math.log(given) - Math.log(1e6);
  let hi = Math.log(given);
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (lossOptimal(Math.exp(mid), fit).loss > target) lo = mid;
    else hi = mid;
  }
  return lossOptimal(Math.exp(hi), fit);
}
