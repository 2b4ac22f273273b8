#!/usr/bin/env node
/**
 * Entry point. Only the command that runs is loaded (start-up pays for one module, not all):
 * each `commands/<name>.ts` exports `register(program)`.
 */
import { Command, CommanderError } from 'commander';
import { setDecimalComma } from '../engine/units.js';
import { issue } from '../errors.js';
import { detectLang } from '../report/i18n/index.js';
import { packageVersion } from '../version.js';
import { handleError } from './_errors.js';

interface CommandEntry {
  name: string;
  summary: string;
}

const COMMANDS: CommandEntry[] = [
  { name: 'estimate', summary: 'estimate the footprint of training, inference or a deployment' },
  { name: 'models', summary: 'list the model catalog, or show one model with its published figures' },
  { name: 'hardware', summary: 'list the hardware catalog, or show one chip' },
  { name: 'locations', summary: 'grid carbon intensity of countries, grid zones and cloud regions' },
  { name: 'compare', summary: 'put an energy or CO2e figure, or a model, into everyday equivalents' },
  { name: 'explore', summary: 'sweep estimates over lists of values' },
  { name: 'project', summary: 'project a footprint to future hardware and greener grids' },
  { name: 'recommend', summary: 'ranked ways to cut a training footprint' },
  { name: 'run', summary: 'measure a command: empreinte run -- python train.py' },
  { name: 'runs', summary: 'list, show and export measured runs' },
  { name: 'calibrate', summary: 'utilisation and power per chip of a measured run, for estimates' },
  { name: 'doctor', summary: 'which power sensors are readable, and which fallbacks would apply' },
  { name: 'schedule', summary: 'the best time and place to run a job from grid-intensity series' },
  { name: 'serve', summary: 'start the HTTP API and the web dashboard' },
];

async function main(argv: string[]): Promise<void> {
  // A reader that stops early (`empreinte locations | head -3`) closes the pipe: end quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  // Where French is in force, `7,5B` is 7.5B; elsewhere a comma in a number is an error.
  const langAt = argv.indexOf('--lang');
  setDecimalComma(
    detectLang(langAt >= 0 ? argv[langAt + 1] : argv.find((a) => a.startsWith('--lang='))?.slice(7)) === 'fr',
  );
  const program = new Command('empreinte')
    .description('Energy and carbon footprint of AI training and inference')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride();
  // Commander's usage errors come on two lines ("error: unknown option" + "(Did you mean...?)"): one line, as ours.
  program.configureOutput({
    writeErr: (text) =>
      process.stderr.write(
        text.startsWith('error:') ? `empreinte: ${text.trim().split('\n').join(' ')}\n` : text,
      ),
  });

  const name = argv.slice(2).find((arg) => !arg.startsWith('-'));
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry) {
    const module = (await import(`./commands/${entry.name}.js`)) as {
      register(program: Command): void | Promise<void>;
    };
    await module.register(program);
  } else {
    for (const c of COMMANDS) program.command(c.name).description(c.summary);
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
        const flag = option.long ?? option.short ?? option.flags;
        throw issue(
          'conflict',
          option.attributeName(),
          `${flag} is given ${given.length} times (give it once)`,
          {
            value: given.join(' '),
            accepted: `${flag} once`,
          },
        );
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
