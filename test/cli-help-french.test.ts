import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from './helpers/cli.js';
import { englishIn } from './helpers/english.js';

/**
 * Every command and sub-command with its French help, as the help lists them: the program's, then
 * each command's own list (its `Commandes :` section), down to the leaves.
 */
function frenchHelps(parent: string[] = [], lang: 'fr' | 'en' = 'fr'): { path: string[]; help: string }[] {
  const run = runCli([...parent, '--help', '--lang', lang]);
  assert.equal(run.status, 0, run.stderr);
  const heading = lang === 'fr' ? /^Commandes :$/m : /^Commands:$/m;
  const section = run.stdout.split(heading)[1]?.split(/\n\n/)[0] ?? '';
  const names = [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]).filter((n) => n !== 'help');
  return [
    { path: parent, help: run.stdout },
    ...names.flatMap((name) => frenchHelps([...parent, name], lang)),
  ];
}

/** A description handed to commander before help is written and said only then (`say`'s placeholder). */
const UNSAID = /\uE000/;

/** The help's prose: each item's term (a command's name and arguments, a flag) is an id, not prose. */
const prose = (help: string) => help.replace(/^ {2}\S+(?: \[\w+\]| <\w+>)*/gm, '');

/** Commander's own headings and descriptions, as it writes them in English. */
const COMMANDER_ENGLISH =
  /Usage:|Options:|Commands:|Arguments:|display help for command|output the version number/;

describe('help in French', () => {
  it('says the program’s help, headings and its own flags in French', () => {
    for (const args of [['--help'], ['estimate', '--help']]) {
      const fr = runCli(['--lang', 'fr', ...args]);
      assert.equal(fr.status, 0, fr.stderr);
      assert.match(fr.stdout, /^Utilisation : empreinte/);
      assert.match(fr.stdout, /afficher l’aide de la commande/);
      assert.doesNotMatch(fr.stdout, COMMANDER_ENGLISH);
      assert.deepEqual(englishIn(prose(fr.stdout)), [], fr.stdout);
    }
  });

  it('describes every flag of the estimates, sweeps, projections and calibrations in French', () => {
    for (const args of [
      ['estimate', 'training'],
      ['estimate', 'inference'],
      ['estimate', 'deployment'],
      ['explore'],
      ['project'],
      ['recommend'],
      ['calibrate'],
    ]) {
      const fr = runCli([...args, '--help', '--lang', 'fr']);
      assert.equal(fr.status, 0, fr.stderr);
      assert.match(fr.stdout, /; (entier )?dans [[(]/, 'bounds said in French');
      // The traffic profiles' names (working-hours...) are ids, not English prose.
      assert.deepEqual(englishIn(prose(fr.stdout), ['working-hours', 'evening-peak']), [], fr.stdout);
    }
  });

  it('says every command’s and sub-command’s help in French, found from the program itself', () => {
    const helps = frenchHelps();
    const paths = helps.map(({ path }) => path.join(' '));
    // The enumeration reaches the sub-commands (a new command is checked without being listed here).
    for (const path of ['estimate training', 'runs import-prometheus', 'runs import', 'serve', 'schedule'])
      assert.ok(paths.includes(path), `${path} is found`);
    assert.ok(helps.length >= 23, paths.join(', '));
    for (const { path, help } of helps) {
      const line = `empreinte ${path.join(' ')} --help --lang fr`;
      assert.doesNotMatch(help, COMMANDER_ENGLISH, line);
      assert.doesNotMatch(help, /\(default: /, line);
      assert.doesNotMatch(help, UNSAID, line);
      assert.deepEqual(englishIn(prose(help), ['working-hours', 'evening-peak']), [], `${line}:\n${help}`);
    }
  });

  it('takes French from the locale and localises every command’s headings', () => {
    for (const args of [
      ['runs', '--help'],
      ['estimate', 'training', '--help'],
      ['schedule', '--help'],
    ]) {
      const fr = runCli(args, { env: { LANG: 'fr_FR.UTF-8' } });
      assert.equal(fr.status, 0, fr.stderr);
      assert.match(fr.stdout, /^Utilisation : /);
      assert.doesNotMatch(fr.stdout, COMMANDER_ENGLISH);
    }
  });

  it('says every description of the English help too, none left as a placeholder', () => {
    const helps = frenchHelps([], 'en');
    assert.ok(helps.length >= 23, helps.map(({ path }) => path.join(' ')).join(', '));
    for (const { path, help } of helps) {
      assert.doesNotMatch(help, UNSAID, `empreinte ${path.join(' ')} --help`);
      assert.match(help, /^Usage: empreinte/, path.join(' '));
    }
    // The run command’s note after its options, said in full.
    const run = helps.find(({ path }) => path.join(' ') === 'run')?.help ?? '';
    assert.match(run, /--json prints the final summary as JSON on stderr/);
    assert.doesNotMatch(run, UNSAID);
  });

  it('keeps commander’s English headings in English help', () => {
    const en = runCli(['--help']);
    assert.equal(en.status, 0, en.stderr);
    assert.match(en.stdout, /^Usage: empreinte \[options\] \[command\]\n\nEnergy and carbon footprint/);
    assert.match(
      en.stdout,
      /\nOptions:\n {2}-V, --version +output the version number\n {2}-h, --help +display help for command\n/,
    );
    assert.match(en.stdout, /\nCommands:\n/);
    assert.match(en.stdout, /help \[command\] +display help for command/);
  });
});
