import { checkBounds, HOUR_MS } from '../engine/units.js';
import { userError } from '../errors.js';
import {
  type IntensitySeries,
  interpolateGaps,
  type SeriesWarning,
  seriesEnd,
  warning,
} from '../grid/series.js';
import { toIso } from '../grid/time.js';
import { msg } from '../messages/index.js';
import { bestInterruptible, type InterruptiblePlacement } from './interruptible.js';
import { indexSeries, type Placement, seriesBestContiguous, seriesWindowAt } from './window.js';

/**
 * The `schedule` service: for a job of a given duration, the window "now" (starting at `from` in
 * the first zone given, where the job would run by default), the best window in that zone, and the
 * best window over every zone, with the saving and, given a power, the kg CO2e of each.
 */
export interface ScheduleOptions {
  durationH: number;
  /** Earliest start, epoch ms; default: the first slot of the first series. */
  fromMs?: number;
  /** Latest end, epoch ms; default: the end of the longest series. */
  toMs?: number;
  interruptible?: boolean;
  /** Cap on pauses of an interruptible job (implies `interruptible`). */
  maxPauses?: number;
  /** Average power of the job, W, for energy and CO2e. */
  powerW?: number;
  /** Fill gaps inside the series by linear interpolation instead of avoiding them. */
  interpolate?: boolean;
}

export interface WindowReport {
  zone: string;
  start: string;
  end: string;
  /** Mean intensity over the run time (absent for a relative signal index). */
  intensityGPerKwh?: number;
  /** WattTime signal index, 0–100, for series that have no g/kWh. */
  signalIndex?: number;
  /** The runs of an interruptible job. */
  slots?: { start: string; end: string }[];
  pauses?: number;
  energyKwh?: number;
  co2eKg?: number;
}

export interface ZoneReport {
  zone: string;
  zoneName?: string;
  now: WindowReport | null;
  best: WindowReport | null;
}

export interface SourceReport {
  zone: string;
  files: string[];
  stepMinutes: number;
  slots: number;
  gapSlots: number;
  firstSlot: string;
  end: string;
  forecastFrom?: string;
}

export interface ScheduleResult {
  signal: string;
  unit: string;
  durationH: number;
  from: string;
  to: string;
  interruptible: boolean;
  maxPauses: number | null;
  now: WindowReport | null;
  best: WindowReport | null;
  bestSameZone: WindowReport | null;
  savingPct: number | null;
  savingSameZonePct: number | null;
  co2eKg?: { now: number | null; bestSameZone: number | null; best: number | null; savedKg: number | null };
  zones: ZoneReport[];
  sources: SourceReport[];
  warnings: SeriesWarning[];
  notes: SeriesWarning[];
}

type Found = { s: IntensitySeries; p: Placement | InterruptiblePlacement };

export function planSchedule(input: IntensitySeries[], options: ScheduleOptions): ScheduleResult {
  const unit = checkOptions(input, options);
  const series = options.interpolate ? input.map(interpolateGaps) : input;
  const span = scheduleSpan(series, options);
  const { fromMs, toMs } = span;
  const interruptible = Boolean(options.interruptible || options.maxPauses !== undefined);
  const reporter: Reporter = {
    unit,
    durationH: options.durationH,
    powerW: options.powerW,
    exact: new WeakMap(),
  };
  const { zones, bests, gapFree } = placeInEachZone(series, span, interruptible, options.maxPauses, reporter);
  const home = zones[0];
  const overall = lowestAcross(bests);
  const best = overall ? report(reporter, overall.s, overall.p) : null;
  const signals = new Set(series.map((s) => s.signal));
  const { warnings, notes } = scheduleWarnings(series, zones, signals, options.durationH, span);
  if (!best) throw noWindow(options.durationH, span);
  if (unit === 'percentile')
    notes.push(warning('relative_signal', 'schedule.relativeSignal', undefined, { level: 'info' }));
  const result: ScheduleResult = {
    signal: signals.size === 1 ? [...signals][0] : 'mixed',
    unit,
    durationH: options.durationH,
    from: toIso(fromMs),
    to: toIso(toMs),
    interruptible,
    maxPauses: options.maxPauses ?? null,
    now: home.now,
    best,
    bestSameZone: home.best,
    savingPct: savingPct(reporter, home.now, best),
    savingSameZonePct: savingPct(reporter, home.now, home.best),
    zones,
    sources: series.map((s, i) => sourceReport(s, gapFree[i])),
    warnings,
    notes,
  };
  if (options.powerW !== undefined && unit !== 'percentile') result.co2eKg = co2eSummary(home, best);
  return result;
}

