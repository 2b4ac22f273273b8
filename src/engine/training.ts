import { peakFlopS, resolveHardware } from '../catalog/hardware.js';
import { frozen, memo } from '../catalog/memo.js';
import { resolveModel } from '../catalog/models.js';
import {
  CHIP_HOURS_RESIDUALS,
  MFU_MAX,
  MFU_MODEL,
  mfuClassOf,
  powerDefaultsFor,
  type SourcedRange,
} from '../catalog/training-defaults.js';
import type { HardwareEntry, ModelEntry, Range } from '../catalog/types.js';
import { userError } from '../errors.js';
import { type Message, msg, render, renderAll } from '../messages/index.js';
import { applyCalibration, type CalibrationFigures, calibratedMfu } from './calibration.js';
import { computeEquivalents } from './equivalents.js';
import { logTriangleMatching } from './log-triangle.js';
import { type SaidSource, saidSource, sourceOf } from './provenance.js';
import { mulberry32, quantileSelect, triangular } from './random.js';
import type { TrainingInput } from './schemas/training.js';
import { cite, resolveEmbodied, resolveSite, type Site, type SiteValue } from './site.js';
import { chipsFor, type MfuCoefficients, type MfuSpread, predictMfu } from './training-fit.js';
import {
  computeTraining,
  createTrainingOutput,
  TRAINING_RANGE_KEYS,
  type TrainingPoint,
  trainingFlop,
} from './training-kernel.js';
import { analyticRanges } from './training-range.js';

export type { TrainingInput } from './schemas/training.js';
export { cite } from './site.js';

export const TRAINING_METHODOLOGY_VERSION = 'training-2026.1';
const DEFAULT_DRAWS = 10_000;
const DEFAULT_SEED = 42;
/** Chip-hours given twice (directly and as chips × days) may differ by rounding, not more. */
const CHIP_HOURS_TOLERANCE = 0.05;

export interface ResolvedInput {
  value: number | string | Range;
  source: string;
  /** `source` as message data, where it says something in words (`sourceIn` says it in a language). */
  sourceMessage?: Message;
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
  /**
   * The central total split by where it arises (location-based, sums to totalCo2eKg.central): the
   * IT equipment's electricity, the data centre's overhead on top of it (PUE − 1), manufacturing.
   */
  breakdownCo2eKg: { it: number; facility: number; embodied: number };
  chipHours: Range;
  flop: number | null;
  inputs: Record<string, ResolvedInput>;
  published?: PublishedComparison;
  equivalents: ReturnType<typeof computeEquivalents>;
  /** What the reader should know, in English (CLI flags named); `noteMessages` says it in any language. */
  notes: string[];
  noteMessages: Message[];
  methodologyVersion: string;
}

/** How a publication counted its figures, so that ours are read on the same basis. */
export interface PublishedBasis {
  /** Which CO2e the publication gives: location-based (grid average) or market-based (net of purchases). */
  co2e: 'location' | 'market' | 'unspecified';
  /** The PUE applied to the published energy (1: none), or `in power` where the power per chip folds it in. */
  pue: number | 'in power' | 'not stated';
  /** What the energy counts: the accelerators alone, with their share of the servers, or a measured energy. */
  counts: 'accelerators' | 'accelerators and servers' | 'measured accelerator energy' | 'not stated';
  embodiedIncluded?: boolean;
}

export interface PublishedComparison {
  energyKwh?: number;
  co2eKg?: number;
  basis: PublishedBasis;
  /**
   * Our central figures on the publication's basis (the market-based CO2e where it is market-based):
   * the energy while the run and its PUE are as published, the CO2e while its grid is too.
   */
  ours?: { energyKwh: number; co2eKg?: number };
  /** Ours minus published, percent, for the figures `ours` holds. */
  differencePct: { energyKwh?: number; co2eKg?: number };
  /** What no longer matches the published run (inputs the user changed), when something does not: in English (CLI flags named)… */
  notComparable?: string;
  /** …and as data, to say in any language. */
  notComparableMessage?: Message;
  source: string;
}

