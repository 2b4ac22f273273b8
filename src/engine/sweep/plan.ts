import { peakFlopS, resolveHardware } from '../../catalog/hardware.js';
import { WORLD } from '../../catalog/locations.js';
import { GRID_SCENARIOS, type GridScenario } from '../../catalog/projections.js';
import type { Precision } from '../../catalog/types.js';
import { type EmpreinteError, isEmpreinteError, userError } from '../../errors.js';
import { type Message, msg } from '../../messages/index.js';
import { efficiencyTrend, gridScenario, hardwareEfficiencyFactor, projectIntensity } from '../projection.js';
import { notEnoughInputs } from '../training.js';
import { buildDesigns, type Design } from './designs.js';
import { buildLocations, type HardwareRow, hardwareRow, type LocationRow } from './factors.js';
import { DEFAULT_MAX_SCENARIOS, given, type SweepOptions, type SweepSpec } from './spec.js';

/** A sweep's plan: every axis resolved once (designs, hardware, locations, projections), before the loop. */

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
  notes: Message[];
}

export function planSweep(spec: SweepSpec, options: SweepOptions = {}): SweepPlan {
  const notes: Message[] = [];
  checkTimeAxes(spec);
  const accounting = given(spec.chipHours) || given(spec.days);
  const hardwareSwept = given(spec.hardware);
  const hardware: HardwareRow[] = [];
  const hardwareIndex = new Map<string, number>();
  const addHardware = (name: string): number => {
    const { entry, note: text, noteMessage: note } = resolveHardware(name, 'hardware');
    const known = hardwareIndex.get(entry.id);
    if (known !== undefined) return known;
    hardwareIndex.set(entry.id, hardware.length);
    hardware.push(hardwareRow(entry, given(spec.chips), text));
    if (note) notes.push(note);
    return hardware.length - 1;
  };
  if (hardwareSwept) for (const name of spec.hardware!) addHardware(name);

  const designs = buildDesigns(spec, (name) => (hardwareSwept ? -1 : addHardware(name)));
  checkDesigns(spec, designs, hardware, accounting, notes);

  const precision: (Precision | undefined)[] = given(spec.precision)
    ? [...new Set(spec.precision)]
    : [undefined];
  const peak = peakTable(hardware, precision, accounting, notes);

  const locations = buildLocations(spec);
  const years = given(spec.year) ? [...new Set(spec.year)] : [Number.NaN];
  const scenarios = given(spec.year)
    ? given(spec.scenario)
      ? spec.scenario!.map((s) => gridScenario(s))
      : [GRID_SCENARIOS[0]]
    : [GRID_SCENARIOS[0]];
  const projectHardware = given(spec.year) && options.projectHardware !== false;
  const projectGrid = given(spec.year) && options.projectGrid !== false;
  const hardwareYear = hardwareYearTable(
    hardware,
    years,
    projectHardware,
    efficiencyTrend(spec.efficiencyTrend),
  );
  const locationIntensity = locationIntensityTable(locations, years, scenarios, projectGrid);
  if (projectGrid && given(spec.gridIntensity))
    notes.push(msg('note.sweepIntensityAsGiven', { field: 'gridIntensity' }));

  const numbers = numberAxes(spec);
  const radix = axisRadix({
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
  });
  const total = radix.reduce((p, n) => p * n, 1);
  checkTotal(total, options.maxScenarios ?? DEFAULT_MAX_SCENARIOS);
  if (!given(spec.location) && !given(spec.gridIntensity)) {
    notes.push(msg('note.worldIntensityList', { locationField: 'location' }));
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

/** The numeric axes, each its distinct values (NaN alone: not given). */
function numberAxes(spec: SweepSpec): SweepPlan['numbers'] {
  return {
    chips: floats(spec.chips),
    chipHours: floats(spec.chipHours),
    days: floats(spec.days),
    mfu: floats(spec.mfu),
    powerW: floats(spec.powerW),
    pue: floats(spec.pue),
    gridIntensity: floats(spec.gridIntensity),
    renewableShare: floats(spec.renewableShare),
  };
}

/** A sweep's rows are held in memory: refuse more than `max` of them. */
function checkTotal(total: number, max: number): void {
  if (total > max) {
    throw userError('out_of_range', 'input', 'sweep.tooMany', {
      total: total.toLocaleString('en-US'),
      max: max.toLocaleString('en-US'),
      value: total,
      accepted: msg('sweep.acceptedAtMost', { max }),
    });
  }
}

/** Chip-hours come from one axis: swept directly, or as chips × days. */
function checkTimeAxes(spec: SweepSpec): void {
  if (given(spec.chipHours) && given(spec.days)) {
    const named = { daysField: 'days', chipsField: 'chips' };
    throw userError('conflict', 'chipHours', 'sweep.bothTimeAxes', {
      daysField: 'days',
      accepted: msg('sweep.acceptedTimeAxes', { ...named, field: 'chipHours' }),
    });
  }
  if (given(spec.days) && !given(spec.chips)) {
    throw userError('missing', 'chips', 'training.chipsWithDays', {
      daysField: 'days',
      accepted: msg('engine.integerAtLeast1'),
    });
  }
}

/** At least one valid design, each with what its estimate needs (FLOP, or hardware for the power). */
function checkDesigns(
  spec: SweepSpec,
  designs: Design[],
  hardware: HardwareRow[],
  accounting: boolean,
  notes: Message[],
): void {
  if (designs.every((d) => !d.valid)) {
    throw userError('conflict', 'activeParams', 'sweep.everyActiveExceeds', {
      paramsField: 'params',
      accepted: msg('engine.acceptedActive'),
    });
  }
  const skippedDesigns = designs.filter((d) => !d.valid).length;
  if (skippedDesigns > 0) notes.push(msg('note.designsSkipped', { count: skippedDesigns }));

  if (!accounting) {
    const missing = designs.find((d) => d.valid && Number.isNaN(d.flop));
    if (missing) {
      throw notEnoughInputs(Number.isNaN(missing.params) ? 'params' : 'tokens');
    }
  }
  const needsHardware = !accounting || !given(spec.powerW);
  if (needsHardware && hardware.length === 0) {
    throw userError('missing', 'hardware', accounting ? 'training.powerNeeded' : 'sweep.hardwareNeeded', {
      powerField: 'powerW',
      modelField: 'model',
      accepted: msg('training.acceptedPower', { field: 'hardware', powerField: 'powerW' }),
    });
  }
  if (needsHardware && !given(spec.hardware) && designs.some((d) => d.valid && d.hardware < 0)) {
    throw userError('missing', 'hardware', 'sweep.modelWithoutHardware', {
      accepted: msg('sweep.acceptedHardware', { field: 'hardware' }),
    });
  }
}

/** Peak FLOP/s per (hardware, precision); NaN (rows skipped, with a note) where a chip lacks the precision. */
function peakTable(
  hardware: HardwareRow[],
  precision: (Precision | undefined)[],
  accounting: boolean,
  notes: Message[],
): Float64Array {
  const peak = new Float64Array(Math.max(1, hardware.length) * precision.length).fill(Number.NaN);
  hardware.forEach((h, i) => {
    precision.forEach((p, j) => {
      try {
        peak[i * precision.length + j] = peakFlopS(h.entry, p);
      } catch (error) {
        if (!isEmpreinteError(error) || accounting) throw error;
        const hardware = h.entry.id;
        notes.push(
          p
            ? msg('note.noPeakSkipped', { hardware, precision: p })
            : msg('note.noPeakSkippedAny', { hardware }),
        );
      }
    });
  });
  return peak;
}

/** Efficiency factor per (hardware, year): 1 unless accelerators are projected. */
function hardwareYearTable(
  hardware: HardwareRow[],
  years: number[],
  project: boolean,
  trend: ReturnType<typeof efficiencyTrend>,
): Float64Array {
  const table = new Float64Array(Math.max(1, hardware.length) * years.length).fill(1);
  if (!project) return table;
  for (const [i, h] of hardware.entries()) {
    for (const [j, y] of years.entries())
      table[i * years.length + j] = hardwareEfficiencyFactor(h.entry.year, y, trend);
  }
  return table;
}

/** Grid intensity per (location, year, scenario): today's unless grids are projected. */
function locationIntensityTable(
  locations: LocationRow[],
  years: number[],
  scenarios: GridScenario[],
  project: boolean,
): Float64Array {
  const table = new Float64Array(locations.length * years.length * scenarios.length);
  locations.forEach((l, i) => {
    years.forEach((y, j) => {
      scenarios.forEach((s, k) => {
        const base = l.intensity;
        const baseYear = (l.entry ?? WORLD).year;
        table[(i * years.length + j) * scenarios.length + k] =
          project && Number.isFinite(baseYear)
            ? projectIntensity(base, baseYear, y, s).intensityGPerKwh
            : base;
      });
    });
  });
  return table;
}

const axisRadix = (lengths: Record<Axis, number>): Int32Array => Int32Array.from(AXES.map((a) => lengths[a]));

function floats(list: number[] | undefined): Float64Array {
  return given(list) ? Float64Array.from(new Set(list)) : Float64Array.of(Number.NaN);
}

/**
 * Why a one-scenario sweep gave no row (its chip has no peak throughput at the precision asked
 * for): callers that need that row throw this instead of reading an empty result.
 */
export function notEvaluated(plan: SweepPlan, spec: SweepSpec): EmpreinteError {
  const field = given(spec.precision) ? 'precision' : 'hardware';
  const note = plan.notes.find((n) => n.key === 'note.noPeakSkipped' || n.key === 'note.noPeakSkippedAny');
  const key = !note
    ? 'sweep.notEvaluated'
    : note.key === 'note.noPeakSkipped'
      ? 'sweep.noPeak'
      : 'sweep.noPeakAny';
  return userError('invalid_value', field, key, {
    ...note?.params,
    value: plan.hardware.map((h) => h.entry.id).join(', '),
    accepted: msg('sweep.acceptedPeak'),
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
