import { peakFlopS, resolveHardware } from '../catalog/hardware.js';
import { resolveLocation, WORLD } from '../catalog/locations.js';
import { resolveModel } from '../catalog/models.js';
import { GRID_SCENARIOS, type GridScenario } from '../catalog/projections.js';
import { PARAMS_FROM_SHAPE } from '../catalog/scaling-laws.js';
import { CHIP_HOURS_RESIDUALS, MFU_MODEL } from '../catalog/training-defaults.js';
import type { HardwareEntry, LocationEntry, ModelEntry, Precision, Range } from '../catalog/types.js';
import { type EmpreinteError, isEmpreinteError, issue } from '../errors.js';
import {
  type Cumulants,
  logTriangularCumulants,
  percentileFactors,
  reciprocal,
  ZERO,
} from './log-cumulants.js';
import { efficiencyTrend, gridScenario, hardwareEfficiencyFactor, projectIntensity } from './projection.js';
import { resolveTrainingScenario } from './training.js';
import { predictMfu } from './training-fit.js';
import {
  computeTraining,
  createTrainingOutput,
  type TrainingPoint,
  trainingFlop,
} from './training-kernel.js';

/**
 * Sweeps: the training estimate over the cross product of value lists. Every distinct value is
 * resolved once, before the loop (catalog lookups, defaults and their uncertainty, through
 * `resolveTrainingScenario` itself so that a row equals `estimateTraining`'s central value); the
 * loop then fills typed arrays, reusing one TrainingPoint and one TrainingOutput.
 *
 * Ranges: instead of a Monte Carlo per scenario, each uncertain factor's log-cumulants are
 * computed once and added per scenario (see log-cumulants.ts); low/high are the 5th/95th
 * percentiles, like `estimateTraining`'s Monte Carlo, within a few percent (tested).
 */

/** One model design: what it costs in compute. */
export interface DesignSpec {
  model?: string;
  params?: number;
  activeParams?: number;
  tokens?: number;
  layers?: number;
  contextLength?: number;
  dModel?: number;
  /** Extra columns carried to the row (compute-optimal sweeps: loss, budget). */
  extra?: Record<string, number | boolean>;
}

/** Lists of values; an absent list means "not given" (the estimator's default applies). */
export interface SweepSpec {
  model?: string[];
  params?: number[];
  activeParams?: number[];
  tokens?: number[];
  layers?: number[];
  contextLength?: number[];
  dModel?: number[];
  /** Explicit designs instead of the cross product of the design lists above. */
  designs?: DesignSpec[];
  hardware?: string[];
  precision?: Precision[];
  chips?: number[];
  chipHours?: number[];
  days?: number[];
  mfu?: number[];
  powerW?: number[];
  pue?: number[];
  location?: string[];
  gridIntensity?: number[];
  renewableShare?: number[];
  /** Project to these years: accelerators of that year and grids of that year. */
  year?: number[];
  scenario?: string[];
  efficiencyTrend?: string;
}

export interface SweepOptions {
  /** Compute low/high (default true). */
  ranges?: boolean;
  /** Project accelerators to `year` (default true when years are given). */
  projectHardware?: boolean;
  /** Project grid intensity to `year` (default true when years are given). */
  projectGrid?: boolean;
  /** Called every 65,536 scenarios and at the end. */
  onProgress?: (done: number, total: number) => void;
  /** Refuse larger sweeps (memory); default 2,000,000. */
  maxScenarios?: number;
}

export const DEFAULT_MAX_SCENARIOS = 2_000_000;
const PROGRESS_EVERY = 1 << 16;

export interface Design {
  model?: ModelEntry;
  params: number;
  activeParams: number;
  tokens: number;
  layers?: number;
  contextLength?: number;
  dModel?: number;
  flop: number;
  /** Index in the hardware list of the model's own hardware, when the hardware is not swept. */
  hardware: number;
  valid: boolean;
  extra?: Record<string, number | boolean>;
}

interface HardwareRow {
  entry: HardwareEntry;
  tdpW: number;
  powerFraction: number;
  hostOverhead: number;
  embodied: number;
  /** Log-cumulants of 1/MFU, chip power (fraction · (1 + host)) and embodied per chip-hour. */
  kChipHours: Cumulants;
  kPower: Cumulants;
  kEmbodied: Cumulants;
  note?: string;
}

