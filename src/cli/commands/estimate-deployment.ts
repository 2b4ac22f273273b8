import type { Command } from 'commander';
import type { DeploymentEstimate } from '../../engine/deployment.js';
import type { FlagValues } from '../../engine/schemas/fields.js';
import { DEPLOYMENT_FIELDS } from '../../engine/schemas/serving-fields.js';
import { formatNumber, renderTable } from '../../report/format.js';
import { type Lang, t } from '../../report/i18n/index.js';
import { type CommandMeta, notesIn } from '../_common.js';
import {
  ALIGN,
  colon,
  type EstimateFlags,
  estimateCommand,
  HEADER,
  inputsTable,
  printEstimate,
  rangeRow,
} from './_estimate.js';

export const meta = {
  name: 'deployment',
  summary: 'cli.deployment.summary',
} as const satisfies CommandMeta;

type Flags = FlagValues<typeof DEPLOYMENT_FIELDS> & EstimateFlags;

/** `empreinte estimate deployment`: flags from `DEPLOYMENT_FIELDS`; the engine loads when it runs. */
export function register(estimate: Command): void {
  estimateCommand(estimate, meta, DEPLOYMENT_FIELDS).action(runEstimateDeployment);
}

async function runEstimateDeployment(flags: Flags): Promise<void> {
  const [{ deploymentInputSchema }, { estimateDeployment }] = await Promise.all([
    import('../../engine/schemas/inference.js'),
    import('../../engine/deployment-compare.js'),
  ]);
  await printEstimate(flags, DEPLOYMENT_FIELDS, deploymentInputSchema, estimateDeployment, renderDeployment);
}

export function renderDeployment(e: DeploymentEstimate, lang: Lang, fullSources: boolean): string {
  return [
    ...deploymentHead(e, lang),
    ...yearly(e, lang),
    ...breakdown(e, lang),
    ...perUnit(e, lang),
    ...perTurn(e, lang),
    ...training(e, lang),
    ...comparisons(e, lang),
    ...deploymentFoot(e, lang, fullSources),
  ].join('\n');
}

/** Title, traffic (after the cache, where one serves part of it) and the serving pools. */
function deploymentHead(e: DeploymentEstimate, lang: Lang): string[] {
  const n = (v: number) => formatNumber(v, lang);
  const traffic =
    e.conversationsPerDay !== undefined
      ? t(lang, 'deployment.conversations', {
          c: n(e.conversationsPerDay),
          t: n(e.requestsPerDay / e.conversationsPerDay),
          r: n(e.requestsPerDay),
        })
      : t(lang, 'deployment.requests', { r: n(e.requestsPerDay) });
  const lines = [
    `${t(lang, 'deployment.title')}${e.inputs.preset ? ` — ${e.inputs.preset.value}` : ''}`,
    '',
    `${t(lang, 'deployment.traffic')}${colon(lang)} ${traffic} (${t(lang, 'deployment.profile')}${colon(lang)} ${e.inputs.profile.value})`,
  ];
  if (e.modelRequestsPerDay < e.requestsPerDay)
    lines.push(`  ${t(lang, 'deployment.afterCache', { r: n(e.modelRequestsPerDay) })}`);
  lines.push(`${t(lang, 'deployment.serving')}${colon(lang)}`);
  for (const p of e.pools) {
    lines.push(
      `  ${t(lang, 'deployment.pool', { label: p.label, hw: p.hardware, gpus: p.gpusPerReplica, replicas: p.replicas, peak: Math.round(p.peakUtilisation * 100) })}`,
    );
  }
  return lines;
}

function yearly(e: DeploymentEstimate, lang: Lang): string[] {
  const y = e.yearly;
  const rows = [
    HEADER(lang),
    rangeRow(t(lang, 'label.energy'), y.energyKwh, 'kWh', lang),
    rangeRow(t(lang, 'label.co2e'), y.co2eKg, 'kg CO2e', lang),
  ];
  if (y.co2eMarketKg) rows.push(rangeRow(t(lang, 'label.co2eMarket'), y.co2eMarketKg, 'kg CO2e', lang));
  rows.push(rangeRow(t(lang, 'label.embodied'), y.embodiedCo2eKg, 'kg CO2e', lang));
  rows.push(rangeRow(t(lang, 'deployment.total'), y.totalCo2eKg, 'kg CO2e', lang));
  return ['', `${t(lang, 'deployment.perYear')}${colon(lang)}`, renderTable(rows, ALIGN)];
}

