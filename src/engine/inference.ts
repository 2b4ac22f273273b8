import { peakFlopS, resolveHardware } from '../catalog/hardware.js';
import {
  ACCELERATOR_RESIDUALS,
  CACHE_COST_FRACTION,
  IDLE_FRACTION_OF_TDP,
  INFERENCE_HOST_OVERHEAD,
  KV_CACHE,
  kvBytesPerToken,
  LAYERS,
  layersFor,
  MOE_ROUTING,
  REQUEST_DEFAULTS,
  SERVING_ARCHITECTURE,
  SERVING_COEFFICIENTS,
  SERVING_MODEL_VARIANT,
  USABLE_MEMORY_FRACTION,
} from '../catalog/inference-defaults.js';
import { resolveModel } from '../catalog/models.js';
import type { HardwareEntry, ModelEntry, Range, Source } from '../catalog/types.js';
import { userError } from '../errors.js';
import { type Message, msg, render, renderAll } from '../messages/index.js';
import {
  computeInference,
  createInferenceOutput,
  type InferencePoint,
  memoryNeededBytes,
} from './inference-kernel.js';
import { saidSource, sourceOf } from './provenance.js';
import { mulberry32, quantileSelect, triangular } from './random.js';
import type { InferenceInput, ServingInput } from './schemas/inference.js';
import { acceleratorResidualRange } from './serving-range.js';
import { cite, resolveEmbodied, resolveSite } from './site.js';
import type { ResolvedInput } from './training.js';
import { empiricalInverse } from './uncertainty.js';
import { J_PER_KWH } from './units.js';

export { type InferenceInput, inferenceInputSchema } from './schemas/inference.js';

/** Recorded in every inference and deployment estimate: the version of the formulas and defaults. */
export const INFERENCE_METHODOLOGY_VERSION = 'inference-2026.5';

/** The uncertain inputs of the serving model, sampled by the Monte Carlo. */
export const UNCERTAIN_KEYS = [
  'acceleratorFactor',
  'hostOverhead',
  'pue',
  'cacheCostFraction',
  'intensityGPerKwh',
] as const;
export type UncertainKey = (typeof UNCERTAIN_KEYS)[number];

/** Token shape of a request. */
export interface RequestShape {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
}

/** An uncertain input's range; drawn from `logQuantiles` (of its log) where given, else triangular. */
export interface UncertainRange extends Range {
  logQuantiles?: readonly number[];
}

/** A resolved serving set-up: model, hardware, replica size, energy defaults and grid. */
export interface ServingScenario {
  /** Kernel input; its token fields are set per request shape. */
  point: InferencePoint;
  uncertain: Partial<Record<UncertainKey, UncertainRange>>;
  intensityGPerKwh: number;
  renewableShare?: number;
  inputs: Record<string, ResolvedInput>;
  notes: Message[];
  hardware: HardwareEntry;
  model?: ModelEntry;
  /** Manufacturing footprint of one accelerator per year of service, kg CO2e. */
  embodiedKgPerChipYear: Range;
}

const rangeOf = (r: Range): Range => ({ low: r.low, central: r.central, high: r.high });

/** What the resolver builds up as it goes: every input with its origin, the ranges and the notes. */
interface Resolving {
  input: ServingInput;
  inputs: Record<string, ResolvedInput>;
  notes: Message[];
  uncertain: ServingScenario['uncertain'];
  model?: ModelEntry;
  /** `catalog:<model id>`, the origin of figures taken from the model. */
  fromModel: string;
}

/** Where a deployment's defaults (hardware, model size) come from, when the user gives none. */
type ServingDefaults = { hardware?: string; params?: number; source?: string };

/**
 * Resolves model, hardware, replica size, defaults and grid into a serving scenario; every value
 * records its origin. `sizing` is the largest request the replica must hold (for the GPU count).
 */