interface LocationRow {
  entry?: LocationEntry;
  pue: number;
  intensity: number;
  kPue: Cumulants;
  kIntensity: Cumulants;
  pueRange?: Range;
}

/** The axes, outer to inner; a row's inputs are its index along each. */
const AXES = [
  'design',
  'hardware',
  'precision',
  'chips',
  'chipHours',
  'days',
  'mfu',
  'powerW',
  'location',
  'pue',
  'gridIntensity',
  'renewableShare',
  'year',
  'scenario',
] as const;
export type Axis = (typeof AXES)[number];

export interface SweepPlan {
  spec: SweepSpec;
  designs: Design[];
  hardware: HardwareRow[];
  /** True when the hardware is a swept axis (else it comes from each design's model). */
  hardwareSwept: boolean;
  precision: (Precision | undefined)[];
  locations: LocationRow[];
  scenarios: GridScenario[];
  years: number[];
  numbers: Record<
    'chips' | 'chipHours' | 'days' | 'mfu' | 'powerW' | 'pue' | 'gridIntensity' | 'renewableShare',
    Float64Array
  >;
  /** Length of each axis (1 when not swept). */
  radix: Int32Array;
  total: number;
  accounting: boolean;
  /** peak FLOP/s per (hardware, precision); NaN where the chip lacks that precision. */
  peak: Float64Array;
  /** Efficiency factor per (hardware, year). */
  hardwareYear: Float64Array;
  /** Intensity per (location, year, scenario). */
  locationIntensity: Float64Array;
  notes: string[];
}

const given = (list: unknown[] | undefined): boolean => list !== undefined && list.length > 0;

