/**
 * Green Software Foundation Impact Framework plugin (the `empreinte/if` subpath).
 *
 * IF (`@grnsft/if`, `if-run`) loads a plugin as `require(path)[method]` and calls it with the
 * manifest's `config`, `parameter-metadata` and `mapping`; the result is `{ metadata, execute }`,
 * `execute(inputs)` taking and returning arrays of observations (`timestamp`, `duration`, ...),
 * each output the input plus the plugin's parameters (if-core `PluginFactory`, src/interfaces).
 * Units follow IF's parameter list (if, src/config/params.ts): `energy` in kWh, `carbon`,
 * `carbon-operational` and `carbon-embodied` in gCO2e, `grid/carbon-intensity` in gCO2e/kWh,
 * `duration` in seconds.
 *
 * One boundary for every observation, so that IF's tree can sum them: the output `energy` is the
 * facility's (IT × PUE), as IF's own `sci-o` expects when it multiplies energy by intensity.
 *
 * Each observation is one of:
 *   - measured:  `energy` (kWh at the machines, as `empreinte run` measures) [+ `grid/carbon-intensity`
 *       | `location`] [+ `pue`]: the output `energy` is energy × PUE (1 unless given), and
 *       carbon-operational = that × intensity
 *   - training:  `model` | `params` + `tokens`, or `hardware` + `chips` over the observation's
 *       `duration` (chip-hours = chips × duration / 3600), or `chip-hours`; + `location`, `pue`...
 *   - inference: `requests` with `input-tokens` / `output-tokens`, `model` | `params`, `hardware`
 * Estimates output their central value (`energy`, `carbon-*`) and the range as `energy/low`,
 * `energy/high` (kWh). Plugin `config` gives defaults for every observation (`mode`, `location`,
 * `hardware`...); an observation's own values win.
 */
import { resolveLocation } from '../catalog/locations.js';
import { estimateInference } from '../engine/inference.js';
import { parseInput } from '../engine/schemas/common.js';
import { inferenceInputSchema } from '../engine/schemas/inference.js';
import { trainingInputSchema } from '../engine/schemas/training.js';
import { estimateTraining } from '../engine/training.js';
import { HOUR_S, parseQuantity } from '../engine/units.js';
import { EmpreinteError, renderIssue, userError } from '../errors.js';
import { msg, render } from '../messages/index.js';

export type PluginParams = Record<string, unknown>;

interface ParameterMetadata {
  description: string;
  unit: string;
  'aggregation-method': { time: 'sum' | 'avg' | 'copy' | 'none'; component: 'sum' | 'avg' | 'copy' | 'none' };
}

export interface PluginInterface {
  metadata: {
    kind: 'execute';
    inputs: Record<string, ParameterMetadata>;
    outputs: Record<string, ParameterMetadata>;
  };
  execute(inputs: PluginParams[], config?: PluginParams): Promise<PluginParams[]>;
}

const sum = { time: 'sum', component: 'sum' } as const;
const avg = { time: 'avg', component: 'avg' } as const;
const none = { time: 'none', component: 'none' } as const;

