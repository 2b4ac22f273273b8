/**
 * The built CLI against random argument lists: a bounded number of real processes (40 by
 * default), each a command with random flags and values, plausible or hostile. Whatever the
 * arguments: exit 0 or 2, never a stack trace; on 2 exactly one line on stderr naming what was
 * wrong; with --json, stdout is pure JSON (or empty on an error).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { exploreInputSchema } from '../../src/engine/schemas/explore.js';
import { deploymentInputSchema, inferenceInputSchema } from '../../src/engine/schemas/inference.js';
import { projectInputSchema } from '../../src/engine/schemas/project.js';
import { recommendInputSchema } from '../../src/engine/schemas/recommend.js';
import { trainingInputSchema } from '../../src/engine/schemas/training.js';
import { toFlag } from '../../src/engine/units.js';
import { CLI } from '../helpers/cli.js';
import { HOSTILE_NUMBER_STRINGS, hardwareIds, LOCATION_IDS, modelIds, UNICODE_STRINGS } from './_hostile.js';
import { PROPERTY_SEED } from './_seed.js';

const RUNS = Number(process.env.EMPREINTE_CLI_RUNS ?? 40);
const SEED = Number(process.env.EMPREINTE_CLI_SEED ?? PROPERTY_SEED);
const CONCURRENCY = 3;
const FIXTURES = new URL('../fixtures/grid/files/', import.meta.url).pathname;

const work = mkdtempSync(join(tmpdir(), 'empreinte-cli-prop-'));
after(() => rmSync(work, { recursive: true, force: true }));

type Kind = 'number' | 'name' | 'bool' | 'file' | 'text';

/** Plausible values by what a flag takes; hostile ones are mixed in for every flag. */
const PLAUSIBLE: Record<Exclude<Kind, 'bool'>, fc.Arbitrary<string>> = {
  number: fc.constantFrom(
    '7B',
    '70e9',
    '1T',
    '2T',
    '64',
    '1000',
    '0.4',
    '1.2',
    '300',
    '24',
    '2030',
    '1,2',
    '8,64',
  ),
  name: fc.constantFrom(...hardwareIds.slice(0, 8), ...modelIds.slice(0, 8), ...LOCATION_IDS, 'h100', 'fr'),
  file: fc.constantFrom(
    `${FIXTURES}naive.csv`,
    `${FIXTURES}dst-paris.csv`,
    `${FIXTURES}watttime-historical.json`,
    `${FIXTURES}bad-value.csv`,
    `${FIXTURES}missing.csv`,
    FIXTURES,
    '/dev/null',
  ),
  text: fc.constantFrom(
    '24h',
    '90m',
    '2d',
    'now',
    '2022-01-01T00:00:00Z',
    'direct',
    'json',
    'markdown',
    'gpu',
  ),
};

/** Hostile values, NUL bytes removed: no operating system passes them in an argument. */
const HOSTILE = fc
  .oneof(
    fc.constantFrom(...HOSTILE_NUMBER_STRINGS, ...UNICODE_STRINGS.filter((s) => s.length < 400)),
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
    fc.constantFrom('-', '--', '-x', '--json', '--lang', '--help-me', '-1e5'),
  )
  .map((s) => s.replaceAll('\u0000', ''));

interface CommandSpec {
  words: string[];
  flags: Record<string, Kind>;
  /** Flags that make a complete, valid invocation, used in most runs so that some succeed. */
  base?: string[];
  /** Takes a positional argument (an id or query). */
  positional?: boolean;
  /** Arguments that must come last (`-- CMD`). */
  tail?: string[];
}

const NAME_KEYS = new Set([
  'model',
  'hardware',
  'location',
  'scenario',
  'preset',
  'precision',
  'sort',
  'profile',
  'compare',
  'mix',
]);
const BOOL_KEYS = new Set(['computeOptimal', 'ranges', 'promptCaching']);

/** Flags of a schema-backed command: the schema's keys in CLI spelling. */
function flagsOf(
  schema: { shape?: Record<string, unknown> } | unknown,
  extra: Record<string, Kind> = {},
): Record<string, Kind> {
  const shape = (schema as { shape: Record<string, unknown> }).shape;
  const flags: Record<string, Kind> = {};
  for (const key of Object.keys(shape)) {
    if (key === 'ranges') continue; // the CLI spells it --no-ranges
    flags[`--${toFlag(key)}`] = NAME_KEYS.has(key) ? 'name' : BOOL_KEYS.has(key) ? 'bool' : 'number';
  }
  return { ...flags, ...extra };
}

