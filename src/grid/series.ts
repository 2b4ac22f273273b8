import { userError } from '../errors.js';
import { type MessageKey, msg, type Params, render } from '../messages/index.js';
import { toIso } from './time.js';

/**
 * A grid carbon-intensity series: one zone, a regular grid of UTC slots, one value per slot.
 * The slot labelled `times[i]` covers `[times[i], times[i] + stepMs)`. Missing slots (gaps) hold
 * `NaN`: nothing is invented to fill them unless the caller asks for `interpolateGaps`.
 */
export type Signal = 'direct' | 'lifecycle' | 'marginal' | 'unspecified';
export type IntensityUnit = 'gCO2e/kWh' | 'percentile';

export interface SeriesWarning {
  code: string;
  /** `info` for notes that need no action (columns read, units converted); else a warning. */
  level?: 'info';
  /** English, as the CLI prints it; `key` and `params` say it in any language (`src/messages`). */
  message: string;
  zone?: string;
  source?: string;
  count?: number;
  key?: MessageKey;
  params?: Params;
}

/** A warning said by the message `key`; `extra` (zone, level...) keeps its place before the text. */
export function warning(
  code: string,
  key: MessageKey,
  params?: Params,
  extra: Omit<SeriesWarning, 'code' | 'message' | 'key' | 'params'> = {},
): SeriesWarning {
  const message = render({ key, params }, 'en', 'flag');
  return { code, ...extra, message, key, ...(params === undefined ? {} : { params }) };
}

export interface IntensitySeries {
  zone: string;
  zoneName?: string;
  /** Slot starts, epoch ms UTC, `times[i] = times[0] + i * stepMs`. */
  times: Float64Array;
  /** g CO2e/kWh (or a percentile for WattTime's signal index); `NaN` marks a gap. */
  values: Float64Array;
  stepMs: number;
  signal: Signal;
  unit: IntensityUnit;
  /** Files or URLs the data came from. */
  sources: string[];
  warnings: SeriesWarning[];
  /** Slots from this index on were forecast, not read (see `forecast.ts`). */
  forecastFrom?: number;
}

/** What a format reader produces: points in file order, before any cleaning. */
export interface RawSeries {
  zone: string;
  zoneName?: string;
  times: number[];
  values: number[];
  /** Line (CSV) or item index (JSON) of each point, for messages. */
  lines: number[];
  /** Duration each point says it covers, when the format states it (WattTime, UK CI, SDK). */
  durationsMs?: (number | undefined)[];
  signal: Signal;
  unit: IntensityUnit;
  source: string;
  warnings: SeriesWarning[];
  /** Other files merged into this one (same zone). */
  mergedFrom?: string[];
}

/** A raw series with no point yet; `spans` for formats that state the span of each point. */
export function emptyRaw(
  zone: string,
  source: string,
  signal: Signal,
  options: { spans?: boolean; unit?: IntensityUnit; warnings?: SeriesWarning[] } = {},
): RawSeries {
  return {
    zone,
    times: [],
    values: [],
    lines: [],
    ...(options.spans ? { durationsMs: [] } : {}),
    signal,
    unit: options.unit ?? 'gCO2e/kWh',
    source,
    warnings: options.warnings ?? [],
  };
}

export const MINUTE_MS = 60_000;
/** Finer than a minute is not a grid-intensity resolution any publisher uses. */
const MIN_STEP_MS = MINUTE_MS;
/** About ten years of 1-minute slots: above this the input is not a sensible series. */
const MAX_SLOTS = 5_000_000;

/** Appends `more` to `into` (same zone, several files or pages). */
export function concatRaw(into: RawSeries, more: RawSeries): void {
  const offset = into.times.length;
  // Loops, not push(...more): spreading 100k arguments overflows the call stack.
  for (let i = 0; i < more.times.length; i++) {
    into.times.push(more.times[i]);
    into.values.push(more.values[i]);
    into.lines.push(more.lines[i]);
  }
  if (more.durationsMs || into.durationsMs) {
    const a = into.durationsMs ?? new Array<number | undefined>(offset).fill(undefined);
    for (let i = 0; i < more.times.length; i++) a.push(more.durationsMs?.[i]);
    into.durationsMs = a;
  }
  for (const w of more.warnings) into.warnings.push({ source: more.source, ...w });
  into.mergedFrom = [...(into.mergedFrom ?? []), more.source];
}

/**
 * Cleans a raw series into a regular grid, reporting every repair: unsorted input is sorted,
 * duplicate timestamps keep the last value read, timestamps off the grid are moved to the start
 * of their slot, mixed resolutions are put on the finest one (each point keeps its own span), and
 * every slot no point covers is a gap.
 */