export const METADATA: PluginInterface['metadata'] = {
  kind: 'execute',
  inputs: {
    energy: {
      description: 'energy used at the machines (IT), measured (e.g. by `empreinte run`)',
      unit: 'kWh',
      'aggregation-method': sum,
    },
    'grid/carbon-intensity': {
      description: 'carbon intensity of the grid',
      unit: 'gCO2e/kWh',
      'aggregation-method': avg,
    },
    location: {
      description: 'grid location: country code, grid zone or cloud region (empreinte ids)',
      unit: 'none',
      'aggregation-method': none,
    },
    pue: {
      description: 'power usage effectiveness of the data centre',
      unit: 'none',
      'aggregation-method': avg,
    },
    model: { description: 'model id of the empreinte catalog', unit: 'none', 'aggregation-method': none },
    params: { description: 'model parameters', unit: 'count', 'aggregation-method': none },
    tokens: { description: 'training tokens', unit: 'count', 'aggregation-method': sum },
    hardware: {
      description: 'accelerator id of the empreinte catalog',
      unit: 'none',
      'aggregation-method': none,
    },
    chips: { description: 'accelerators in use', unit: 'count', 'aggregation-method': none },
    'chip-hours': { description: 'accelerator time', unit: 'hours', 'aggregation-method': sum },
    requests: { description: 'inference requests', unit: 'count', 'aggregation-method': sum },
    'input-tokens': { description: 'input tokens per request', unit: 'count', 'aggregation-method': avg },
    'output-tokens': { description: 'output tokens per request', unit: 'count', 'aggregation-method': avg },
  },
  outputs: {
    energy: {
      description: 'energy at the facility (IT × PUE), estimated or measured',
      unit: 'kWh',
      'aggregation-method': sum,
    },
    'energy/low': {
      description: 'low end of the energy range (5th percentile)',
      unit: 'kWh',
      'aggregation-method': sum,
    },
    'energy/high': {
      description: 'high end of the energy range (95th percentile)',
      unit: 'kWh',
      'aggregation-method': sum,
    },
    'carbon-operational': {
      description: 'operational emissions, location-based',
      unit: 'gCO2e',
      'aggregation-method': sum,
    },
    'carbon-embodied': {
      description: 'manufacturing emissions of the hardware, amortised over its use',
      unit: 'gCO2e',
      'aggregation-method': sum,
    },
    carbon: { description: 'operational plus embodied emissions', unit: 'gCO2e', 'aggregation-method': sum },
  },
};

/** kebab-case observation keys → the camelCase inputs of the estimators. */
const TRAINING_KEYS: Record<string, string> = {
  model: 'model',
  params: 'params',
  'active-params': 'activeParams',
  tokens: 'tokens',
  hardware: 'hardware',
  precision: 'precision',
  chips: 'chips',
  'chip-hours': 'chipHours',
  days: 'days',
  mfu: 'mfu',
  'power-w': 'powerW',
  pue: 'pue',
  location: 'location',
  'grid/carbon-intensity': 'gridIntensity',
  'renewable-share': 'renewableShare',
  seed: 'seed',
};
const INFERENCE_KEYS: Record<string, string> = {
  model: 'model',
  params: 'params',
  'active-params': 'activeParams',
  hardware: 'hardware',
  gpus: 'gpus',
  batch: 'batch',
  'weights-bits': 'weightsBits',
  'input-tokens': 'inputTokens',
  'cached-input-tokens': 'cachedInputTokens',
  'output-tokens': 'outputTokens',
  requests: 'requests',
  pue: 'pue',
  location: 'location',
  'grid/carbon-intensity': 'gridIntensity',
  'renewable-share': 'renewableShare',
  seed: 'seed',
};

/** The estimators' field (`gridIntensity`) or CLI flag (`grid-intensity`) → the IF parameter. */
const IF_FIELDS = new Map<string, string>();
for (const [ifKey, field] of [...Object.entries(TRAINING_KEYS), ...Object.entries(INFERENCE_KEYS)]) {
  IF_FIELDS.set(field, ifKey);
  IF_FIELDS.set(
    field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
    ifKey,
  );
}
const ifField = (name: string) => IF_FIELDS.get(name) ?? name;
/** Issues without a message key name CLI flags (`--params: ...`): name IF's parameters instead. */
const inIfTerms = (message: string) =>
  message.replace(/--([a-z][a-z-]*)/g, (_, flag: string) => ifField(flag));

const MODES = ['measured', 'training', 'inference'] as const;
type Mode = (typeof MODES)[number];

function modeOf(o: PluginParams): Mode {
  if (o.mode !== undefined) {
    if (!(MODES as readonly unknown[]).includes(o.mode)) {
      throw userError('invalid_value', 'mode', 'if.mode', {
        value: String(o.mode),
        accepted: MODES.join(', '),
      });
    }
    return o.mode as Mode;
  }
  if (o.energy !== undefined) return 'measured';
  if (o.requests !== undefined || o['output-tokens'] !== undefined) return 'inference';
  return 'training';
}

function pick(o: PluginParams, keys: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [from, to] of Object.entries(keys))
    if (o[from] !== undefined && o[from] !== null) out[to] = o[from];
  return out;
}

const G_PER_KG = 1000;