/** One uncertain input: a fixed value, or a triangular range sampled by the Monte Carlo. */
interface Uncertain {
  central: number;
  low: number;
  high: number;
  /** Drawn as a triangle in log space (for ranges too wide, in ratio, for a triangle in value). */
  log?: boolean;
  /** A ceiling the value cannot pass (a utilisation's 1): draws above it are censored to it. */
  max?: number;
}
const ranged = (r: Range): Uncertain => ({ low: r.low, central: r.central, high: r.high });

interface Scenario {
  point: TrainingPoint;
  uncertain: Partial<
    Record<
      'mfu' | 'powerFraction' | 'hostOverhead' | 'pue' | 'intensityGPerKwh' | 'embodiedKgPerChipHour',
      Uncertain
    >
  >;
  inputs: Record<string, ResolvedInput>;
  notes: Message[];
  model?: ModelEntry;
  flop: number | null;
  /** What differs from the published run of `model`: its energy (run, power, PUE) or only its grid. */
  changedFromPublished: { energy: Message[]; grid: Message[] };
}

/** The utilisation model to use: the committed fit by default; evaluations pass one fitted without the runs they test. */
export interface UtilisationFit {
  model: MfuCoefficients;
  /** Log-space triangular spreads of the MFU factor around the central, chips given or not (see CHIP_HOURS_RESIDUALS). */
  mfuFactor: MfuSpread;
}
const COMMITTED_FIT: UtilisationFit = {
  model: MFU_MODEL,
  mfuFactor: {
    withChips: CHIP_HOURS_RESIDUALS.withChips.mfuFactor,
    withoutChips: CHIP_HOURS_RESIDUALS.withoutChips.mfuFactor,
  },
};

/** What the resolver builds up as it goes: every input with its origin, the ranges and the notes. */
interface Resolving {
  input: TrainingInput;
  calibration?: CalibrationFigures;
  inputs: Record<string, ResolvedInput>;
  notes: Message[];
  uncertain: Scenario['uncertain'];
  model?: ModelEntry;
  /** `catalog:<model id>`, the origin of figures taken from the model. */
  fromModel: string;
  /** The model as published, while the user changed nothing of its run (its accounting figures hold). */
  runFacts?: ModelEntry;
}

/** The run itself: size, data, hardware and chip-hours, from the user's flags, then the catalog model. */
interface ResolvedRun {
  params?: number;
  activeParams?: number;
  tokens?: number;
  hardware?: HardwareEntry;
  chips?: number;
  chipHours?: number;
}

/**
 * Resolves user input, catalog entries and defaults into one scenario; every value keeps its origin.
 * A calibration (the user's measured runs, loaded by the service) gives the hardware, precision,
 * utilisation and chip power in place of the defaults.
 */
export function resolveTrainingScenario(
  input: TrainingInput,
  calibration?: CalibrationFigures,
  fit: UtilisationFit = COMMITTED_FIT,
): Scenario {
  const hardwareGiven = input.hardware !== undefined;
  if (calibration) input = applyCalibration(input, calibration);
  const model = input.model ? resolveModel(input.model) : undefined;
  // The catalog's accounting figures (chip-hours, power) only hold for the run as published.
  const userChangedRun =
    input.params !== undefined ||
    input.activeParams !== undefined ||
    input.tokens !== undefined ||
    input.hardware !== undefined ||
    input.mfu !== undefined ||
    calibration !== undefined;
  const r: Resolving = {
    input,
    calibration,
    inputs: {},
    notes: [],
    uncertain: {},
    model,
    fromModel: `catalog:${model?.id}`,
    runFacts: model && !userChangedRun ? model : undefined,
  };

  const run = resolveRun(r, hardwareGiven);
  const flop = runFlop(input, run);
  const point: TrainingPoint = {
    flop: flop ?? Number.NaN,
    peakFlopS: Number.NaN,
    mfu: Number.NaN,
    chipHours: run.chipHours ?? Number.NaN,
    systemPowerW: Number.NaN,
    tdpW: run.hardware?.tdpW ?? Number.NaN,
    powerFraction: Number.NaN,
    hostOverhead: 0,
    pue: 1,
    intensityGPerKwh: 0,
    renewableShare: input.renewableShare ?? 0,
    embodiedKgPerChipHour: 0,
  };
  if (run.chipHours === undefined) resolveUtilisation(r, point, run, flop, fit);
  resolveChipPower(r, point, run.hardware);
  const site = resolveTrainingSite(r, point);
  useMeasuredEnergy(r, point);
  resolveTrainingEmbodied(r, point, run.hardware);
  // Read only beside a published run's figures (a catalog model): nothing to say otherwise.
  const changedFromPublished = model
    ? changesFromPublished(input, userChangedRun, site, r.runFacts)
    : { energy: [], grid: [] };
  if (calibration) {
    r.inputs.calibration = { value: calibration.name, source: `calibration:${calibration.name}` };
    r.notes.push(
      msg(calibration.runCount === 1 ? 'note.calibrationOne' : 'note.calibration', {
        name: calibration.name,
        runs: calibration.runCount,
        hardware: calibration.hardware,
        precision: calibration.precision,
        basis: calibration.rangeBasis,
      }),
    );
  }
  const { inputs, notes, uncertain } = r;
  return { point, uncertain, inputs, notes, model, flop, changedFromPublished };
}

