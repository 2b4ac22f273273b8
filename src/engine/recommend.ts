import { HARDWARE } from '../catalog/hardware.js';
import { listLocations } from '../catalog/locations.js';
import {
  MU_TRANSFER,
  POWER_CAP,
  PRECISION_SPEEDUP,
  TEMPORAL_SHIFT_SOURCE,
  ZEUS,
} from '../catalog/recommendations.js';
import { SHIFT_DURATIONS_H, SHIFT_SAVINGS } from '../catalog/temporal-shift.js';
import type { HardwareEntry, LocationEntry, Range, Source } from '../catalog/types.js';
import { WORLD_REGIONS_SOURCE, type WorldRegion, worldRegionOf } from '../catalog/world-regions.js';
import { compact, number, type TextKey, type TextLang, text } from './recommend-text.js';
import { DEFAULT_SCALING_FIT, isoLossOptimal, scalingFit } from './scaling.js';
import type { RecommendInput } from './schemas/recommend.js';
import {
  notEvaluated,
  planSweep,
  runSweep,
  type SweepPlan,
  type SweepRow,
  type SweepSpec,
  singleSpec,
  sweepRow,
} from './sweep/index.js';
import { cite } from './training.js';

export { type RecommendInput, recommendInputSchema } from './schemas/recommend.js';

/**
 * `recommend`: alternatives that cut a training footprint, each evaluated with the same engine
 * as the baseline (a sweep over the one thing that changes), ranked by kg CO2e saved (operational
 * plus embodied, location-based). An alternative that saves less than MIN_SAVING_PCT is dropped:
 * never a no-op. Each carries its trade-off in time, money and quality where known, and sources.
 */
export const MIN_SAVING_PCT = 0.5;

export interface TradeOff {
  time?: string;
  money?: string;
  quality?: string;
  other?: string;
}

export interface Recommendation {
  id: string;
  label: string;
  /** Total CO2e saved (operational + embodied, location-based, all trials), kg. */
  co2eKgSaved: number;
  savingPct: number;
  energyKwhSaved: number;
  after: { totalCo2eKg: Range; energyKwh: Range; chipHours: Range };
  /** What changes: the new value of each changed input. */
  change: Record<string, string | number>;
  /** Change in chip-hours, % (time, at a given number of chips), where known. */
  chipHoursChangePct?: number;
  tradeOff: TradeOff;
  sources: string[];
}

export interface RecommendResult {
  baseline: SweepRow & { trials: number };
  recommendations: Recommendation[];
  notes: string[];
}

interface Candidate {
  id: string;
  label: string;
  /** Footprint of one run after the change. */
  row: SweepRow;
  change: Record<string, string | number>;
  tradeOff: TradeOff;
  sources: (Source | string)[];
  /** Runs after the change (the trials lever changes it). */
  runs?: number;
}

interface Context {
  input: RecommendInput;
  spec: SweepSpec;
  plan: SweepPlan;
  base: SweepRow;
  hardware?: HardwareEntry;
  location?: LocationEntry;
  lang: TextLang;
  notes: string[];
}

export function recommend(input: RecommendInput, lang: TextLang = 'en'): RecommendResult {
  const { trials = 1, ...training } = input;
  const spec = singleSpec(training);
  const { plan, rows } = evaluate(spec);
  const base = rows[0];
  if (!base) throw notEvaluated(plan, spec);
  const design = plan.designs[0];
  const h = plan.hardwareSwept ? 0 : design.hardware;
  const ctx: Context = {
    input,
    spec,
    plan,
    base,
    hardware: h >= 0 ? plan.hardware[h]?.entry : undefined,
    location: plan.locations[0].entry,
    lang,
    notes: [...plan.notes],
  };
  const candidates = [
    ...hardwareLevers(ctx),
    ...regionLevers(ctx),
    ...scheduleLevers(ctx),
    ...chinchillaLever(ctx),
    ...precisionLever(ctx),
    ...powerCapLever(ctx),
    ...trialsLever(ctx, trials),
  ];
  const baseTotal = base.totalCo2eKg.central * trials;
  const recommendations = candidates
    .map((c) => toRecommendation(c, base, trials, baseTotal))
    .filter((r) => r.co2eKgSaved > 0 && r.savingPct >= MIN_SAVING_PCT)
    .sort((a, b) => b.co2eKgSaved - a.co2eKgSaved);
  return { baseline: { ...scaleRow(base, trials), trials }, recommendations, notes: ctx.notes };
}

