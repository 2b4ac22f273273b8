import { TARGET_PEAK_UTILISATION, TRAINING_AMORTISATION_YEARS } from '../catalog/inference-defaults.js';
import type { Range, Source } from '../catalog/types.js';
import { userError } from '../errors.js';
import { type Message, msg, render, renderAll } from '../messages/index.js';
import {
  applyDraw,
  INFERENCE_METHODOLOGY_VERSION,
  monteCarlo,
  pointFor,
  type RequestShape,
  resolveServing,
  type ServingScenario,
  withCentral,
} from './inference.js';
import {
  computeInference,
  createInferenceOutput,
  type InferenceOutput,
  type InferencePoint,
} from './inference-kernel.js';
import {
  type Conversation,
  CUSTOMER_SERVICE,
  conversationRequests,
  hourlyShares,
  PROFILES,
} from './presets.js';
import type { DeploymentInput, ServingInput } from './schemas/inference.js';
import { cite, type ResolvedInput } from './training.js';
import { HOUR_S, J_PER_KWH } from './units.js';

export { type DeploymentInput, deploymentInputSchema } from './schemas/inference.js';

/**
 * A service over time: requests arrive by the hour along a daily profile; replicas are provisioned
 * for the busiest hour and draw idle power when they wait. A continuously batching replica keeps
 * stepping while any request is in flight, so each hour it runs the smallest batch b whose
 * throughput matches the arrivals (λ · time per request at batch b = 1), at least 1 and at most the
 * configured batch; below one request in flight it idles part of the hour. A quiet service thus
 * both batches less and idles more. Yearly totals are 365 identical days.
 */

export interface Pool {
  label: string;
  scenario: ServingScenario;
  /** Share of the model-bound traffic this pool serves. */
  share: number;
  replicas: number;
  replicasSource: string;
}

export interface DeploymentScenario {
  pools: Pool[];
  /** Request shapes, equally frequent (the turns of a conversation, or one shape). */
  classes: RequestShape[];
  requestsPerDay: number;
  conversationsPerDay?: number;
  responseCacheHitRate: number;
  hourShares: number[];
  intensityGPerKwh: number;
  renewableShare?: number;
  uncertain: ServingScenario['uncertain'];
  inputs: Record<string, ResolvedInput>;
  notes: Message[];
  training?: { co2eKg: number; source: string; lifetimeYears: number; lifetimeSource: string };
}

/** Energy of one pool over one day, J, by part. */
interface DayEnergy {
  activeJ: number;
  idleJ: number;
  hostJ: number;
  facilityJ: number;
}

const DAYS_PER_YEAR = 365;
const FIXED_POINT_ITERATIONS = 8;

function meanOver(point: InferencePoint, classes: RequestShape[], batch: number, out: InferenceOutput) {
  let prefillS = 0;
  let decodeS = 0;
  let acceleratorJ = 0;
  for (const c of classes) {
    point.inputTokens = c.inputTokens;
    point.cachedInputTokens = c.cachedInputTokens;
    point.outputTokens = c.outputTokens;
    computeInference(point, out, batch);
    prefillS += out.prefillS;
    decodeS += out.replicaS - out.prefillS;
    acceleratorJ += out.acceleratorJ;
  }
  const n = classes.length;
  return { prefillS: prefillS / n, replicaS: (prefillS + decodeS) / n, acceleratorJ: acceleratorJ / n };
}

/** Requests per second one replica serves at its configured batch. */
export function replicaCapacity(scenario: ServingScenario, classes: RequestShape[]): number {
  const point = pointFor(scenario, classes[0]);
  return 1 / meanOver(point, classes, point.batch, createInferenceOutput()).replicaS;
}

/**
 * Batch each hour, from central values: the b that makes a replica's throughput equal the arrivals,
 * λ · (prefill + decode(b) / b) = 1, i.e. b = λ · decode(b) / (1 − λ · prefill); 1 to the configured batch.
 */
