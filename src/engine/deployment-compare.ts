import { EmpreinteError, isEmpreinteError, issueOf, userError } from '../errors.js';
import { msg } from '../messages/index.js';
import {
  type Comparison,
  computeDeployment,
  type DeploymentEstimate,
  type DeploymentInput,
  deploymentInputSchema,
  type Route,
  resolveDeployment,
} from './deployment.js';
import { parseInput } from './schemas/common.js';

/**
 * Side-by-side options against a baseline deployment: `dimension=value,value` (model sizes,
 * hardware, batch, quantisation, region, response or prompt caching) or `route=SHARE:MODEL`
 * (send a share of the traffic to a smaller model). Each option is a full deployment estimate.
 */
export const COMPARE_DIMENSIONS = [
  'model',
  'params',
  'hardware',
  'batch',
  'weights-bits',
  'location',
  'response-cache',
  'prompt-caching',
  'route',
] as const;

const COMPARE_DRAWS = 200;

/** What changing one dimension does to the baseline input (a changed model or chip is re-sized). */
function variantInput(base: DeploymentInput, dimension: string, value: string): DeploymentInput {
  const resized = { ...base, gpus: undefined, replicas: undefined, kvBytesPerToken: undefined };
  switch (dimension) {
    case 'model':
      return { ...resized, model: value, params: undefined, activeParams: undefined };
    case 'params':
      return { ...resized, params: value as unknown as number, activeParams: undefined, model: undefined };
    case 'hardware':
      return { ...resized, hardware: value };
    case 'batch':
      return { ...base, replicas: undefined, batch: value as unknown as number };
    case 'weights-bits':
      return { ...resized, weightsBits: value as unknown as number };
    case 'location':
      return { ...base, location: value, gridIntensity: undefined, pue: undefined };
    case 'response-cache':
      return { ...base, replicas: undefined, responseCacheHitRate: value as unknown as number };
    case 'prompt-caching':
      return { ...base, promptCaching: value as unknown as boolean };
    default:
      throw userError('invalid_value', 'compare', 'compare.unknownOption', {
        value: dimension,
        dimensions: COMPARE_DIMENSIONS.join(', '),
        accepted: msg('compare.acceptedDimensions', { dimensions: COMPARE_DIMENSIONS.join(', ') }),
      });
  }
}

/** Re-validates a variant with the shared schema, so `70B` or `0.3` parse as on the command line. */
function validate(raw: DeploymentInput, option: string): DeploymentInput {
  try {
    return parseInput(deploymentInputSchema, { ...stripUndefined(raw), compare: undefined });
  } catch (error) {
    if (!isEmpreinteError(error)) throw error;
    // The variant's own sentence, inside one that names the --compare option it came from.
    throw new EmpreinteError(
      error.issues.map((i) => {
        const detail = i.key ? { key: i.key, params: i.params } : i.message;
        return {
          ...issueOf(i.code, 'compare', 'compare.option', { value: option, detail }),
          accepted: i.accepted,
        };
      }),
    );
  }
}

function stripUndefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function parseRoute(value: string, option: string): Route {
  const match = /^([\d.]+%?):(.+)$/.exec(value);
  const share = match ? Number(match[1].replace('%', '')) / (match[1].endsWith('%') ? 100 : 1) : Number.NaN;
  if (!match || !(share > 0 && share < 1)) {
    throw userError('invalid_value', 'compare', 'compare.route', {
      value: option,
      accepted: msg('compare.acceptedRoute'),
    });
  }
  const target = match[2].trim();
  const isSize = /^[\d.]+\s*[kKmMbBtT]?$/.test(target);
  const serving = isSize
    ? {
        params: validate({ params: target } as unknown as DeploymentInput, option).params,
        model: undefined,
        activeParams: undefined,
      }
    : { model: target, params: undefined, activeParams: undefined };
  return {
    share,
    serving: { ...serving, gpus: undefined, kvBytesPerToken: undefined },
    label: `${target} (${Math.round(share * 100)}% routed)`,
  };
}

/** Splits `dimension=a,b` into one option per value. */
export function parseCompare(options: string[]): { id: string; dimension: string; value: string }[] {
  return options.flatMap((option) => {
    const eq = option.indexOf('=');
    if (eq <= 0 || eq === option.length - 1) {
      throw userError('invalid_value', 'compare', 'compare.notPair', {
        value: option,
        accepted: msg('compare.acceptedPair', { dimensions: COMPARE_DIMENSIONS.join(', ') }),
      });
    }
    const dimension = option.slice(0, eq).trim();
    const values = option
      .slice(eq + 1)
      .split(dimension === 'route' ? /,(?=[\d.]+%?:)/ : ',')
      .map((v) => v.trim())
      .filter((v) => v.length > 0);
    return values.map((value) => ({ id: `${dimension}=${value}`, dimension, value }));
  });
}

export function compareDeployments(
  base: DeploymentInput,
  baseline: DeploymentEstimate,
  options: string[],
): Comparison[] {
  const saving = (ours: number, theirs: number) => (theirs > 0 ? (100 * (theirs - ours)) / theirs : 0);
  return parseCompare(options).map(({ id, dimension, value }) => {
    let scenario: ReturnType<typeof resolveDeployment>;
    if (dimension === 'route') {
      scenario = resolveDeployment(validate({ ...base, replicas: undefined }, id), parseRoute(value, id));
    } else {
      scenario = resolveDeployment(validate(variantInput(base, dimension, value), id));
    }
    const e = computeDeployment(scenario, COMPARE_DRAWS, base.seed);
    return {
      id,
      label: id,
      energyKwh: e.yearly.energyKwh,
      co2eKg: e.yearly.co2eKg,
      perRequestWh: e.perRequest.energyWh.central,
      gpus: e.pools.reduce((s, p) => s + p.replicas * p.gpusPerReplica, 0),
      energySavingPct: saving(e.yearly.energyKwh.central, baseline.yearly.energyKwh.central),
      co2eSavingPct: saving(e.yearly.co2eKg.central, baseline.yearly.co2eKg.central),
    };
  });
}

/** The full deployment estimate, with comparisons when `compare` options are given. */
export function estimateDeployment(input: DeploymentInput): DeploymentEstimate {
  const estimate = computeDeployment(resolveDeployment(input), input.draws, input.seed);
  if (input.compare && input.compare.length > 0)
    estimate.comparisons = compareDeployments(input, estimate, input.compare);
  return estimate;
}
