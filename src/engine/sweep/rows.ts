import Papa from 'papaparse';
import type { Range } from '../../catalog/types.js';
import { userError } from '../../errors.js';
import { TRAINING_RANGE_KEYS } from '../training-kernel.js';
import { designMfu } from './designs.js';
import { axisIndices } from './plan.js';
import type { SweepResult } from './run.js';

/**
 * A sweep's rows as objects (for JSON, CSV and tables), built one at a time from the typed
 * arrays, and the row order for a sort column.
 */
export interface SweepRow {
  model?: string;
  params?: number;
  activeParams?: number;
  tokens?: number;
  layers?: number;
  contextLength?: number;
  dModel?: number;
  hardware?: string;
  precision?: string;
  chips?: number;
  days?: number;
  mfu?: number;
  powerW?: number;
  location?: string;
  pue: number;
  intensityGPerKwh: number;
  renewableShare?: number;
  year?: number;
  scenario?: string;
  [extra: string]: unknown;
  flop?: number;
  chipHours: Range;
  energyKwh: Range;
  co2eKg: Range;
  co2eMarketKg?: Range;
  embodiedCo2eKg: Range;
  totalCo2eKg: Range;
}

/** Output columns holding a {low, central, high} range. */
export const RANGE_COLUMNS = TRAINING_RANGE_KEYS;

const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

export function sweepRow(result: SweepResult, i: number): SweepRow {
  const { plan } = result;
  const ix = axisIndices(plan, i);
  const design = plan.designs[ix.design];
  const h = plan.hardwareSwept ? ix.hardware : design.hardware;
  const hw = h >= 0 ? plan.hardware[h] : undefined;
  const loc = plan.locations[ix.location];
  const n = plan.numbers;
  const row: Partial<SweepRow> = {};
  if (design.model) row.model = design.model.id;
  if (finite(design.params)) row.params = design.params;
  if (finite(design.activeParams)) row.activeParams = design.activeParams;
  if (finite(design.tokens)) row.tokens = design.tokens;
  if (design.layers !== undefined) row.layers = design.layers;
  if (design.contextLength !== undefined) row.contextLength = design.contextLength;
  if (design.dModel !== undefined) row.dModel = design.dModel;
  if (hw) row.hardware = hw.entry.id;
  const precision = plan.precision[ix.precision];
  if (precision) row.precision = precision;
  if (finite(n.chips[ix.chips])) row.chips = n.chips[ix.chips];
  if (finite(n.days[ix.days])) row.days = n.days[ix.days];
  if (!plan.accounting)
    row.mfu = finite(n.mfu[ix.mfu])
      ? n.mfu[ix.mfu]
      : hw
        ? designMfu(design, hw.entry, n.chips[ix.chips])
        : Number.NaN;
  if (finite(n.powerW[ix.powerW])) row.powerW = n.powerW[ix.powerW];
  const gridGiven = finite(n.gridIntensity[ix.gridIntensity]);
  if (loc.entry) row.location = loc.entry.id;
  else if (!gridGiven) row.location = 'world';
  row.pue = finite(n.pue[ix.pue]) ? n.pue[ix.pue] : loc.pue;
  const nYears = plan.years.length;
  row.intensityGPerKwh = gridGiven
    ? n.gridIntensity[ix.gridIntensity]
    : plan.locationIntensity[(ix.location * nYears + ix.year) * plan.scenarios.length + ix.scenario];
  const share = n.renewableShare[ix.renewableShare];
  if (finite(share)) row.renewableShare = share;
  if (finite(plan.years[ix.year])) {
    row.year = plan.years[ix.year];
    row.scenario = plan.scenarios[ix.scenario].id;
  }
  Object.assign(row, design.extra);
  if (finite(design.flop)) row.flop = design.flop;
  const range = (key: 'chipHours' | 'energyKwh' | 'co2eKg' | 'embodiedCo2eKg'): Range => {
    const central = result[key][i];
    // Low/high are stored in single precision: shown to 6 significant digits.
    const low = result.low ? Number(result.low[key][i].toPrecision(6)) : central;
    const high = result.high ? Number(result.high[key][i].toPrecision(6)) : central;
    return { low: Math.min(low, central), central, high: Math.max(high, central) };
  };
  row.chipHours = range('chipHours');
  row.energyKwh = range('energyKwh');
  row.co2eKg = range('co2eKg');
  if (finite(share)) row.co2eMarketKg = scale(row.co2eKg, 1 - share);
  row.embodiedCo2eKg = range('embodiedCo2eKg');
  // Operational and embodied rise and fall together (both scale with chip-hours): their
  // percentiles are added, a slightly wide but never narrow range for the total.
  row.totalCo2eKg = {
    low: row.co2eKg.low + row.embodiedCo2eKg.low,
    central: row.co2eKg.central + row.embodiedCo2eKg.central,
    high: row.co2eKg.high + row.embodiedCo2eKg.high,
  };
  return row as SweepRow;
}