export function planSweep(spec: SweepSpec, options: SweepOptions = {}): SweepPlan {
  const notes: string[] = [];
  if (given(spec.chipHours) && given(spec.days)) {
    throw issue('conflict', 'chipHours', '--chip-hours and --days cannot both be swept: give one of them', {
      accepted: '--chip-hours LIST | --chips LIST --days LIST',
    });
  }
  if (given(spec.days) && !given(spec.chips)) {
    throw issue('missing', 'chips', '--chips is required with --days (chip-hours = chips × days × 24)', {
      accepted: 'an integer >= 1',
    });
  }
  const accounting = given(spec.chipHours) || given(spec.days);
  const hardwareSwept = given(spec.hardware);
  const hardware: HardwareRow[] = [];
  const hardwareIndex = new Map<string, number>();
  const addHardware = (name: string): number => {
    const { entry, note } = resolveHardware(name, 'hardware');
    const known = hardwareIndex.get(entry.id);
    if (known !== undefined) return known;
    hardwareIndex.set(entry.id, hardware.length);
    hardware.push(hardwareRow(entry, given(spec.chips), note));
    if (note) notes.push(note);
    return hardware.length - 1;
  };
  if (hardwareSwept) for (const name of spec.hardware!) addHardware(name);

  const designs = buildDesigns(spec, (name) => (hardwareSwept ? -1 : addHardware(name)));
  if (designs.every((d) => !d.valid)) {
    throw issue('conflict', 'activeParams', '--active-params: every value exceeds --params', {
      accepted: 'active parameters <= total parameters',
    });
  }
  const skippedDesigns = designs.filter((d) => !d.valid).length;
  if (skippedDesigns > 0)
    notes.push(`${skippedDesigns} design(s) skipped: active parameters above total parameters.`);

  if (!accounting) {
    const missing = designs.find((d) => d.valid && Number.isNaN(d.flop));
    if (missing) {
      throw issue(
        'missing',
        Number.isNaN(missing.params) ? 'params' : 'tokens',
        'not enough inputs: give --chip-hours (or --chips with --days), or --params, --tokens and --hardware (or --model)',
        {
          accepted: '--chip-hours N | --chips N --days N | --params N --tokens N --hardware ID | --model ID',
        },
      );
    }
  }
  const needsHardware = !accounting || !given(spec.powerW);
  if (needsHardware && hardware.length === 0) {
    throw issue(
      'missing',
      'hardware',
      accounting
        ? '--hardware or --power-w is required to know the power per chip'
        : 'not enough inputs: --hardware is required (or --model with known hardware)',
      {
        accepted: '--hardware ID | --power-w W',
      },
    );
  }
  if (needsHardware && !hardwareSwept && designs.some((d) => d.valid && d.hardware < 0)) {
    throw issue(
      'missing',
      'hardware',
      '--hardware is required: a model of the sweep has no hardware in the catalog',
      { accepted: '--hardware ID' },
    );
  }

  const precision: (Precision | undefined)[] = given(spec.precision)
    ? [...new Set(spec.precision)]
    : [undefined];
  const peak = new Float64Array(Math.max(1, hardware.length) * precision.length).fill(Number.NaN);
  hardware.forEach((h, i) => {
    precision.forEach((p, j) => {
      try {
        peak[i * precision.length + j] = peakFlopS(h.entry, p);
      } catch (error) {
        if (!isEmpreinteError(error) || accounting) throw error;
        notes.push(`${h.entry.id} has no ${p ?? 'peak'} throughput: those rows are skipped.`);
      }
    });
  });

  const locations = buildLocations(spec);
  const years = given(spec.year) ? [...new Set(spec.year)] : [Number.NaN];
  const scenarios = given(spec.year)
    ? given(spec.scenario)
      ? spec.scenario!.map((s) => gridScenario(s))
      : [GRID_SCENARIOS[0]]
    : [GRID_SCENARIOS[0]];
  const projectHardware = given(spec.year) && options.projectHardware !== false;
  const projectGrid = given(spec.year) && options.projectGrid !== false;
  const trend = efficiencyTrend(spec.efficiencyTrend);

  const hardwareYear = new Float64Array(Math.max(1, hardware.length) * years.length).fill(1);
  if (projectHardware) {
    for (const [i, h] of hardware.entries()) {
      for (const [j, y] of years.entries())
        hardwareYear[i * years.length + j] = hardwareEfficiencyFactor(h.entry.year, y, trend);
    }
  }
  const locationIntensity = new Float64Array(locations.length * years.length * scenarios.length);
  locations.forEach((l, i) => {
    years.forEach((y, j) => {
      scenarios.forEach((s, k) => {
        const base = l.intensity;
        const baseYear = (l.entry ?? WORLD).year;
        locationIntensity[(i * years.length + j) * scenarios.length + k] =
          projectGrid && Number.isFinite(baseYear)
            ? projectIntensity(base, baseYear, y, s).intensityGPerKwh
            : base;
      });
    });
  });
  if (projectGrid && given(spec.gridIntensity))
    notes.push('A grid intensity given with --grid-intensity is used as given, not projected.');

  const numbers = {
    chips: floats(spec.chips),
    chipHours: floats(spec.chipHours),
    days: floats(spec.days),
    mfu: floats(spec.mfu),
    powerW: floats(spec.powerW),
    pue: floats(spec.pue),
    gridIntensity: floats(spec.gridIntensity),
    renewableShare: floats(spec.renewableShare),
  };
  const lengths: Record<Axis, number> = {
    design: designs.length,
    hardware: hardwareSwept ? hardware.length : 1,
    precision: precision.length,
    chips: numbers.chips.length,
    chipHours: numbers.chipHours.length,
    days: numbers.days.length,
    mfu: numbers.mfu.length,
    powerW: numbers.powerW.length,
    location: locations.length,
    pue: numbers.pue.length,
    gridIntensity: numbers.gridIntensity.length,
    renewableShare: numbers.renewableShare.length,
    year: years.length,
    scenario: scenarios.length,
  };
  const radix = Int32Array.from(AXES.map((a) => lengths[a]));
  const total = radix.reduce((p, n) => p * n, 1);
  const max = options.maxScenarios ?? DEFAULT_MAX_SCENARIOS;
  if (total > max) {
    throw issue(
      'out_of_range',
      'input',
      `the sweep has ${total.toLocaleString('en-US')} scenarios, more than the ${max.toLocaleString('en-US')} allowed: shorten some lists`,
      {
        value: total,
        accepted: `at most ${max} scenarios`,
      },
    );
  }
  if (!given(spec.location) && !given(spec.gridIntensity)) {
    notes.push(
      'No location given: the world-average grid intensity was used (--location fr,pl,aws:eu-west-3...).',
    );
  }
  return {
    spec,
    designs,
    hardware,
    hardwareSwept,
    precision,
    locations,
    scenarios,
    years,
    numbers,
    radix,
    total,
    accounting,
    peak,
    hardwareYear,
    locationIntensity,
    notes,
  };
}

