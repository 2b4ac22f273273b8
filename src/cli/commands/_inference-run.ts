import type { Range } from '../../catalog/types.js';
import type { DeploymentEstimate } from '../../engine/deployment.js';
import { estimateDeployment } from '../../engine/deployment-compare.js';
import { estimateInference, type InferenceEstimate } from '../../engine/inference.js';
import { parseInput } from '../../engine/schemas/common.js';
import { deploymentInputSchema, inferenceInputSchema } from '../../engine/schemas/inference.js';
import type { ResolvedInput } from '../../engine/training.js';
import { formatNumber, renderTable } from '../../report/format.js';
import { type Lang, registerMessages, t } from '../../report/i18n/index.js';
import { outputContext } from '../_common.js';

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

/** Flags as the schema's camelCase input; drops output-only flags and unset ones. */
function toInput(options: Record<string, unknown>): Record<string, unknown> {
  const { json: _json, lang: _lang, sources: _sources, ...rest } = options;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

export function runEstimateInference(options: Record<string, unknown>): void {
  const output = outputContext(options as { json?: boolean; lang?: string });
  const estimate = estimateInference(parseInput(inferenceInputSchema, toInput(options)));
  if (output.json) output.printJson(estimate);
  else output.print(renderInference(estimate, output.lang, Boolean(options.sources)));
}

export function runEstimateDeployment(options: Record<string, unknown>): void {
  const output = outputContext(options as { json?: boolean; lang?: string });
  const estimate = estimateDeployment(parseInput(deploymentInputSchema, toInput(options)));
  if (output.json) output.printJson(estimate);
  else output.print(renderDeployment(estimate, output.lang, Boolean(options.sources)));
}

/** French typography puts a thin space before a colon. */
const colon = (lang: Lang) => (lang === 'fr' ? '\u202f:' : ':');

const HEADER = (lang: Lang) => ['', t(lang, 'label.central'), t(lang, 'label.low'), t(lang, 'label.high')];
const ALIGN: ('left' | 'right')[] = ['left', 'right', 'right', 'right'];

function rangeRow(label: string, r: Range, unit: string, lang: Lang): string[] {
  const n = (v: number) => formatNumber(v, lang);
  return [label, `${n(r.central)} ${unit}`, n(r.low), n(r.high)];
}

function inputsTable(inputs: Record<string, ResolvedInput>, lang: Lang, fullSources: boolean): string[] {
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

export function renderInference(e: InferenceEstimate, lang: Lang, fullSources: boolean): string {
  const n = (v: number) => formatNumber(v, lang);
  const b = e.perRequestBreakdownWh;
  const hw = e.inputs.hardware.value;
  const requests = n(e.requests);
  const rows = [
    HEADER(lang),
    rangeRow(t(lang, 'inference.perRequest'), e.perRequestWh, 'Wh', lang),
    rangeRow(`  ${t(lang, 'inference.accelerator')}`, b.accelerator, 'Wh', lang),
    rangeRow(`  ${t(lang, 'inference.host')}`, b.host, 'Wh', lang),
    rangeRow(`  ${t(lang, 'inference.facility')}`, b.facility, 'Wh', lang),
    rangeRow(t(lang, 'inference.perToken'), e.perOutputTokenJ, 'J', lang),
    rangeRow(t(lang, 'inference.forRequests', { n: requests }), e.energyKwh, 'kWh', lang),
    rangeRow(t(lang, 'inference.emissions', { n: requests }), e.co2eKg, 'kg CO2e', lang),
  ];
  if (e.co2eMarketKg)
    rows.push(rangeRow(t(lang, 'inference.emissionsMarket'), e.co2eMarketKg, 'kg CO2e', lang));
  rows.push(rangeRow(t(lang, 'inference.embodied'), e.embodiedCo2eKg, 'kg CO2e', lang));
  const p = e.performance;
  const parts = [
    `${t(lang, 'inference.title')} — ${formatModel(e.inputs, lang)} ${t(lang, 'inference.on')} ${p.gpus} × ${hw}`,
    '',
    renderTable(rows, ALIGN),
    '',
    t(lang, 'inference.regime', {
      regime: t(lang, `inference.${p.regime}`),
      prefill: formatNumber(p.prefillS, lang),
      step: formatNumber(p.decodeStepS * 1000, lang),
      tps: formatNumber(p.replicaTokensPerS, lang),
    }),
    `${t(lang, 'inference.boundary')}${colon(lang)} ${b.boundary}`,
    '',
    ...inputsTable(e.inputs, lang, fullSources),
  ];
  if (e.notes.length > 0)
    parts.push('', `${t(lang, 'inference.notes')}${colon(lang)}`, ...e.notes.map((note) => `  - ${note}`));
  parts.push('', `${t(lang, 'inference.methodology')}${colon(lang)} ${e.methodologyVersion}`);
  return parts.join('\n');
}

function formatModel(inputs: Record<string, ResolvedInput>, lang: Lang): string {
  const params = inputs.params;
  if (params.source.startsWith('catalog:')) return params.source.slice('catalog:'.length);
  return `${formatNumber((params.value as number) / 1e9, lang)}B`;
}

export function renderDeployment(e: DeploymentEstimate, lang: Lang, fullSources: boolean): string {
  const n = (v: number) => formatNumber(v, lang);
  const pct = (v: number) => formatNumber(v, lang, 2);
  const traffic =
    e.conversationsPerDay !== undefined
      ? t(lang, 'deployment.conversations', {
          c: n(e.conversationsPerDay),
          t: n(e.requestsPerDay / e.conversationsPerDay),
          r: n(e.requestsPerDay),
        })
      : t(lang, 'deployment.requests', { r: n(e.requestsPerDay) });
  const parts = [
    `${t(lang, 'deployment.title')}${e.inputs.preset ? ` — ${e.inputs.preset.value}` : ''}`,
    '',
    `${t(lang, 'deployment.traffic')}${colon(lang)} ${traffic} (${t(lang, 'deployment.profile')}${colon(lang)} ${e.inputs.profile.value})`,
  ];
  if (e.modelRequestsPerDay < e.requestsPerDay)
    parts.push(`  ${t(lang, 'deployment.afterCache', { r: n(e.modelRequestsPerDay) })}`);
  parts.push(`${t(lang, 'deployment.serving')}${colon(lang)}`);
  for (const p of e.pools) {
    parts.push(
      `  ${t(lang, 'deployment.pool', { label: p.label, hw: p.hardware, gpus: p.gpusPerReplica, replicas: p.replicas, peak: Math.round(p.peakUtilisation * 100) })}`,
    );
  }
  const y = e.yearly;
  const yearRows = [
    HEADER(lang),
    rangeRow(t(lang, 'label.energy'), y.energyKwh, 'kWh', lang),
    rangeRow(t(lang, 'label.co2e'), y.co2eKg, 'kg CO2e', lang),
  ];
  if (y.co2eMarketKg) yearRows.push(rangeRow(t(lang, 'label.co2eMarket'), y.co2eMarketKg, 'kg CO2e', lang));
  yearRows.push(rangeRow(t(lang, 'label.embodied'), y.embodiedCo2eKg, 'kg CO2e', lang));
  yearRows.push(rangeRow(t(lang, 'deployment.total'), y.totalCo2eKg, 'kg CO2e', lang));
  parts.push('', `${t(lang, 'deployment.perYear')}${colon(lang)}`, renderTable(yearRows, ALIGN));

  const br = e.breakdownKwhPerYear;
  const total = br.acceleratorActive + br.acceleratorIdle + br.host + br.facility;
  const share = (v: number) => `${pct((100 * v) / total)} %`;
  parts.push(
    '',
    `${t(lang, 'deployment.breakdown')}${colon(lang)}`,
    renderTable(
      [
        ['', 'kWh', '%'],
        [t(lang, 'deployment.active'), n(br.acceleratorActive), share(br.acceleratorActive)],
        [t(lang, 'deployment.idle'), n(br.acceleratorIdle), share(br.acceleratorIdle)],
        [t(lang, 'inference.host'), n(br.host), share(br.host)],
        [t(lang, 'inference.facility'), n(br.facility), share(br.facility)],
      ],
      ['left', 'right', 'right'],
    ),
  );
  const unitRows = [
    HEADER(lang),
    rangeRow(`${t(lang, 'deployment.perRequest')}`, e.perRequest.energyWh, 'Wh', lang),
  ];
  unitRows.push(rangeRow(`${t(lang, 'deployment.perRequest')}`, e.perRequest.co2eG, 'g CO2e', lang));
  if (e.perConversation) {
    unitRows.push(rangeRow(t(lang, 'deployment.perConversation'), e.perConversation.energyWh, 'Wh', lang));
    unitRows.push(rangeRow(t(lang, 'deployment.perConversation'), e.perConversation.co2eG, 'g CO2e', lang));
  }
  parts.push('', renderTable(unitRows, ALIGN));
  if (e.perTurn) {
    const rows = [
      [
        t(lang, 'deployment.turn'),
        t(lang, 'deployment.input'),
        t(lang, 'deployment.cached'),
        t(lang, 'deployment.output'),
        'Wh',
      ],
    ];
    for (const turn of e.perTurn) {
      rows.push([
        String(turn.turn),
        n(turn.inputTokens),
        n(turn.cachedInputTokens),
        n(turn.outputTokens),
        n(turn.energyWh),
      ]);
    }
    parts.push(
      '',
      `${t(lang, 'deployment.perTurn')}${colon(lang)}`,
      renderTable(rows, ['right', 'right', 'right', 'right', 'right']),
    );
  }
  if (e.training) {
    const tr = e.training;
    parts.push(
      '',
      t(lang, 'deployment.training', {
        co2: n(tr.co2eKg),
        years: n(tr.lifetimeYears),
        perYear: n(tr.amortisedCo2eKgPerYear),
        perRequest: n(tr.amortisedPerRequestG),
        days:
          tr.servingOvertakesTrainingAfterDays === undefined ? '∞' : n(tr.servingOvertakesTrainingAfterDays),
      }),
    );
  }
  if (e.comparisons && e.comparisons.length > 0) {
    const rows = [
      [
        t(lang, 'deployment.option'),
        'kWh',
        'kg CO2e',
        'Wh/req',
        t(lang, 'deployment.gpus'),
        t(lang, 'deployment.saving'),
      ],
      [
        t(lang, 'deployment.baseline'),
        n(y.energyKwh.central),
        n(y.co2eKg.central),
        n(e.perRequest.energyWh.central),
        n(e.pools.reduce((s, p) => s + p.replicas * p.gpusPerReplica, 0)),
        '—',
      ],
    ];
    for (const c of e.comparisons) {
      rows.push([
        c.label,
        n(c.energyKwh.central),
        n(c.co2eKg.central),
        n(c.perRequestWh),
        n(c.gpus),
        `${c.co2eSavingPct >= 0 ? '+' : ''}${pct(c.co2eSavingPct)} %`,
      ]);
    }
    parts.push(
      '',
      `${t(lang, 'deployment.comparisons')}${colon(lang)}`,
      renderTable(rows, ['left', 'right', 'right', 'right', 'right', 'right']),
    );
  }
  parts.push(
    '',
    `${t(lang, 'inference.boundary')}${colon(lang)} ${br.boundary}`,
    '',
    ...inputsTable(e.inputs, lang, fullSources),
  );
  if (e.notes.length > 0)
    parts.push('', `${t(lang, 'inference.notes')}${colon(lang)}`, ...e.notes.map((note) => `  - ${note}`));
  parts.push('', `${t(lang, 'inference.methodology')}${colon(lang)} ${e.methodologyVersion}`);
  return parts.join('\n');
}
