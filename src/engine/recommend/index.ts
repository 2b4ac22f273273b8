import { renderAll } from '../../messages/index.js';
import type { TextLang } from '../recommend-text.js';
import type { RecommendInput } from '../schemas/recommend.js';
import { notEvaluated, type SweepRow, singleSpec } from '../sweep/index.js';
import { cite } from '../training.js';
import { TRAINING_RANGE_KEYS } from '../training-kernel.js';
import { evaluate, scale } from './evaluate.js';
import { chinchillaLever } from './levers/chinchilla.js';
import { hardwareLevers } from './levers/hardware.js';
import { powerCapLever } from './levers/power-cap.js';
import { precisionLever } from './levers/precision.js';
import { regionLevers } from './levers/region.js';
import { scheduleLevers } from './levers/schedule.js';
import { trialsLever } from './levers/trials.js';
import type { Candidate, Context, Lever, Recommendation, RecommendResult } from './types.js';

export { type RecommendInput, recommendInputSchema } from '../schemas/recommend.js';
export type { Recommendation, RecommendResult, TradeOff } from './types.js';

/**
 * `recommend`: alternatives that cut a training footprint, each evaluated with the same engine
 * as the baseline (a sweep over the one thing that changes), ranked by kg CO2e saved (operational
 * plus embodied, location-based). An alternative that saves less than MIN_SAVING_PCT is dropped:
 * never a no-op. Each carries its trade-off in time, money and quality where known, and sources.
 */
export const MIN_SAVING_PCT = 0.5;

/** Every lever, in the order their notes are written. */
const LEVERS: Lever[] = [
  hardwareLevers,
  regionLevers,
  scheduleLevers,
  chinchillaLever,
  precisionLever,
  powerCapLever,
  trialsLever,
];

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
  const candidates = LEVERS.flatMap((lever) => lever(ctx));
  const baseTotal = base.totalCo2eKg.central * trials;
  const recommendations = candidates
    .map((c) => toRecommendation(c, base, trials, baseTotal))
    .filter((r) => r.co2eKgSaved > 0 && r.savingPct >= MIN_SAVING_PCT)
    .sort((a, b) => b.co2eKgSaved - a.co2eKgSaved);
  return {
    baseline: { ...scaleRow(base, trials), trials },
    recommendations,
    notes: renderAll(ctx.notes),
    noteMessages: ctx.notes,
  };
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

function scaleRow(row: SweepRow, f: number): SweepRow {
  if (f === 1) return row;
  const out: SweepRow = { ...row };
  for (const key of TRAINING_RANGE_KEYS) {
    const r = row[key];
    if (r) out[key] = scale(r, f);
  }
  return out;
}