function effectiveBatches(
  pool: Pool,
  classes: RequestShape[],
  requestsPerDay: number,
  hourShares: number[],
): number[] {
  const point = pointFor(pool.scenario, classes[0]);
  const out = createInferenceOutput();
  return hourShares.map((share) => {
    const arrivalsPerS = (requestsPerDay * pool.share * share) / HOUR_S / pool.replicas;
    let batch = point.batch;
    for (let i = 0; i < FIXED_POINT_ITERATIONS; i++) {
      const m = meanOver(point, classes, batch, out);
      const free = 1 - arrivalsPerS * m.prefillS;
      const decodeStepsS = (m.replicaS - m.prefillS) * batch;
      batch =
        free <= 0 ? point.batch : Math.min(point.batch, Math.max(1, (arrivalsPerS * decodeStepsS) / free));
    }
    return batch;
  });
}

/** One pool's daily energy for a kernel point (central or one Monte Carlo draw). */
function poolDay(
  pool: Pool,
  point: InferencePoint,
  classes: RequestShape[],
  requestsPerDay: number,
  hourShares: number[],
  batches: number[],
  out: InferenceOutput,
  hourly?: { requests: number; utilisation: number; energyJ: number }[],
): DayEnergy {
  const day: DayEnergy = { activeJ: 0, idleJ: 0, hostJ: 0, facilityJ: 0 };
  const capacity = hourly ? 1 / meanOver(point, classes, point.batch, out).replicaS : 0;
  const idleWPerReplica = point.gpus * point.idleW;
  for (let h = 0; h < 24; h++) {
    const requests = requestsPerDay * pool.share * hourShares[h];
    const perReplicaPerS = requests / HOUR_S / pool.replicas;
    const m = meanOver(point, classes, batches[h], out);
    const busy = Math.min(1, perReplicaPerS * m.replicaS);
    const activeJ = requests * m.acceleratorJ;
    const idleJ = (1 - busy) * HOUR_S * idleWPerReplica * pool.replicas;
    const hostJ = (activeJ + idleJ) * point.hostOverhead;
    const facilityJ = (activeJ + idleJ + hostJ) * (point.pue - 1);
    day.activeJ += activeJ;
    day.idleJ += idleJ;
    day.hostJ += hostJ;
    day.facilityJ += facilityJ;
    if (hourly) {
      const entry = hourly[h];
      entry.requests += requests;
      entry.utilisation = Math.max(entry.utilisation, perReplicaPerS / capacity);
      entry.energyJ += activeJ + idleJ + hostJ + facilityJ;
    }
  }
  return day;
}

export interface DeploymentEstimate {
  requestsPerDay: number;
  /** Requests reaching the model after the response cache. */
  modelRequestsPerDay: number;
  conversationsPerDay?: number;
  yearly: {
    energyKwh: Range;
    co2eKg: Range;
    co2eMarketKg?: Range;
    embodiedCo2eKg: Range;
    /** Operational (location-based) plus embodied. */
    totalCo2eKg: Range;
  };
  /** Central yearly energy by part, kWh; `acceleratorIdle` is the provisioned capacity waiting for requests. */
  breakdownKwhPerYear: {
    acceleratorActive: number;
    acceleratorIdle: number;
    host: number;
    facility: number;
    boundary: string;
  };
  perRequest: { energyWh: Range; co2eG: Range; embodiedCo2eG: number };
  perConversation?: { energyWh: Range; co2eG: Range };
  /** Marginal cost of each turn at full batch (no idle share): shows the input growing with the turn number. */
  perTurn?: {
    turn: number;
    inputTokens: number;
    cachedInputTokens: number;
    outputTokens: number;
    energyWh: number;
  }[];
  pools: {
    label: string;
    share: number;
    params: number;
    hardware: string;
    gpusPerReplica: number;
    replicas: number;
    replicasSource: string;
    peakUtilisation: number;
  }[];
  /** Per hour: requests, load as a share of full-batch capacity (busiest pool), energy. */
  hourly: { hour: number; requests: number; utilisation: number; energyKwh: number }[];
  /** Share of the accelerators' energy drawn while idle, percent. */
  idleSharePct: number;
  training?: {
    co2eKg: number;
    source: string;
    lifetimeYears: number;
    amortisedCo2eKgPerYear: number;
    amortisedPerRequestG: number;
    /** Days after which the service's operational CO2e exceeds the whole training footprint; absent when it never does. */
    servingOvertakesTrainingAfterDays?: number;
  };
  comparisons?: Comparison[];
  inputs: Record<string, ResolvedInput>;
  /** What the reader should know, in English (CLI flags named); `noteMessages` says it in any language. */
  notes: string[];
  noteMessages: Message[];
  methodologyVersion: string;
}