/** The year's kWh by where they go: accelerators busy and idle, host, facility. */
function breakdown(e: DeploymentEstimate, lang: Lang): string[] {
  const n = (v: number) => formatNumber(v, lang);
  const br = e.breakdownKwhPerYear;
  const total = br.acceleratorActive + br.acceleratorIdle + br.host + br.facility;
  const share = (v: number) => `${formatNumber((100 * v) / total, lang, 2)} %`;
  return [
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
  ];
}

/** Energy and CO2e per request, and per conversation where there are conversations. */
function perUnit(e: DeploymentEstimate, lang: Lang): string[] {
  const rows = [
    HEADER(lang),
    rangeRow(`${t(lang, 'deployment.perRequest')}`, e.perRequest.energyWh, 'Wh', lang),
  ];
  rows.push(rangeRow(`${t(lang, 'deployment.perRequest')}`, e.perRequest.co2eG, 'g CO2e', lang));
  if (e.perConversation) {
    rows.push(rangeRow(t(lang, 'deployment.perConversation'), e.perConversation.energyWh, 'Wh', lang));
    rows.push(rangeRow(t(lang, 'deployment.perConversation'), e.perConversation.co2eG, 'g CO2e', lang));
  }
  return ['', renderTable(rows, ALIGN)];
}

function perTurn(e: DeploymentEstimate, lang: Lang): string[] {
  if (!e.perTurn) return [];
  const n = (v: number) => formatNumber(v, lang);
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
  return [
    '',
    `${t(lang, 'deployment.perTurn')}${colon(lang)}`,
    renderTable(rows, ['right', 'right', 'right', 'right', 'right']),
  ];
}

/** The model's training CO2e, amortised over its serving life. */
function training(e: DeploymentEstimate, lang: Lang): string[] {
  if (!e.training) return [];
  const n = (v: number) => formatNumber(v, lang);
  const tr = e.training;
  return [
    '',
    t(lang, 'deployment.training', {
      co2: n(tr.co2eKg),
      years: n(tr.lifetimeYears),
      perYear: n(tr.amortisedCo2eKgPerYear),
      perRequest: n(tr.amortisedPerRequestG),
      days:
        tr.servingOvertakesTrainingAfterDays === undefined ? '∞' : n(tr.servingOvertakesTrainingAfterDays),
    }),
  ];
}

/** The options compared, beside the deployment as given. */
function comparisons(e: DeploymentEstimate, lang: Lang): string[] {
  if (!e.comparisons || e.comparisons.length === 0) return [];
  const n = (v: number) => formatNumber(v, lang);
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
      n(e.yearly.energyKwh.central),
      n(e.yearly.co2eKg.central),
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
      `${c.co2eSavingPct >= 0 ? '+' : ''}${formatNumber(c.co2eSavingPct, lang, 2)} %`,
    ]);
  }
  return [
    '',
    `${t(lang, 'deployment.comparisons')}${colon(lang)}`,
    renderTable(rows, ['left', 'right', 'right', 'right', 'right', 'right']),
  ];
}

/** The boundary, the inputs and their sources, the notes and the methodology version. */
function deploymentFoot(e: DeploymentEstimate, lang: Lang, fullSources: boolean): string[] {
  const lines = [
    '',
    `${t(lang, 'inference.boundary')}${colon(lang)} ${t(lang, 'note.boundaryDeployment', { boundary: t(lang, 'note.boundary') })}`,
    '',
    ...inputsTable(e.inputs, lang, fullSources),
  ];
  if (e.notes.length > 0)
    lines.push(
      '',
      `${t(lang, 'inference.notes')}${colon(lang)}`,
      ...notesIn(e, lang).map((note) => `  - ${note}`),
    );
  lines.push('', `${t(lang, 'inference.methodology')}${colon(lang)} ${e.methodologyVersion}`);
  return lines;
}
