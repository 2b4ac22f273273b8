import type { Command } from 'commander';
import type { Range } from '../../catalog/types.js';
import { sourceIn } from '../../engine/provenance.js';
import { type FlagValues, pickFields } from '../../engine/schemas/fields.js';
import type { TrainingEstimateInput } from '../../engine/schemas/training.js';
import { TRAINING_ESTIMATE_FIELDS } from '../../engine/schemas/training-fields.js';
import { readTrainingFlags } from '../../engine/schemas/training-flags.js';
import { estimateTraining, type PublishedBasis, type TrainingEstimate } from '../../engine/training.js';
import { type MessageKey, render } from '../../messages/index.js';
import type { Store } from '../../records.js';
import { formatNumber, formatScientific, renderTable } from '../../report/format.js';
import { type Lang, t } from '../../report/i18n/index.js';
import { type CommandMeta, notesIn, outputContext, say } from '../_common.js';
import { colon, type EstimateFlags, estimateCommand } from './_estimate.js';

/** The publication's basis, as labels (the JSON keeps the English values). */
const BASIS_PUE = { 'in power': 'basis.pueInPower', 'not stated': 'basis.notStated' } as const;
const BASIS_COUNTS: Record<PublishedBasis['counts'], MessageKey> = {
  accelerators: 'basis.accelerators',
  'accelerators and servers': 'basis.acceleratorsAndServers',
  'measured accelerator energy': 'basis.measuredAcceleratorEnergy',
  'not stated': 'basis.notStated',
};

export const meta = {
  name: 'training',
  summary: 'cli.training.summary',
} as const satisfies CommandMeta;

type Flags = FlagValues<typeof TRAINING_ESTIMATE_FIELDS> & EstimateFlags & { db?: string };

/** `empreinte estimate training`: flags from `TRAINING_ESTIMATE_FIELDS`, the schema's own table. */
export function register(estimate: Command): void {
  estimateCommand(estimate, meta, TRAINING_ESTIMATE_FIELDS)
    .option('--db <path|url>', say('help.calibrationDb'))
    .action(runEstimateTraining);
}

async function runEstimateTraining(flags: Flags): Promise<void> {
  const output = outputContext(flags);
  const input = await parseTrainingInput(pickFields(TRAINING_ESTIMATE_FIELDS, flags));
  let estimate: TrainingEstimate;
  if (input.calibration === undefined) estimate = estimateTraining(input, output.lang);
  else {
    // The store and the service load only when a calibration is named.
    const [{ openStore, resolveDbLocation }, { estimateTrainingCalibrated }] = await Promise.all([
      import('../../store/index.js'),
      import('../../services/calibrate-estimate.js'),
    ]);
    let store: Store | undefined;
    try {
      estimate = await estimateTrainingCalibrated(input, {
        lang: output.lang,
        store: async () => {
          store = await openStore(resolveDbLocation(flags.db));
          return store;
        },
      });
    } finally {
      await store?.close();
    }
  }
  if (output.json) output.printJson(estimate);
  else output.print(renderTrainingEstimate(estimate, output.lang, Boolean(flags.sources)));
}

/** Valid flags are read without zod; the schema loads only to word what is wrong. */
async function parseTrainingInput(raw: Record<string, unknown>): Promise<TrainingEstimateInput> {
  const input = readTrainingFlags(raw);
  if (input) return input;
  const [{ parseInput }, { trainingEstimateInputSchema }] = await Promise.all([
    import('../../engine/schemas/common.js'),
    import('../../engine/schemas/training.js'),
  ]);
  return parseInput(trainingEstimateInputSchema, raw);
}