export function resolveServing(
  input: ServingInput,
  sizing: RequestShape,
  defaults: ServingDefaults = {},
): ServingScenario {
  const model = input.model ? resolveModel(input.model) : undefined;
  const r: Resolving = {
    input,
    inputs: {},
    notes: [],
    uncertain: {},
    model,
    fromModel: `catalog:${model?.id}`,
  };
  const { inputs, notes, uncertain } = r;
  const { paramsTotal, paramsActive } = resolveServingParams(r, defaults);
  const { hardware, weightsBits, peak, idleW } = resolveServingHardware(r, defaults);
  const shape = resolveArchitecture(r, paramsTotal, paramsActive);
  const { source: coefficientsSource, ...coefficients } = SERVING_COEFFICIENTS;
  const point: InferencePoint = {
    paramsTotal,
    paramsActive,
    weightBytesPerParam: weightsBits / 8,
    kvBytesPerToken: shape.kvBytes,
    kvCopies: 1,
    stateBytesPerSequence: 0,
    sharedWeightCopies: 1,
    gpus: 1,
    layers: shape.layers,
    moeLayers: shape.moeLayers,
    expertShare: shape.expertShare,
    peakFlopS: peak,
    memoryBandwidthBytesS: hardware.memoryBandwidthTbS! * 1e12,
    tdpW: hardware.tdpW,
    idleW,
    batch: shape.batch,
    ...sizing,
    cacheCostFraction: CACHE_COST_FRACTION.central,
    ...coefficients,
    acceleratorFactor: 1,
    hostOverhead: INFERENCE_HOST_OVERHEAD.central,
    pue: 1,
  };
  point.gpus = replicaSize(point, hardware, input.gpus, inputs, notes);
  point.kvCopies = kvCopies(point.gpus, shape.kvHeads);
  if (point.kvCopies > 1) {
    inputs.kvCopies = {
      value: point.kvCopies,
      source: `derived:${point.gpus} GPUs / ${shape.kvHeads} key-value head(s) per layer (tensor parallelism keeps the cache on every GPU that holds its heads)`,
    };
  }
  for (const [key, value] of Object.entries(coefficients))
    inputs[key] = { value, source: `default:${cite(coefficientsSource)}` };
  resolveEnergyRanges(r, point, sizing);
  const intensityGPerKwh = resolveServingSite(r, point);

  const embodied = resolveEmbodied(hardware);
  const embodiedKgPerChipYear = embodied.perChipYearKg;
  inputs.embodiedKgCo2ePerChip = { value: embodied.perChipKg, source: embodied.source };
  inputs.serviceLifeYears = { value: embodied.serviceLifeYears, source: embodied.serviceLifeSource };

  return {
    point,
    uncertain,
    intensityGPerKwh,
    renewableShare: input.renewableShare,
    inputs,
    notes,
    hardware,
    model,
    embodiedKgPerChipYear,
  };
}

/** Total and active parameters: the user's, the catalog model's, then the deployment's default. */
function resolveServingParams(r: Resolving, defaults: ServingDefaults) {
  const { input, model, inputs, fromModel } = r;
  let paramsTotal: number;
  if (input.params !== undefined) {
    paramsTotal = input.params;
    inputs.params = { value: paramsTotal, source: 'user' };
  } else if (model) {
    paramsTotal = model.paramsTotal;
    inputs.params = { value: paramsTotal, source: fromModel };
  } else if (defaults.params !== undefined) {
    paramsTotal = defaults.params;
    inputs.params = { value: paramsTotal, source: defaults.source ?? 'default' };
  } else {
    throw userError('missing', 'model', 'inference.modelNeeded', {
      paramsField: 'params',
      accepted: msg('inference.acceptedModel', { field: 'model', paramsField: 'params' }),
    });
  }
  let paramsActive = paramsTotal;
  if (input.activeParams !== undefined) {
    paramsActive = input.activeParams;
    inputs.activeParams = { value: paramsActive, source: 'user' };
  } else if (model && input.params === undefined && model.paramsActive < model.paramsTotal) {
    paramsActive = model.paramsActive;
    inputs.activeParams = { value: paramsActive, source: fromModel };
  }
  if (paramsActive > paramsTotal) {
    throw userError('conflict', 'activeParams', 'engine.activeExceeds', {
      value: paramsActive,
      paramsField: 'params',
      params: paramsTotal,
      accepted: msg('engine.acceptedActive'),
    });
  }
  return { paramsTotal, paramsActive };
}