/** The user's value, else the catalog model's; either is recorded with its origin. */
function pick<T>(r: Resolving, field: string, user: T | undefined, catalog: T | undefined): T | undefined {
  if (user !== undefined) {
    r.inputs[field] = { value: user as number | string, source: 'user' };
    return user;
  }
  if (catalog !== undefined) {
    r.inputs[field] = { value: catalog as number | string, source: r.fromModel };
    return catalog;
  }
  return undefined;
}

function resolveRun(r: Resolving, hardwareGiven: boolean): ResolvedRun {
  const { input, model, calibration } = r;
  const params = pick(r, 'params', input.params, model?.paramsTotal);
  const activeParams =
    pick(
      r,
      'activeParams',
      input.activeParams,
      input.params !== undefined ? undefined : model?.paramsActive,
    ) ?? params;
  if (activeParams !== undefined && params !== undefined && activeParams > params) {
    throw userError('conflict', 'activeParams', 'engine.activeExceeds', {
      value: activeParams,
      paramsField: 'params',
      params,
      accepted: msg('engine.acceptedActive'),
    });
  }
  const tokens = pick(r, 'tokens', input.tokens, model?.tokens);

  let hardware: HardwareEntry | undefined;
  const hardwareName = pick(r, 'hardware', input.hardware, model?.hardwareId);
  if (hardwareName !== undefined) {
    const resolved = resolveHardware(hardwareName, 'hardware');
    hardware = resolved.entry;
    r.inputs.hardware.value = hardware.id;
    if (calibration && !hardwareGiven) r.inputs.hardware.source = `calibration:${calibration.name}`;
    if (resolved.noteMessage) r.notes.push(resolved.noteMessage);
  }

  const chips = pick(r, 'chips', input.chips, r.runFacts?.chips);
  return { params, activeParams, tokens, hardware, chips, chipHours: resolveChipHours(r, chips) };
}

/** Chip-hours given, or chips × days × 24, or the published run's; given both ways, they must agree. */
function resolveChipHours(r: Resolving, chips: number | undefined): number | undefined {
  const { input } = r;
  const days = pick(r, 'days', input.days, undefined);
  const chipHours = pick(
    r,
    'chipHours',
    input.chipHours,
    input.days === undefined ? r.runFacts?.chipHours : undefined,
  );
  if (days === undefined) return chipHours;
  if (chips === undefined) {
    throw userError('missing', 'chips', 'training.chipsWithDays', {
      daysField: 'days',
      accepted: msg('engine.integerAtLeast1'),
    });
  }
  const fromDays = chips * days * 24;
  if (chipHours !== undefined && Math.abs(chipHours - fromDays) > CHIP_HOURS_TOLERANCE * chipHours) {
    const named = { chipsField: 'chips', daysField: 'days' };
    throw userError('conflict', 'chipHours', 'training.chipHoursDisagree', {
      ...named,
      value: chipHours,
      chips,
      days,
      fromDays,
      accepted: msg('training.acceptedChipHours', { field: 'chipHours', ...named }),
    });
  }
  if (chipHours !== undefined) return chipHours;
  r.inputs.chipHours = { value: fromDays, source: 'derived:chips×days×24' };
  return fromDays;
}