function floats(list: number[] | undefined): Float64Array {
  return given(list) ? Float64Array.from(new Set(list)) : Float64Array.of(Number.NaN);
}

function buildDesigns(spec: SweepSpec, hardwareOf: (name: string) => number): Design[] {
  const specs: DesignSpec[] = spec.designs ?? crossDesigns(spec);
  const models = new Map<string, ModelEntry>();
  return specs.map((d) => {
    let model: ModelEntry | undefined;
    if (d.model !== undefined) {
      model = models.get(d.model) ?? resolveModel(d.model);
      models.set(d.model, model);
    }
    const fromShape =
      d.layers !== undefined && d.dModel !== undefined
        ? PARAMS_FROM_SHAPE.factor * d.layers * d.dModel * d.dModel
        : undefined;
    const params = d.params ?? model?.paramsTotal ?? fromShape ?? Number.NaN;
    const activeParams =
      d.activeParams ?? (d.params !== undefined ? undefined : model?.paramsActive) ?? params;
    const tokens = d.tokens ?? model?.tokens ?? Number.NaN;
    const attention =
      d.layers !== undefined && d.contextLength !== undefined && d.dModel !== undefined
        ? { layers: d.layers, contextLength: d.contextLength, dModel: d.dModel }
        : undefined;
    const flop =
      Number.isNaN(activeParams) || Number.isNaN(tokens)
        ? Number.NaN
        : trainingFlop(activeParams, tokens, attention);
    return {
      model,
      params,
      activeParams,
      tokens,
      layers: d.layers,
      contextLength: d.contextLength,
      dModel: d.dModel,
      flop,
      hardware: model?.hardwareId ? hardwareOf(model.hardwareId) : -1,
      valid: !(activeParams > params),
      extra: d.extra,
    };
  });
}

function crossDesigns(spec: SweepSpec): DesignSpec[] {
  const lists = {
    model: spec.model?.length ? spec.model : [undefined],
    params: spec.params?.length ? spec.params : [undefined],
    activeParams: spec.activeParams?.length ? spec.activeParams : [undefined],
    tokens: spec.tokens?.length ? spec.tokens : [undefined],
    layers: spec.layers?.length ? spec.layers : [undefined],
    contextLength: spec.contextLength?.length ? spec.contextLength : [undefined],
    dModel: spec.dModel?.length ? spec.dModel : [undefined],
  };
  const out: DesignSpec[] = [];
  for (const model of new Set(lists.model))
    for (const params of new Set(lists.params))
      for (const activeParams of new Set(lists.activeParams))
        for (const tokens of new Set(lists.tokens))
          for (const layers of new Set(lists.layers))
            for (const contextLength of new Set(lists.contextLength))
              for (const dModel of new Set(lists.dModel))
                out.push({ model, params, activeParams, tokens, layers, contextLength, dModel });
  return out;
}

/** The fitted MFU of a design on a chip, as the estimator resolves it (chips NaN: not given). */
export function designMfu(design: Design, entry: HardwareEntry, chips: number): number {
  return predictMfu(
    {
      hardware: entry,
      paramsActive: design.activeParams,
      paramsTotal: Number.isNaN(design.params) ? design.activeParams : design.params,
      tokens: design.tokens,
      chips: Number.isNaN(chips) ? undefined : chips,
    },
    MFU_MODEL,
  );
}

