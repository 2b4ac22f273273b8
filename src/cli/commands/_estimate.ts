import type { Command } from 'commander';
import type { z } from 'zod';
import type { Range } from '../../catalog/types.js';
import { type Fields, pickFields } from '../../engine/schemas/fields.js';
import type { ResolvedInput } from '../../engine/training.js';
import { formatNumber, renderTable } from '../../report/format.js';
import { type Lang, registerMessages, t } from '../../report/i18n/index.js';

import { type OutputFlags, outputContext, withOutputOptions } from '../_common.js';
import { addSchemaOptions } from '../_schema-options.js';

/** What the estimate sub-commands share: how they are declared, labels, range rows, the inputs table. */

/** The flags every estimate prints with: the output flags and `--sources`. */
export type EstimateFlags = OutputFlags & { sources?: boolean };

/** `empreinte estimate <name>`: a flag per field of its input table, the output flags and `--sources`. */
export function estimateCommand(estimate: Command, meta: { name: string; summary: string }, fields: Fields) {
  const command = estimate.command(meta.name).description(meta.summary);
  return withOutputOptions(addSchemaOptions(command, fields)).option(
    '--sources',
    'show the full source of every input',
  );
}

/** Reads the flags with `schema` (errors name the flag), estimates, and prints JSON or text. */
export async function printEstimate<S extends z.ZodType, E>(
  flags: EstimateFlags,
  fields: Fields,
  schema: S,
  estimate: (input: z.output<S>) => E,
  render: (estimate: E, lang: Lang, fullSources: boolean) => string,
): Promise<void> {
  const { parseInput } = await import('../../engine/schemas/common.js');
  const output = outputContext(flags);
  const result = estimate(parseInput(schema, pickFields(fields, flags)));
  if (output.json) output.printJson(result);
  else output.print(render(result, output.lang, Boolean(flags.sources)));
}

