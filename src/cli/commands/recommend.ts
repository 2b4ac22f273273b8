import type { Command } from 'commander';
import type { RecommendResult } from '../../engine/recommend/index.js';
import { type FlagValues, pickFields } from '../../engine/schemas/fields.js';
import { RECOMMEND_FIELDS } from '../../engine/schemas/training-fields.js';
import type { Lang } from '../../report/i18n/index.js';
import { type CommandMeta, labels, notesIn, type OutputFlags, say, withOutputOptions } from '../_common.js';
import { addSchemaOptions } from '../_schema-options.js';

export const meta = {
  name: 'recommend',
  summary: 'cli.recommend.summary',
  description: 'cli.recommend.description',
} as const satisfies CommandMeta;

type Flags = FlagValues<typeof RECOMMEND_FIELDS> & OutputFlags;

/** `empreinte recommend`: ranked ways to cut a training footprint, each with its trade-off. */
export function register(program: Command): void {
  const command = program.command(meta.name).description(say(meta.description));
  withOutputOptions(addSchemaOptions(command, RECOMMEND_FIELDS)).action(runRecommend);
}

async function runRecommend(flags: Flags): Promise<void> {
  const [{ outputContext }, { parseInput }, { recommend, recommendInputSchema }] = await Promise.all([
    import('../_common.js'),
    import('../../engine/schemas/common.js'),
    import('../../engine/recommend/index.js'),
  ]);
  const output = outputContext(flags);
  const input = parseInput(recommendInputSchema, pickFields(RECOMMEND_FIELDS, flags));
  const result = recommend(input, output.lang);
  if (output.json) output.printJson(result);
  else output.print(await render(result, output.lang));
}

async function render(r: RecommendResult, lang: Lang): Promise<string> {
  const { formatNumber, renderTable } = await import('../../report/format.js');
  const t = labels(lang, 'recommend');
  const n = (v: number) => formatNumber(v, lang);
  const b = r.baseline;
  const what = [
    b.model,
    b.params !== undefined ? t('params', { n: n(b.params / 1e9) }) : undefined,
    b.tokens !== undefined ? t('tokens', { n: n(b.tokens / 1e12) }) : undefined,
    b.hardware,
    b.location,
    b.trials > 1 ? t('trials', { n: b.trials }) : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const parts = [
    t('baseline', { what }),
    t('baselineFigures', {
      energy: n(b.energyKwh.central),
      co2: n(b.co2eKg.central),
      low: n(b.co2eKg.low),
      high: n(b.co2eKg.high),
      embodied: n(b.embodiedCo2eKg.central),
      total: n(b.totalCo2eKg.central),
    }),
  ];
  if (b.co2eMarketKg) parts.push(t('market', { co2: n(b.co2eMarketKg.central) }));
  parts.push('');
  if (r.recommendations.length === 0) {
    parts.push(t('none'));
  } else {
    const rows = [[t('rank'), t('action'), t('saved'), t('pct'), t('after')]];
    r.recommendations.forEach((rec, k) => {
      rows.push([
        String(k + 1),
        rec.label,
        n(rec.co2eKgSaved),
        `${formatNumber(rec.savingPct, lang, 2)} %`,
        n(rec.after.totalCo2eKg.central),
      ]);
    });
    parts.push(t('title'), renderTable(rows, ['right', 'left', 'right', 'right', 'right']), '');
    r.recommendations.forEach((rec, k) => {
      parts.push(`${k + 1}. ${rec.label}`);
      for (const [key, value] of Object.entries(rec.tradeOff))
        if (value) parts.push(`   ${t(key as 'time')}: ${value}`);
      parts.push(`   ${t('sources')}: ${rec.sources.join(' | ')}`);
    });
  }
  if (r.notes.length > 0) parts.push('', ...notesIn(r, lang).map((note) => `  - ${note}`));
  return parts.join('\n');
}