/** The accelerator and what decode needs of it: memory bandwidth, peak FLOP/s at the weights' precision, idle power. */
function resolveServingHardware(r: Resolving, defaults: ServingDefaults) {
  const { input, inputs } = r;
  const hardwareName = input.hardware ?? defaults.hardware;
  if (hardwareName === undefined) {
    throw userError('missing', 'hardware', 'inference.hardwareNeeded', {
      accepted: msg('inference.acceptedHardware'),
    });
  }
  const resolved = resolveHardware(hardwareName, 'hardware');
  const hardware = resolved.entry;
  if (resolved.noteMessage) r.notes.push(resolved.noteMessage);
  inputs.hardware = { value: hardware.id, source: input.hardware ? 'user' : (defaults.source ?? 'default') };
  if (!hardware.memoryBandwidthTbS) {
    throw userError('missing', 'hardware', 'inference.noBandwidth', {
      value: hardware.id,
      accepted: msg('inference.acceptedBandwidth'),
    });
  }

  const weightsBits = input.weightsBits ?? REQUEST_DEFAULTS.weightsBits.value;
  inputs.weightsBits =
    input.weightsBits !== undefined
      ? { value: weightsBits, source: 'user' }
      : { value: weightsBits, source: `default:${cite(REQUEST_DEFAULTS.weightsBits.source)}` };
  // 8-bit weights usually mean FP8 arithmetic (W8A8); lower widths are weight-only: BF16 arithmetic.
  const precision = weightsBits === 8 && hardware.peakTflops.fp8 ? 'fp8' : undefined;
  const peak = peakFlopS(hardware, precision);
  if (!Number.isFinite(peak) || peak <= 0) {
    throw userError('missing', 'hardware', 'engine.noPeak', {
      value: hardware.id,
      accepted: msg('engine.acceptedPeak'),
    });
  }
  inputs.peakFlopS = precision
    ? { value: peak, source: `catalog:${hardware.id}:${precision}` }
    : { value: peak, ...saidSource('source.defaultPrecision', { hardware: hardware.id }) };
  inputs.memoryBandwidthTbS = { value: hardware.memoryBandwidthTbS, source: `catalog:${hardware.id}` };
  inputs.tdpW = { value: hardware.tdpW, source: `catalog:${hardware.id}` };
  const idleW = hardware.idleW ?? hardware.tdpW * IDLE_FRACTION_OF_TDP.value;
  inputs.idleW =
    hardware.idleW !== undefined
      ? { value: idleW, source: `catalog:${hardware.id}` }
      : { value: idleW, source: `default:${cite(IDLE_FRACTION_OF_TDP.source)}` };
  return { hardware, weightsBits, peak, idleW };
}

/** KV-cache bytes per token, batch, layers and the experts' share: the published architecture where known. */
function resolveArchitecture(r: Resolving, paramsTotal: number, paramsActive: number) {
  const { input, model, inputs, fromModel } = r;
  // A catalog model taken as it is: its published architecture, where known.
  const architecture = model && input.params === undefined ? SERVING_ARCHITECTURE[model.id] : undefined;
  let kvBytes: number;
  if (input.kvBytesPerToken !== undefined) {
    kvBytes = input.kvBytesPerToken;
    inputs.kvBytesPerToken = { value: kvBytes, source: 'user' };
  } else if (architecture) {
    kvBytes = architecture.kvBytesPerToken;
    inputs.kvBytesPerToken = { value: kvBytes, source: `${fromModel}; ${cite(architecture.source)}` };
  } else {
    const attention = model && model.year < KV_CACHE.gqaFromYear ? 'mha' : 'gqa';
    kvBytes = kvBytesPerToken(paramsActive, attention);
    const source = attention === 'gqa' ? KV_CACHE.gqa.source : KV_CACHE.mha.source;
    inputs.kvBytesPerToken = {
      value: Math.round(kvBytes),
      ...saidSource('source.kvEstimate', { attention }, `; ${cite(source)}`),
    };
  }

  const batch = input.batch ?? REQUEST_DEFAULTS.batch.value;
  inputs.batch =
    input.batch !== undefined
      ? { value: batch, source: 'user' }
      : { value: batch, source: `default:${cite(REQUEST_DEFAULTS.batch.source)}` };

  const layers = architecture?.layers ?? layersFor(paramsTotal, paramsActive);
  inputs.layers = architecture
    ? { value: layers, source: `${fromModel}; ${cite(architecture.source)}` }
    : { value: layers, ...saidSource('source.layersEstimate', {}, `; ${cite(LAYERS.source)}`) };
  const routing = model && input.params === undefined ? MOE_ROUTING[model.id] : undefined;
  const expertShare = routing ? routing.active / routing.experts : paramsActive / paramsTotal;
  const moeLayers = paramsActive < paramsTotal ? (architecture?.moeLayers ?? layers) : 0;
  if (paramsActive < paramsTotal) {
    inputs.expertShare = routing
      ? { value: expertShare, source: `${fromModel}; ${cite(routing.source)}` }
      : { value: expertShare, ...saidSource('source.expertShare') };
  }
  // Key-value heads only where published (and the user gave no cache size of their own).
  const kvHeads = input.kvBytesPerToken === undefined ? architecture?.kvHeads : undefined;
  return { kvBytes, batch, layers, moeLayers, expertShare, kvHeads };
}

