import type { Command } from 'commander';
import type { Range } from '../../catalog/types.js';
import type { Exploration } from '../../engine/explore.js';
import { type FlagValues, pickFields } from '../../engine/schemas/fields.js';
import { EXPLORE_FIELDS, EXPLORE_LIST_FIELDS } from '../../engine/schemas/project-fields.js';
import type { SweepRow } from '../../engine/sweep/rows.js';
import type { Lang } from '../../report/i18n/index.js';
import {
  type CommandMeta,
  labels,
  type OutputFlags,
  say,
  stdoutStream,
  withOutputOptions,
} from '../_common.js';
import { addSchemaOptions } from '../_schema-options.js';

export const meta = {
  name: 'explore',
  summary: 'cli.explore.summary',
  description: 'cli.explore.description',
} as const satisfies CommandMeta;

const FIELDS = { ...EXPLORE_LIST_FIELDS, ...EXPLORE_FIELDS };
type Flags = FlagValues<typeof FIELDS> & OutputFlags & { csv?: boolean; limit?: string };

/** `empreinte explore`: the training estimate over the cross product of comma lists. */
export function register(program: Command): void {
  const command = program.command(meta.name).description(say(meta.description));
  addSchemaOptions(command, EXPLORE_LIST_FIELDS);
  withOutputOptions(command);
  addSchemaOptions(command, EXPLORE_FIELDS)
    .option('--csv', say('help.exploreCsv'))
    .option('--limit <n>', say('help.exploreLimit'))
    .action(runExplore);
}

async function runExplore(flags: Flags): Promise<void> {
  const [
    { outputContext },
    { parseInput },
    { explore, exploreInputSchema },
    rows,
    { createProgress },
    { parseQuantity },
  ] = await Promise.all([
    import('../_common.js'),
    import('../../engine/schemas/common.js'),
    import('../../engine/explore.js'),
    import('../../engine/sweep/rows.js'),
    import('../_progress.js'),
    import('../../engine/units.js'),
  ]);
  const output = outputContext(flags);
  const { csv, limit } = flags;
  const input = parseInput(exploreInputSchema, pickFields(FIELDS, flags));
  const shown = limit === undefined ? 50 : parseQuantity(String(limit), 'limit', { min: 1, integer: true });
  const machine = output.json || Boolean(csv);
  const progress = createProgress('explore', !machine);
  const exploration = explore(input, { onProgress: (done, total) => progress.update(done, total) });
  progress.done();
  const { result, order } = exploration;
  const columns = rows.sweepColumns(result);
  if (csv) {
    writeChunked(
      rows.csvHeader(columns),
      order,
      (i) => rows.csvLine(rows.sweepRow(result, i), columns),
      '\n',
    );
  } else if (output.json) {
    writeJsonArray(order, (i) => rows.sweepRow(result, i));
  } else {
    output.print(await renderTable(exploration, columns, output.lang, shown, input.sort));
  }
}

/** Writes a header then one line per row, in chunks (a sweep can have millions of rows). */
function writeChunked(
  header: string,
  order: Uint32Array,
  line: (i: number) => string,
  separator: string,
): void {
  let buffer = `${header}${separator}`;
  for (const i of order) {
    buffer += line(i) + separator;
    if (buffer.length > 1 << 20) {
      stdoutStream().write(buffer);
      buffer = '';
    }
  }
  stdoutStream().write(buffer);
}

function writeJsonArray(order: Uint32Array, row: (i: number) => SweepRow): void {
  if (order.length === 0) {
    stdoutStream().write('[]\n');
    return;
  }
  let first = true;
  let buffer = '[\n';
  for (const i of order) {
    buffer += `${first ? '' : ',\n'}  ${JSON.stringify(row(i))}`;
    first = false;
    if (buffer.length > 1 << 20) {
      stdoutStream().write(buffer);
      buffer = '';
    }
  }
  stdoutStream().write(`${buffer}\n]\n`);
}

const INPUT_COLUMNS = [
  'model',
  'params',
  'activeParams',
  'tokens',
  'computeBudget',
  'tokensPerParam',
  'loss',
  'lossOptimal',
  'ruleOfThumb',
  'hardware',
  'precision',
  'chips',
  'days',
  'mfu',
  'powerW',
  'location',
  'year',
  'scenario',
  'pue',
  'intensityGPerKwh',
  'renewableShare',
] as const;

async function renderTable(
  exploration: Exploration,
  columns: string[],
  lang: Lang,
  limit: number,
  sort?: string,
): Promise<string> {
  const [{ formatNumber, formatScientific, renderTable }, { sweepRow }] = await Promise.all([
    import('../../report/format.js'),
    import('../../engine/sweep/rows.js'),
  ]);
  const t = labels(lang, 'explore');
  const { result, order, notes } = exploration;
  const spec = result.plan.spec;
  const varies = (c: string) => {
    if (['mfu', 'pue', 'intensityGPerKwh'].includes(c))
      return (
        spec[c === 'intensityGPerKwh' ? 'gridIntensity' : (c as 'mfu' | 'pue')] !== undefined ||
        (c === 'intensityGPerKwh' && spec.year !== undefined)
      );
    if (c === 'activeParams') return spec.activeParams !== undefined;
    return true;
  };
  const inputs = INPUT_COLUMNS.filter((c) => columns.includes(c) && varies(c));
  const hasMarket = columns.includes('co2eMarketKg');
  const header = [
    ...inputs.map((c) => t(c)),
    `${t('energyKwh')}`,
    `${t('co2eKg')}`,
    `${t('range')}`,
    ...(hasMarket ? [t('co2eMarketKg')] : []),
    t('embodiedCo2eKg'),
    t('chipHours'),
  ];
  const n = (v: number) => formatNumber(v, lang);
  const cell = (c: string, v: unknown): string => {
    if (v === undefined) return '';
    if (typeof v === 'boolean') return v ? '✓' : '';
    if (typeof v !== 'number') return String(v);
    if (c === 'computeBudget' || c === 'params' || c === 'activeParams' || c === 'tokens')
      return formatScientific(v, lang);
    if (c === 'loss') return formatNumber(v, lang, 4);
    if (c === 'year' || c === 'chips') return String(v);
    return n(v);
  };
  const body: string[][] = [];
  for (const i of order.subarray(0, limit)) {
    const row = sweepRow(result, i);
    const co2 = row.co2eKg as Range;
    body.push([
      ...inputs.map((c) => cell(c, row[c])),
      n(row.energyKwh.central),
      n(co2.central),
      `${n(co2.low)}–${n(co2.high)}`,
      ...(hasMarket ? [n(row.co2eMarketKg!.central)] : []),
      n(row.embodiedCo2eKg.central),
      n(row.chipHours.central),
    ]);
  }
  const align = header.map((_, k) =>
    k < inputs.length && ['model', 'hardware', 'precision', 'location', 'scenario'].includes(inputs[k])
      ? 'left'
      : 'right',
  ) as ('left' | 'right')[];
  const parts = [renderTable([header, ...body], align)];
  const total = order.length;
  parts.push(
    t(total > limit ? 'footerMore' : 'footer', {
      shown: Math.min(limit, total).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US'),
      total: total.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US'),
      sort: sort ?? '—',
    }),
  );
  if (notes.length > 0) parts.push(...notes.map((note) => `  - ${note}`));
  return parts.join('\n');
}