function toRecommendation(c: Candidate, base: SweepRow, trials: number, baseTotal: number): Recommendation {
  const runs = c.runs ?? trials;
  const after = {
    totalCo2eKg: scale(c.row.totalCo2eKg, runs),
    energyKwh: scale(c.row.energyKwh, runs),
    chipHours: scale(c.row.chipHours, runs),
  };
  const saved = baseTotal - after.totalCo2eKg.central;
  const rec: Recommendation = {
    id: c.id,
    label: c.label,
    co2eKgSaved: saved,
    savingPct: baseTotal > 0 ? (100 * saved) / baseTotal : 0,
    energyKwhSaved: base.energyKwh.central * trials - after.energyKwh.central,
    after,
    change: c.change,
    tradeOff: c.tradeOff,
    sources: c.sources.map((s) => (typeof s === 'string' ? s : cite(s))),
  };
  const ch = base.chipHours.central * trials;
  if (ch > 0 && after.chipHours.central !== ch)
    rec.chipHoursChangePct = (100 * (after.chipHours.central - ch)) / ch;
  return rec;
}

function evaluate(
  spec: SweepSpec,
  options: Parameters<typeof planSweep>[1] = {},
): { plan: SweepPlan; rows: SweepRow[] } {
  const plan = planSweep(spec, options);
  const result = runSweep(plan, options);
  const rows: SweepRow[] = [];
  for (let i = 0; i < result.valid.length; i++) if (result.valid[i]) rows.push(sweepRow(result, i));
  return { plan, rows };
}

// ---------------------------------------------------------------- levers

/** Accelerators that train large models: not CPUs, with a 16-bit tensor peak and at least 40 GB. */
function trainingHardware(): HardwareEntry[] {
  return HARDWARE.filter(
    (h: HardwareEntry) =>
      h.kind !== 'cpu' && h.peakTflops.bf16 !== undefined && (h.memoryGb === undefined || h.memoryGb >= 40),
  );
}

function hardwareLevers(ctx: Context): Candidate[] {
  const { plan, spec, base, hardware, lang } = ctx;
  if (!hardware || plan.accounting || spec.powerW) {
    ctx.notes.push(
      'Without --params, --tokens and --hardware (chip-hours or power given instead), other hardware is not compared.',
    );
    return [];
  }
  const others = trainingHardware().filter((h) => h.id !== hardware.id);
  if (others.length === 0) return [];
  const { rows } = evaluate({
    ...spec,
    hardware: others.map((h) => h.id),
    model: undefined,
    designs: designsOf(plan),
  });
  const best = (list: SweepRow[]) =>
    list.reduce<SweepRow | undefined>(
      (a, r) => (!a || r.totalCo2eKg.central < a.totalCo2eKg.central ? r : a),
      undefined,
    );
  const overall = best(rows);
  const sameVendor = best(
    rows.filter((r) => HARDWARE.find((h: HardwareEntry) => h.id === r.hardware)?.vendor === hardware.vendor),
  );
  const out: Candidate[] = [];
  for (const [id, row] of [
    ['hardware', overall],
    ['hardware-same-vendor', sameVendor],
  ] as const) {
    if (!row || (id === 'hardware-same-vendor' && row.hardware === overall?.hardware)) continue;
    out.push({
      id,
      label: text(lang, 'hardware', { hardware: row.hardware ?? '', baseline: hardware.id }),
      row,
      change: { hardware: row.hardware ?? '' },
      tradeOff: {
        time: chipHoursText(lang, base, row),
        money: text(lang, 'money.unknown', {
          chipHours: compact(row.chipHours.central, lang),
          baseline: compact(base.chipHours.central, lang),
        }),
        other: text(lang, 'other.embodied', {
          change: signedPct(row.embodiedCo2eKg.central, base.embodiedCo2eKg.central, lang),
          embodied: number(row.embodiedCo2eKg.central, lang),
        }),
      },
      sources: [HARDWARE.find((h: HardwareEntry) => h.id === row.hardware)!.source],
    });
  }
  return out;
}

