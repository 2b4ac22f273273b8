import type { Range } from '../../catalog/types.js';
import { number, type TextLang, text } from '../recommend-text.js';
import {
  planSweep,
  runSweep,
  type SweepPlan,
  type SweepRow,
  type SweepSpec,
  sweepRow,
} from '../sweep/index.js';
import type { Context } from './types.js';

/** A sweep's valid rows: each lever evaluates its alternatives with the same engine as the baseline. */
export function evaluate(
  spec: SweepSpec,
  options: Parameters<typeof planSweep>[1] = {},
): { plan: SweepPlan; rows: SweepRow[] } {
  const plan = planSweep(spec, options);
  const result = runSweep(plan, options);
  const rows: SweepRow[] = [];
  for (let i = 0; i < result.valid.length; i++) if (result.valid[i]) rows.push(sweepRow(result, i));
  return { plan, rows };
}

/** The plan's design as an explicit design list (so a lever can sweep another axis over it). */
export function designsOf(plan: SweepPlan): SweepSpec['designs'] {
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

/** The baseline run with given chip-hours (and power): same hardware, location and PUE. */
export function sameRunWith(
  ctx: Context,
  change: { chipHours: number; powerW?: number },
): SweepRow | undefined {
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

export function chipHoursText(lang: TextLang, base: SweepRow, row: SweepRow): string {
  const b = base.chipHours.central;
  const a = row.chipHours.central;
  return text(lang, 'time.chipHours', {
    change: signedPct(a, b, lang),
    direction: text(lang, a <= b ? 'time.shorter' : 'time.longer'),
  });
}

export function signedPct(after: number, before: number, lang: TextLang): string {
  const v = before > 0 ? (100 * (after - before)) / before : 0;
  return `${v >= 0 ? '+' : ''}${number(v, lang)}`;
}

export function scale(r: Range, f: number): Range {
  return { low: r.low * f, central: r.central * f, high: r.high * f };
}