const COMMANDS: CommandSpec[] = [
  {
    words: ['estimate', 'training'],
    flags: flagsOf(trainingInputSchema, { '--sources': 'bool' }),
    base: ['--params', '7B', '--tokens', '1T', '--hardware', 'h100'],
  },
  {
    words: ['estimate', 'inference'],
    flags: flagsOf(inferenceInputSchema),
    base: ['--model', 'llama-2-7b', '--hardware', 'a100-80gb'],
  },
  {
    words: ['estimate', 'deployment'],
    flags: flagsOf(deploymentInputSchema, { '--prompt-caching': 'text' }),
    base: ['--model', 'llama-2-7b', '--hardware', 'h100', '--requests-per-day', '1M'],
  },
  {
    words: ['explore'],
    flags: flagsOf(exploreInputSchema, { '--csv': 'bool', '--limit': 'number', '--no-ranges': 'bool' }),
    base: ['--params', '1B,7B', '--tokens', '1T', '--hardware', 'h100,a100-80gb'],
  },
  {
    words: ['project'],
    flags: flagsOf(projectInputSchema),
    base: ['--model', 'llama-2-7b', '--year', '2030'],
  },
  {
    words: ['recommend'],
    flags: flagsOf(recommendInputSchema),
    base: ['--params', '7B', '--tokens', '1T', '--hardware', 'a100-80gb'],
  },
  {
    words: ['compare'],
    flags: { '--co2e-kg': 'number', '--energy-kwh': 'number', '--model': 'name' },
    base: ['--co2e-kg', '1200'],
  },
  { words: ['models'], flags: {}, positional: true },
  { words: ['hardware'], flags: { '--kind': 'text' }, positional: true },
  { words: ['locations'], flags: { '--kind': 'text', '--provider': 'text' }, positional: true },
  {
    words: ['schedule'],
    base: ['--series', `${FIXTURES}dst-paris.csv`, '--duration', '3h'],
    flags: {
      '--series': 'file',
      '--duration': 'text',
      '--from': 'text',
      '--to': 'text',
      '--signal': 'text',
      '--interruptible': 'bool',
      '--max-pauses': 'number',
      '--power-w': 'number',
      '--zone': 'name',
      '--format': 'text',
      '--time-column': 'text',
      '--value-column': 'text',
      '--interpolate': 'bool',
      '--forecast': 'bool',
    },
  },
  {
    words: ['run'],
    flags: {
      '--name': 'text',
      '--run-id': 'text',
      '--node': 'text',
      '--interval': 'number',
      '--location': 'name',
      '--pue': 'number',
      '--renewable-share': 'number',
      '--gpus': 'text',
    },
    // A command that does nothing: the flags are what is tested.
    tail: ['--', 'true'],
  },
  { words: ['runs', 'list'], flags: { '--limit': 'number' } },
  { words: ['runs', 'show'], flags: { '--format': 'text' }, positional: true },
  { words: ['runs', 'export'], flags: { '--format': 'text', '--training-type': 'text' }, positional: true },
];

/** One argument list: a command, 0-5 flags with values (plausible or hostile), maybe --json and --lang. */
const argvArb: fc.Arbitrary<string[]> = fc.constantFrom(...COMMANDS).chain((spec) => {
  const names = Object.keys(spec.flags);
  const flag =
    names.length === 0
      ? fc.constant<string[]>([])
      : fc.constantFrom(...names).chain((name): fc.Arbitrary<string[]> => {
          const kind = spec.flags[name];
          if (kind === 'bool') return fc.constant([name]);
          const value = fc.oneof(
            { weight: 3, arbitrary: PLAUSIBLE[kind] },
            { weight: 1, arbitrary: HOSTILE },
          );
          return value.map((v) => [name, v]);
        });
  return fc
    .tuple(
      fc.array(flag, { maxLength: 3 }),
      spec.base
        ? fc.oneof(
            { weight: 3, arbitrary: fc.constant(spec.base) },
            { weight: 1, arbitrary: fc.constant(undefined) },
          )
        : fc.constant(undefined),
      spec.positional
        ? fc.option(fc.oneof(PLAUSIBLE.name, HOSTILE), { nil: undefined })
        : fc.constant(undefined),
      fc.boolean(),
      fc.constantFrom<string[]>([], [], ['--lang', 'fr'], ['--lang', 'en'], ['--lang', 'xx']),
      fc.oneof(
        { weight: 7, arbitrary: fc.constant(undefined) },
        // Before `--`, a stray word would be `run`'s command itself (exit 127 is then right).
        {
          weight: 1,
          arbitrary: fc.constantFrom('--paramz', '--no-such-flag', ...(spec.tail ? [] : ['extra-arg'])),
        },
      ),
    )
    .map(([flags, base, positional, json, lang, junk]) => [
      ...spec.words,
      ...(positional === undefined ? [] : [positional]),
      ...(base ?? []),
      ...flags.flat(),
      ...(json ? ['--json'] : []),
      ...lang,
      ...(junk === undefined ? [] : [junk]),
      ...(spec.tail ?? []),
    ]);
});