/** The plan's design as an explicit design list (so a lever can sweep another axis over it). */
function designsOf(plan: SweepPlan): SweepSpec['designs'] {
  const d = plan.designs[0];
  return [
    {
      params: d.params,
      activeParams: d.activeParams,
      tokens: d.tokens,
      layers: d.layers,
      contextLength: d.contextLength,
      dModel: d.dModel,
    },
  ];
}

function regionLevers(ctx: Context): Candidate[] {
  const { spec, base, location, lang, plan } = ctx;
  const cloud = listLocations({ kind: 'cloud-region' }).filter((l) => l.id !== location?.id);
  if (cloud.length === 0) return [];
  const hardwareSpec =
    plan.hardwareSwept || plan.designs[0].hardware < 0
      ? {}
      : { hardware: [plan.hardware[plan.designs[0].hardware].entry.id] };
  const { rows } = evaluate({
    ...spec,
    ...hardwareSpec,
    model: undefined,
    designs: designsOf(plan),
    location: cloud.map((l) => l.id),
    gridIntensity: undefined,
  });
  const byId = new Map(cloud.map((l) => [l.id, l]));
  const lowest = (list: SweepRow[]) =>
    list.reduce<SweepRow | undefined>(
      (a, r) => (!a || r.totalCo2eKg.central < a.totalCo2eKg.central ? r : a),
      undefined,
    );
  const region = location ? worldRegionOf(location.zone ?? location.id) : undefined;
  const near = region
    ? lowest(rows.filter((r) => worldRegionOf(byId.get(r.location!)?.zone ?? '') === region))
    : undefined;
  const greenest = lowest(rows);
  if (!region)
    ctx.notes.push(
      'No location given (or none with a known world region): only the lowest-carbon cloud region overall is proposed.',
    );
  const out: Candidate[] = [];
  const add = (id: 'region-near' | 'region-greenest', row: SweepRow | undefined) => {
    if (!row || out.some((c) => c.change.location === row.location)) return;
    const entry = byId.get(row.location!)!;
    out.push({
      id,
      label: text(lang, id, {
        location: entry.id,
        intensity: number(row.intensityGPerKwh, lang),
        region: regionName(region, lang),
      }),
      row,
      change: { location: entry.id },
      tradeOff: {
        money: text(lang, 'money.region'),
        other: text(lang, 'other.region', { hardware: base.hardware ?? '—', pue: number(row.pue, lang) }),
      },
      sources: [entry.source, ...(id === 'region-near' ? [WORLD_REGIONS_SOURCE] : [])],
    });
  };
  add('region-near', near);
  add('region-greenest', greenest);
  return out;
}

const REGION_NAMES: Record<WorldRegion, [string, string]> = {
  africa: ['Africa', 'l’Afrique'],
  'northern-america': 'Northern America|l’Amérique du Nord'.split('|') as [string, string],
  'latin-america': 'Latin America|l’Amérique latine'.split('|') as [string, string],
  asia: ['Asia', 'l’Asie'],
  europe: ['Europe', 'l’Europe'],
  oceania: ['Oceania', 'l’Océanie'],
};

function regionName(region: WorldRegion | undefined, lang: TextLang): string {
  return region ? REGION_NAMES[region][lang === 'fr' ? 1 : 0] : '';
}