/** The plugin's parameters for one observation (config defaults already merged in). */
export function footprintOf(o: PluginParams): PluginParams {
  const mode = modeOf(o);
  if (mode === 'measured') {
    const energy = parseQuantity(o.energy as number | string, 'energy', { min: 0 });
    const pue = o.pue === undefined ? 1 : parseQuantity(o.pue as number | string, 'pue', { min: 1, max: 5 });
    const intensity =
      o['grid/carbon-intensity'] !== undefined
        ? parseQuantity(o['grid/carbon-intensity'] as number | string, 'grid/carbon-intensity', {
            min: 0,
            max: 2000,
          })
        : resolveLocation(String(o.location ?? 'world'), 'location').intensityGPerKwh;
    const operational = energy * pue * intensity;
    return { energy: energy * pue, 'carbon-operational': operational, carbon: operational };
  }
  if (mode === 'inference') {
    const e = estimateInference(parseInput(inferenceInputSchema, pick(o, INFERENCE_KEYS)));
    return output(e.energyKwh, e.co2eKg.central, e.embodiedCo2eKg.central);
  }
  const input = pick(o, TRAINING_KEYS);
  // A cluster observed over time: its chip-hours are the observation's duration.
  const sized = input.params !== undefined || input.model !== undefined || input.tokens !== undefined;
  if (!sized && input.chipHours === undefined && input.days === undefined && o.duration !== undefined) {
    const seconds = parseQuantity(o.duration as number | string, 'duration', { min: 0, exclusiveMin: true });
    const chips =
      input.chips === undefined ? 1 : parseQuantity(input.chips as number | string, 'chips', { min: 1 });
    input.chipHours = (chips * seconds) / HOUR_S;
    delete input.chips;
  }
  const e = estimateTraining(parseInput(trainingInputSchema, input));
  return output(e.energyKwh, e.co2eKg.central, e.embodiedCo2eKg.central);
}

function output(
  energy: { low: number; central: number; high: number },
  co2eKg: number,
  embodiedKg: number,
): PluginParams {
  return {
    energy: energy.central,
    'energy/low': energy.low,
    'energy/high': energy.high,
    'carbon-operational': co2eKg * G_PER_KG,
    'carbon-embodied': embodiedKg * G_PER_KG,
    carbon: (co2eKg + embodiedKg) * G_PER_KG,
  };
}

/**
 * The plugin, as IF calls it: `EmpreinteFootprint(config, parameterMetadata, mapping)`.
 * `mapping` renames parameters (`{ energy: 'cpu/energy' }` reads and writes `cpu/energy`).
 */
export function EmpreinteFootprint(
  config: PluginParams = {},
  parametersMetadata?: {
    inputs?: PluginInterface['metadata']['inputs'];
    outputs?: PluginInterface['metadata']['outputs'];
  },
  mapping: Record<string, string> = {},
): PluginInterface {
  return {
    metadata: {
      kind: 'execute',
      inputs: { ...METADATA.inputs, ...parametersMetadata?.inputs },
      outputs: parametersMetadata?.outputs ?? METADATA.outputs,
    },
    async execute(inputs: PluginParams[], override?: PluginParams) {
      return inputs.map((input, index) => {
        const observation: PluginParams = { ...(config ?? {}), ...(override ?? {}), ...input };
        for (const [ours, theirs] of Object.entries(mapping ?? {})) {
          if (input[theirs] !== undefined) observation[ours] = input[theirs];
        }
        let result: PluginParams;
        try {
          result = footprintOf(observation);
        } catch (error) {
          if (error instanceof EmpreinteError) {
            throw new EmpreinteError(
              error.issues.map(({ key: _key, params: _params, ...i }) => {
                const field = ifField(String(i.path[0] ?? ''));
                // A sentence of its own, in IF's terms: it no longer renders from the message key.
                const text = renderIssue({ ...i, key: _key, params: _params }, 'en', 'flag');
                return {
                  ...i,
                  path: [field, ...i.path.slice(1)],
                  message: render(msg('if.input', { index, text: inIfTerms(text) })),
                };
              }),
            );
          }
          throw error;
        }
        const renamed = Object.fromEntries(Object.entries(result).map(([k, v]) => [mapping?.[k] ?? k, v]));
        return { ...input, ...renamed };
      });
    },
  };
}