export interface Comparison {
  id: string;
  label: string;
  energyKwh: Range;
  co2eKg: Range;
  perRequestWh: number;
  /** Accelerators provisioned over all pools. */
  gpus: number;
  /** Central saving against the baseline, percent (negative: worse). */
  energySavingPct: number;
  co2eSavingPct: number;
}

type Traffic = { classes: RequestShape[]; requestsPerDay: number; conversationsPerDay?: number };

function pickValue<T>(
  inputs: Record<string, ResolvedInput>,
  field: string,
  user: T | undefined,
  preset: { value: T; source: Source } | undefined,
): T | undefined {
  const shown = (v: T) => (typeof v === 'boolean' ? (v ? 'on' : 'off') : (v as number | string));
  if (user !== undefined) {
    inputs[field] = { value: shown(user), source: 'user' };
    return user;
  }
  if (preset)
    inputs[field] = { value: shown(preset.value), source: `preset:customer-service; ${cite(preset.source)}` };
  return preset?.value;
}

/** Request shapes and daily volume, from a preset, conversation flags or plain requests. */
function resolveTraffic(input: DeploymentInput, inputs: Record<string, ResolvedInput>): Traffic {
  const cs = input.preset === 'customer-service' ? CUSTOMER_SERVICE : undefined;
  const conversational =
    cs !== undefined || input.conversationsPerDay !== undefined || input.turns !== undefined;
  if (!conversational) {
    if (input.requestsPerDay === undefined) {
      const named = { presetField: 'preset', conversationsField: 'conversationsPerDay' };
      throw userError('missing', 'requestsPerDay', 'deployment.requestsNeeded', {
        ...named,
        accepted: msg('deployment.acceptedTraffic', {
          ...named,
          field: 'requestsPerDay',
          turnsField: 'turns',
        }),
      });
    }
    inputs.requestsPerDay = { value: input.requestsPerDay, source: 'user' };
    const shape = {
      inputTokens: input.inputTokens ?? 500,
      cachedInputTokens: 0,
      outputTokens: input.outputTokens ?? 250,
    };
    inputs.inputTokens = {
      value: shape.inputTokens,
      source: input.inputTokens === undefined ? 'default:as estimate inference' : 'user',
    };
    inputs.outputTokens = {
      value: shape.outputTokens,
      source: input.outputTokens === undefined ? 'default:as estimate inference' : 'user',
    };
    return { classes: [shape], requestsPerDay: input.requestsPerDay };
  }
  const need = <T>(field: keyof typeof CUSTOMER_SERVICE & keyof DeploymentInput, user: T | undefined): T => {
    const value = pickValue(inputs, field, user, cs?.[field] as { value: T; source: Source } | undefined);
    if (value === undefined) {
      throw userError('missing', field, 'deployment.conversationNeeds', {
        presetField: 'preset',
        accepted: msg('deployment.acceptedConversation', { presetField: 'preset' }),
      });
    }
    return value;
  };
  const conversationsPerDay = need('conversationsPerDay', input.conversationsPerDay);
  const conversation: Conversation = {
    turns: need('turns', input.turns),
    tokensPerTurn: need('tokensPerTurn', input.tokensPerTurn),
    replyTokens: need('replyTokens', input.replyTokens),
    systemPromptTokens: need('systemPromptTokens', input.systemPromptTokens),
    retrievedTokens: need('retrievedTokens', input.retrievedTokens ?? (cs ? undefined : 0)),
    promptCaching: need('promptCaching', input.promptCaching ?? (cs ? undefined : false)),
  };
  return {
    classes: conversationRequests(conversation),
    requestsPerDay: conversationsPerDay * conversation.turns,
    conversationsPerDay,
  };
}

