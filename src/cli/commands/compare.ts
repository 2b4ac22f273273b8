import type { Command } from 'commander';
import { COMPARE_BOUNDS, type CompareResult, compareFootprint } from '../../engine/compare.js';
import { parseQuantity } from '../../engine/units.js';
import { formatNumber, renderTable } from '../../report/format.js';
import { type Lang, t } from '../../report/i18n/index.js';
import { type CommandMeta, outputContext, say, withOutputOptions } from '../_common.js';

/** `empreinte compare`: an energy or CO2e figure, or a catalog model's published figures, in equivalents. */
export const meta = {
  name: 'compare',
  summary: 'cli.compare.summary',
} as const satisfies CommandMeta;

export function register(program: Command): void {
  const command = program
    .command(meta.name)
    .description(say(meta.summary))
    .option('--co2e-kg <n>', say('cli.compare.co2eKg'))
    .option('--energy-kwh <n>', say('cli.compare.energyKwh'))
    .option('--model <id>', say('cli.compare.model'));
  withOutputOptions(command).action((options: CompareOptions) => runCompare(options));
}

interface CompareOptions {
  co2eKg?: string;
  energyKwh?: string;
  model?: string;
  json?: boolean;
  lang?: string;
}

function runCompare(options: CompareOptions): void {
  const output = outputContext(options);
  const result = compareFootprint(
    {
      co2eKg:
        options.co2eKg === undefined
          ? undefined
          : parseQuantity(options.co2eKg, 'co2eKg', { ...COMPARE_BOUNDS.co2eKg, massKg: true }),
      energyKwh:
        options.energyKwh === undefined
          ? undefined
          : parseQuantity(options.energyKwh, 'energyKwh', COMPARE_BOUNDS.energyKwh),
      model: options.model,
    },
    output.lang,
  );
  if (output.json) output.printJson(result);
  else output.print(renderComparison(result, output.lang));
}

export function renderComparison(result: CompareResult, lang: Lang): string {
  const n = (v: number) => formatNumber(v, lang);
  const parts: string[] = [];
  if (result.model)
    parts.push(`${t(lang, 'compare.published')} ${result.model.name} (${result.model.source})`, '');
  const figures = [
    result.co2eKg === undefined ? undefined : `${n(result.co2eKg)} kg CO2e`,
    result.energyKwh === undefined ? undefined : `${n(result.energyKwh)} kWh`,
  ].filter((f) => f !== undefined);
  parts.push(`${figures.join(' / ')} ${t(lang, 'compare.equivalentTo')}`, '');
  // One numbered note per distinct source, so the table stays narrow.
  const sources: string[] = [];
  const rows = result.equivalents.map((q) => {
    if (!sources.includes(q.source)) sources.push(q.source);
    // Equivalents are orders of magnitude: three significant digits, even for large values.
    return [`≈ ${n(Number(q.value.toPrecision(3)))}`, q.unit, q.label, `[${sources.indexOf(q.source) + 1}]`];
  });
  const header = [
    t(lang, 'label.value'),
    t(lang, 'compare.unit'),
    t(lang, 'compare.equivalent'),
    t(lang, 'label.source'),
  ];
  parts.push(renderTable([header, ...rows], ['right', 'left', 'left', 'left']));
  parts.push('', t(lang, 'compare.sources'), ...sources.map((s, i) => `  [${i + 1}] ${s}`));
  return parts.join('\n');
}