function scheduleLevers(ctx: Context): Candidate[] {
  const { input, base, location, lang } = ctx;
  const hours =
    input.days !== undefined
      ? input.days * 24
      : input.chips !== undefined
        ? base.chipHours.central / input.chips
        : undefined;
  const lengthH = hours ?? SHIFT_DURATIONS_H[SHIFT_DURATIONS_H.length - 1];
  // The closest tabulated job length, on a log scale.
  let column = 0;
  for (let j = 1; j < SHIFT_DURATIONS_H.length; j++) {
    if (
      Math.abs(Math.log(lengthH / SHIFT_DURATIONS_H[j])) <
      Math.abs(Math.log(lengthH / SHIFT_DURATIONS_H[column]))
    )
      column = j;
  }
  const zone = location ? (location.zone ?? location.id.toUpperCase()) : 'world';
  const table = SHIFT_SAVINGS[zone];
  const duration = durationText(SHIFT_DURATIONS_H[column], lang);
  const out: Candidate[] = [];
  for (const [id, k, time] of [
    ['schedule-defer', 0, 'time.defer'],
    ['schedule-pause', 1, 'time.pause'],
  ] as const) {
    const share = table ? table[column][k] : median(Object.values(SHIFT_SAVINGS).map((z) => z[column][k]));
    const co2eKg = scale(base.co2eKg, 1 - share);
    // The total is the shifted operational part plus the unchanged embodied part, range by range
    // (subtracting the central saving from the low end could make it negative).
    const e = base.embodiedCo2eKg;
    const row: SweepRow = {
      ...base,
      co2eKg,
      totalCo2eKg: {
        low: co2eKg.low + e.low,
        central: co2eKg.central + e.central,
        high: co2eKg.high + e.high,
      },
    };
    const note = text(lang, table ? 'other.shift' : 'other.shiftMedian', { duration, zone });
    out.push({
      id,
      label: text(lang, id),
      row,
      change: { schedule: id === 'schedule-defer' ? 'defer-24h' : 'pause-resume-2x' },
      tradeOff: {
        time: text(lang, time as TextKey),
        other: [
          note,
          ...(id === 'schedule-pause' ? [text(lang, 'other.pause')] : []),
          ...(hours === undefined ? [text(lang, 'other.durationAssumed')] : []),
        ].join('; '),
      },
      sources: [TEMPORAL_SHIFT_SOURCE],
    });
  }
  return out;
}

function durationText(hours: number, lang: TextLang): string {
  if (hours < 24) return `${hours} h`;
  const days = hours / 24;
  return lang === 'fr' ? `${days} j` : `${days}-day`;
}

function chinchillaLever(ctx: Context): Candidate[] {
  const { plan, spec, base, lang } = ctx;
  const d = plan.designs[0];
  if (
    plan.accounting ||
    !Number.isFinite(d.params) ||
    !Number.isFinite(d.tokens) ||
    d.activeParams !== d.params
  )
    return [];
  const fit = scalingFit(DEFAULT_SCALING_FIT);
  const best = isoLossOptimal(d.params, d.tokens, fit);
  if (Math.abs(best.params - d.params) / d.params < 0.01) return [];
  const { rows } = evaluate({
    ...spec,
    model: undefined,
    designs: [
      {
        params: best.params,
        tokens: best.tokens,
        layers: d.layers,
        contextLength: d.contextLength,
        dModel: d.dModel,
      },
    ],
    hardware: base.hardware ? [base.hardware] : undefined,
  });
  const row = rows[0];
  if (!row) return [];
  return [
    {
      id: 'compute-optimal',
      label: text(lang, 'compute-optimal', {
        params: compact(best.params, lang),
        tokens: compact(best.tokens, lang),
      }),
      row,
      change: { params: best.params, tokens: best.tokens },
      tradeOff: {
        time: chipHoursText(lang, base, row),
        quality: text(lang, 'quality.chinchilla', { loss: best.loss.toFixed(3), fit: fit.label }),
        other: text(lang, 'other.chinchillaData', {
          tokens: compact(best.tokens, lang),
          change: signedPct(best.tokens, d.tokens, lang),
          inference: text(lang, best.params < d.params ? 'other.smallerServe' : 'other.largerServe'),
        }),
      },
      sources: [fit.source],
    },
  ];
}