function runFlop(input: TrainingInput, run: ResolvedRun): number | null {
  if (run.activeParams === undefined || run.tokens === undefined) return null;
  const attention =
    input.layers && input.contextLength && input.dModel
      ? { layers: input.layers, contextLength: input.contextLength, dModel: input.dModel }
      : undefined;
  return trainingFlop(run.activeParams, run.tokens, attention);
}

/**
 * The fit's citation, then the range's method: the range's citation ends with the fit's, which is
 * said once (half a kilobyte less in every answer).
 */
const MFU_CITATIONS = `; ${cite(MFU_MODEL.source)}; range: ${cite({
  ...CHIP_HOURS_RESIDUALS.source,
  citation: CHIP_HOURS_RESIDUALS.source.citation.replace(`; ${MFU_MODEL.source.citation}`, ''),
})}`;

/** The fitted utilisation's provenance by class of chip, where the chips are given (nearly a kilobyte). */
const fittedMfuSources = memo<SaidSource>();

/** Without chip-hours, they follow from the FLOP, the hardware's peak and the utilisation (MFU). */
function resolveUtilisation(
  r: Resolving,
  point: TrainingPoint,
  run: ResolvedRun,
  flop: number | null,
  fit: UtilisationFit,
): void {
  const { input, model, calibration, inputs } = r;
  const { hardware, params, activeParams, tokens, chips } = run;
  if (model && (flop === null || hardware === undefined)) throw missingFromCatalog(model, flop, hardware);
  if (flop === null || hardware === undefined) {
    throw notEnoughInputs(flop === null ? (params === undefined ? 'params' : 'tokens') : 'hardware');
  }
  const precision = input.precision;
  point.peakFlopS = peakFlopS(hardware, precision);
  inputs.peakFlopS = {
    value: point.peakFlopS,
    source: `catalog:${hardware.id}${precision ? `:${precision}` : ''}`,
  };
  const query = {
    hardware,
    paramsActive: activeParams!,
    paramsTotal: params ?? activeParams!,
    tokens: tokens!,
    chips,
  };
  if (calibration) {
    const { range, transferred } = calibratedMfu(calibration, query, fit.model);
    point.mfu = range.central;
    r.uncertain.mfu = { ...logTriangleMatching(range), log: true, max: MFU_MAX.value };
    inputs.mfu = { value: pickRange(range), source: `calibration:${calibration.name}` };
    if (transferred) r.notes.push(msg('note.calibrationTransfer', { name: calibration.name }));
  } else if (input.mfu !== undefined) {
    point.mfu = input.mfu;
    inputs.mfu = { value: input.mfu, source: 'user' };
  } else {
    const spread = chips === undefined ? fit.mfuFactor.withoutChips : fit.mfuFactor.withChips;
    const central = predictMfu(query, fit.model);
    const range = mfuRange(central, spread);
    point.mfu = central;
    // The triangle as fitted, censored at the ceiling: its top may pass 1, no draw does.
    r.uncertain.mfu = {
      low: central * spread.low,
      central,
      high: central * spread.high,
      log: true,
      max: MFU_MAX.value,
    };
    const mfuClass = mfuClassOf(hardware);
    const said =
      chips === undefined
        ? saidSource(
            'source.fittedMfu',
            {
              class: mfuClass,
              chips: msg('source.chipsFromFlop', { chips: Math.round(chipsFor(query, fit.model)) }),
            },
            MFU_CITATIONS,
          )
        : fittedMfuSources.get(mfuClass, () =>
            frozen(saidSource('source.fittedMfu', { class: mfuClass, chips: '' }, MFU_CITATIONS)),
          );
    inputs.mfu = { value: range, ...said };
  }
}