/**
 * Copies of the KV cache a tensor-parallel replica of `gpus` accelerators keeps: the heads are split
 * over the accelerators, so with fewer key-value heads than accelerators each head sits on several
 * (a latent-attention cache, one head, on all). Only with the served-memory refinement, and only
 * where the heads are known.
 */
export function kvCopies(gpus: number, kvHeads: number | undefined): number {
  if (!SERVING_MODEL_VARIANT.servedMemory || kvHeads === undefined) return 1;
  return Math.max(1, gpus / kvHeads);
}

/** The ranges of the energy model: the accelerator's residual factor, host overhead and cached-input cost. */
function resolveEnergyRanges(r: Resolving, point: InferencePoint, sizing: RequestShape): void {
  const { input, inputs } = r;
  const ranged = (key: UncertainKey, field: string, range: typeof INFERENCE_HOST_OVERHEAD) => {
    r.uncertain[key] = rangeOf(range);
    inputs[field] = { value: rangeOf(range), source: `default:${cite(range.source)}` };
  };
  // The model's own error, as wide as set-ups like this one missed on families the fit never saw.
  const own = acceleratorResidualRange({
    moe: point.paramsActive < point.paramsTotal,
    gpus: point.gpus,
    batch: point.batch,
  });
  ranged('acceleratorFactor', 'acceleratorFactor', {
    low: Math.exp(own.low),
    central: 1,
    high: Math.exp(own.high),
    source: ACCELERATOR_RESIDUALS.source,
  });
  r.uncertain.acceleratorFactor!.logQuantiles = own.quantiles;
  ranged('hostOverhead', 'hostOverhead', INFERENCE_HOST_OVERHEAD);
  if (input.cacheCostFraction !== undefined) {
    point.cacheCostFraction = input.cacheCostFraction;
    inputs.cacheCostFraction = { value: input.cacheCostFraction, source: 'user' };
  } else if (sizing.cachedInputTokens > 0) {
    ranged('cacheCostFraction', 'cacheCostFraction', CACHE_COST_FRACTION);
  }
}

/** The site's PUE (into the point) and grid intensity (returned, location-based). */
function resolveServingSite(r: Resolving, point: InferencePoint): number {
  const { input, inputs, uncertain } = r;
  const site = resolveSite({
    location: input.location,
    pue: input.pue,
    gridIntensity: input.gridIntensity,
    renewableShare: input.renewableShare,
  });
  r.notes.push(...site.noteMessages);
  if (site.location) inputs.location = { value: site.location.id, source: 'user' };
  point.pue = site.pue.value;
  if (site.pue.range) uncertain.pue = site.pue.range;
  inputs.pue = { value: site.pue.range ?? site.pue.value, ...sourceOf(site.pue) };
  const intensityGPerKwh = site.intensityGPerKwh.value;
  if (site.intensityGPerKwh.range) uncertain.intensityGPerKwh = site.intensityGPerKwh.range;
  inputs.gridIntensity = {
    value: site.intensityGPerKwh.range ?? intensityGPerKwh,
    ...sourceOf(site.intensityGPerKwh),
  };
  if (input.renewableShare !== undefined)
    inputs.renewableShare = { value: input.renewableShare, source: 'user' };
  return intensityGPerKwh;
}

