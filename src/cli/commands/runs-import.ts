import type { Command } from 'commander';
import type { FlagValues } from '../../engine/schemas/fields.js';
import { parseQuantity } from '../../engine/units.js';
import { userError } from '../../errors.js';
import { PROMETHEUS_SOURCES, type PrometheusSourceId } from '../../integrations/prometheus-sources.js';
import { msg } from '../../messages/index.js';
import { t } from '../../report/i18n/index.js';
import { commaList, outputContext, say, withOutputOptions } from '../_common.js';
import { addSchemaOptions, RUN_SITE_FIELDS, readRunSite } from '../_schema-options.js';

/**
 * `empreinte runs import-prometheus --url URL --from ISO --to ISO [--hosts a,b] [--source S]`:
 * a run's energy computed from a Prometheus that already scrapes DCGM, Kepler or Scaphandre,
 * stored as a run (provenance `measured:prometheus-<source>`) and shown like `runs show`.
 */
interface ImportFlags extends FlagValues<typeof RUN_SITE_FIELDS> {
  url: string;
  from: string;
  to: string;
  hosts?: string;
  source: string;
  name?: string;
  runId?: string;
  step?: string;
  match?: string[];
  hostLabel?: string;
  db?: string;
  json?: boolean;
  lang?: string;
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const LABEL = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function registerImportPrometheus(runs: Command): void {
  withOutputOptions(
    addSchemaOptions(
      runs
        .command('import-prometheus')
        .description(say('cli.runs.importPrometheus'))
        .requiredOption('--url <url>', say('cli.runs.url'))
        .requiredOption('--from <iso>', say('cli.runs.from'))
        .requiredOption('--to <iso>', say('cli.runs.to'))
        .option('--hosts <list>', say('cli.runs.hosts'))
        .option('--source <source>', PROMETHEUS_SOURCES.join(' | '), 'dcgm')
        .option('--name <name>', say('cli.runName'))
        .option('--run-id <id>', say('cli.runs.runId'))
        .option('--step <seconds>', say('cli.runs.step'))
        .option('--match <matcher>', say('cli.runs.match'), collect, [])
        .option('--host-label <label>', say('cli.runs.hostLabel')),
      RUN_SITE_FIELDS,
    ).option('--db <path|url>', say('cli.dbDefault')),
  ).action(importAction);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseInstant(text: string, field: 'from' | 'to'): number {
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw userError('invalid_value', field, 'cli.error.isoInstant', {
      value: text,
      accepted: msg('cli.accepted.isoInstant'),
    });
  }
  return ms;
}

async function importAction(flags: ImportFlags): Promise<void> {
  const output = outputContext(flags);
  // Every usage error before any network call.
  if (!(PROMETHEUS_SOURCES as readonly string[]).includes(flags.source)) {
    throw userError('invalid_value', 'source', 'cli.error.exporter', {
      value: flags.source,
      accepted: PROMETHEUS_SOURCES.join(', '),
    });
  }
  const fromMs = parseInstant(flags.from, 'from');
  const toMs = parseInstant(flags.to, 'to');
  if (!(toMs > fromMs)) {
    throw userError('out_of_range', 'to', 'cli.error.notAfter', {
      otherField: 'from',
      from: flags.from,
      value: flags.to,
      accepted: msg('cli.accepted.after', { otherField: 'from' }),
    });
  }
  if (flags.runId !== undefined && !RUN_ID.test(flags.runId)) {
    throw userError('invalid_value', 'runId', 'cli.error.runId', {
      value: flags.runId,
      accepted: msg('cli.accepted.runId'),
    });
  }
  if (flags.hostLabel !== undefined && !LABEL.test(flags.hostLabel)) {
    throw userError('invalid_value', 'hostLabel', 'cli.error.labelName', {
      value: flags.hostLabel,
      accepted: msg('cli.accepted.labelName'),
    });
  }
  const stepS =
    flags.step === undefined ? undefined : parseQuantity(flags.step, 'step', { min: 0.001, max: 86_400 });
  const { pue, renewableShare } = readRunSite(flags);
  const hosts = flags.hosts === undefined ? undefined : commaList(flags.hosts);
  // Loaded here, not at start-up: `runs list` must not pay for the grid data.
  const { resolveGridContext } = await import('../../measure/grid-context.js');
  const grid = resolveGridContext(flags.location, pue);

  const [
    { energyFromPrometheus },
    { storePrometheusRun },
    { openStore, resolveDbLocation },
    { buildRunReport },
    { renderRunText },
  ] = await Promise.all([
    import('../../integrations/prometheus.js'),
    import('../../integrations/prometheus-import.js'),
    import('../../store/index.js'),
    import('../../measure/run-report.js'),
    import('../../report/exports/text.js'),
  ]);
  const energy = await energyFromPrometheus({
    url: flags.url,
    fromMs,
    toMs,
    source: flags.source as PrometheusSourceId,
    hosts,
    match: flags.match,
    hostLabel: flags.hostLabel,
    stepS,
  });
  const store = await openStore(resolveDbLocation(flags.db));
  try {
    const runId = await storePrometheusRun(store, energy, {
      runId: flags.runId,
      name: flags.name,
      url: flags.url,
      location: grid.location.id,
      intensityGPerKwh: grid.location.intensityGPerKwh,
      intensitySource: grid.locationSource,
      pue: grid.pue,
      pueSource: grid.pueSource,
      renewableShare,
    });
    const run = await store.findRun(runId);
    const report = await buildRunReport(store, run!, output.lang);
    if (output.json) output.printJson(report);
    else output.print(renderRunText(report, output.lang, store.location));
  } finally {
    await store.close();
  }
}

interface FileImportFlags {
  name?: string;
  location?: string;
  db?: string;
  json?: boolean;
  lang?: string;
}

/** `empreinte runs import FILE`: a samples CSV or a run's JSON export into the store, as a new run. */
export function registerImportFile(runs: Command): void {
  withOutputOptions(
    runs
      .command('import')
      .description(say('cli.runs.import'))
      .argument('<file>', say('cli.runs.importFile'))
      .option('--name <name>', say('cli.runs.importName'))
      .option('--location <id>', say('cli.runs.importLocation'))
      .option('--db <path|url>', say('cli.dbDefault')),
  ).action(importFileAction);
}

async function importFileAction(file: string, flags: FileImportFlags): Promise<void> {
  const output = outputContext(flags);
  const [{ importRunFile }, { openStore, resolveDbLocation }] = await Promise.all([
    import('../../store/import-file.js'),
    import('../../store/index.js'),
  ]);
  const { resolveGridContext } = await import('../../measure/grid-context.js');
  const gridOf = (location?: string) => {
    const g = resolveGridContext(location);
    return {
      location: g.location.id,
      intensityGPerKwh: g.location.intensityGPerKwh,
      intensitySource: g.locationSource,
      pue: g.pue,
      pueSource: g.pueSource,
    };
  };
  // The location is checked before the file is read.
  const grid = flags.location === undefined ? undefined : gridOf(flags.location);
  const store = await openStore(resolveDbLocation(flags.db));
  try {
    const started = performance.now();
    const imported = await importRunFile(store, file, {
      name: flags.name,
      grid,
      defaultGrid: () => gridOf(),
    });
    if (output.json) return output.printJson({ id: imported.id, samples: imported.samples });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const n = imported.hosts;
    output.print(
      t(output.lang, 'cli.runs.imported', {
        id: imported.id,
        samples: imported.samples,
        hosts: t(output.lang, n === 1 ? 'cli.runs.oneHost' : 'cli.runs.hostCount', { n }),
        db: store.location,
        seconds: output.lang === 'fr' ? seconds.replace('.', ',') : seconds,
      }),
    );
  } finally {
    await store.close();
  }
}