function renderTrainingEstimate(e: TrainingEstimate, lang: Lang, fullSources: boolean): string {
  const n = (v: number) => formatNumber(v, lang);
  const row = (label: string, r: Range, unit: string): string[] => [
    label,
    `${n(r.central)} ${unit}`,
    n(r.low),
    n(r.high),
  ];
  const rows: string[][] = [
    ['', t(lang, 'label.central'), t(lang, 'label.low'), t(lang, 'label.high')],
    row(t(lang, 'label.energy'), e.energyKwh, 'kWh'),
    row(t(lang, 'label.co2e'), e.co2eKg, 'kg CO2e'),
  ];
  if (e.co2eMarketKg) rows.push(row(t(lang, 'label.co2eMarket'), e.co2eMarketKg, 'kg CO2e'));
  rows.push(row(t(lang, 'label.embodied'), e.embodiedCo2eKg, 'kg CO2e'));
  rows.push(row(t(lang, 'training.total'), e.totalCo2eKg, 'kg CO2e'));
  rows.push(row(t(lang, 'label.chipHours'), e.chipHours, 'h'));
  const parts = [`${t(lang, 'training.title')}`, '', renderTable(rows, ['left', 'right', 'right', 'right'])];
  if (e.flop !== null) parts.push(`${t(lang, 'label.flop')}: ${formatScientific(e.flop, lang)} FLOP`);
  parts.push(`${t(lang, 'training.embodiedShare')}: ${n(e.embodiedSharePct)} %`);
  if (e.published) {
    const p = e.published;
    const pubRows = [['', t(lang, 'label.published'), t(lang, 'training.ours'), t(lang, 'label.difference')]];
    // Ours on the publication's basis (its market-based figure beside our market-based one).
    const ours = (value: number | undefined, unit: string) =>
      value === undefined ? '—' : `${n(value)} ${unit}`;
    const difference = (pct: number | undefined) => (pct === undefined ? '—' : signedPct(pct, lang));
    if (p.energyKwh !== undefined) {
      pubRows.push([
        t(lang, 'label.energy'),
        `${n(p.energyKwh)} kWh`,
        ours(p.ours?.energyKwh, 'kWh'),
        difference(p.differencePct.energyKwh),
      ]);
    }
    if (p.co2eKg !== undefined) {
      pubRows.push([
        t(lang, p.basis.co2e === 'market' ? 'label.co2eMarket' : 'label.co2e'),
        `${n(p.co2eKg)} kg CO2e`,
        ours(p.ours?.co2eKg, 'kg CO2e'),
        difference(p.differencePct.co2eKg),
      ]);
    }
    const pue =
      typeof p.basis.pue === 'number' ? `PUE ${n(p.basis.pue)}` : `PUE ${t(lang, BASIS_PUE[p.basis.pue])}`;
    const notComparable = p.notComparableMessage ? render(p.notComparableMessage, lang, 'flag') : undefined;
    parts.push(
      '',
      renderTable(pubRows, ['left', 'right', 'right', 'right']),
      `${t(lang, 'training.basis')}: ${t(lang, `basis.${p.basis.co2e}`)}; ${pue}; ${t(lang, BASIS_COUNTS[p.basis.counts])}`,
      ...(notComparable ? [`${t(lang, 'training.notComparable')}: ${notComparable}`] : []),
      `${t(lang, 'label.source')}: ${p.source}`,
    );
  }
  if (e.equivalents.length > 0) {
    parts.push('', `${t(lang, 'label.equivalents')}:`);
    for (const q of e.equivalents.slice(0, 5)) parts.push(`  ≈ ${n(q.value)} ${q.unit} — ${q.label}`);
  }
  const inputRows = [[t(lang, 'label.input'), t(lang, 'label.value'), t(lang, 'label.source')]];
  for (const [name, input] of Object.entries(e.inputs)) {
    const value =
      typeof input.value === 'object'
        ? `${n(input.value.central)} (${n(input.value.low)}–${n(input.value.high)})`
        : typeof input.value === 'number'
          ? n(input.value)
          : input.value;
    const said = sourceIn(input, lang);
    const source = fullSources || said.length <= 60 ? said : `${said.slice(0, 57)}...`;
    inputRows.push([name, value, source]);
  }
  parts.push(
    '',
    `${t(lang, 'label.inputs')}${fullSources ? '' : ` (${t(lang, 'inference.fullSources')})`}${colon(lang)}`,
    renderTable(inputRows),
  );
  if (e.notes.length > 0)
    parts.push(
      '',
      `${t(lang, 'training.notes')}${colon(lang)}`,
      ...notesIn(e, lang).map((note) => `  - ${note}`),
    );
  return parts.join('\n');
}

function signedPct(value: number | undefined, lang: Lang): string {
  if (value === undefined) return '—';
  return `${value >= 0 ? '+' : ''}${formatNumber(value, lang, 2)} %`;
}