/** Checks the request against the series; returns their one unit. */
function checkOptions(input: IntensitySeries[], options: ScheduleOptions): string {
  if (input.length === 0)
    throw userError('missing', 'series', 'error.required', { accepted: msg('schedule.acceptedSeries') });
  if (!(options.durationH > 0))
    throw userError('out_of_range', 'duration', 'schedule.notDuration', {
      hours: options.durationH,
      accepted: msg('schedule.acceptedDuration'),
    });
  // Below a minute (the finest step of any series) a window holds no slot: its mean would be 0/0.
  if (options.durationH < 1 / 60)
    throw userError('out_of_range', 'duration', 'schedule.underMinute', {
      value: options.durationH,
      accepted: msg('schedule.acceptedMinute'),
    });
  // A gigawatt (a whole data-centre campus) keeps kWh and kg CO2e finite for any duration.
  if (options.powerW !== undefined)
    checkBounds(options.powerW, 'powerW', { min: 0, exclusiveMin: true, max: 1e9 });
  const units = new Set(input.map((s) => s.unit));
  if (units.size > 1) {
    throw userError('conflict', 'series', 'schedule.mixedUnits', {
      value: input.map((s) => `${s.zone}: ${s.unit}`).join(', '),
      accepted: msg('schedule.acceptedOneUnit'),
    });
  }
  return input[0].unit;
}

interface Span {
  durationMs: number;
  fromMs: number;
  toMs: number;
}

/** The job's length and the range it may run in, checked to hold it. */
function scheduleSpan(series: IntensitySeries[], options: ScheduleOptions): Span {
  const durationMs = Math.round(options.durationH * HOUR_MS);
  const fromMs = options.fromMs ?? series[0].times[0];
  const toMs = options.toMs ?? Math.max(...series.map(seriesEnd));
  if (toMs - fromMs < durationMs) {
    const hours = options.durationH;
    throw userError('out_of_range', 'to', 'schedule.toTooEarly', {
      from: toIso(fromMs),
      value: toIso(toMs),
      durationField: 'duration',
      hours,
      accepted: msg('schedule.acceptedTo', { hours, fromField: 'from' }),
    });
  }
  return { durationMs, fromMs, toMs };
}

/** What a window report needs besides the placement; `exact` keeps each report's unrounded mean. */
interface Reporter {
  unit: string;
  durationH: number;
  powerW: number | undefined;
  exact: WeakMap<WindowReport, number>;
}

function report(
  r: Reporter,
  s: IntensitySeries,
  p: Placement | InterruptiblePlacement | undefined,
): WindowReport | null {
  if (!p) return null;
  const w: WindowReport = { zone: s.zone, start: toIso(p.startMs), end: toIso(p.endMs) };
  r.exact.set(w, p.mean);
  if (r.unit === 'percentile') w.signalIndex = round(p.mean, 3);
  else w.intensityGPerKwh = round(p.mean, 3);
  if ('runs' in p) {
    w.slots = p.runs.map((run) => ({ start: toIso(run.startMs), end: toIso(run.endMs) }));
    w.pauses = p.runs.length - 1;
  }
  if (r.powerW !== undefined) {
    w.energyKwh = round((r.powerW * r.durationH) / 1000, 6);
    if (r.unit !== 'percentile') w.co2eKg = round((r.powerW * r.durationH * p.mean) / 1e6, 6);
  }
  return w;
}

/** Each zone's window now and its best window; whether the search read the whole series gap-free. */
function placeInEachZone(
  series: IntensitySeries[],
  { durationMs, fromMs, toMs }: Span,
  interruptible: boolean,
  maxPauses: number | undefined,
  reporter: Reporter,
): { zones: ZoneReport[]; bests: Found[]; gapFree: boolean[] } {
  const zones: ZoneReport[] = [];
  // Where the window pass read a whole series without a gap, its gaps need no second count.
  const scanned = { gapFree: false };
  const gapFree: boolean[] = [];
  const bests: Found[] = [];
  for (const s of series) {
    const now = seriesWindowAt(s, fromMs, durationMs);
    // A contiguous job needs one pass over the values; only the interruptible search needs an index.
    const best = interruptible
      ? bestInterruptible(indexSeries(s), durationMs, fromMs, toMs, maxPauses)
      : seriesBestContiguous(s, durationMs, fromMs, toMs, scanned);
    gapFree.push(scanned.gapFree);
    scanned.gapFree = false;
    if (best) bests.push({ s, p: best });
    zones.push({
      zone: s.zone,
      ...(s.zoneName ? { zoneName: s.zoneName } : {}),
      now: report(reporter, s, now),
      best: report(reporter, s, best),
    });
  }
  return { zones, bests, gapFree };
}

