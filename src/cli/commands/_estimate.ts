import type { Command } from 'commander';
import type { z } from 'zod';
import type { Range } from '../../catalog/types.js';
import { sourceIn } from '../../engine/provenance.js';
import { type Fields, pickFields } from '../../engine/schemas/fields.js';
import type { ResolvedInput } from '../../engine/training.js';
import { formatNumber, renderTable } from '../../report/format.js';
import { type Lang, t } from '../../report/i18n/index.js';

import { type CommandMeta, type OutputFlags, outputContext, say, withOutputOptions } from '../_common.js';
import { addSchemaOptions } from '../_schema-options.js';

/** What the estimate sub-commands share: how they are declared, labels, range rows, the inputs table. */

/** The flags every estimate prints with: the output flags and `--sources`. */
export type EstimateFlags = OutputFlags & { sources?: boolean };

/** `empreinte estimate <name>`: a flag per field of its input table, the output flags and `--sources`. */
export function estimateCommand(estimate: Command, meta: CommandMeta, fields: Fields) {
  const command = estimate.command(meta.name).description(say(meta.summary));
  return withOutputOptions(addSchemaOptions(command, fields)).option('--sources', say('help.sources'));
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
    const said = sourceIn(input, lang);
    const source = fullSources || said.length <= 70 ? said : `${said.slice(0, 67)}...`;
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
