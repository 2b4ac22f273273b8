import { isatty } from 'node:tty';
import type { Command } from 'commander';
import type { FlagValues } from '../../engine/schemas/fields.js';
import { parseQuantity } from '../../engine/units.js';
import { userError } from '../../errors.js';
import type { StatusLine } from '../../measure/status-line.js';
import { type Message, msg, render } from '../../messages/index.js';
import type { Boundary } from '../../records.js';
import {
  type CommandMeta,
  commaList,
  outputContext,
  said,
  say,
  withOutputOptions,
  writeTo,
} from '../_common.js';
import { addSchemaOptions, RUN_SITE_FIELDS, readRunSite } from '../_schema-options.js';

/** `empreinte run [options] -- CMD ARGS...` (see measure/run-command.ts for the behaviour). */
export interface RunFlags extends FlagValues<typeof RUN_SITE_FIELDS> {
  name?: string;
  runId?: string;
  node?: string;
  interval?: string;
  db?: string;
  gpus?: string;
  metricsPort?: string;
  otlp?: string;
  boundary?: string;
  json?: boolean;
  lang?: string;
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function parseGpuList(text: string): number[] {
  const items = commaList(text);
  const accepted = msg('cli.accepted.gpus');
  if (items.length === 0)
    throw userError('invalid_value', 'gpus', 'cli.error.gpusEmpty', { value: text, accepted });
  return [
    ...new Set(
      items.map((item) => {
        if (!/^\d+$/.test(item))
          throw userError('invalid_value', 'gpus', 'cli.error.gpuIndex', { item, value: text, accepted });
        return Number(item);
      }),
    ),
  ];
}

export function parseBoundary(text: string | undefined): Boundary {
  if (text === undefined || text === 'machine' || text === 'process') return text ?? 'machine';
  throw userError('invalid_value', 'boundary', 'cli.error.boundary', {
    value: text,
    accepted: msg('cli.accepted.or', { a: 'machine', b: 'process' }),
  });
}

export const meta = {
  name: 'run',
  summary: 'cli.run.summary',
  description: 'cli.run.description',
} as const satisfies CommandMeta;

export function register(program: Command): void {
  program.enablePositionalOptions();
  const command = program
    .command(meta.name)
    .description(say(meta.description))
    .argument('[command...]', say('cli.run.argCommand'))
    .option('--name <name>', say('cli.runName'))
    .option('--run-id <id>', say('cli.run.runId'))
    .option('--node <name>', say('cli.run.node'))
    .option('--interval <seconds>', say('cli.run.interval'), '1')
    .option('--db <path|url>', say('cli.dbDefault'));
  addSchemaOptions(command, RUN_SITE_FIELDS)
    .option('--gpus <list>', say('cli.run.gpus'))
    .option('--metrics-port <[host:]port>', say('cli.run.metricsPort'))
    .option('--otlp <url>', say('cli.run.otlp'))
    .option('--boundary <machine|process>', say('cli.run.boundary'));
  withOutputOptions(command)
    .passThroughOptions()
    .addHelpText('after', () => `\n${said(say('cli.run.jsonNote'))}`)
    .action(async (command: string[], flags: RunFlags) => {
      process.exitCode = await runAction(command, flags);
    });
}

export async function runAction(command: string[], flags: RunFlags): Promise<number> {
  const output = outputContext(flags);
  if (command.length === 0) {
    throw userError('missing', 'command', 'cli.error.commandMissing', {
      accepted: msg('cli.accepted.runUsage'),
    });
  }
  if (command[0].trim() === '') {
    throw userError('invalid_value', 'command', 'cli.error.commandEmpty', {
      value: command[0],
      accepted: msg('cli.accepted.runProgram'),
    });
  }
  const intervalS = parseQuantity(flags.interval ?? '1', 'interval', { min: 0.1, max: 60 });
  const { pue, renewableShare } = readRunSite(flags);
  const gpus = flags.gpus === undefined ? undefined : parseGpuList(flags.gpus);
  if (flags.runId !== undefined && !RUN_ID.test(flags.runId)) {
    throw userError('invalid_value', 'runId', 'cli.error.runId', {
      value: flags.runId,
      accepted: msg('cli.accepted.runId'),
    });
  }
  const boundary = parseBoundary(flags.boundary);
  // The tracker and the store load when a command is measured, not when help lists `run`.
  const [{ runCommand }, { createStatusLine }, { renderRunText }, { resolveDbLocation }] = await Promise.all([
    import('../../measure/run-command.js'),
    import('../../measure/status-line.js'),
    import('../../report/exports/text.js'),
    import('../../store/index.js'),
  ]);
  const db = resolveDbLocation(flags.db);
  const say = (line: Message) => writeTo(2, `empreinte: ${render(line, output.lang, 'flag')}\n`);
  const note = (text: string, said?: Message) => say(msg('measure.liveNote', { note: said ?? text }));
  let status: StatusLine | undefined;
  const printed = new Set<string>();
  // Bound before CMD starts, so that a busy port is a usage error and not a surprise later.
  const exporters =
    flags.metricsPort !== undefined || flags.otlp !== undefined
      ? await (await import('../../metrics/run-exporters.js')).startRunExporters({
          metricsPort: flags.metricsPort,
          otlp: flags.otlp,
          onWarning: note,
        })
      : undefined;
  if (exporters?.endpoint && !output.json) say(msg('measure.metricsAt', { url: exporters.endpoint.url }));
  const result = await runCommand({
    command,
    name: flags.name,
    runId: flags.runId,
    host: flags.node,
    intervalS,
    db,
    location: flags.location,
    pue,
    renewableShare,
    gpus,
    boundary,
    lang: output.lang,
    onWarning: (message, said) => {
      if (output.json) return; // kept in the summary's notes
      status?.clear();
      printed.add(said ? render(said, output.lang, 'flag') : message);
      note(message, said);
    },
    onSession: (session) => {
      exporters?.attach(session);
      if (isatty(2) && !output.json) {
        status = createStatusLine(process.stderr, session.gCo2ePerKwh, output.lang);
        session.tracker.onTick(status.listener);
      }
    },
  }).finally(() => exporters?.close());
  status?.clear();
  if (result.spawnError) say(msg('measure.cannotStartCommand', { cause: result.spawnError }));
  if (output.json) writeTo(2, `${JSON.stringify(result.report, null, 2)}\n`);
  else {
    // Notes already printed when the run started are not repeated in the summary.
    const report = { ...result.report, notes: result.report.notes.filter((n) => !printed.has(n)) };
    writeTo(2, `${renderRunText(report, output.lang, db)}\n`);
  }
  return result.exitCode;
}