/** Power per chip: given or published, else a fraction of TDP (a calibration's measured one) plus host overhead. */
function resolveChipPower(r: Resolving, point: TrainingPoint, hardware: HardwareEntry | undefined): void {
  const { calibration, inputs } = r;
  const powerW = pick(r, 'powerW', r.input.powerW, r.runFacts?.powerWPerChip);
  if (powerW !== undefined) {
    point.systemPowerW = powerW;
    return;
  }
  if (hardware === undefined) {
    throw userError('missing', 'hardware', 'training.powerNeeded', {
      powerField: 'powerW',
      accepted: msg('training.acceptedPower', { field: 'hardware', powerField: 'powerW' }),
    });
  }
  const defaults = powerDefaultsFor(hardware);
  // A calibration measured the chips' own power: as a fraction of TDP it replaces the default.
  const fraction = calibration
    ? {
        low: calibration.powerWPerChip.low / hardware.tdpW,
        central: calibration.powerWPerChip.central / hardware.tdpW,
        high: calibration.powerWPerChip.high / hardware.tdpW,
      }
    : defaults.fraction;
  point.powerFraction = fraction.central;
  point.hostOverhead = defaults.host.central;
  r.uncertain.powerFraction = calibration
    ? { ...logTriangleMatching(fraction), log: true }
    : ranged(fraction);
  r.uncertain.hostOverhead = ranged(defaults.host);
  if (!calibration) {
    const kept = chipPowerInputs.get(hardware.id, () => frozen(chipPowerInputsOf(hardware, defaults)));
    inputs.tdpW = kept.tdpW;
    inputs.powerFraction = kept.powerFraction;
    inputs.hostOverhead = kept.hostOverhead;
    return;
  }
  inputs.tdpW = { value: hardware.tdpW, source: `catalog:${hardware.id}` };
  inputs.powerWPerChip = {
    value: pickRange(calibration.powerWPerChip),
    source: `calibration:${calibration.name}`,
  };
  inputs.powerFraction = { value: pickRange(fraction), source: `calibration:${calibration.name}` };
  inputs.hostOverhead = chipPowerInputsOf(hardware, defaults).hostOverhead;
}

/** The chip's power inputs without a calibration: the catalog's and the defaults' figures, with their sources. */
function chipPowerInputsOf(hardware: HardwareEntry, defaults: ReturnType<typeof powerDefaultsFor>) {
  return {
    tdpW: { value: hardware.tdpW, source: `catalog:${hardware.id}` },
    powerFraction: {
      value: pickRange(defaults.fraction),
      source: `default:${cite(defaults.fraction.source)}`,
    },
    hostOverhead: { value: pickRange(defaults.host), source: `default:${cite(defaults.host.source)}` },
  };
}

/** The power inputs by chip (they depend on the chip alone). */
const chipPowerInputs = memo<ReturnType<typeof chipPowerInputsOf>>();

/** The site's PUE, grid intensity and renewable share, the published run's where the user gives none. */
function resolveTrainingSite(r: Resolving, point: TrainingPoint): Site {
  const { input, model } = r;
  // Without a model or a figure of the user's, the site depends on the location's name alone.
  const byName =
    !model &&
    input.pue === undefined &&
    input.gridIntensity === undefined &&
    input.renewableShare === undefined;
  const site = byName
    ? sitesByLocation.get(input.location ?? '', () => keptSite(resolveSite({ location: input.location })))
    : siteOf(r);
  r.notes.push(...site.noteMessages);
  if (site.location) r.inputs.location = { value: site.location.id, source: 'user' };
  const siteInput = (field: string, value: SiteValue, key: 'pue' | 'intensityGPerKwh') => {
    point[key] = value.value;
    if (value.range) r.uncertain[key] = ranged(value.range);
    r.inputs[field] = { value: value.range ?? value.value, ...sourceOf(value) };
  };
  siteInput('pue', site.pue, 'pue');
  siteInput('gridIntensity', site.intensityGPerKwh, 'intensityGPerKwh');
  if (site.renewableShare) {
    point.renewableShare = site.renewableShare.value;
    r.inputs.renewableShare = { value: site.renewableShare.value, ...sourceOf(site.renewableShare) };
  }
  return site;
}

/** Sites by location name (`''`: none given), for estimates that give no site figure of their own. */
const sitesByLocation = memo<Site>();

/** A site to keep: its figures and notes frozen (its location is the catalog's entry, left as it is). */
function keptSite(site: Site): Site {
  frozen(site.pue);
  frozen(site.intensityGPerKwh);
  frozen(site.renewableShare);
  frozen(site.noteMessages);
  return Object.freeze(site);
}

