import { compact, text } from '../../recommend-text.js';
import { DEFAULT_SCALING_FIT, isoLossOptimal, scalingFit } from '../../scaling.js';
import { chipHoursText, evaluate, signedPct } from '../evaluate.js';
import type { Candidate, Context } from '../types.js';

/** A predicted loss, to the thousandth (`2.020`, `2,020`). */
const LOSS_DIGITS = { minimumFractionDigits: 3, maximumFractionDigits: 3 };

/** The compute-optimal design reaching the same loss (Chinchilla scaling). */
export function chinchillaLever(ctx: Context): Candidate[] {
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
        quality: text(lang, 'quality.chinchilla', {
          loss: new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', LOSS_DIGITS).format(best.loss),
          fit: text(lang, `fit.${fit.id}`),
        }),
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
