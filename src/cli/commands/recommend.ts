import type { Command } from 'commander';
import type { RecommendResult } from '../../engine/recommend/index.js';
import { type FlagValues, pickFields } from '../../engine/schemas/fields.js';
import { RECOMMEND_FIELDS } from '../../engine/schemas/training-fields.js';
import type { Lang } from '../../report/i18n/index.js';
import { type OutputFlags, withOutputOptions } from '../_common.js';
import { addSchemaOptions } from '../_schema-options.js';

export const meta = {
  name: 'recommend',
  summary: 'ranked ways to cut a training footprint',
  description: 'ranked ways to cut a training footprint, with their trade-offs',
};

type Flags = FlagValues<typeof RECOMMEND_FIELDS> & OutputFlags;

/** `empreinte recommend`: ranked ways to cut a training footprint, each with its trade-off. */
export function register(program: Command): void {
  const command = program.command(meta.name).description(meta.description);
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
  const [{ formatNumber, renderTable }, i18n] = await Promise.all([
    import('../../report/format.js'),
    import('../../report/i18n/index.js'),
  ]);
  const prefixed = (table: Record<string, string>) =>
    Object.fromEntries(Object.entries(table).map(([k, v]) => [`recommend.${k}`, v]));
  i18n.registerMessages('en', prefixed(EN));
  i18n.registerMessages('fr', prefixed(FR));
  const t = (key: keyof typeof EN, params: Record<string, string | number> = {}) =>
    i18n.t(lang, `recommend.${key}`, params);
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
  if (r.notes.length > 0) parts.push('', ...r.notes.map((note) => `  - ${note}`));
  return parts.join('\n');
}

const EN = {
  baseline: 'Baseline: {what}',
  baselineFigures:
    '  {energy} kWh, {co2} kg CO2e location-based ({low}–{high}), {embodied} kg embodied, {total} kg in total',
  market:
    '  market-based: {co2} kg CO2e (after renewable contracts; location-based above is what the grid emitted)',
  params: '{n}B parameters',
  tokens: '{n}T tokens',
  trials: '{n} runs',
  title: 'Recommendations, by CO2e saved (operational + embodied):',
  rank: '#',
  action: 'action',
  saved: 'kg CO2e saved',
  pct: 'saving',
  after: 'kg after',
  none: 'No alternative saves at least 0.5% with the data available.',
  time: 'time',
  money: 'money',
  quality: 'quality',
  other: 'other',
  sources: 'sources',
};
const FR: Record<keyof typeof EN, string> = {
  baseline: 'Référence : {what}',
  baselineFigures:
    '  {energy} kWh, {co2} kg CO2e location-based ({low}–{high}), {embodied} kg de fabrication, {total} kg au total',
  market:
    '  market-based : {co2} kg CO2e (après contrats renouvelables ; le location-based ci-dessus est ce qu’a émis le réseau)',
  params: '{n} Md de paramètres',
  tokens: '{n} T de tokens',
  trials: '{n} entraînements',
  title: 'Recommandations, par CO2e évité (exploitation + fabrication) :',
  rank: 'n°',
  action: 'action',
  saved: 'kg CO2e évités',
  pct: 'gain',
  after: 'kg après',
  none: 'Aucune alternative n’économise au moins 0,5 % avec les données disponibles.',
  time: 'temps',
  money: 'coût',
  quality: 'qualité',
  other: 'autre',
  sources: 'sources',
};