/** Accelerators per replica: given, or the fewest (a power of two, as tensor parallelism needs) that hold weights and KV cache. */
function replicaSize(
  p: InferencePoint,
  hardware: HardwareEntry,
  given: number | undefined,
  inputs: Record<string, ResolvedInput>,
  notes: Message[],
): number {
  const weightBytes = p.paramsTotal * p.weightBytesPerParam;
  const needed = memoryNeededBytes(p);
  const gb = (bytes: number) => Math.round(bytes / 1e8) / 10;
  if (!hardware.memoryGb) {
    if (given === undefined) {
      throw userError('missing', 'gpus', 'inference.gpusNeeded', {
        hardware: hardware.id,
        accepted: msg('engine.integerAtLeast1'),
      });
    }
    inputs.gpus = { value: given, source: 'user' };
    return given;
  }
  const usable = hardware.memoryGb * 1e9 * USABLE_MEMORY_FRACTION.value;
  if (given !== undefined) {
    if (weightBytes > given * hardware.memoryGb * 1e9) {
      const needed = Math.ceil(weightBytes / (hardware.memoryGb * 1e9));
      throw userError('conflict', 'gpus', 'inference.weightsDoNotFit', {
        value: given,
        weights: gb(weightBytes),
        memoryGb: hardware.memoryGb,
        hardware: hardware.id,
        needed,
        bitsField: 'weightsBits',
        accepted: msg('inference.acceptedGpus', { needed, bitsField: 'weightsBits' }),
      });
    }
    if (needed > given * usable) {
      notes.push(
        msg('note.kvCache', {
          batch: p.batch,
          gpus: given,
          memoryGb: hardware.memoryGb,
          batchField: 'batch',
          gpusField: 'gpus',
        }),
      );
    }
    inputs.gpus = { value: given, source: 'user' };
    return given;
  }
  let gpus = 1;
  while (gpus * usable < needed) gpus *= 2;
  inputs.gpus = {
    value: gpus,
    ...saidSource(
      'source.gpusFromMemory',
      {
        weights: gb(weightBytes),
        kv: gb(needed - weightBytes),
        memoryGb: hardware.memoryGb,
        fraction: USABLE_MEMORY_FRACTION.value,
      },
      `; ${cite(USABLE_MEMORY_FRACTION.source)}`,
    ),
  };
  return gpus;
}

/** Returns a copy of the scenario's kernel point with one request shape. */
export function pointFor(scenario: ServingScenario, shape: RequestShape): InferencePoint {
  return { ...scenario.point, ...shape };
}

/**
 * Seeded Monte Carlo over a scenario's uncertain inputs: `evaluate` turns one draw of the inputs
 * into a vector of outputs; returns their 5th and 95th percentiles.
 */
export function monteCarlo(
  uncertain: Partial<Record<UncertainKey, UncertainRange>>,
  draws: number,
  seed: number,
  outputs: number,
  evaluate: (values: Record<UncertainKey, number>, out: Float64Array) => void,
): { low: number; high: number }[] {
  const random = mulberry32(seed);
  const samples = Array.from({ length: outputs }, () => new Float64Array(draws));
  const values = {} as Record<UncertainKey, number>;
  for (const key of UNCERTAIN_KEYS) values[key] = uncertain[key]?.central ?? Number.NaN;
  const active = UNCERTAIN_KEYS.filter((k) => uncertain[k] !== undefined);
  const out = new Float64Array(outputs);
  for (let i = 0; i < draws; i++) {
    for (const key of active) {
      const u = uncertain[key]!;
      // The model's own error: drawn from its out-of-sample residuals, not from a shape assumed for it.
      values[key] = u.logQuantiles
        ? Math.exp(empiricalInverse(u.logQuantiles, random()))
        : triangular(random(), u.low, u.central, u.high);
    }
    evaluate(values, out);
    for (let k = 0; k < outputs; k++) samples[k][i] = out[k];
  }
  return samples.map((s) => ({ low: quantileSelect(s, 0.05), high: quantileSelect(s, 0.95) }));
}

/** Applies one Monte Carlo draw to a kernel point (the intensity is applied by the caller). */
const POINT_KEYS = UNCERTAIN_KEYS.filter((k) => k !== 'intensityGPerKwh') as Exclude<
  UncertainKey,
  'intensityGPerKwh'
