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
    `${t(lang, 'inference.boundary')}${colon(lang)} ${t(lang, 'note.boundaryDeployment', { boundary: t(lang, 'note.boundary') })}`,
    '',
    ...inputsTable(e.inputs, lang, fullSources),
  );
  if (e.notes.length > 0)
    parts.push(
      '',
      `${t(lang, 'inference.notes')}${colon(lang)}`,
      ...notesIn(e, lang).map((note) => `  - ${note}`),
    );
  parts.push('', `${t(lang, 'inference.methodology')}${colon(lang)} ${e.methodologyVersion}`);
  return parts.join('\n');
}