function siteOf(r: Resolving): Site {
  const { input, model, runFacts: published } = r;
  return resolveSite({
    location: input.location,
    pue: input.pue,
    gridIntensity: input.gridIntensity,
    renewableShare: input.renewableShare,
    published: model && {
      origin: r.fromModel,
      // The publication's own PUE holds for its run; a changed run takes the site's PUE.
      pue: published ? model.pue : (model.sitePue ?? model.pue),
      pueInPower: Boolean(published?.powerIncludesPue && input.powerW === undefined),
      intensityGPerKwh: model.intensityGPerKwh,
      marketIntensityGPerKwh: model.marketIntensityGPerKwh,
    },
  });
}

/** Energy the authors measured stands for chip-hours × power on the run as published. */
function useMeasuredEnergy(r: Resolving, point: TrainingPoint): void {
  const published = r.runFacts;
  if (published?.itEnergyKwh === undefined || r.input.powerW !== undefined || r.input.chipHours !== undefined)
    return;
  point.itEnergyKwh = published.itEnergyKwh;
  r.inputs.itEnergyKwh = {
    value: published.itEnergyKwh,
    ...saidSource('source.measuredEnergy', { origin: r.fromModel }),
  };
  delete r.uncertain.powerFraction;
  delete r.uncertain.hostOverhead;
}

function resolveTrainingEmbodied(
  r: Resolving,
  point: TrainingPoint,
  hardware: HardwareEntry | undefined,
): void {
  if (!hardware) {
    r.notes.push(msg('note.noEmbodied'));
    return;
  }
  const embodied = embodiedInputs.get(hardware.id, () => {
    const e = resolveEmbodied(hardware);
    return frozen({
      perChipHourKg: e.perChipHourKg,
      perChip: { value: e.perChipKg, source: e.source },
      serviceLife: { value: e.serviceLifeYears, source: e.serviceLifeSource },
    });
  });
  point.embodiedKgPerChipHour = embodied.perChipHourKg.central;
  r.uncertain.embodiedKgPerChipHour = ranged(embodied.perChipHourKg);
  r.inputs.embodiedKgCo2ePerChip = embodied.perChip;
  r.inputs.serviceLifeYears = embodied.serviceLife;
}

/** The chip's embodied inputs, by chip (they depend on the chip alone). */
const embodiedInputs = memo<{ perChipHourKg: Range; perChip: ResolvedInput; serviceLife: ResolvedInput }>();

/** What the user changed from the published run: its energy (run, power, PUE) or only its grid. */
function changesFromPublished(
  input: TrainingInput,
  userChangedRun: boolean,
  site: Site,
  published: ModelEntry | undefined,
): Scenario['changedFromPublished'] {
  const given = (keys: readonly (keyof TrainingInput)[]) =>
    keys.filter((key) => input[key] !== undefined).map((key) => msg('published.input', { inputField: key }));
  // A cloud region changes the PUE too (its operator's), so the energy no longer matches either.
  const pueChanged =
    Boolean(site.location?.provider) && input.pue === undefined && !published?.powerIncludesPue;
  return {
    energy: [
      ...(userChangedRun ? [msg('published.run')] : []),
      ...given(['pue', 'powerW', 'chipHours', 'chips', 'days']),
      ...(pueChanged ? [msg('published.operatorPue', { locationField: 'location' })] : []),
    ],
    grid: given(['location', 'gridIntensity', 'renewableShare']),
  };
}

/** Too few inputs for an estimate, about `field`: what would do, as a usage error. */
export function notEnoughInputs(field: string) {
  const named = {
    chipHoursField: 'chipHours',
    chipsField: 'chips',
    daysField: 'days',
    paramsField: 'params',
    tokensField: 'tokens',
    hardwareField: 'hardware',
    modelField: 'model',
  };
  return userError('missing', field, 'training.notEnough', {
    ...named,
    accepted: msg('training.acceptedEnough', named),
  });
}

