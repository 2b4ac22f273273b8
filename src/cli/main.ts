#!/usr/bin/env node
import { setDecimalComma } from '../engine/units.js';
import { userError } from '../errors.js';
import { type MessageKey, msg } from '../messages/index.js';
import { detectLang } from '../report/i18n/index.js';
import { packageVersion } from '../version.js';
/**
 * Entry point. Only the command that runs is loaded (start-up pays for one module, not all):
 * each `commands/<name>.ts` exports `register(program)`.
 */
import { Command, CommanderError } from './_commander.js';
import { type CommandMeta, localiseHelp, say, writeTo } from './_common.js';
import { handleError } from './_errors.js';

/** The commands, in the order help lists them; `commands/<name>.ts` exports `meta` and `register`. */
const COMMANDS = [
  'estimate',
  'models',
  'hardware',
  'locations',
  'compare',
  'explore',
  'project',
  'recommend',
  'run',
  'runs',
  'calibrate',
  'doctor',
  'schedule',
  'serve',
] as const;

interface CommandModule {
  meta: CommandMeta;
  register(program: Command): void | Promise<void>;
}

const load = (name: string) => import(`./commands/${name}.js`) as Promise<CommandModule>;

async function main(argv: string[]): Promise<void> {
  // Where French is in force, `7,5B` is 7.5B; elsewhere a comma in a number is an error.
  const langAt = argv.indexOf('--lang');
  setDecimalComma(
    detectLang(langAt >= 0 ? argv[langAt + 1] : argv.find((a) => a.startsWith('--lang='))?.slice(7)) === 'fr',
  );
  const program = localiseHelp(
    new Command('empreinte').description(say('cli.help.program', {}, argv)),
    packageVersion(),
    argv,
  )
    .showSuggestionAfterError(true)
    .exitOverride();
  // Commander's usage errors come on two lines ("error: unknown option" + "(Did you mean...?)"): one line, as ours.
  // Help on stdout as every output (a reader that stops early ends the command quietly).
  program.configureOutput({
    writeOut: (text) => writeTo(1, text),
    writeErr: (text) =>
      writeTo(2, text.startsWith('error:') ? `empreinte: ${text.trim().split('\n').join(' ')}\n` : text),
  });

  // The command is the first word that is not a flag nor the value of --lang (`empreinte --lang fr --help`).
  const args = argv.slice(2);
  const name = args.find((arg, i) => !arg.startsWith('-') && args[i - 1] !== '--lang');
  if ((COMMANDS as readonly (string | undefined)[]).includes(name)) {
    await (await load(name as string)).register(program);
  } else if (name === undefined && !argv.includes('-V') && !argv.includes('--version')) {
    // The list of commands, each with its summary (`cli.<name>.summary`, the key its module's meta
    // names: a test checks), without loading any command module.
    for (const command of COMMANDS) program.command(command).description(say(summaryKey(command)));
  } else {
    // A mistyped command: its closest names are suggested, without loading any module.
    for (const command of COMMANDS) program.command(command);
  }
  // Commander's own usage errors (unknown flag, missing argument) surface as CommanderError.
  for (const command of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) {
    command.exitOverride();
  }
  program.hook('preAction', (_program, action) => refuseRepeatedOptions(action, argv.slice(2)));
  await program.parseAsync(argv);
}

/**
 * A flag given twice (`--db a.db ... --db b.db`) is a mistake commander would settle silently by
 * keeping the last: refused, naming the flag. Options made to repeat (variadic, or collected by
 * their own parser, as `--compare`) are left alone. Only the arguments before `--` are ours.
 */
function refuseRepeatedOptions(action: Command, args: string[]): void {
  const ours = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  for (let command: Command | null = action; command; command = command.parent) {
    for (const option of command.options) {
      if (option.variadic || option.parseArg) continue;
      const names = [option.long, option.short].filter((n): n is string => n !== undefined);
      const given = ours.filter((arg) => names.some((n) => arg === n || arg.startsWith(`${n}=`)));
      if (given.length > 1) {
        const field = option.attributeName();
        throw userError('conflict', field, 'cli.error.repeated', {
          count: given.length,
          value: given.join(' '),
          accepted: msg('cli.accepted.once', { field }),
        });
      }
    }
  }
}

/** The `--db` given on the command line, if any (`--db PATH` or `--db=PATH`). */
function dbFlag(argv: string[]): string | undefined {
  const at = argv.indexOf('--db');
  if (at >= 0) return argv[at + 1];
  return argv.find((arg) => arg.startsWith('--db='))?.slice('--db='.length);
}

/** A database failure met while reading or writing (a damaged page): a clear error naming the file. */
async function storeError(error: unknown, argv: string[]): Promise<unknown> {
  if (!String((error as { code?: unknown })?.code ?? '').startsWith('SQLITE_')) return error;
  const { resolveDbLocation, sqliteIssue } = await import('../store/index.js');
  try {
    return sqliteIssue(error, resolveDbLocation(dbFlag(argv))) ?? error;
  } catch {
    return error;
  }
}

main(process.argv).catch(async (error: unknown) => {
  if (error instanceof CommanderError) {
    // Help and version exit 0; every other commander error is a usage error.
    const ok =
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help';
    process.exitCode = ok ? 0 : 2;
    return;
  }
  process.exitCode = handleError(await storeError(error, process.argv), process.argv);
});

/** The message key of a command's summary. */
function summaryKey(command: string): MessageKey {
  return `cli.${command}.summary` as MessageKey;
}