/** Hardware defaults through the estimator's own resolution (a probe scenario), so values match exactly. */
function hardwareRow(entry: HardwareEntry, chipsGiven: boolean, note?: string): HardwareRow {
  const probe = resolveTrainingScenario({ chipHours: 1, pue: 1, gridIntensity: 0, hardware: entry.id });
  const u = probe.uncertain;
  // The estimator's range for the condition: chips given or estimated from the compute.
  const spread = CHIP_HOURS_RESIDUALS[chipsGiven ? 'withChips' : 'withoutChips'].mfuFactor;
  const pf = u.powerFraction!;
  const host = u.hostOverhead!;
  const kFraction = logTriangularCumulants(pf.low, pf.central, pf.high);
  const kHost = logTriangularCumulants(host.low, host.central, host.high, 1);
  const emb = u.embodiedKgPerChipHour;
  return {
    entry,
    tdpW: probe.point.tdpW,
    powerFraction: probe.point.powerFraction,
    hostOverhead: probe.point.hostOverhead,
    embodied: probe.point.embodiedKgPerChipHour,
    kChipHours: reciprocal(logTriangularCumulants(spread.low, 1, spread.high)),
    kPower: add(kFraction, kHost),
    kEmbodied: emb ? logTriangularCumulants(emb.low, emb.central, emb.high) : ZERO,
    note,
  };
}

function buildLocations(spec: SweepSpec): LocationRow[] {
  const names = given(spec.location) ? spec.location! : [undefined];
  const rows: LocationRow[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const entry = name === undefined ? undefined : resolveLocation(name, 'location');
    if (entry && seen.has(entry.id)) continue;
    if (entry) seen.add(entry.id);
    const probe = resolveTrainingScenario({ chipHours: 1, powerW: 1, location: entry?.id });
    const pue = probe.uncertain.pue;
    const intensity = probe.uncertain.intensityGPerKwh;
    rows.push({
      entry,
      pue: probe.point.pue,
      intensity: probe.point.intensityGPerKwh,
      kPue: pue ? logTriangularCumulants(pue.low, pue.central, pue.high) : ZERO,
      kIntensity: intensity ? logTriangularCumulants(intensity.low, intensity.central, intensity.high) : ZERO,
      pueRange: pue,
    });
  }
  return rows;
}

function add(a: Cumulants, b: Cumulants): Cumulants {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]];
}

export interface SweepResult {
  plan: SweepPlan;
  /** 1 where the scenario was evaluated, 0 where skipped (active > total params, missing precision). */
  valid: Uint8Array;
  count: number;
  chipHours: Float64Array;
  energyKwh: Float64Array;
  co2eKg: Float64Array;
  embodiedCo2eKg: Float64Array;
  /** Low/high per metric (5th/95th percentile), when ranges were computed. */
  low?: {
    chipHours: Float32Array;
    energyKwh: Float32Array;
    co2eKg: Float32Array;
    embodiedCo2eKg: Float32Array;
  };
  high?: {
    chipHours: Float32Array;
    energyKwh: Float32Array;
    co2eKg: Float32Array;
    embodiedCo2eKg: Float32Array;
  };
}

/** Evaluates every scenario of the plan into typed arrays. */
export function runSweep(plan: SweepPlan, options: SweepOptions = {}): SweepResult {
  const n = plan.total;
  const ranges = options.ranges !== false;
  const result: SweepResult = {
    plan,
    valid: new Uint8Array(n),
    count: 0,
    chipHours: new Float64Array(n),
    energyKwh: new Float64Array(n),
    co2eKg: new Float64Array(n),
    embodiedCo2eKg: new Float64Array(n),
  };
  if (ranges) {
    const f32 = () => ({
      chipHours: new Float32Array(n),
      energyKwh: new Float32Array(n),
      co2eKg: new Float32Array(n),
      embodiedCo2eKg: new Float32Array(n),
    });
    result.low = f32();
    result.high = f32();
  }
  const low = result.low;
  const high = result.high;
  const q = new Float64Array(2);
  let count = 0;
  visitSweep(
    plan,
    options,
    (i, out, k) => {
      result.valid[i] = 1;
      count++;
      result.chipHours[i] = out.chipHours;
      result.energyKwh[i] = out.energyKwh;
      result.co2eKg[i] = out.co2eKg;
      result.embodiedCo2eKg[i] = out.embodiedCo2eKg;
      if (!low || !high) return;
      // chip-hours: 1/MFU; energy: + power and PUE; CO2e: + intensity; embodied: chip-hours + embodied.
      percentileFactors(k[0], k[1], k[2], k[3], q);
      low.chipHours[i] = Math.min(out.chipHours * q[0], out.chipHours);
      high.chipHours[i] = Math.max(out.chipHours * q[1], out.chipHours);
      percentileFactors(k[4], k[5], k[6], k[7], q);
      low.energyKwh[i] = Math.min(out.energyKwh * q[0], out.energyKwh);
      high.energyKwh[i] = Math.max(out.energyKwh * q[1], out.energyKwh);
      percentileFactors(k[8], k[9], k[10], k[11], q);
      low.co2eKg[i] = Math.min(out.co2eKg * q[0], out.co2eKg);
      high.co2eKg[i] = Math.max(out.co2eKg * q[1], out.co2eKg);
      percentileFactors(k[12], k[13], k[14], k[15], q);
      low.embodiedCo2eKg[i] = Math.min(out.embodiedCo2eKg * q[0], out.embodiedCo2eKg);
      high.embodiedCo2eKg[i] = Math.max(out.embodiedCo2eKg * q[1], out.embodiedCo2eKg);
    },
    ranges,
  );
  result.count = count;
  return result;
}