export function normalise(raw: RawSeries): IntensitySeries {
  const warnings: SeriesWarning[] = raw.warnings.map((w) => ({ zone: raw.zone, source: raw.source, ...w }));
  const warn = warnerFor(raw, warnings);
  if (raw.times.length === 0) {
    throw userError('invalid_file', 'series', 'grid.noPoints', {
      value: raw.source,
      zone: raw.zone,
      accepted: msg('grid.acceptedPoints'),
    });
  }
  const unsorted = countUnsorted(raw.times);
  if (unsorted > 0) warn('unsorted', 'grid.unsorted', { count: unsorted }, unsorted);
  const points = sortedPoints(raw, warn);
  const missing = points.v.filter((x) => Number.isNaN(x)).length;
  if (missing > 0) warn('missing_values', 'grid.missingValues', { count: missing }, missing);
  const { step, frequent } = resolutionOf(points.t, points.d, raw);
  if (frequent.length > 1) {
    const list = frequent.map((r) => `${r / MINUTE_MS} min`).join(', ');
    warn('mixed_resolution', 'grid.mixedResolution', { list, minutes: step / MINUTE_MS });
  }
  const slotOf = slotsOnGrid(points.t, step, warn);
  const { times, values } = fillGrid(points, slotOf, step, frequent, raw.source);
  warnGaps(values, times, step, warn);
  return {
    zone: raw.zone,
    ...(raw.zoneName ? { zoneName: raw.zoneName } : {}),
    times,
    values,
    stepMs: step,
    signal: raw.signal,
    unit: raw.unit,
    sources: [raw.source, ...(raw.mergedFrom ?? [])],
    warnings,
  };
}

type Warn = (code: string, key: MessageKey, params: Params, count?: number) => void;

/** Adds a warning about `raw` (its zone and source, and a count where one is given) to `warnings`. */
function warnerFor(raw: RawSeries, warnings: SeriesWarning[]): Warn {
  return (code, key, params, count) =>
    warnings.push(
      warning(code, key, params, {
        zone: raw.zone,
        source: raw.source,
        ...(count === undefined ? {} : { count }),
      }),
    );
}

function countUnsorted(times: number[]): number {
  let unsorted = 0;
  for (let i = 1; i < times.length; i++) if (times[i] < times[i - 1]) unsorted++;
  return unsorted;
}

/** Points in time order, one per timestamp: times, values and the spans they declare. */
interface Points {
  t: number[];
  v: number[];
  d: (number | undefined)[];
}

/** Stable sort by time: among equal timestamps, file order decides and the last one wins. */
function sortedPoints(raw: RawSeries, warn: Warn): Points {
  const n = raw.times.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => raw.times[a] - raw.times[b] || a - b);
  const t: number[] = [];
  const v: number[] = [];
  const d: (number | undefined)[] = [];
  let duplicates = 0;
  let conflicting = 0;
  let firstDuplicate = '';
  for (const i of order) {
    const last = t.length - 1;
    if (last >= 0 && t[last] === raw.times[i]) {
      duplicates++;
      if (firstDuplicate === '') firstDuplicate = `${toIso(raw.times[i])} (line ${raw.lines[i]})`;
      if (!sameValue(v[last], raw.values[i])) conflicting++;
      v[last] = raw.values[i];
      d[last] = raw.durationsMs?.[i];
    } else {
      t.push(raw.times[i]);
      v.push(raw.values[i]);
      d.push(raw.durationsMs?.[i]);
    }
  }
  if (duplicates > 0) {
    warn(
      'duplicates',
      'grid.duplicates',
      { count: duplicates, first: firstDuplicate, conflicting },
      duplicates,
    );
  }
  return { t, v, d };
}

/** Each point's slot on the grid anchored at the first timestamp (off-grid points move to the start of theirs). */
function slotsOnGrid(t: number[], step: number, warn: Warn): number[] {
  const t0 = t[0];
  let misaligned = 0;
  const slotOf: number[] = new Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const k = Math.floor((t[i] - t0) / step);
    if (t0 + k * step !== t[i]) misaligned++;
    slotOf[i] = k;
  }
  if (misaligned > 0) {
    warn('misaligned', 'grid.misaligned', { count: misaligned, minutes: step / MINUTE_MS }, misaligned);
  }
  return slotOf;
}