function precisionLever(ctx: Context): Candidate[] {
  const { input, hardware, base, lang } = ctx;
  if (!hardware || !(base.chipHours.central > 0)) return [];
  const current = input.precision;
  const peaks = hardware.peakTflops;
  let id: 'mixed-precision' | 'fp8';
  let speedup: number;
  let source: Source;
  if ((current === 'fp32' || current === 'tf32') && peaks.bf16 && peaks[current]) {
    id = 'mixed-precision';
    speedup = Math.min(peaks.bf16 / peaks[current]!, PRECISION_SPEEDUP.mixed.central);
    source = PRECISION_SPEEDUP.mixed.source;
  } else if ((current === undefined || current === 'bf16') && peaks.fp8 && peaks.bf16) {
    id = 'fp8';
    speedup = Math.min(peaks.fp8 / peaks.bf16, PRECISION_SPEEDUP.fp8.central);
    source = PRECISION_SPEEDUP.fp8.source;
  } else {
    return [];
  }
  if (!(speedup > 1)) return [];
  const row = sameRunWith(ctx, { chipHours: base.chipHours.central / speedup });
  if (!row) return [];
  return [
    {
      id,
      label: text(lang, id, { precision: (current ?? 'bf16').toUpperCase() }),
      row,
      change: { precision: id === 'fp8' ? 'fp8' : 'bf16', speedup },
      tradeOff: {
        time: chipHoursText(lang, base, row),
        quality: text(lang, id === 'fp8' ? 'quality.fp8' : 'quality.mixed'),
      },
      sources: [source],
    },
  ];
}

function powerCapLever(ctx: Context): Candidate[] {
  const { plan, spec, hardware, base, lang } = ctx;
  if (hardware?.kind !== 'gpu' || spec.powerW) return [];
  const hw = plan.hardware.find((h) => h.entry.id === hardware.id)!;
  const chip = hw.tdpW * hw.powerFraction;
  const powerW = chip * (1 - POWER_CAP.acceleratorEnergySaving) + chip * hw.hostOverhead;
  const row = sameRunWith(ctx, { chipHours: base.chipHours.central, powerW });
  if (!row) return [];
  return [
    {
      id: 'power-cap',
      label: text(lang, 'power-cap'),
      row,
      change: { powerW: Math.round(powerW) },
      tradeOff: { time: text(lang, 'time.powerCap') },
      sources: [POWER_CAP.source, ZEUS],
    },
  ];
}

function trialsLever(ctx: Context, trials: number): Candidate[] {
  if (trials <= 1 + MU_TRANSFER.tuningShareOfRun) return [];
  const { base, lang } = ctx;
  return [
    {
      id: 'fewer-trials',
      label: text(lang, 'fewer-trials', { trials }),
      row: base,
      runs: 1 + MU_TRANSFER.tuningShareOfRun,
      change: { trials: 1 + MU_TRANSFER.tuningShareOfRun },
      tradeOff: { time: text(lang, 'time.trials', { trials }), quality: text(lang, 'quality.trials') },
      sources: [MU_TRANSFER.source],
    },
  ];
}

/** The baseline run with given chip-hours (and power): same hardware, location and PUE. */
function sameRunWith(ctx: Context, change: { chipHours: number; powerW?: number }): SweepRow | undefined {
  const { spec, base } = ctx;
  const { rows } = evaluate({
    ...spec,
    model: undefined,
    designs: designsOf(ctx.plan),
    hardware: base.hardware ? [base.hardware] : undefined,
    precision: undefined,
    mfu: undefined,
    days: undefined,
    chips: undefined,
    chipHours: [change.chipHours],
    powerW: change.powerW !== undefined ? [change.powerW] : spec.powerW,
  });
  return rows[0];
}

// ---------------------------------------------------------------- helpers

function chipHoursText(lang: TextLang, base: SweepRow, row: SweepRow): string {
  const b = base.chipHours.central;
  const a = row.chipHours.central;
  return text(lang, 'time.chipHours', {
    change: signedPct(a, b, lang),
    direction: text(lang, a <= b ? 'time.shorter' : 'time.longer'),
  });
}

function signedPct(after: number, before: number, lang: TextLang): string {
  const v = before > 0 ? (100 * (after - before)) / before : 0;
  return `${v >= 0 ? '+' : ''}${number(v, lang)}`;
}

function scale(r: Range, f: number): Range {
  return { low: r.low * f, central: r.central * f, high: r.high * f };
}

function scaleRow(row: SweepRow, f: number): SweepRow {
  if (f === 1) return row;
  const out: SweepRow = { ...row };
  for (const key of [
    'chipHours',
    'energyKwh',
    'co2eKg',
    'co2eMarketKg',
    'embodiedCo2eKg',
    'totalCo2eKg',
  ] as const) {
    const r = row[key];
    if (r) out[key] = scale(r, f);
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
