import type { Command } from 'commander';
import type { InferenceEstimate } from '../../engine/inference.js';
import type { FlagValues } from '../../engine/schemas/fields.js';
import { INFERENCE_FIELDS } from '../../engine/schemas/serving-fields.js';
import { formatNumber, renderTable } from '../../report/format.js';
import { type Lang, t } from '../../report/i18n/index.js';
import { type CommandMeta, keyPart, notesIn } from '../_common.js';
import {
  ALIGN,
  colon,
  type EstimateFlags,
  estimateCommand,
  formatModel,
  HEADER,
  inputsTable,
  printEstimate,
  rangeRow,
} from './_estimate.js';

export const meta = {
  name: 'inference',
  summary: 'cli.inference.summary',
} as const satisfies CommandMeta;

type Flags = FlagValues<typeof INFERENCE_FIELDS> & EstimateFlags;

/** `empreinte estimate inference`: flags from `INFERENCE_FIELDS`; the engine loads when it runs. */
export function register(estimate: Command): void {
  estimateCommand(estimate, meta, INFERENCE_FIELDS).action(runEstimateInference);
}

async function runEstimateInference(flags: Flags): Promise<void> {
  const [{ inferenceInputSchema }, { estimateInference }] = await Promise.all([
    import('../../engine/schemas/inference.js'),
    import('../../engine/inference.js'),
  ]);
  await printEstimate(flags, INFERENCE_FIELDS, inferenceInputSchema, estimateInference, renderInference);
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
      regime: t(lang, `inference.${keyPart(p.regime)}`),
      prefill: formatNumber(p.prefillS, lang),
      step: formatNumber(p.decodeStepS * 1000, lang),
      tps: formatNumber(p.replicaTokensPerS, lang),
    }),
    `${t(lang, 'inference.boundary')}${colon(lang)} ${t(lang, 'note.boundary')}`,
    '',
    ...inputsTable(e.inputs, lang, fullSources),
  ];
  if (e.notes.length > 0)
    parts.push(
      '',
      `${t(lang, 'inference.notes')}${colon(lang)}`,
      ...notesIn(e, lang).map((note) => `  - ${note}`),
    );
  parts.push('', `${t(lang, 'inference.methodology')}${colon(lang)} ${e.methodologyVersion}`);
  return parts.join('\n');
}