registerMessages('en', {
  'inference.title': 'Inference footprint',
  'inference.on': 'on',
  'inference.perRequest': 'Energy per request',
  'inference.accelerator': 'accelerator',
  'inference.host': 'host (CPU, RAM, network)',
  'inference.facility': 'facility (PUE)',
  'inference.perToken': 'Accelerator energy per output token',
  'inference.forRequests': 'Energy for {n} requests',
  'inference.emissions': 'Emissions for {n} requests',
  'inference.emissionsMarket': 'Market-based emissions',
  'inference.embodied': 'Embodied (manufacturing)',
  'inference.regime':
    'decode is {regime}; prefill {prefill} s, decode step {step} ms, {tps} tokens/s per replica',
  'inference.memory-bound': 'memory-bound',
  'inference.compute-bound': 'compute-bound',
  'inference.boundary': 'Boundary',
  'inference.notes': 'Notes',
  'inference.methodology': 'Methodology',
  'inference.fullSources': '--sources for full citations',
  'deployment.title': 'Deployment footprint',
  'deployment.traffic': 'Traffic',
  'deployment.profile': 'profile',
  'deployment.conversations': '{c} conversations/day × {t} turns = {r} requests/day',
  'deployment.requests': '{r} requests/day',
  'deployment.afterCache': '{r} reach the model after the response cache',
  'deployment.serving': 'Serving',
  'deployment.pool':
    '{label} on {hw}: {gpus} GPU(s) per replica × {replicas} replica(s), busiest hour at {peak} % of capacity',
  'deployment.perYear': 'Per year',
  'deployment.total': 'Total (operational + embodied)',
  'deployment.breakdown': 'Energy by part, per year',
  'deployment.active': 'accelerators serving requests',
  'deployment.idle': 'accelerators idle (provisioned capacity)',
  'deployment.perRequest': 'Per request',
  'deployment.perConversation': 'Per conversation',
  'deployment.perTurn': 'Each turn re-sends the conversation (marginal cost at full batch)',
  'deployment.turn': 'turn',
  'deployment.input': 'input tokens',
  'deployment.cached': 'cached',
  'deployment.output': 'output tokens',
  'deployment.training':
    'Training footprint {co2} kg CO2e amortised over {years} year(s): {perYear} kg/year, {perRequest} g per request; serving overtakes the whole training after {days} days',
  'deployment.comparisons': 'Options compared with the baseline (per year)',
  'deployment.option': 'option',
  'deployment.saving': 'saving',
  'deployment.gpus': 'GPUs',
  'deployment.baseline': 'baseline',
});
registerMessages('fr', {
  'inference.title': 'Empreinte de l’inférence',
  'inference.on': 'sur',
  'inference.perRequest': 'Énergie par requête',
  'inference.accelerator': 'accélérateurs',
  'inference.host': 'hôte (CPU, mémoire, réseau)',
  'inference.facility': 'bâtiment (PUE)',
  'inference.perToken': 'Énergie des accélérateurs par jeton produit',
  'inference.forRequests': 'Énergie pour {n} requêtes',
  'inference.emissions': 'Émissions pour {n} requêtes',
  'inference.emissionsMarket': 'Émissions (méthode market-based)',
  'inference.embodied': 'Fabrication du matériel',
  'inference.regime':
    'le décodage est {regime} ; préremplissage {prefill} s, pas de décodage {step} ms, {tps} jetons/s par réplique',
  'inference.memory-bound': 'limité par la mémoire',
  'inference.compute-bound': 'limité par le calcul',
  'inference.boundary': 'Périmètre',
  'inference.notes': 'Remarques',
  'inference.methodology': 'Méthodologie',
  'inference.fullSources': '--sources pour les citations complètes',
  'deployment.title': 'Empreinte du déploiement',
  'deployment.traffic': 'Trafic',
  'deployment.profile': 'profil',
  'deployment.conversations': '{c} conversations/jour × {t} tours = {r} requêtes/jour',
  'deployment.requests': '{r} requêtes/jour',
  'deployment.afterCache': '{r} atteignent le modèle après le cache de réponses',
  'deployment.serving': 'Service',
  'deployment.pool':
    '{label} sur {hw} : {gpus} GPU par réplique × {replicas} réplique(s), heure de pointe à {peak} % de la capacité',
  'deployment.perYear': 'Par an',
  'deployment.total': 'Total (exploitation + fabrication)',
  'deployment.breakdown': 'Énergie par poste, par an',
  'deployment.active': 'accélérateurs au travail',
  'deployment.idle': 'accélérateurs inactifs (capacité provisionnée)',
  'deployment.perRequest': 'Par requête',
  'deployment.perConversation': 'Par conversation',
  'deployment.perTurn': 'Chaque tour renvoie toute la conversation (coût marginal à lot plein)',
  'deployment.turn': 'tour',
  'deployment.input': 'jetons en entrée',
  'deployment.cached': 'en cache',
  'deployment.output': 'jetons produits',
  'deployment.training':
    'Entraînement {co2} kg CO2e amorti sur {years} an(s)\u202f: {perYear} kg/an, {perRequest} g par requête\u202f; le service dépasse tout l’entraînement après {days} jours',
  'deployment.comparisons': 'Options comparées à la référence (par an)',
  'deployment.option': 'option',
  'deployment.saving': 'économie',
  'deployment.gpus': 'GPU',
  'deployment.baseline': 'référence',
});

/** French typography puts a thin space before a colon. */
export const colon = (lang: Lang) => (lang === 'fr' ? '\u202f:' : ':');

export const HEADER = (lang: Lang) => [
  '',
  t(lang, 'label.central'),
  t(lang, 'label.low'),
  t(lang, 'label.high'),
];
export const ALIGN: ('left' | 'right')[] = ['left', 'right', 'right', 'right'];

export function rangeRow(label: string, r: Range, unit: string, lang: Lang): string[] {
  const n = (v: number) => formatNumber(v, lang);
  return [label, `${n(r.central)} ${unit}`, n(r.low), n(r.high)];
}

export function inputsTable(
  inputs: Record<string, ResolvedInput>,
  lang: Lang,
  fullSources: boolean,
): string[] {
  const n = (v: number) => formatNumber(v, lang);
  const rows = [[t(lang, 'label.input'), t(lang, 'label.value'), t(lang, 'label.source')]];
  for (const [name, input] of Object.entries(inputs)) {
    const v = input.value;
    const value =
      typeof v === 'object'
        ? `${n(v.central)} (${n(v.low)}–${n(v.high)})`
        : typeof v === 'number'
          ? n(v)
          : String(v);
    const source =
      fullSources || input.source.length <= 70 ? input.source : `${input.source.slice(0, 67)}...`;
    rows.push([name, value, source]);
  }
  return [
    `${t(lang, 'label.inputs')}${fullSources ? '' : ` (${t(lang, 'inference.fullSources')})`}${colon(lang)}`,
    renderTable(rows),
  ];
}

export function formatModel(inputs: Record<string, ResolvedInput>, lang: Lang): string {
  const params = inputs.params;
  if (params.source.startsWith('catalog:')) return params.source.slice('catalog:'.length);
  return `${formatNumber((params.value as number) / 1e9, lang)}B`;
}
