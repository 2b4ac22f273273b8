import { PRECISION_SPEEDUP } from '../../../catalog/recommendations.js';
import type { Source } from '../../../catalog/types.js';
import { text } from '../../recommend-text.js';
import { chipHoursText, sameRunWith } from '../evaluate.js';
import type { Candidate, Context } from '../types.js';

/** A lower arithmetic precision (mixed precision, or FP8) where the chip runs it faster. */
export function precisionLever(ctx: Context): Candidate[] {
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