function resolveProfile(input: DeploymentInput, inputs: Record<string, ResolvedInput>): number[] {
  const given = input.profile;
  if (Array.isArray(given)) {
    inputs.profile = { value: given.join(','), source: 'user' };
    if (given.every((w) => w === 0)) {
      throw userError('out_of_range', 'profile', 'deployment.flatProfile', {
        accepted: msg('deployment.acceptedProfile'),
      });
    }
    return hourlyShares(given);
  }
  const name = given ?? (input.preset === 'customer-service' ? CUSTOMER_SERVICE.profile.value : 'flat');
  const profile = PROFILES[name];
  inputs.profile = { value: name, source: given ? 'user' : `default:${cite(profile.source)}` };
  return hourlyShares(profile.weights);
}

/** Replicas for a pool: given, or enough for the busiest hour at the target utilisation. */
function sizePool(
  pool: Omit<Pool, 'replicas' | 'replicasSource'>,
  traffic: Traffic,
  hourShares: number[],
  given?: number,
): Pool {
  if (given !== undefined) return { ...pool, replicas: given, replicasSource: 'user' };
  const peakPerS = (traffic.requestsPerDay * pool.share * Math.max(...hourShares)) / HOUR_S;
  const capacity = replicaCapacity(pool.scenario, traffic.classes);
  const replicas = Math.max(1, Math.ceil(peakPerS / (capacity * TARGET_PEAK_UTILISATION.value)));
  return {
    ...pool,
    replicas,
    replicasSource: `derived:busiest hour ${peakPerS.toFixed(2)} req/s / (${capacity.toFixed(2)} req/s per replica × ${TARGET_PEAK_UTILISATION.value}); ${cite(TARGET_PEAK_UTILISATION.source)}`,
  };
}

export interface Route {
  share: number;
  serving: ServingInput;
  label: string;
}

