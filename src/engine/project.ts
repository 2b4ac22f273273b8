import { GRID_SCENARIOS, type GridScenario } from '../catalog/projections.js';
import type { Range } from '../catalog/types.js';
import { type Message, msg, render, renderAll } from '../messages/index.js';
import {
  efficiencyTrend,
  gridScenario,
  hardwareEfficiencyFactor,
  type MixIntensity,
  mixIntensity,
  projectIntensity,
} from './projection.js';
import type { ProjectInput } from './schemas/project.js';
import {
  notEvaluated,
  planSweep,
  runSweep,
  type SweepOptions,
  type SweepSpec,
  singleSpec,
  sweepRow,
} from './sweep/index.js';
import { cite } from './training.js';

export { type ProjectInput, projectInputSchema } from './schemas/project.js';

/**
 * `project`: a training scenario on the accelerators of a future year and on the grid of that
 * year under a named scenario (and optionally on a given generation mix). Every footprint shows
 * both location-based and market-based CO2e.
 */
export interface Footprint {
  chipHours: Range;
  energyKwh: Range;
  /** Location-based: the grid's average intensity. */
  co2eKg: Range;
  /** Market-based: after renewable contracts (equals location-based without --renewable-share). */
  co2eMarketKg: Range;
  embodiedCo2eKg: Range;
  totalCo2eKg: Range;
  intensityGPerKwh: number;
  pue: number;
}

export interface Projection {
  year: number;
  scenario: { id: string; label: string; source: string };
  hardware?: {
    id: string;
    releaseYear: number;
    efficiencyFactor: number;
    trend: { id: string; label: string; doublingYears: number; source: string };
  };
  grid: {
    location: string;
    baseYear?: number;
    baseIntensityGPerKwh: number;
    projectedIntensityGPerKwh: number;
    ratio: number;
    floored: boolean;
    source: string;
  };
  mix?: MixIntensity;
  /** `note` in English (CLI flags named); `noteMessage` says it in any language. */
  accounting: { renewableShare: number; note: string; noteMessage: Message };
  /** Today: the chosen hardware, the location's latest intensity. */
  baseline: Footprint;
  /** Accelerators of `year`, today's grid. */
  hardwareOnly: Footprint;
  /** Today's accelerators, the grid of `year`. */
  gridOnly: Footprint;
  /** Both. */
  projected: Footprint;
  /** Accelerators of `year` on the given generation mix. */
  projectedWithMix?: Footprint;
  changePct: { hardware: number; grid: number; combined: number; mix?: number };
  /** What the reader should know, in English (CLI flags named); `noteMessages` says it in any language. */
  notes: string[];
  noteMessages: Message[];
}

export function projectTraining(input: ProjectInput): Projection {
  const { year, scenario: scenarioName, mix: mixShares, efficiencyTrend: trendId, ...training } = input;
  const scenario: GridScenario = scenarioName ? gridScenario(scenarioName) : GRID_SCENARIOS[0];
  const trend = efficiencyTrend(trendId);
  const spec = singleSpec(training);
  const projectedSpec: SweepSpec = {
    ...spec,
    year: [year],
    scenario: [scenario.id],
    efficiencyTrend: trend.id,
  };

  const first = run(spec, {});
  const { row: baseRow, plan } = first;
  const baseline = footprint(baseRow);
  const hardwareOnly = footprint(run(projectedSpec, { projectGrid: false }).row);
  const gridOnly = footprint(run(projectedSpec, { projectHardware: false }).row);
  const projected = footprint(run(projectedSpec, {}).row);
  const notes = [...plan.notes];

  const design = plan.designs[0];
  const hw = plan.hardwareSwept
    ? plan.hardware[0]
    : design.hardware >= 0
      ? plan.hardware[design.hardware]
      : undefined;
  const location = plan.locations[0];
  const baseIntensity = location.intensity;
  const projection =
    training.gridIntensity === undefined && location.entry
      ? projectIntensity(baseIntensity, location.entry.year, year, scenario)
      : undefined;
  if (training.gridIntensity !== undefined)
    notes.push(msg('note.projectIntensityAsGiven', { field: 'gridIntensity' }));
  if (!hw) notes.push(msg('note.noHardwareProjection'));

  const share = training.renewableShare ?? 0;
  const result: Projection = {
    year,
    scenario: { id: scenario.id, label: scenario.label, source: cite(scenario.source) },
    grid: {
      location: location.entry?.id ?? (training.gridIntensity === undefined ? 'world' : 'user'),
      baseYear: location.entry?.year,
      baseIntensityGPerKwh: baseRow.intensityGPerKwh,
      projectedIntensityGPerKwh: gridOnly.intensityGPerKwh,
      ratio: baseRow.intensityGPerKwh > 0 ? gridOnly.intensityGPerKwh / baseRow.intensityGPerKwh : 1,
      floored: projection?.floored ?? false,
      source: location.entry ? cite(location.entry.source) : 'user',
    },
    accounting: accountingNote(share),
    baseline,
    hardwareOnly,
    gridOnly,
    projected,
    changePct: {
      hardware: pct(hardwareOnly, baseline),
      grid: pct(gridOnly, baseline),
      combined: pct(projected, baseline),
    },
    notes: [],
    noteMessages: notes,
  };
  if (hw) {
    result.hardware = {
      id: hw.entry.id,
      releaseYear: hw.entry.year,
      efficiencyFactor: hardwareEfficiencyFactor(hw.entry.year, year, trend),
      trend: {
        id: trend.id,
        label: trend.label,
        doublingYears: trend.doublingYears,
        source: cite(trend.source),
      },
    };
    if (year <= hw.entry.year)
      notes.push(msg('note.releasedAfter', { hardware: hw.entry.id, year: hw.entry.year }));
  }
  if (mixShares) {
    const mix = mixIntensity(mixShares);
    result.mix = mix;
    const withMix = footprint(
      run({ ...projectedSpec, gridIntensity: [mix.intensityGPerKwh] }, { projectGrid: false }).row,
    );
    result.projectedWithMix = withMix;
    result.changePct.mix = pct(withMix, baseline);
  }
  result.notes = renderAll(notes);
  return result;
}

function run(spec: SweepSpec, options: SweepOptions) {
  const plan = planSweep(spec, options);
  const result = runSweep(plan, options);
  const i = result.valid.indexOf(1);
  if (i < 0) throw notEvaluated(plan, spec);
  return { plan, row: sweepRow(result, i) };
}

function footprint(row: ReturnType<typeof sweepRow>): Footprint {
  return {
    chipHours: row.chipHours,
    energyKwh: row.energyKwh,
    co2eKg: row.co2eKg,
    co2eMarketKg: row.co2eMarketKg ?? row.co2eKg,
    embodiedCo2eKg: row.embodiedCo2eKg,
    totalCo2eKg: row.totalCo2eKg,
    intensityGPerKwh: row.intensityGPerKwh,
    pue: row.pue,
  };
}

function pct(after: Footprint, before: Footprint): number {
  const b = before.totalCo2eKg.central;
  return b > 0 ? (100 * (after.totalCo2eKg.central - b)) / b : 0;
}

/** What market-based means here: the share covered by renewable contracts, or that none was given. */
function accountingNote(share: number): Projection['accounting'] {
  const noteMessage =
    share > 0
      ? msg('note.projectMarketShare', { pct: Math.round(share * 100) })
      : msg('note.projectNoContracts', { shareField: 'renewableShare' });
  return { renewableShare: share, note: render(noteMessage, 'en', 'flag'), noteMessage };
}