/** The regular grid: each point fills the slots it covers up to the next point; the rest are gaps (NaN). */
function fillGrid(
  { t, v, d }: Points,
  slotOf: number[],
  step: number,
  frequent: number[],
  source: string,
): { times: Float64Array; values: Float64Array } {
  const last = t.length - 1;
  // The span a point covers: as declared, else the interval to a neighbour that is a resolution, else a step.
  const coverMs = (i: number): number => {
    const declared = d[i];
    if (declared !== undefined) return declared;
    const next = i < last ? t[i + 1] - t[i] : undefined;
    const prev = i > 0 ? t[i] - t[i - 1] : undefined;
    if (next !== undefined && frequent.includes(next)) return next;
    if (prev !== undefined && frequent.includes(prev)) return prev;
    return step;
  };
  const slots = slotOf[last] + Math.max(1, Math.round(coverMs(last) / step));
  if (slots > MAX_SLOTS) {
    throw userError('invalid_file', 'series', 'grid.tooLong', {
      value: source,
      slots,
      minutes: step / MINUTE_MS,
      accepted: msg('grid.acceptedSlots', { max: MAX_SLOTS }),
    });
  }
  const values = new Float64Array(slots).fill(Number.NaN);
  for (let i = 0; i <= last; i++) {
    const until = i < last ? slotOf[i + 1] : slots;
    const span = Math.max(1, Math.round(coverMs(i) / step));
    const end = Math.min(until, slotOf[i] + span);
    for (let k = slotOf[i]; k < end; k++) values[k] = v[i];
  }
  const t0 = t[0];
  const times = new Float64Array(slots);
  for (let k = 0; k < slots; k++) times[k] = t0 + k * step;
  return { times, values };
}

/** One warning for every run of gap slots, the first three shown. */
function warnGaps(values: Float64Array, times: Float64Array, step: number, warn: Warn): void {
  const gaps = gapRuns(values);
  if (gaps.length === 0) return;
  const missingSlots = gaps.reduce((s, g) => s + g[1] - g[0], 0);
  const shown = gaps
    .slice(0, 3)
    .map(([a, b]) => `${toIso(times[a])} → ${toIso(times[0] + b * step)}`)
    .join(', ');
  warn(
    'gaps',
    'grid.gaps',
    {
      count: gaps.length,
      slots: missingSlots,
      minutes: step / MINUTE_MS,
      shown: `${shown}${gaps.length > 3 ? ', …' : ''}`,
      interpolateField: 'interpolate',
    },
    missingSlots,
  );
}

function sameValue(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * The slot length: the finest interval between consecutive points that occurs often enough to be a
 * resolution (at least twice and in 1% of intervals), or the finest span a point declares. Rare
 * longer intervals are gaps; rare shorter ones are stray timestamps, moved onto the grid.
 */
function resolutionOf(
  t: number[],
  d: (number | undefined)[],
  raw: RawSeries,
): { step: number; frequent: number[] } {
  const counts = new Map<number, number>();
  for (let i = 1; i < t.length; i++) {
    const diff = t[i] - t[i - 1];
    counts.set(diff, (counts.get(diff) ?? 0) + 1);
  }
  const intervals = t.length - 1;
  const threshold = Math.max(2, Math.ceil(0.01 * intervals));
  let frequent = [...counts.entries()].filter(([, c]) => c >= threshold).map(([diff]) => diff);
  if (frequent.length === 0 && counts.size > 0) {
    // Too few points to tell: the commonest interval (the shortest among equals) is the resolution.
    const [mode] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    frequent = [mode];
  }
  frequent.sort((a, b) => a - b);
  const declared = d.filter((x): x is number => x !== undefined && x > 0);
  const candidates = [...frequent, ...(declared.length > 0 ? [Math.min(...declared)] : [])];
  if (candidates.length === 0) {
    throw userError('invalid_file', 'series', 'grid.onePoint', {
      value: raw.source,
      accepted: msg('grid.acceptedTwoPoints'),
    });
  }
  const step = Math.min(...candidates);
  if (step < MIN_STEP_MS || step % 1000 !== 0) {
    throw userError('invalid_file', 'series', 'grid.tooFine', {
      value: raw.source,
      seconds: step / 1000,
      accepted: msg('grid.acceptedMinuteApart'),
    });
  }
  return { step, frequent };
}

/** Runs of gap slots as `[start, end)` slot indices. */
export function gapRuns(values: Float64Array): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let k = 0; k <= values.length; k++) {
    const gap = k < values.length && Number.isNaN(values[k]);
    if (gap && start < 0) start = k;
    if (!gap && start >= 0) {
      runs.push([start, k]);
      start = -1;
    }
  }
  return runs;
}

/**
 * Fills gaps that have data on both sides by straight lines (only when the user allows it with
 * `--interpolate`); gaps at either end stay gaps, since filling them would be extrapolation.
 */
export function interpolateGaps(series: IntensitySeries): IntensitySeries {
  const values = Float64Array.from(series.values);
  let filled = 0;
  for (const [a, b] of gapRuns(values)) {
    if (a === 0 || b === values.length) continue;
    const left = values[a - 1];
    const right = values[b];
    for (let k = a; k < b; k++) values[k] = left + ((right - left) * (k - a + 1)) / (b - a + 1);
    filled += b - a;
  }
  if (filled === 0) return series;
  const filledWarning = warning(
    'interpolated',
    'grid.interpolated',
    { count: filled, interpolateField: 'interpolate' },
    { zone: series.zone, count: filled },
  );
  return { ...series, values, warnings: [...series.warnings, filledWarning] };
}

/** The end of the last slot, epoch ms. */
export function seriesEnd(series: IntensitySeries): number {
  return series.times[0] + series.values.length * series.stepMs;
}