/** Across zones: lowest mean, then earliest start, then the order given. */
function lowestAcross(bests: Found[]): Found | undefined {
  let overall: Found | undefined;
  for (const b of bests) {
    if (
      !overall ||
      b.p.mean < overall.p.mean - 1e-9 ||
      (Math.abs(b.p.mean - overall.p.mean) <= 1e-9 && b.p.startMs < overall.p.startMs)
    )
      overall = b;
  }
  return overall;
}

/** The series' own warnings and notes, then mixed signals, no window now, zones with no window. */
function scheduleWarnings(
  series: IntensitySeries[],
  zones: ZoneReport[],
  signals: Set<string>,
  hours: number,
  { fromMs, toMs }: Span,
): { warnings: SeriesWarning[]; notes: SeriesWarning[] } {
  const warnings: SeriesWarning[] = [];
  const notes: SeriesWarning[] = [];
  for (const s of series) for (const w of s.warnings) (w.level === 'info' ? notes : warnings).push(w);
  if (signals.size > 1) {
    warnings.push(warning('mixed_signals', 'schedule.mixedSignals', { signals: [...signals].join(', ') }));
  }
  const home = zones[0];
  if (!home.now) {
    const params = { hours, from: toIso(fromMs), zone: home.zone };
    warnings.push(warning('now_unavailable', 'schedule.nowUnavailable', params, { zone: home.zone }));
  }
  for (const z of zones) {
    if (!z.best)
      warnings.push(
        warning(
          'no_window',
          'schedule.zoneNoWindow',
          { hours, from: toIso(fromMs), to: toIso(toMs), zone: z.zone },
          { zone: z.zone },
        ),
      );
  }
  return { warnings, notes };
}

function noWindow(hours: number, { fromMs, toMs }: Span) {
  return userError('out_of_range', 'duration', 'schedule.noWindow', {
    hours,
    from: toIso(fromMs),
    to: toIso(toMs),
    value: `${hours}h`,
    accepted: msg('schedule.acceptedNoWindow', {
      fromField: 'from',
      toField: 'to',
      interpolateField: 'interpolate',
    }),
  });
}

/** Percent saved by `w` against the window now, from the unrounded means; null for a signal index. */
function savingPct(r: Reporter, now: WindowReport | null, w: WindowReport | null): number | null {
  if (r.unit === 'percentile' || !now || !w) return null;
  const nowMean = r.exact.get(now) ?? Number.NaN;
  if (!(nowMean > 0)) return null;
  return round(((nowMean - (r.exact.get(w) ?? Number.NaN)) / nowMean) * 100, 2);
}

function co2eSummary(home: ZoneReport, best: WindowReport): NonNullable<ScheduleResult['co2eKg']> {
  const kg = (w: WindowReport | null) => w?.co2eKg ?? null;
  const saved = home.now ? round((home.now.co2eKg ?? 0) - (best.co2eKg ?? 0), 6) : null;
  return { now: kg(home.now), bestSameZone: kg(home.best), best: kg(best), savedKg: saved };
}

function sourceReport(s: IntensitySeries, gapFree: boolean): SourceReport {
  let gapSlots = 0;
  const values = s.values;
  if (!gapFree) for (let k = 0; k < values.length; k++) if (Number.isNaN(values[k])) gapSlots++;
  return {
    zone: s.zone,
    files: s.sources,
    stepMinutes: s.stepMs / 60_000,
    slots: s.values.length,
    gapSlots,
    firstSlot: toIso(s.times[0]),
    end: toIso(seriesEnd(s)),
    ...(s.forecastFrom !== undefined ? { forecastFrom: toIso(s.times[s.forecastFrom] ?? seriesEnd(s)) } : {}),
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