>[];
export function applyDraw(point: InferencePoint, values: Record<UncertainKey, number>): void {
  for (const key of POINT_KEYS) if (!Number.isNaN(values[key])) point[key] = values[key];
}

export const withCentral = (r: { low: number; high: number }, central: number): Range => ({
  low: Math.min(r.low, central),
  central,
  high: Math.max(r.high, central),
});

/**
 * An accelerator figure's range: the Monte Carlo's, widened where needed to the conformal interval
 * of the model's out-of-sample errors (`factor`, which sampling only approaches as the draws grow).
 */
export const atLeastConformal = (
  r: { low: number; high: number },
  central: number,
  factor: Range,
): Range => ({
  low: Math.min(r.low, central * factor.low),
  central,
  high: Math.max(r.high, central * factor.high),
});

export interface InferenceEstimate {
  perRequestWh: Range;
  perRequestBreakdownWh: { accelerator: Range; host: Range; facility: Range; boundary: string };
  /** Accelerator energy per output token, J (the unit of GPU-only leaderboards). */
  perOutputTokenJ: Range;
  requests: number;
  energyKwh: Range;
  co2eKg: Range;
  co2eMarketKg?: Range;
  /** Manufacturing footprint of the accelerators, by the chip-time the requests occupy. */
  embodiedCo2eKg: Range;
  performance: {
    gpus: number;
    regime: 'memory-bound' | 'compute-bound';
    prefillS: number;
    decodeStepS: number;
    /** Output tokens per second of one replica at the configured batch. */
    replicaTokensPerS: number;
    acceleratorPowerW: { prefill: number; decode: number };
  };
  inputs: Record<string, ResolvedInput>;
  /** What the reader should know, in English (CLI flags named); `noteMessages` says it in any language. */
  notes: string[];
  noteMessages: Message[];
  methodologyVersion: string;
}

const DEFAULT_DRAWS = 2000;
const DEFAULT_SEED = 42;

function requestShape(input: InferenceInput): {
  shape: RequestShape;
  sources: Record<string, ResolvedInput>;
} {
  const pick = (field: 'inputTokens' | 'outputTokens', d: { value: number; source: Source }) =>
    input[field] !== undefined
      ? { value: input[field], source: 'user' }
      : { value: d.value, source: `default:${cite(d.source)}` };
  const inputTokens = pick('inputTokens', REQUEST_DEFAULTS.inputTokens);
  const outputTokens = pick('outputTokens', REQUEST_DEFAULTS.outputTokens);
  const sources: Record<string, ResolvedInput> = { inputTokens, outputTokens };
  if (input.cachedInputTokens !== undefined)
    sources.cachedInputTokens = { value: input.cachedInputTokens, source: 'user' };
  return {
    shape: {
      inputTokens: inputTokens.value,
      cachedInputTokens: input.cachedInputTokens ?? 0,
      outputTokens: outputTokens.value,
    },
    sources,
  };
}

