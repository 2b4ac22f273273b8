import { CHINCHILLA_TOKENS_PER_PARAM } from '../catalog/scaling-laws.js';
import { userError } from '../errors.js';
import { type Message, msg, renderAll } from '../messages/index.js';
import { isoFlopFrontier, optimalForParams, scalingFit } from './scaling.js';
import type { ExploreInput } from './schemas/explore.js';
import {
  type DesignSpec,
  planSweep,
  runSweep,
  type SweepOptions,
  type SweepResult,
  type SweepRow,
  type SweepSpec,
  sweepOrder,
  sweepRow,
} from './sweep/index.js';

export { type ExploreInput, exploreInputSchema } from './schemas/explore.js';

/**
 * `explore`: a sweep from its validated input, with the compute-optimal mode: for each compute
 * budget, the iso-FLOP frontier of the fitted Chinchilla loss (or, for a list of model sizes,
 * each at ~20 tokens per parameter), every point carrying its predicted loss and footprint.
 */
export interface Exploration {
  result: SweepResult;
  /** Row indices in output order (sorted when asked). */
  order: Uint32Array;
  /** What the reader should know, in English (CLI flags named); `noteMessages` says it in any language. */
  notes: string[];
  noteMessages: Message[];
}

export function exploreSpec(input: ExploreInput): SweepSpec {
  const {
    sort: _s,
    computeOptimal,
    computeBudget,
    scalingFit: fitId,
    tokensPerParam,
    ranges: _r,
    ...lists
  } = input;
  const spec: SweepSpec = { ...lists };
  if (!computeOptimal) {
    if (computeBudget) {
      throw userError('conflict', 'computeBudget', 'explore.budgetNeedsOptimal', {
        optimalField: 'computeOptimal',
        accepted: msg('explore.acceptedOptimalBudget', {
          optimalField: 'computeOptimal',
          field: 'computeBudget',
        }),
      });
    }
    return spec;
  }
  for (const field of ['tokens', 'activeParams', 'model'] as const) {
    if (input[field]) {
      const named = { optimalField: 'computeOptimal', budgetField: 'computeBudget', paramsField: 'params' };
      throw userError('conflict', field, 'explore.optimalChooses', {
        optimalField: named.optimalField,
        accepted: msg('explore.acceptedOptimal', named),
      });
    }
  }
  const fit = scalingFit(fitId);
  const ratio = tokensPerParam ?? CHINCHILLA_TOKENS_PER_PARAM.value;
  const designs: DesignSpec[] = [];
  if (computeBudget) {
    if (input.params) {
      throw userError('conflict', 'params', 'explore.budgetChooses', {
        budgetField: 'computeBudget',
        accepted: msg('explore.acceptedBudget', { budgetField: 'computeBudget', field: 'params' }),
      });
    }
    for (const budget of computeBudget) {
      for (const p of isoFlopFrontier(budget, fit)) {
        designs.push({
          params: p.params,
          tokens: p.tokens,
          extra: {
            computeBudget: budget,
            tokensPerParam: p.tokens / p.params,
            loss: p.loss,
            lossOptimal: p.lossOptimal,
            ruleOfThumb: p.ruleOfThumb,
          },
        });
      }
    }
  } else if (input.params) {
    for (const params of input.params) {
      const p = optimalForParams(params, fit, ratio);
      designs.push({
        params,
        tokens: p.tokens,
        extra: { computeBudget: p.computeFlop, tokensPerParam: ratio, loss: p.loss },
      });
    }
  } else {
    throw userError('missing', 'computeBudget', 'explore.optimalNeedsBudget', {
      optimalField: 'computeOptimal',
      paramsField: 'params',
      accepted: msg('explore.acceptedBudgetExample', { field: 'computeBudget' }),
    });
  }
  spec.params = undefined;
  spec.designs = designs.map((d) => ({
    ...d,
    layers: undefined,
    contextLength: undefined,
    dModel: undefined,
  }));
  return spec;
}

export function explore(input: ExploreInput, options: SweepOptions = {}): Exploration {
  const sweepOptions = { ...options, ranges: input.ranges ?? options.ranges };
  const plan = planSweep(exploreSpec(input), sweepOptions);
  const result = runSweep(plan, sweepOptions);
  return {
    result,
    order: sweepOrder(result, input.sort),
    notes: renderAll(plan.notes),
    noteMessages: plan.notes,
  };
}

/** The rows as objects, in output order (for JSON bodies; the CLI streams them instead). */
export function exploreRows(exploration: Exploration): SweepRow[] {
  return Array.from(exploration.order, (i) => sweepRow(exploration.result, i));
}
