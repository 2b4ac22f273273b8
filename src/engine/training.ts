import { peakFlopS, resolveHardware } from '../catalog/hardware.js';
import { resolveLocation, WORLD } from '../catalog/locations.js';
import { resolveModel } from '../catalog/models.js';
import { defaultPue } from '../catalog/pue.js';
import {
  INTENSITY_SPREAD,
  LIFETIME_UTILISATION,
  mfuDefaultFor,
  mfuScaleFactor,
  PUE_SPREAD,
  powerDefaultsFor,
  SERVICE_LIFE_YEARS,
  type SourcedRange,
} from '../catalog/training-defaults.js';
import type { HardwareEntry, ModelEntry, Range, Source } from '../catalog/types.js';
import { issue } from '../errors.js';
import { computeEquivalents } from './equivalents.js';
import { mulberry32, quantileSelect, triangular } from './random.js';
import type { TrainingInput } from './schemas/training.js';
import {
  computeTraining,
  createTrainingOutput,
  type TrainingPoint,
  trainingFlop,
} from './training-kernel.js';

export { type TrainingInput, trainingInputSchema } from './schemas/training.js';

export const TRAINING_METHODOLOGY_VERSION = 'training-2026.1';
const DEFAULT_DRAWS = 10_000;
const DEFAULT_SEED = 42;
/** Chip-hours given twice (directly and as chips × days) may differ by rounding, not more. */
const CHIP_HOURS_TOLERANCE = 0.05;

export interface ResolvedInput {
  value: number | string | Range;
  source: string;
}

export interface TrainingEstimate {
  energyKwh: Range;
  co2eKg: Range;
  co2eMarketKg?: Range;
  embodiedCo2eKg: Range;
  /** Operational plus embodied, location-based. */
  totalCo2eKg: Range;
  /** Share of the total that is embodied, central values, percent. */
  embodiedSharePct: number;
  chipHours: Range;
  flop: number | null;
  inputs: Record<string, ResolvedInput>;
  published?: {
    energyKwh?: number;
    co2eKg?: number;
    basis?: string;
    embodiedIncluded?: boolean;
    differencePct: { energyKwh?: number; co2eKg?: number };
    source: string;
  };
  equivalents: ReturnType<typeof computeEquivalents>;
  notes: string[];
  methodologyVersion: string;
}

/** One uncertain input: a fixed value, or a triangular range sampled by the Monte Carlo. */
interface Uncertain {
  central: number;
  low: number;
  high: number;
}
const ranged = (r: Range): Uncertain => ({ low: r.low, central: r.central, high: r.high });

export function cite(source: Source): string {
  return `${source.citation}${source.citation.includes(String(source.year)) ? '' : ` (${source.year})`}`;
}

interface Scenario {
  point: TrainingPoint;
  uncertain: Partial<
    Record<
      'mfu' | 'powerFraction' | 'hostOverhead' | 'pue' | 'intensityGPerKwh' | 'embodiedKgPerChipHour',
      Uncertain
    >
  >;
  inputs: Record<string, ResolvedInput>;
  notes: string[];
  model?: ModelEntry;
  flop: number | null;
}