/** Resolves a deployment; `route` sends a share of the traffic to a second pool (a smaller model). */
export function resolveDeployment(input: DeploymentInput, route?: Route): DeploymentScenario {
  const inputs: Record<string, ResolvedInput> = {};
  if (input.preset) inputs.preset = { value: input.preset, source: 'user' };
  const traffic = resolveTraffic(input, inputs);
  const hourShares = resolveProfile(input, inputs);
  const largest = traffic.classes.reduce((a, b) =>
    b.inputTokens + b.cachedInputTokens + b.outputTokens >
    a.inputTokens + a.cachedInputTokens + a.outputTokens
      ? b
      : a,
  );
  const cs = input.preset === 'customer-service' ? CUSTOMER_SERVICE : undefined;
  const defaults = cs
    ? {
        hardware: cs.hardware.value,
        params: cs.params.value,
        source: `preset:customer-service; ${cite(cs.params.source)}`,
      }
    : {};
  const main = resolveServing(input, largest, defaults);
  if (cs && input.hardware === undefined)
    main.inputs.hardware.source = `preset:customer-service; ${cite(cs.hardware.source)}`;
  const responseCacheHitRate = input.responseCacheHitRate ?? 0;
  if (input.responseCacheHitRate !== undefined)
    inputs.responseCacheHitRate = { value: responseCacheHitRate, source: 'user' };
  const modelTraffic = { ...traffic, requestsPerDay: traffic.requestsPerDay * (1 - responseCacheHitRate) };

  const pools: Pool[] = [];
  const mainShare = 1 - (route?.share ?? 0);
  const mainLabel = main.model?.id ?? formatParams(main.point.paramsTotal);
  if (mainShare > 0)
    pools.push(
      sizePool(
        { label: mainLabel, scenario: main, share: mainShare },
        modelTraffic,
        hourShares,
        input.replicas,
      ),
    );
  const notes = [...main.notes];
  if (route) {
    const small = resolveServing({ ...input, ...route.serving }, largest, defaults);
    pools.push(
      sizePool({ label: route.label, scenario: small, share: route.share }, modelTraffic, hourShares),
    );
    const said = new Set(renderAll(notes));
    notes.push(...small.notes.filter((n) => !said.has(render(n))));
  }

  let training: DeploymentScenario['training'];
  const trainingCo2eKg = input.trainingCo2eKg ?? main.model?.co2eKg;
  if (trainingCo2eKg !== undefined) {
    const lifetimeYears = input.trainingLifetimeYears ?? TRAINING_AMORTISATION_YEARS.value;
    training = {
      co2eKg: trainingCo2eKg,
      source:
        input.trainingCo2eKg !== undefined
          ? 'user'
          : `catalog:${main.model!.id}; ${cite(main.model!.source)}`,
      lifetimeYears,
      lifetimeSource:
        input.trainingLifetimeYears !== undefined
          ? 'user'
          : `default:${cite(TRAINING_AMORTISATION_YEARS.source)}`,
    };
  }

  return {
    pools,
    classes: traffic.classes,
    requestsPerDay: traffic.requestsPerDay,
    conversationsPerDay: traffic.conversationsPerDay,
    responseCacheHitRate,
    hourShares,
    intensityGPerKwh: main.intensityGPerKwh,
    renewableShare: main.renewableShare,
    uncertain: main.uncertain,
    inputs: { ...inputs, ...main.inputs },
    notes,
    training,
  };
}

function formatParams(n: number): string {
  return n >= 1e12
    ? `${+(n / 1e12).toFixed(2)}T`
    : n >= 1e9
      ? `${+(n / 1e9).toFixed(1)}B`
      : `${+(n / 1e6).toFixed(0)}M`;
}

const DEFAULT_DRAWS = 500;
const DEFAULT_SEED = 42;

