import { once } from 'node:events';
import { createWriteStream, type WriteStream, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { J_PER_KWH } from '../../engine/units.js';
import { issue } from '../../errors.js';
import { hostStatuses, reportedRunStatus } from '../../measure/host-liveness.js';
import { isProcessAlive } from '../../measure/process-identity.js';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  TRAINING_TYPES,
  type TrainingType,
} from '../../report/exports/formats.js';
import { formatNumber, renderTable } from '../../report/format.js';
import { registerMessages, t } from '../../report/i18n/index.js';
import { openStore, resolveDbLocation } from '../../store/index.js';
import type { RunRecord, SampleTotal, Store } from '../../store/types.js';
import { outputContext, withOutputOptions } from '../_common.js';
import { registerImportFile, registerImportPrometheus } from './runs-import.js';

/** `empreinte runs list | show ID | export ID --format F`: measured runs read back from the store. */
registerMessages('en', {
  'runs.name': 'name',
  'runs.status': 'status',
  'runs.started': 'started (UTC)',
  'runs.duration': 'duration',
  'runs.command': 'command',
  'runs.empty': 'no run in {db} yet: empreinte run -- CMD ARGS...',
});
registerMessages('fr', {
  'runs.name': 'nom',
  'runs.status': 'état',
  'runs.started': 'début (UTC)',
  'runs.duration': 'durée',
  'runs.command': 'commande',
  'runs.empty': 'aucune exécution dans {db} : empreinte run -- CMD ARGS...',
});

interface DbFlags {
  db?: string;
  json?: boolean;
  lang?: string;
}

/** Opens the store and marks interrupted the runs whose tracker died on this machine. */
async function openForReading(flag?: string): Promise<Store> {
  const store = await openStore(resolveDbLocation(flag));
  await store.recoverInterrupted(hostname(), isProcessAlive);
  return store;
}

async function findRunOrFail(store: Store, id: string): Promise<RunRecord> {
  const run = await store.findRun(id);
  if (run) return run;
  const recent = (await store.listRuns()).slice(0, 5).map((r) => r.id.slice(0, 8));
  throw issue('unknown_id', 'id', `run '${id}' is not in ${store.location}`, {
    value: id,
    accepted:
      recent.length > 0
        ? `an id or unique prefix (4+ characters) such as ${recent.join(', ')}`
        : 'no run is stored yet',
  });
}

export interface RunListItem {
  id: string;
  name: string | null;
  status: RunRecord['status'];
  exitCode: number | null;
  host: string;
  command: string[];
  startedAt: string;
  endedAt: string | null;
  durationS: number;
  energyKwh: { total: number; gpu: number; cpu: number; ram: number };
  co2eKg: number;
}

async function heardStatus(
  store: Store,
  run: RunRecord,
  totals: SampleTotal[],
): Promise<RunRecord['status']> {
  const hosts = await store.runHosts(run.id);
  const beats = hosts.map((h) => {
    const times = totals.filter((r) => r.host === h.host).map((r) => r.lastT);
    return { ...h, lastSampleAt: times.length > 0 ? Math.max(...times) : null };
  });
  return reportedRunStatus(run.status, hostStatuses(beats, run.intervalS, Date.now()));
}

/** Report formats, and the raw samples one row each. */
const RUN_EXPORT_FORMATS = [...EXPORT_FORMATS, 'samples-csv'] as const;