/** Resolves user input, catalog entries and defaults into one scenario; every value keeps its origin. */
export function resolveTrainingScenario(input: TrainingInput): Scenario {
  const inputs: Record<string, ResolvedInput> = {};
  const notes: string[] = [];
  const uncertain: Scenario['uncertain'] = {};
  const model = input.model ? resolveModel(input.model) : undefined;
  const fromModel = `catalog:${model?.id}`;
  const pick = <T>(field: string, user: T | undefined, catalog: T | undefined): T | undefined => {
    if (user !== undefined) {
      inputs[field] = { value: user as number | string, source: 'user' };
      return user;
    }
    if (catalog !== undefined) {
      inputs[field] = { value: catalog as number | string, source: fromModel };
      return catalog;
    }
    return undefined;
  };

  // The catalog's accounting figures (chip-hours, power) only hold for the run as published.
  const userChangedRun =
    input.params !== undefined ||
    input.activeParams !== undefined ||
    input.tokens !== undefined ||
    input.hardware !== undefined ||
    input.mfu !== undefined;
  const runFacts = model && !userChangedRun ? model : undefined;

  const params = pick('params', input.params, model?.paramsTotal);
  const activeParams =
    pick('activeParams', input.activeParams, input.params !== undefined ? undefined : model?.paramsActive) ??
    params;
  if (activeParams !== undefined && params !== undefined && activeParams > params) {
    throw issue('conflict', 'activeParams', `--active-params: ${activeParams} exceeds --params ${params}`, {
      value: activeParams,
      accepted: 'active parameters <= total parameters',
    });
  }
  const tokens = pick('tokens', input.tokens, model?.tokens);

  let hardware: HardwareEntry | undefined;
  const hardwareName = pick('hardware', input.hardware, model?.hardwareId);
  if (hardwareName !== undefined) {
    const resolved = resolveHardware(hardwareName, 'hardware');
    hardware = resolved.entry;
    inputs.hardware.value = hardware.id;
    if (resolved.note) notes.push(resolved.note);
  }

  const chips = pick('chips', input.chips, runFacts?.chips);
  const days = pick('days', input.days, undefined);
  let chipHours = pick(
    'chipHours',
    input.chipHours,
    input.days === undefined ? runFacts?.chipHours : undefined,
  );
  if (days !== undefined) {
    if (chips === undefined) {
      throw issue('missing', 'chips', '--chips is required with --days (chip-hours = chips × days × 24)', {
        accepted: 'an integer >= 1',
      });
    }
    const fromDays = chips * days * 24;
    if (chipHours !== undefined && Math.abs(chipHours - fromDays) > CHIP_HOURS_TOLERANCE * chipHours) {
      throw issue(
        'conflict',
        'chipHours',
        `--chip-hours ${chipHours} disagrees with --chips ${chips} × --days ${days} × 24 = ${fromDays}`,
        {
          value: chipHours,
          accepted: 'give either --chip-hours or --chips with --days, or values that agree within 5%',
        },
      );
    }
    if (chipHours === undefined) {
      chipHours = fromDays;
      inputs.chipHours = { value: fromDays, source: 'derived:chips×days×24' };
    }
  }

  let flop: number | null = null;
  if (activeParams !== undefined && tokens !== undefined) {
    const attention =
      input.layers && input.contextLength && input.dModel
        ? { layers: input.layers, contextLength: input.contextLength, dModel: input.dModel }
        : undefined;
    flop = trainingFlop(activeParams, tokens, attention);
  }

  const point: TrainingPoint = {
    flop: flop ?? Number.NaN,
    peakFlopS: Number.NaN,
    mfu: Number.NaN,
    chipHours: chipHours ?? Number.NaN,
    systemPowerW: Number.NaN,
    tdpW: hardware?.tdpW ?? Number.NaN,
    powerFraction: Number.NaN,
    hostOverhead: 0,
    pue: 1,
    intensityGPerKwh: 0,
    renewableShare: input.renewableShare ?? 0,
    embodiedKgPerChipHour: 0,
  };

  if (chipHours === undefined) {
    if (flop === null || hardware === undefined) {
      throw issue(
        'missing',
        flop === null ? (params === undefined ? 'params' : 'tokens') : 'hardware',
        'not enough inputs: give --chip-hours (or --chips with --days), or --params, --tokens and --hardware (or --model)',
        {
          accepted: '--chip-hours N | --chips N --days N | --params N --tokens N --hardware ID | --model ID',
        },
      );
    }
    const precision = input.precision;
    point.peakFlopS = peakFlopS(hardware, precision);
    inputs.peakFlopS = {
      value: point.peakFlopS,
      source: `catalog:${hardware.id}${precision ? `:${precision}` : ''}`,
    };
    if (input.mfu !== undefined) {
      point.mfu = input.mfu;
      inputs.mfu = { value: input.mfu, source: 'user' };
    } else {
      const base = mfuDefaultFor(hardware);
      const factor = mfuScaleFactor(params ?? activeParams ?? 1e11);
      const range = { low: base.low * factor, central: base.central * factor, high: base.high * factor };
      point.mfu = range.central;
      uncertain.mfu = ranged(range);
      inputs.mfu = {
        value: range,
        source: `default:${base.id} × scale ${factor.toFixed(2)}; ${cite(base.source)}`,
      };
    }
  }

  const powerW = pick('powerW', input.powerW, runFacts?.powerWPerChip);
  if (powerW !== undefined) {
    point.systemPowerW = powerW;
  } else {
    if (hardware === undefined) {
      throw issue('missing', 'hardware', '--hardware or --power-w is required to know the power per chip', {
        accepted: '--hardware ID | --power-w W',
      });
    }
    const defaults = powerDefaultsFor(hardware);
    point.powerFraction = defaults.fraction.central;
    point.hostOverhead = defaults.host.central;
    uncertain.powerFraction = ranged(defaults.fraction);
    uncertain.hostOverhead = ranged(defaults.host);
    inputs.tdpW = { value: hardware.tdpW, source: `catalog:${hardware.id}` };
    inputs.powerFraction = {
      value: pickRange(defaults.fraction),
      source: `default:${cite(defaults.fraction.source)}`,
    };
    inputs.hostOverhead = {
      value: pickRange(defaults.host),
      source: `default:${cite(defaults.host.source)}`,
    };
  }

  const location = input.location ? resolveLocation(input.location, 'location') : undefined;
  if (location) inputs.location = { value: location.id, source: 'user' };

  const pue = pick('pue', input.pue, location ? undefined : (runFacts?.pue ?? model?.pue));
  if (pue !== undefined) {
    point.pue = pue;
  } else if (
    input.powerW === undefined &&
    runFacts?.powerIncludesPue &&
    runFacts.powerWPerChip !== undefined
  ) {
    // The published power per chip already contains the PUE: applying one again would count it twice.
    point.pue = 1;
    inputs.pue = { value: 1, source: `${fromModel} (PUE folded into the published power per chip)` };
  } else {
    const entry = defaultPue(location?.provider);
    const range = {
      low: Math.max(1, entry.pue * PUE_SPREAD.low),
      central: entry.pue,
      high: entry.pue * PUE_SPREAD.high,
    };
    point.pue = entry.pue;
    uncertain.pue = ranged(range);
    inputs.pue = { value: range, source: `default:${entry.id}; ${cite(entry.source)}` };
  }

  if (input.gridIntensity !== undefined) {
    point.intensityGPerKwh = input.gridIntensity;
    inputs.gridIntensity = { value: input.gridIntensity, source: 'user' };
  } else if (location) {
    setIntensityFromLocation(location.intensityGPerKwh, `location:${location.id}; ${cite(location.source)}`);
  } else if (model?.intensityGPerKwh !== undefined) {
    point.intensityGPerKwh = model.intensityGPerKwh;
    inputs.gridIntensity = { value: model.intensityGPerKwh, source: fromModel };
  } else {
    setIntensityFromLocation(WORLD.intensityGPerKwh, `default:world average; ${cite(WORLD.source)}`);
    notes.push(
      'No location given: the world-average grid intensity was used (--location fr, --location aws:eu-west-3...).',
    );
  }
  function setIntensityFromLocation(central: number, source: string) {
    const range = { low: central * INTENSITY_SPREAD.low, central, high: central * INTENSITY_SPREAD.high };
    point.intensityGPerKwh = central;
    uncertain.intensityGPerKwh = ranged(range);
    inputs.gridIntensity = { value: range, source };
  }
  if (input.renewableShare !== undefined)
    inputs.renewableShare = { value: input.renewableShare, source: 'user' };

  if (hardware) {
    const hoursOfLife = SERVICE_LIFE_YEARS.central * 8760 * LIFETIME_UTILISATION.value;
    const perHour: Range = {
      low: hardware.embodiedKgCo2e.low / (SERVICE_LIFE_YEARS.high * 8760 * LIFETIME_UTILISATION.value),
      central: hardware.embodiedKgCo2e.central / hoursOfLife,
      high: hardware.embodiedKgCo2e.high / (SERVICE_LIFE_YEARS.low * 8760 * LIFETIME_UTILISATION.value),
    };
    point.embodiedKgPerChipHour = perHour.central;
    uncertain.embodiedKgPerChipHour = ranged(perHour);
    const embodiedSource = hardware.fieldSources?.embodiedKgCo2e ?? hardware.source;
    inputs.embodiedKgCo2ePerChip = {
      value: pickRange(hardware.embodiedKgCo2e),
      source: `catalog:${hardware.id}; ${cite(embodiedSource)}`,
    };
    inputs.serviceLifeYears = {
      value: pickRange(SERVICE_LIFE_YEARS),
      source: `default:${cite(SERVICE_LIFE_YEARS.source)}`,
    };
  } else {
    notes.push('No hardware given: embodied (manufacturing) emissions are not counted.');
  }
  return { point, uncertain, inputs, notes, model, flop };
}