/**
 * Calls `visit(index, output, cumulants)` for every valid scenario, in row order, without
 * allocating: `output` and `cumulants` are reused (cumulants: 4 each for chip-hours, energy,
 * CO2e and embodied; filled only when `withCumulants`).
 */
export function visitSweep(
  plan: SweepPlan,
  options: SweepOptions,
  visit: (index: number, out: ReturnType<typeof createTrainingOutput>, cumulants: Float64Array) => void,
  withCumulants = false,
): void {
  const {
    designs,
    hardware,
    numbers,
    radix,
    total,
    accounting,
    peak,
    hardwareYear,
    locationIntensity,
    locations,
  } = plan;
  const nAxes = radix.length;
  const idx = new Int32Array(nAxes);
  const nPrecision = plan.precision.length;
  const nYears = plan.years.length;
  const nScenarios = plan.scenarios.length;
  const hasMfu = !Number.isNaN(numbers.mfu[0]);
  const hasPower = !Number.isNaN(numbers.powerW[0]);
  const hasPue = !Number.isNaN(numbers.pue[0]);
  const hasGrid = !Number.isNaN(numbers.gridIntensity[0]);
  const hasRenewable = !Number.isNaN(numbers.renewableShare[0]);
  const hasChipHours = !Number.isNaN(numbers.chipHours[0]);
  const point: TrainingPoint = {
    flop: 0,
    peakFlopS: Number.NaN,
    mfu: Number.NaN,
    chipHours: Number.NaN,
    systemPowerW: Number.NaN,
    tdpW: Number.NaN,
    powerFraction: Number.NaN,
    hostOverhead: 0,
    pue: 1,
    intensityGPerKwh: 0,
    renewableShare: 0,
    embodiedKgPerChipHour: 0,
  };
  const out = createTrainingOutput();
  const k = new Float64Array(16);
  // The fitted MFU depends on design, hardware and chips only: computed once per combination.
  const nChips = numbers.chips.length;
  const mfuTable = new Float64Array(designs.length * hardware.length * nChips).fill(Number.NaN);
  const fittedMfu = (d: number, h: number, c: number) => {
    const key = (d * hardware.length + h) * nChips + c;
    if (Number.isNaN(mfuTable[key]))
      mfuTable[key] = designMfu(designs[d], hardware[h].entry, numbers.chips[c]);
    return mfuTable[key];
  };
  const progress = options.onProgress;
  for (let i = 0; i < total; i++) {
    if (progress && (i & (PROGRESS_EVERY - 1)) === 0 && i > 0) progress(i, total);
    const design = designs[idx[0]];
    const h = plan.hardwareSwept ? idx[1] : design.hardware;
    const hw = h >= 0 ? hardware[h] : undefined;
    const l = idx[8];
    const y = idx[12];
    let ok = design.valid;
    point.flop = design.flop;
    if (accounting) {
      point.chipHours = hasChipHours
        ? numbers.chipHours[idx[4]]
        : numbers.chips[idx[3]] * numbers.days[idx[5]] * 24;
      // The same work on more efficient accelerators (same power per chip) takes fewer chip-hours.
      if (h >= 0) point.chipHours /= hardwareYear[h * nYears + y];
    } else {
      point.chipHours = Number.NaN;
      const p = peak[h * nPrecision + idx[2]];
      ok = ok && !Number.isNaN(p);
      point.peakFlopS = p * hardwareYear[h * nYears + y];
      point.mfu = hasMfu ? numbers.mfu[idx[6]] : fittedMfu(idx[0], h, idx[3]);
    }
    if (hasPower) {
      point.systemPowerW = numbers.powerW[idx[7]];
    } else {
      point.systemPowerW = Number.NaN;
      point.tdpW = hw!.tdpW;
      point.powerFraction = hw!.powerFraction;
      point.hostOverhead = hw!.hostOverhead;
    }
    const loc = locations[l];
    point.pue = hasPue ? numbers.pue[idx[9]] : loc.pue;
    point.intensityGPerKwh = hasGrid
      ? numbers.gridIntensity[idx[10]]
      : locationIntensity[(l * nYears + y) * nScenarios + idx[13]];
    point.renewableShare = hasRenewable ? numbers.renewableShare[idx[11]] : 0;
    point.embodiedKgPerChipHour = hw ? hw.embodied : 0;
    if (ok) {
      computeTraining(point, out);
      if (withCumulants) fillCumulants(k, hw, loc, accounting || hasMfu, hasPower, hasPue, hasGrid);
      visit(i, out, k);
    }
    // Next scenario: the innermost axis moves fastest.
    for (let a = nAxes - 1; a >= 0; a--) {
      if (++idx[a] < radix[a]) break;
      idx[a] = 0;
    }
  }
  progress?.(total, total);
}