/** Yearly energy, emissions, per-request and per-conversation figures of a deployment, with ranges. */
export function computeDeployment(
  scenario: DeploymentScenario,
  draws = DEFAULT_DRAWS,
  seed = DEFAULT_SEED,
): DeploymentEstimate {
  const { pools, classes, hourShares } = scenario;
  const modelRequestsPerDay = scenario.requestsPerDay * (1 - scenario.responseCacheHitRate);
  const out = createInferenceOutput();
  const batches = pools.map((pool) => effectiveBatches(pool, classes, modelRequestsPerDay, hourShares));
  const points = pools.map((pool) => pointFor(pool.scenario, classes[0]));

  const hourly = Array.from({ length: 24 }, () => ({ requests: 0, utilisation: 0, energyJ: 0 }));
  const day = { activeJ: 0, idleJ: 0, hostJ: 0, facilityJ: 0 };
  for (const [i, pool] of pools.entries()) {
    const d = poolDay(pool, points[i], classes, modelRequestsPerDay, hourShares, batches[i], out, hourly);
    day.activeJ += d.activeJ;
    day.idleJ += d.idleJ;
    day.hostJ += d.hostJ;
    day.facilityJ += d.facilityJ;
  }
  const { energyKwh, co2eKg } = yearlyRanges(scenario, day, batches, draws, seed);
  const embodied = embodiedPerYear(pools);

  const requestsPerYear = scenario.requestsPerDay * DAYS_PER_YEAR;
  const toKwh = (j: number) => (j * DAYS_PER_YEAR) / J_PER_KWH;
  const estimate: DeploymentEstimate = {
    requestsPerDay: scenario.requestsPerDay,
    modelRequestsPerDay,
    conversationsPerDay: scenario.conversationsPerDay,
    yearly: { energyKwh, co2eKg, embodiedCo2eKg: embodied, totalCo2eKg: addRanges(co2eKg, embodied) },
    breakdownKwhPerYear: {
      acceleratorActive: toKwh(day.activeJ),
      acceleratorIdle: toKwh(day.idleJ),
      host: toKwh(day.hostJ),
      facility: toKwh(day.facilityJ),
      boundary: render(msg('note.boundaryDeployment', { boundary: msg('note.boundary') })),
    },
    perRequest: {
      energyWh: scaleRange(energyKwh, 1000 / requestsPerYear),
      co2eG: scaleRange(co2eKg, 1000 / requestsPerYear),
      embodiedCo2eG: (embodied.central * 1000) / requestsPerYear,
    },
    pools: pools.map((pool) => ({
      label: pool.label,
      share: pool.share,
      params: pool.scenario.point.paramsTotal,
      hardware: pool.scenario.hardware.id,
      gpusPerReplica: pool.scenario.point.gpus,
      replicas: pool.replicas,
      replicasSource: pool.replicasSource,
      peakUtilisation: peakUtilisation(pool, classes, modelRequestsPerDay, hourShares),
    })),
    hourly: hourly.map((h, hour) => ({
      hour,
      requests: h.requests,
      utilisation: h.utilisation,
      energyKwh: h.energyJ / J_PER_KWH,
    })),
    idleSharePct: (100 * day.idleJ) / (day.idleJ + day.activeJ),
    inputs: scenario.inputs,
    notes: renderAll(scenario.notes),
    noteMessages: [...scenario.notes],
    methodologyVersion: INFERENCE_METHODOLOGY_VERSION,
  };
  if (scenario.renewableShare !== undefined)
    estimate.yearly.co2eMarketKg = scaleRange(co2eKg, 1 - scenario.renewableShare);
  if (scenario.conversationsPerDay !== undefined) addPerConversation(estimate, scenario, points[0], out);
  for (const p of estimate.pools) {
    if (p.peakUtilisation > 1) {
      addNote(
        estimate,
        msg('note.queue', { pool: p.label, replicas: p.replicas, pct: Math.round(p.peakUtilisation * 100) }),
      );
    }
  }
  if (scenario.training) addTrainingShare(estimate, scenario.training, requestsPerYear);
  return estimate;
}

const addRanges = (a: Range, b: Range): Range => ({
  low: a.low + b.low,
  central: a.central + b.central,
  high: a.high + b.high,
});
const scaleRange = (r: Range, k: number): Range => ({
  low: r.low * k,
  central: r.central * k,
  high: r.high * k,
});

/**
 * Yearly energy and location-based CO2e with their ranges. In the Monte Carlo the replicas and
 * effective batches stay as provisioned; behaviour, power and grid vary.
 */
function yearlyRanges(
  scenario: DeploymentScenario,
  day: { activeJ: number; idleJ: number; hostJ: number; facilityJ: number },
  batches: number[][],
  draws: number,
  seed: number,
): { energyKwh: Range; co2eKg: Range } {
  const { pools, classes, hourShares } = scenario;
  const modelRequestsPerDay = scenario.requestsPerDay * (1 - scenario.responseCacheHitRate);
  const out = createInferenceOutput();
  const dayJ = day.activeJ + day.idleJ + day.hostJ + day.facilityJ;
  const yearKwh = (dayJ * DAYS_PER_YEAR) / J_PER_KWH;
  const drawPoints = pools.map((pool) => pointFor(pool.scenario, classes[0]));
  const ranges = monteCarlo(scenario.uncertain, draws, seed, 2, (values, o) => {
    let j = 0;
    for (const [i, pool] of pools.entries()) {
      applyDraw(drawPoints[i], values);
      const d = poolDay(pool, drawPoints[i], classes, modelRequestsPerDay, hourShares, batches[i], out);
      j += d.activeJ + d.idleJ + d.hostJ + d.facilityJ;
    }
    const intensity = Number.isNaN(values.intensityGPerKwh)
      ? scenario.intensityGPerKwh
      : values.intensityGPerKwh;
    o[0] = (j * DAYS_PER_YEAR) / J_PER_KWH;
    o[1] = (o[0] * intensity) / 1000;
  });
  return {
    energyKwh: withCentral(ranges[0], yearKwh),
    co2eKg: withCentral(ranges[1], (yearKwh * scenario.intensityGPerKwh) / 1000),
  };
}