/** Energy and emissions of serving requests of one shape: central values and a seeded Monte Carlo range. */
export function estimateInference(input: InferenceInput): InferenceEstimate {
  const { shape, sources } = requestShape(input);
  if (shape.outputTokens === 0 && shape.inputTokens === 0 && shape.cachedInputTokens === 0) {
    throw userError('out_of_range', 'outputTokens', 'inference.noTokens', {
      value: 0,
      accepted: msg('engine.integerAtLeast1'),
    });
  }
  const scenario = resolveServing(input, shape);
  const requests = input.requests ?? REQUEST_DEFAULTS.requests.value;
  const inputs: Record<string, ResolvedInput> = {
    ...scenario.inputs,
    ...sources,
    requests:
      input.requests !== undefined
        ? { value: requests, source: 'user' }
        : { value: requests, source: `default:${cite(REQUEST_DEFAULTS.requests.source)}` },
  };
  const point = pointFor(scenario, shape);
  const central = computeInference(point, createInferenceOutput());
  const outputTokens = Math.max(1, shape.outputTokens);
  const share = 1 - (scenario.renewableShare ?? 0);
  const chipYears = (central.replicaS * point.gpus) / (365 * 86_400);

  // Outputs: per-request Wh, J per output token, kg CO2e per request, then accelerator, host and facility Wh.
  const draw = { ...point };
  const out = createInferenceOutput();
  const ranges = monteCarlo(
    scenario.uncertain,
    input.draws ?? DEFAULT_DRAWS,
    input.seed ?? DEFAULT_SEED,
    6,
    (values, o) => {
      applyDraw(draw, values);
      computeInference(draw, out);
      const intensity = Number.isNaN(values.intensityGPerKwh)
        ? scenario.intensityGPerKwh
        : values.intensityGPerKwh;
      o[0] = out.totalJ / 3600;
      o[1] = out.acceleratorJ / outputTokens;
      o[2] = (out.totalJ / (J_PER_KWH * 1000)) * intensity;
      o[3] = out.acceleratorJ / 3600;
      o[4] = out.hostJ / 3600;
      o[5] = out.facilityJ / 3600;
    },
  );
  const perRequestWh = withCentral(ranges[0], central.totalJ / 3600);
  const co2PerRequest = withCentral(
    ranges[2],
    (central.totalJ / (J_PER_KWH * 1000)) * scenario.intensityGPerKwh,
  );
  const scale = (r: Range, k: number): Range => ({
    low: r.low * k,
    central: r.central * k,
    high: r.high * k,
  });
  const embodied = scenario.embodiedKgPerChipYear;
  const factor = scenario.uncertain.acceleratorFactor!;

  const estimate: InferenceEstimate = {
    perRequestWh,
    perRequestBreakdownWh: {
      accelerator: atLeastConformal(ranges[3], central.acceleratorJ / 3600, factor),
      host: withCentral(ranges[4], central.hostJ / 3600),
      facility: withCentral(ranges[5], central.facilityJ / 3600),
      boundary: render(msg('note.boundary')),
    },
    perOutputTokenJ: atLeastConformal(ranges[1], central.acceleratorJ / outputTokens, factor),
    requests,
    energyKwh: scale(perRequestWh, requests / 1000),
    co2eKg: scale(co2PerRequest, requests),
    embodiedCo2eKg: scale(embodied, chipYears * requests),
    performance: {
      gpus: point.gpus,
      regime: central.decodeComputeShare >= 1 ? 'compute-bound' : 'memory-bound',
      prefillS: central.prefillS,
      decodeStepS: central.decodeStepS,
      replicaTokensPerS: point.batch / central.decodeStepS,
      acceleratorPowerW: {
        prefill: central.prefillPowerW * point.gpus,
        decode: central.decodePowerW * point.gpus,
      },
    },
    inputs,
    notes: renderAll(scenario.notes),
    noteMessages: scenario.notes,
    methodologyVersion: INFERENCE_METHODOLOGY_VERSION,
  };
  if (scenario.renewableShare !== undefined) estimate.co2eMarketKg = scale(estimate.co2eKg, share);
  return estimate;
}

/** Central footprint of one request, for per-call accounting (client wrappers, logs). */
export interface RequestFootprint {
  energyWh: number;
  co2eG: number;
  acceleratorWh: number;
  hostWh: number;
  facilityWh: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  hardware: string;
  gpus: number;
  intensityGPerKwh: number;
  methodologyVersion: string;
}

/**
 * Resolves a serving set-up once and returns a fast function from token counts to a central
 * footprint (no Monte Carlo): the replica is sized for `sizing`, the largest request expected.
 */
export function createRequestEstimator(
  input: ServingInput,
  sizing: RequestShape = { inputTokens: 4000, cachedInputTokens: 0, outputTokens: 1000 },
): (shape: RequestShape) => RequestFootprint {
  const scenario = resolveServing(input, sizing);
  const point = { ...scenario.point };
  const out = createInferenceOutput();
  return (shape) => {
    Object.assign(point, shape);
    computeInference(point, out);
    const energyWh = out.totalJ / 3600;
    return {
      energyWh,
      co2eG: (energyWh / 1000) * scenario.intensityGPerKwh,
      acceleratorWh: out.acceleratorJ / 3600,
      hostWh: out.hostJ / 3600,
      facilityWh: out.facilityJ / 3600,
      ...shape,
      hardware: scenario.hardware.id,
      gpus: point.gpus,
      intensityGPerKwh: scenario.intensityGPerKwh,
      methodologyVersion: INFERENCE_METHODOLOGY_VERSION,
    };
  };
}