/** A catalog model whose publication lacks what a first-principles estimate needs: say what, and what to give. */
function missingFromCatalog(model: ModelEntry, flop: number | null, hardware: HardwareEntry | undefined) {
  const noHardware = model.hardwareLabel
    ? msg('training.gapHardwareLabel', { label: model.hardwareLabel })
    : msg('training.gapHardware');
  const tokensArg = msg('engine.arg', { argField: 'tokens', arg: 'N' });
  const hardwareArg = msg('engine.arg', { argField: 'hardware', arg: 'ID' });
  // What is missing: the tokens, the hardware, or both.
  const both = flop === null && hardware === undefined;
  const missing = both
    ? msg('engine.nor', { a: msg('training.gapTokens'), b: noHardware })
    : flop === null
      ? msg('training.gapTokens')
      : noHardware;
  const give = both
    ? msg('accepted.and', { a: tokensArg, b: hardwareArg })
    : flop === null
      ? tokensArg
      : hardwareArg;
  const giveAll = both ? msg('engine.space', { a: tokensArg, b: hardwareArg }) : give;
  const named = { chipHoursField: 'chipHours', powerField: 'powerW' };
  return userError('missing', flop === null ? 'tokens' : 'hardware', 'training.catalogGap', {
    ...named,
    modelField: 'model',
    model: model.id,
    missing,
    give,
    accepted: msg('training.acceptedCatalogGap', { ...named, give: giveAll }),
  });
}

/**
 * The fitted MFU with the spread of its out-of-sample residuals (chip-hours ∝ 1 / MFU): the least
 * and most the draws reach, the most at the ceiling of a utilisation (1) where the spread passes it.
 */
export function mfuRange(central: number, factor: { low: number; high: number }): Range {
  const { low, high } = factor;
  return { low: central * low, central, high: Math.min(central * high, MFU_MAX.value) };
}

function pickRange(r: SourcedRange | Range): Range {
  return { low: r.low, central: r.central, high: r.high };
}

/**
 * The full estimate: central values, and low/high as the 5th and 95th percentiles: from the inputs'
 * log-cumulants (Cornish–Fisher), or a seeded Monte Carlo when `seed` or `draws` is given.
 * `options.calibration`: figures of the user's measured runs (see `services/calibrate`);
 * `options.fit`: a utilisation fit other than the committed one (out-of-sample evaluations).
 */
export function estimateTraining(
  input: TrainingInput,
  lang: 'en' | 'fr' = 'en',
  options: { calibration?: CalibrationFigures; fit?: UtilisationFit } = {},
): TrainingEstimate {
  const scenario = resolveTrainingScenario(input, options.calibration, options.fit);
  const central = computeTraining(scenario.point, createTrainingOutput());
  // Cornish–Fisher on the factors' log-cumulants by default (microseconds); the seeded Monte Carlo
  // when a seed or a number of draws is asked for.
  const ranges =
    input.draws === undefined && input.seed === undefined
      ? analyticRanges(scenario.point, scenario.uncertain, central)
      : monteCarlo(scenario, input.draws ?? DEFAULT_DRAWS, input.seed ?? DEFAULT_SEED);
  const withCentral = (key: (typeof TRAINING_RANGE_KEYS)[number], value: number): Range => {
    const r = ranges[key];
    return { low: Math.min(r.low, value), central: value, high: Math.max(r.high, value) };
  };
  const totalCentral = central.co2eKg + central.embodiedCo2eKg;
  const itCo2eKg = (central.itEnergyKwh * scenario.point.intensityGPerKwh) / 1000;
  const estimate: TrainingEstimate = {
    energyKwh: withCentral('energyKwh', central.energyKwh),
    co2eKg: withCentral('co2eKg', central.co2eKg),
    embodiedCo2eKg: withCentral('embodiedCo2eKg', central.embodiedCo2eKg),
    totalCo2eKg: withCentral('totalCo2eKg', totalCentral),
    embodiedSharePct: totalCentral > 0 ? (100 * central.embodiedCo2eKg) / totalCentral : 0,
    breakdownCo2eKg: {
      it: itCo2eKg,
      facility: central.co2eKg - itCo2eKg,
      embodied: central.embodiedCo2eKg,
    },
    chipHours: withCentral('chipHours', central.chipHours),
    flop: scenario.flop,
    inputs: scenario.inputs,
    equivalents: computeEquivalents({ co2eKg: central.co2eKg, energyKwh: central.energyKwh }, lang),
    notes: renderAll(scenario.notes),
    noteMessages: scenario.notes,
    methodologyVersion: TRAINING_METHODOLOGY_VERSION,
  };
  if (scenario.inputs.renewableShare !== undefined)
    estimate.co2eMarketKg = withCentral('co2eMarketKg', central.co2eMarketKg);
  const model = scenario.model;
  if (model && (model.energyKwh !== undefined || model.co2eKg !== undefined)) {
    estimate.published = comparePublished(model, scenario.changedFromPublished, {
      energyKwh: central.energyKwh,
      co2eKg: model.co2eBasis === 'market' ? central.co2eMarketKg : central.co2eKg,
    });
  }
  return estimate;
}

