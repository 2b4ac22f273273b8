import { MU_TRANSFER } from '../../../catalog/recommendations.js';
import { text } from '../../recommend-text.js';
import type { Candidate, Context } from '../types.js';

/** Fewer hyper-parameter trials: tune on a small proxy and transfer (muP). */
export function trialsLever(ctx: Context): Candidate[] {
  const trials = ctx.input.trials ?? 1;
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
