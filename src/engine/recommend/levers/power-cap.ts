import { POWER_CAP, ZEUS } from '../../../catalog/recommendations.js';
import { text } from '../../recommend-text.js';
import { sameRunWith } from '../evaluate.js';
import type { Candidate, Context } from '../types.js';

/** Capping the GPUs' power: less energy for the same work, at a small cost in time. */
export function powerCapLever(ctx: Context): Candidate[] {
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