function fillCumulants(
  k: Float64Array,
  hw: HardwareRow | undefined,
  loc: LocationRow,
  fixedChipHours: boolean,
  fixedPower: boolean,
  fixedPue: boolean,
  fixedIntensity: boolean,
): void {
  for (let j = 0; j < 4; j++) {
    const ch = fixedChipHours || !hw ? 0 : hw.kChipHours[j];
    const energy = ch + (fixedPower || !hw ? 0 : hw.kPower[j]) + (fixedPue ? 0 : loc.kPue[j]);
    k[j] = ch;
    k[4 + j] = energy;
    k[8 + j] = energy + (fixedIntensity ? 0 : loc.kIntensity[j]);
    k[12 + j] = ch + (hw ? hw.kEmbodied[j] : 0);
  }
}

/**
 * Why a one-scenario sweep gave no row (its chip has no peak throughput at the precision asked
 * for): callers that need that row throw this instead of reading an empty result.
 */
export function notEvaluated(plan: SweepPlan, spec: SweepSpec): EmpreinteError {
  const field = given(spec.precision) ? 'precision' : 'hardware';
  const note = plan.notes.find((n) => n.includes('throughput')) ?? 'the scenario could not be evaluated.';
  return issue('invalid_value', field, `--${field}: ${note.replace(/: those rows are skipped\.$/, '')}`, {
    value: plan.hardware.map((h) => h.entry.id).join(', '),
    accepted: 'an accelerator with a known peak FLOP/s at the chosen precision (see empreinte hardware)',
  });
}

/** Index of each axis for a row (mixed-radix decoding of the row number). */
export function axisIndices(plan: SweepPlan, row: number): Record<Axis, number> {
  const out = {} as Record<Axis, number>;
  let rest = row;
  for (let a = AXES.length - 1; a >= 0; a--) {
    out[AXES[a]] = rest % plan.radix[a];
    rest = Math.floor(rest / plan.radix[a]);
  }
  return out;
}

export { AXES as SWEEP_AXES };

/** A one-scenario sweep spec from single-valued training inputs (what `project` and `recommend` evaluate). */
export function singleSpec(input: Partial<Record<keyof SweepSpec | 'seed' | 'draws', unknown>>): SweepSpec {
  const spec: SweepSpec = {};
  const target = spec as Record<string, unknown[]>;
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key === 'seed' || key === 'draws') continue;
    target[key] = [value];
  }
  // Chip-hours and days that agree are the estimator's to check; a sweep takes the chip-hours.
  if (spec.chipHours && spec.days) spec.days = undefined;
  return spec;
}