function scale(r: Range, f: number): Range {
  return { low: r.low * f, central: r.central * f, high: r.high * f };
}

/** Columns present in this sweep's rows, in row order. */
export function sweepColumns(result: SweepResult): string[] {
  const first = firstValid(result);
  return first < 0 ? [] : Object.keys(sweepRow(result, first));
}

function firstValid(result: SweepResult): number {
  return result.valid.indexOf(1);
}

/** Valid row indices in row order, or sorted by a column (`co2eKg`, `-co2eKg` for descending; ranges sort by central). */
export function sweepOrder(result: SweepResult, sort?: string): Uint32Array {
  const order = new Uint32Array(result.count);
  let j = 0;
  for (let i = 0; i < result.valid.length; i++) if (result.valid[i]) order[j++] = i;
  if (!sort) return order;
  const descending = sort.startsWith('-');
  const column = descending ? sort.slice(1) : sort;
  const columns = sweepColumns(result);
  if (!columns.includes(column)) {
    const accepted = columns.join(', ');
    throw userError('invalid_value', 'sort', 'sweep.notColumn', { value: column, accepted });
  }
  const keys = sortKeys(result, column, order);
  const index = new Uint32Array(order.length).map((_, k) => k);
  const sign = descending ? -1 : 1;
  const sorted = Array.from(index).sort((a, b) => {
    const x = keys[a];
    const y = keys[b];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c === 0 ? a - b : sign * c;
  });
  return Uint32Array.from(sorted, (k) => order[k]);
}

const DIRECT = new Set(['chipHours', 'energyKwh', 'co2eKg', 'embodiedCo2eKg']);

function sortKeys(result: SweepResult, column: string, order: Uint32Array): (number | string)[] {
  if (DIRECT.has(column)) {
    const values = result[column as 'chipHours'];
    return Array.from(order, (i) => values[i]);
  }
  return Array.from(order, (i) => {
    const value = sweepRow(result, i)[column];
    if (value !== null && typeof value === 'object') return (value as Range).central;
    return typeof value === 'boolean' ? Number(value) : (value as number | string);
  });
}

/** CSV header and lines: ranges become three columns (`co2eKg`, `co2eKgLow`, `co2eKgHigh`). */
export function csvHeader(columns: string[]): string {
  return columns
    .flatMap((c) => ((RANGE_COLUMNS as readonly string[]).includes(c) ? [c, `${c}Low`, `${c}High`] : [c]))
    .join(',');
}

export function csvLine(row: SweepRow, columns: string[]): string {
  return columns
    .flatMap((c) => {
      const v = row[c];
      if (v !== null && typeof v === 'object') {
        const r = v as Range;
        return [r.central, r.low, r.high].map(csvNumber);
      }
      return [typeof v === 'number' ? csvNumber(v) : csvText(v === undefined ? '' : String(v))];
    })
    .join(',');
}

function csvNumber(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(10))) : '';
}

/** Quoted as the CodeCarbon export and the series reader do: one CSV library for all. */
function csvText(v: string): string {
  return Papa.unparse([[v]], { newline: '\n' });
}