function pickRange(r: SourcedRange | Range): Range {
  return { low: r.low, central: r.central, high: r.high };
}

/** The full estimate: central values, a seeded Monte Carlo for low/high (5th and 95th percentiles). */
export function estimateTraining(input: TrainingInput, lang: 'en' | 'fr' = 'en'): TrainingEstimate {
  const scenario = resolveTrainingScenario(input);
  const central = computeTraining(scenario.point, createTrainingOutput());
  const keys = ['chipHours', 'energyKwh', 'co2eKg', 'co2eMarketKg', 'embodiedCo2eKg', 'totalCo2eKg'] as const;
  const ranges = monteCarlo(scenario, input.draws ?? DEFAULT_DRAWS, input.seed ?? DEFAULT_SEED);
  const withCentral = (key: (typeof keys)[number], value: number): Range => {
    const r = ranges[key];
    return { low: Math.min(r.low, value), central: value, high: Math.max(r.high, value) };
  };
  const totalCentral = central.co2eKg + central.embodiedCo2eKg;
  const estimate: TrainingEstimate = {
    energyKwh: withCentral('energyKwh', central.energyKwh),
    co2eKg: withCentral('co2eKg', central.co2eKg),
    embodiedCo2eKg: withCentral('embodiedCo2eKg', central.embodiedCo2eKg),
    totalCo2eKg: withCentral('totalCo2eKg', totalCentral),
    embodiedSharePct: totalCentral > 0 ? (100 * central.embodiedCo2eKg) / totalCentral : 0,
    chipHours: withCentral('chipHours', central.chipHours),
    flop: scenario.flop,
    inputs: scenario.inputs,
    equivalents: computeEquivalents({ co2eKg: central.co2eKg, energyKwh: central.energyKwh }, lang),
    notes: scenario.notes,
    methodologyVersion: TRAINING_METHODOLOGY_VERSION,
  };
  if (input.renewableShare !== undefined)
    estimate.co2eMarketKg = withCentral('co2eMarketKg', central.co2eMarketKg);
  const model = scenario.model;
  if (model && (model.energyKwh !== undefined || model.co2eKg !== undefined)) {
    const diff = (ours: number, published?: number) =>
      published !== undefined && published > 0 ? (100 * (ours - published)) / published : undefined;
    estimate.published = {
      energyKwh: model.energyKwh,
      co2eKg: model.co2eKg,
      basis: model.co2eBasis,
      embodiedIncluded: model.embodiedIncluded,
      differencePct: {
        energyKwh: diff(central.energyKwh, model.energyKwh),
        co2eKg: diff(central.co2eKg, model.co2eKg),
      },
      source: cite(model.source),
    };
  }
  return estimate;
}