interface Outcome {
  argv: string[];
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(argv: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...argv], {
      cwd: work,
      env: {
        ...process.env,
        HOME: work,
        EMPREINTE_DB: join(work, 'runs.db'),
        LANG: 'C',
        LC_ALL: '',
        NO_COLOR: '1',
      },
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('close', (status, signal) => resolve({ argv, status, signal, stdout, stderr }));
  });
}

async function pool<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return out;
}

function check(o: Outcome): void {
  const where = `argv ${JSON.stringify(o.argv)} (EMPREINTE_CLI_SEED=${SEED})\nstdout: ${o.stdout.slice(0, 300)}\nstderr: ${o.stderr.slice(0, 600)}`;
  assert.equal(o.signal, null, `killed by ${o.signal}: ${where}`);
  assert.ok(o.status === 0 || o.status === 2, `exit ${o.status}: ${where}`);
  assert.ok(!o.stderr.includes('    at ') && !o.stdout.includes('    at '), `stack trace: ${where}`);
  const json = o.argv.includes('--json') && !o.argv.includes('--help');
  if (o.status === 2) {
    const lines = o.stderr.split('\n').filter((l) => l.trim() !== '');
    assert.equal(lines.length, 1, `not one line on stderr: ${where}`);
    assert.match(lines[0], /^empreinte: /, where);
    // It names what was wrong: a flag, a command, an argument or the value given (quoted the
    // English way, or between French guillemets).
    const namesIt =
      /--[a-z]|command|argument|option/i.test(lines[0]) ||
      o.argv.slice(1).some((a) => lines[0].includes(`'${a}'`) || lines[0].includes(`« ${a} »`));
    assert.ok(namesIt, `the error names neither a flag nor the value: ${where}`);
    if (json) assert.equal(o.stdout, '', `stdout not empty on a usage error with --json: ${where}`);
  } else if (json) {
    // `run` leaves stdout to the command it measures: its JSON summary goes to stderr.
    const machine = o.argv[0] === 'run' ? o.stderr : o.stdout;
    assert.doesNotThrow(() => JSON.parse(machine), `not pure JSON: ${where}`);
  }
}

describe(`CLI on ${RUNS} random argument lists`, () => {
  it('exits 0 or 2, one line on stderr for 2, no stack trace, pure JSON with --json', async () => {
    const argvs = fc.sample(argvArb, { numRuns: RUNS, seed: SEED });
    const outcomes = await pool(argvs, CONCURRENCY, run);
    if (process.env.EMPREINTE_CLI_VERBOSE)
      for (const o of outcomes)
        process.stdout.write(`# ${o.status} ${JSON.stringify(o.argv)} ${o.stderr.split('\n')[0]}\n`);
    for (const o of outcomes) check(o);
    const ok = outcomes.filter((o) => o.status === 0).length;
    process.stdout.write(
      `# cli argument lists tried: ${RUNS} (seed ${SEED}): ${ok} exit 0, ${RUNS - ok} exit 2\n`,
    );
    // Both paths must be exercised for the checks to mean anything.
    assert.ok(ok > 0 && ok < RUNS, `${ok} of ${RUNS} exited 0`);
  });

  it('names the flag and keeps one line for values with newlines, NUL and bidi overrides', async () => {
    const cases = [
      ['estimate', 'training', '--params', 'a\nb', '--tokens', '1T', '--hardware', 'h100'],
      ['estimate', 'training', '--params', '7B', '--tokens', '1T', '--hardware', 'h100\u202e\u0007x'],
      ['compare', '--co2e-kg', '5\r\n7'],
      ['models', 'zz\nzz', '--json'],
    ];
    for (const o of await pool(cases, CONCURRENCY, run)) {
      check(o);
      assert.equal(o.status, 2, JSON.stringify(o));
      const echoed = ['\u0007', '\u202e', '\r'].filter((c) => o.stderr.includes(c));
      assert.deepEqual(echoed, [], `control character echoed: ${JSON.stringify(o.stderr)}`);
    }
  });
});