/** Manufacturing footprint of every provisioned accelerator, per year of service. */
function embodiedPerYear(pools: Pool[]): Range {
  return pools.reduce(
    (acc, pool) => {
      const chips = pool.replicas * pool.scenario.point.gpus;
      const e = pool.scenario.embodiedKgPerChipYear;
      return {
        low: acc.low + chips * e.low,
        central: acc.central + chips * e.central,
        high: acc.high + chips * e.high,
      };
    },
    { low: 0, central: 0, high: 0 },
  );
}

/** Per conversation, and per turn of it (each turn on the first pool's point). */
function addPerConversation(
  estimate: DeploymentEstimate,
  scenario: DeploymentScenario,
  point: InferencePoint,
  out: InferenceOutput,
): void {
  const perYear = scenario.conversationsPerDay! * DAYS_PER_YEAR;
  estimate.perConversation = {
    energyWh: scaleRange(estimate.yearly.energyKwh, 1000 / perYear),
    co2eG: scaleRange(estimate.yearly.co2eKg, 1000 / perYear),
  };
  estimate.perTurn = scenario.classes.map((c, k) => {
    Object.assign(point, c);
    computeInference(point, out);
    return { turn: k + 1, ...c, energyWh: out.totalJ / 3600 };
  });
}

/** The model's training emissions amortised over its serving lifetime, and when serving overtakes them. */
function addTrainingShare(
  estimate: DeploymentEstimate,
  t: NonNullable<DeploymentScenario['training']>,
  requestsPerYear: number,
): void {
  const perYear = t.co2eKg / t.lifetimeYears;
  estimate.training = {
    co2eKg: t.co2eKg,
    source: t.source,
    lifetimeYears: t.lifetimeYears,
    amortisedCo2eKgPerYear: perYear,
    amortisedPerRequestG: (perYear * 1000) / requestsPerYear,
  };
  // With (next to) no operational emissions, serving never overtakes training: no figure.
  const days = (t.co2eKg * DAYS_PER_YEAR) / estimate.yearly.co2eKg.central;
  if (Number.isFinite(days)) estimate.training.servingOvertakesTrainingAfterDays = days;
  estimate.inputs.trainingCo2eKg = { value: t.co2eKg, source: t.source };
  estimate.inputs.trainingLifetimeYears = { value: t.lifetimeYears, source: t.lifetimeSource };
  addNote(estimate, msg('note.trainingShared'));
}

/** A note on the estimate, as data and in English. */
function addNote(estimate: DeploymentEstimate, note: Message): void {
  estimate.noteMessages.push(note);
  estimate.notes.push(render(note, 'en', 'flag'));
}

/** Busiest hour's load as a share of a replica's full-batch capacity. */
function peakUtilisation(
  pool: Pool,
  classes: RequestShape[],
  requestsPerDay: number,
  hourShares: number[],
): number {
  const peakPerReplicaPerS = (requestsPerDay * pool.share * Math.max(...hourShares)) / HOUR_S / pool.replicas;
  return peakPerReplicaPerS / replicaCapacity(pool.scenario, classes);
}