const UNCERTAIN_KEYS = [
  'mfu',
  'powerFraction',
  'hostOverhead',
  'pue',
  'intensityGPerKwh',
  'embodiedKgPerChipHour',
] as const;
const OUTPUT_KEYS = [
  'chipHours',
  'energyKwh',
  'co2eKg',
  'co2eMarketKg',
  'embodiedCo2eKg',
  'totalCo2eKg',
] as const;

/** Draws the uncertain inputs, evaluates the kernel per draw, and reads the 5th and 95th percentiles. */
function monteCarlo(scenario: Scenario, draws: number, seed: number) {
  const random = mulberry32(seed);
  const point = { ...scenario.point };
  const out = createTrainingOutput();
  const columns = OUTPUT_KEYS.map(() => new Float64Array(draws));
  const [chipHours, energyKwh, co2eKg, co2eMarketKg, embodiedCo2eKg, totalCo2eKg] = columns;
  // Flat arrays and an index switch keep the loop monomorphic (no keyed property access per draw).
  const active = UNCERTAIN_KEYS.map((key, index) => ({ index, range: scenario.uncertain[key] })).filter(
    (a) => a.range,
  );
  const count = active.length;
  const which = Int32Array.from(active, (a) => a.index);
  const lows = Float64Array.from(active, (a) => a.range!.low);
  const modes = Float64Array.from(active, (a) => a.range!.central);
  const highs = Float64Array.from(active, (a) => a.range!.high);
  for (let i = 0; i < draws; i++) {
    for (let j = 0; j < count; j++) {
      const value = triangular(random(), lows[j], modes[j], highs[j]);
      switch (which[j]) {
        case 0:
          point.mfu = value;
          break;
        case 1:
          point.powerFraction = value;
          break;
        case 2:
          point.hostOverhead = value;
          break;
        case 3:
          point.pue = value;
          break;
        case 4:
          point.intensityGPerKwh = value;
          break;
        default:
          point.embodiedKgPerChipHour = value;
      }
    }
    computeTraining(point, out);
    chipHours[i] = out.chipHours;
    energyKwh[i] = out.energyKwh;
    co2eKg[i] = out.co2eKg;
    co2eMarketKg[i] = out.co2eMarketKg;
    embodiedCo2eKg[i] = out.embodiedCo2eKg;
    totalCo2eKg[i] = out.co2eKg + out.embodiedCo2eKg;
  }
  const result = {} as Record<(typeof OUTPUT_KEYS)[number], { low: number; high: number }>;
  OUTPUT_KEYS.forEach((key, k) => {
    const column = columns[k];
    result[key] =
      count === 0
        ? { low: column[0], high: column[0] }
        : { low: quantileSelect(column, 0.05), high: quantileSelect(column, 0.95) };
  });
  return result;
}