/** How a catalog entry's publication counted its figures. */
export function publishedBasis(model: ModelEntry): PublishedBasis {
  return {
    co2e: model.co2eBasis ?? 'unspecified',
    pue: model.powerIncludesPue ? 'in power' : (model.pue ?? 'not stated'),
    counts:
      model.itEnergyKwh !== undefined
        ? 'measured accelerator energy'
        : model.powerBoundary === 'system'
          ? 'accelerators and servers'
          : model.powerBoundary === 'accelerator'
            ? 'accelerators'
            : 'not stated',
    embodiedIncluded: model.embodiedIncluded,
  };
}

/** `, b, c` as one message (the params of a message are single values, not lists). */
function listRest(items: readonly Message[]): Message {
  const [head, ...tail] = items;
  return msg('published.more', { item: head, rest: tail.length > 0 ? listRest(tail) : undefined });
}

/** The published figures beside ours, on the publication's basis; no difference once the run or site changed. */
function comparePublished(
  model: ModelEntry,
  changed: Scenario['changedFromPublished'],
  ours: { energyKwh: number; co2eKg: number },
): PublishedComparison {
  const diff = (mine: number, theirs?: number) =>
    theirs !== undefined && theirs > 0 ? (100 * (mine - theirs)) / theirs : undefined;
  const comparison: PublishedComparison = {
    energyKwh: model.energyKwh,
    co2eKg: model.co2eKg,
    basis: publishedBasis(model),
    differencePct: {},
    source: cite(model.source),
  };
  const differs = [...changed.energy, ...changed.grid];
  if (differs.length > 0) {
    const message = msg('published.differs', {
      first: differs[0],
      rest: differs.length > 1 ? listRest(differs.slice(1)) : undefined,
    });
    comparison.notComparable = render(message, 'en', 'flag');
    comparison.notComparableMessage = message;
  }
  if (changed.energy.length > 0) return comparison;
  comparison.ours = { energyKwh: ours.energyKwh };
  comparison.differencePct.energyKwh = diff(ours.energyKwh, model.energyKwh);
  if (changed.grid.length > 0) return comparison;
  comparison.ours.co2eKg = ours.co2eKg;
  comparison.differencePct.co2eKg = diff(ours.co2eKg, model.co2eKg);
  return comparison;
}

const UNCERTAIN_KEYS = [
  'mfu',
  'powerFraction',
  'hostOverhead',
  'pue',
  'intensityGPerKwh',
  'embodiedKgPerChipHour',
] as const;
const OUTPUT_KEYS = TRAINING_RANGE_KEYS;

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
  const inLog = Uint8Array.from(active, (a) => (a.range!.log ? 1 : 0));
  const scale = (a: (typeof active)[number], v: number) => (a.range!.log ? Math.log(v) : v);
  const lows = Float64Array.from(active, (a) => scale(a, a.range!.low));
  const modes = Float64Array.from(active, (a) => scale(a, a.range!.central));
  const highs = Float64Array.from(active, (a) => scale(a, a.range!.high));
  const ceilings = Float64Array.from(active, (a) => a.range!.max ?? Number.POSITIVE_INFINITY);
  for (let i = 0; i < draws; i++) {
    for (let j = 0; j < count; j++) {
      const drawn = triangular(random(), lows[j], modes[j], highs[j]);
      const value = Math.min(inLog[j] === 1 ? Math.exp(drawn) : drawn, ceilings[j]);
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
