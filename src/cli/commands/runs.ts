import { once } from 'node:events';
import { createWriteStream, type WriteStream, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { userError } from '../../errors.js';
import type { RunListOptions, RunRecord, Store } from '../../records.js';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  TRAINING_TYPES,
  type TrainingType,
} from '../../report/exports/formats.js';
import { formatNumber, renderTable } from '../../report/format.js';
import { type Lang, t } from '../../report/i18n/index.js';
import type { RunListItem } from '../../services/run-list.js';
import { resolveDbLocation } from '../../store/location.js';
import {
  type CommandMeta,
  oneOf,
  outputContext,
  say,
  stdoutStream,
  withOutputOptions,
  writeTo,
} from '../_common.js';
import { registerImportFile, registerImportPrometheus } from './runs-import.js';

/** `empreinte runs list | show ID | export ID --format F`: measured runs read back from the store. */
interface DbFlags {
  db?: string;
  json?: boolean;
  lang?: string;
}

/** Report formats, and the raw samples one row each. */
const RUN_EXPORT_FORMATS = [...EXPORT_FORMATS, 'samples-csv'] as const;

/** Streams a run's samples as CSV to a file or stdout, waiting for the writer to drain. */
async function writeSamplesCsv(store: Store, runId: string, file?: string): Promise<void> {
  const { samplesCsv } = await import('../../store/samples-csv.js');
  const out = file ? createWriteStream(file) : stdoutStream();
  for await (const text of samplesCsv(store.readSamples(runId)))
    if (!out.write(text)) await once(out, 'drain');
  if (file)
    await new Promise<void>((resolve, reject) =>
      (out as WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
}

/** The store's list: loaded only when the file cannot be read directly. */
async function listFromStore(
  location: string,
  options: RunListOptions,
): Promise<{ list: RunListItem[]; location: string }> {
  const store = await openRunStore(location);
  try {
    const { listRuns } = await import('../../services/runs.js');
    return { list: await listRuns(store, options), location: store.location };
  } finally {
    await store.close();
  }
}

/** A stored run by id or prefix, else a usage error naming recent ones. */
async function findStoredRun(store: Store, id: string): Promise<RunRecord> {
  const { findStoredRun: find } = await import('../../services/runs.js');
  return find(store, id);
}

/** The store, loaded when a command needs it. */
async function openRunStore(location: string): Promise<Store> {
  const { openRunStore: open } = await import('../../services/runs.js');
  return open(location);
}

export const meta = {
  name: 'runs',
  summary: 'cli.runs.summary',
} as const satisfies CommandMeta;

/** `runs list | show | export | import | import-prometheus`: one function declares each. */
export function register(program: Command): void {
  const runs = program.command(meta.name).description(say(meta.summary));
  registerList(runs);
  registerShow(runs);
  registerExport(runs);
  registerImportPrometheus(runs);
  registerImportFile(runs);
}

function registerList(runs: Command): void {
  withOutputOptions(
    runs
      .command('list')
      .description(say('cli.runs.list'))
      .option('--limit <n>', say('cli.runs.limit'))
      .option('--db <path|url>', say('cli.db')),
  ).action(listAction);
}

async function listAction(flags: DbFlags & { limit?: string }): Promise<void> {
  const output = outputContext(flags);
  const location = resolveDbLocation(flags.db);
  const { parseRunLimit, settledRunList } = await import('../../services/run-list.js');
  const options = { limit: flags.limit === undefined ? undefined : parseRunLimit(flags.limit, 'limit') };
  // A file whose listed runs are all settled is read directly; otherwise the store opens it (it
  // migrates, marks dead runs interrupted and adds up the samples of runs still going).
  const direct = await settledRunList(location, options);
  const items = direct ? { list: direct, location } : await listFromStore(location, options);
  if (output.json) return output.printJson(items.list);
  if (items.list.length === 0) return output.print(t(output.lang, 'runs.empty', { db: items.location }));
  output.print(await renderRunList(items.list, output.lang));
}

/** The runs as a table, newest first. */
async function renderRunList(list: RunListItem[], lang: Lang): Promise<string> {
  const { formatDuration, formatMass } = await import('../../report/exports/text.js');
  const column = (key: 'name' | 'status' | 'started' | 'duration' | 'command') => t(lang, `runs.${key}`);
  const rows = [
    [
      'id',
      column('name'),
      column('status'),
      column('started'),
      column('duration'),
      'kWh',
      'CO2e',
      column('command'),
    ],
  ];
  for (const r of list) {
    rows.push([
      r.id.slice(0, 8),
      r.name ?? '',
      t(lang, `run.status.${r.status}`),
      r.startedAt.slice(0, 19).replace('T', ' '),
      formatDuration(r.durationS, lang),
      formatNumber(r.energyKwh.total, lang),
      formatMass(r.co2eKg, lang),
      r.command.join(' ').slice(0, 40),
    ]);
  }
  return renderTable(rows, ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'left']);
}

function registerShow(runs: Command): void {
  withOutputOptions(
    runs
      .command('show')
      .description(say('cli.runs.show'))
      .argument('<id>')
      .option('--format <format>', say('cli.runs.showFormat'), 'text')
      .option('--db <path|url>', say('cli.db')),
  ).action(showAction);
}

async function showAction(id: string, flags: DbFlags & { format: string }): Promise<void> {
  const output = outputContext(flags);
  oneOf(flags.format, ['text', 'markdown'], 'format');
  // The report and its exporters load here: listing runs needs neither.
  const [{ buildRunReport }, { exportRun }, { renderRunText }] = await Promise.all([
    import('../../measure/run-report.js'),
    import('../../report/exports/index.js'),
    import('../../report/exports/text.js'),
  ]);
  const store = await openRunStore(resolveDbLocation(flags.db));
  try {
    const report = await buildRunReport(store, await findStoredRun(store, id), output.lang);
    if (output.json) output.printJson(report);
    else if (flags.format === 'markdown') writeTo(1, exportRun(report, 'markdown', { lang: output.lang }));
    else output.print(renderRunText(report, output.lang));
  } finally {
    await store.close();
  }
}

function registerExport(runs: Command): void {
  withOutputOptions(
    runs
      .command('export')
      .description(say('cli.runs.export'))
      .argument('<id>')
      .requiredOption('--format <format>', RUN_EXPORT_FORMATS.join(' | '))
      .option('--output <file>', say('cli.runs.output'))
      .option('--training-type <type>', say('cli.runs.trainingType'))
      .option('--db <path|url>', say('cli.db')),
  ).action(exportAction);
}

type ExportFlags = DbFlags & { format: string; output?: string; trainingType?: string };

async function exportAction(id: string, flags: ExportFlags): Promise<void> {
  const output = outputContext(flags);
  if (!(RUN_EXPORT_FORMATS as readonly string[]).includes(flags.format)) {
    throw userError('invalid_value', 'format', 'cli.error.exportFormat', {
      value: flags.format,
      accepted: RUN_EXPORT_FORMATS.join(', '),
    });
  }
  oneOf(flags.trainingType, TRAINING_TYPES, 'trainingType');
  const [{ buildRunReport }, { exportRun }] = await Promise.all([
    import('../../measure/run-report.js'),
    import('../../report/exports/index.js'),
  ]);
  const store = await openRunStore(resolveDbLocation(flags.db));
  try {
    const run = await findStoredRun(store, id);
    if (flags.format === 'samples-csv') return await writeSamplesCsv(store, run.id, flags.output);
    const report = await buildRunReport(store, run, output.lang);
    const [first] = await store.runHosts(run.id);
    const text = exportRun(report, flags.format as ExportFormat, {
      lang: output.lang,
      trainingType: flags.trainingType as TrainingType | undefined,
      system: first?.system,
    });
    if (flags.output) writeFileSync(flags.output, text);
    else writeTo(1, text);
  } finally {
    await store.close();
  }
}