/** Streams a run's samples as CSV to a file or stdout, waiting for the writer to drain. */
async function writeSamplesCsv(store: Store, runId: string, file?: string): Promise<void> {
  const { samplesCsv } = await import('../../store/samples-csv.js');
  const out = file ? createWriteStream(file) : process.stdout;
  for await (const text of samplesCsv(store.readSamples(runId)))
    if (!out.write(text)) await once(out, 'drain');
  if (file)
    await new Promise<void>((resolve, reject) =>
      (out as WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
}

/** One line per run; running runs add their samples up so far. */
export async function listRuns(store: Store): Promise<RunListItem[]> {
  const runs = await store.listRuns();
  const items: RunListItem[] = [];
  for (const run of runs) {
    let energy = run.energyJ;
    let end = run.endedAt;
    let status = run.status;
    if (!energy || end === null) {
      energy = { gpu: 0, cpu: 0, ram: 0 };
      const totals = await store.sampleTotals(run.id);
      for (const row of totals) {
        energy[row.component] += row.energyJ;
        end = Math.max(end ?? run.startedAt, row.lastT);
      }
      // As `runs show` and the API say it: a run none of whose hosts is still heard from is interrupted.
      if (status === 'running') status = await heardStatus(store, run, totals);
    }
    const kwh = {
      gpu: energy.gpu / J_PER_KWH,
      cpu: energy.cpu / J_PER_KWH,
      ram: energy.ram / J_PER_KWH,
      total: 0,
    };
    kwh.total = kwh.gpu + kwh.cpu + kwh.ram;
    items.push({
      id: run.id,
      name: run.name,
      status,
      exitCode: run.exitCode,
      host: run.host,
      command: run.command,
      startedAt: new Date(run.startedAt).toISOString(),
      endedAt: run.endedAt === null ? null : new Date(run.endedAt).toISOString(),
      durationS: Math.max(0, ((end ?? run.startedAt) - run.startedAt) / 1000),
      energyKwh: kwh,
      co2eKg: (kwh.total * (run.pue ?? 1) * (run.intensityGPerKwh ?? 0)) / 1000,
    });
  }
  return items;
}

export function register(program: Command): void {
  const runs = program.command('runs').description('list, show and export measured runs');
  withOutputOptions(
    runs.command('list').description('measured runs, newest first').option('--db <path|url>', 'database'),
  ).action(async (flags: DbFlags) => {
    const output = outputContext(flags);
    const store = await openForReading(flags.db);
    try {
      const items = await listRuns(store);
      if (output.json) return output.printJson(items);
      if (items.length === 0)
        return output.print(`no run in ${store.location} yet: empreinte run -- CMD ARGS...`);
      const { formatDuration, formatMass } = await import('../../report/exports/text.js');
      const n = (v: number) => formatNumber(v, output.lang);
      const rows = [['id', 'name', 'status', 'started (UTC)', 'duration', 'kWh', 'CO2e', 'command']];
      for (const r of items) {
        rows.push([
          r.id.slice(0, 8),
          r.name ?? '',
          t(output.lang, `run.status.${r.status}`),
          r.startedAt.slice(0, 19).replace('T', ' '),
          formatDuration(r.durationS, output.lang),
          n(r.energyKwh.total),
          formatMass(r.co2eKg, output.lang),
          r.command.join(' ').slice(0, 40),
        ]);
      }
      output.print(renderTable(rows, ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'left']));
    } finally {
      await store.close();
    }
  });
  withOutputOptions(
    runs
      .command('show')
      .description('one run: energy, CO2e, sources, hosts, phases')
      .argument('<id>')
      .option('--format <format>', 'text, or markdown for a CI job summary ($GITHUB_STEP_SUMMARY)', 'text')
      .option('--db <path|url>', 'database'),
  ).action(async (id: string, flags: DbFlags & { format: string }) => {
    const output = outputContext(flags);
    if (flags.format !== 'text' && flags.format !== 'markdown') {
      throw issue(
        'invalid_value',
        'format',
        `--format: '${flags.format}' is not accepted (expected text or markdown)`,
        {
          value: flags.format,
          accepted: 'text, markdown',
        },
      );
    }
    // The report and its exporters load here: listing runs needs neither.
    const [{ buildRunReport }, { exportRun }, { renderRunText }] = await Promise.all([
      import('../../measure/run-report.js'),
      import('../../report/exports/index.js'),
      import('../../report/exports/text.js'),
    ]);
    const store = await openForReading(flags.db);
    try {
      const report = await buildRunReport(store, await findRunOrFail(store, id), output.lang);
      if (output.json) output.printJson(report);
      else if (flags.format === 'markdown')
        process.stdout.write(exportRun(report, 'markdown', { lang: output.lang }));
      else output.print(renderRunText(report, output.lang));
    } finally {
      await store.close();
    }
  });
  withOutputOptions(
    runs
      .command('export')
      .description('export a run: codecarbon-csv, hf-model-card, json, markdown, or its samples as CSV')
      .argument('<id>')
      .requiredOption('--format <format>', RUN_EXPORT_FORMATS.join(' | '))
      .option('--output <file>', 'write to a file instead of stdout')
      .option('--training-type <type>', 'for hf-model-card: pre-training or fine-tuning')
      .option('--db <path|url>', 'database'),
  ).action(
    async (id: string, flags: DbFlags & { format: string; output?: string; trainingType?: string }) => {
      const output = outputContext(flags);
      if (!(RUN_EXPORT_FORMATS as readonly string[]).includes(flags.format)) {
        throw issue(
          'invalid_value',
          'format',
          `--format: '${flags.format}' is not an export format (expected ${RUN_EXPORT_FORMATS.join(', ')})`,
          {
            value: flags.format,
            accepted: RUN_EXPORT_FORMATS.join(', '),
          },
        );
      }
      if (
        flags.trainingType !== undefined &&
        !(TRAINING_TYPES as readonly string[]).includes(flags.trainingType)
      ) {
        throw issue(
          'invalid_value',
          'trainingType',
          `--training-type: '${flags.trainingType}' is not accepted (expected ${TRAINING_TYPES.join(' or ')})`,
          {
            value: flags.trainingType,
            accepted: TRAINING_TYPES.join(', '),
          },
        );
      }
      const [{ buildRunReport }, { exportRun }] = await Promise.all([
        import('../../measure/run-report.js'),
        import('../../report/exports/index.js'),
      ]);
      const store = await openForReading(flags.db);
      try {
        const run = await findRunOrFail(store, id);
        if (flags.format === 'samples-csv') {
          await writeSamplesCsv(store, run.id, flags.output);
          return;
        }
        const report = await buildRunReport(store, run, output.lang);
        const [first] = await store.runHosts(run.id);
        const text = exportRun(report, flags.format as ExportFormat, {
          lang: output.lang,
          trainingType: flags.trainingType as TrainingType | undefined,
          system: first?.system,
        });
        if (flags.output) writeFileSync(flags.output, text);
        else process.stdout.write(text);
      } finally {
        await store.close();
      }
    },
  );
  registerImportPrometheus(runs);
  registerImportFile(runs);
}
