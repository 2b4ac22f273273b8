import { HARDWARE } from '../../../catalog/hardware.js';
import type { HardwareEntry } from '../../../catalog/types.js';
import { msg } from '../../../messages/index.js';
import { compact, number, text } from '../../recommend-text.js';
import type { SweepRow } from '../../sweep/index.js';
import { chipHoursText, designsOf, evaluate, signedPct } from '../evaluate.js';
import type { Candidate, Context } from '../types.js';

/** Accelerators that train large models: not CPUs, with a 16-bit tensor peak and at least 40 GB. */
function trainingHardware(): HardwareEntry[] {
  return HARDWARE.filter(
    (h: HardwareEntry) =>
      h.kind !== 'cpu' && h.peakTflops.bf16 !== undefined && (h.memoryGb === undefined || h.memoryGb >= 40),
  );
}

/** Other training accelerators: the lowest-carbon one overall, and of the baseline's vendor. */
export function hardwareLevers(ctx: Context): Candidate[] {
  const { plan, spec, base, hardware, lang } = ctx;
  if (!hardware || plan.accounting || spec.powerW) {
    ctx.notes.push(
      msg('note.noHardwareCompared', {
        paramsField: 'params',
        tokensField: 'tokens',
        hardwareField: 'hardware',
      }),
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
