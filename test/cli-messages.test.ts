import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLI as TABLE } from '../src/messages/cli.js';
import { runCli } from './helpers/cli.js';

/** Words that give away an English sentence in French output. */
const ENGLISH = /\b(the|is|not|expected|given|times|once|required|either|lists|run id|label name)\b/;

/** The last line of stderr: the one error line a usage mistake prints. */
function errorLine(args: string[]): string {
  const result = runCli(args);
  assert.equal(result.status, 2, result.stderr);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  return lines[0];
}

describe('the CLI’s own words, in English and French', () => {
  it('names each command’s summary cli.<name>.summary, the key the top-level help lists it by', async () => {
    const names = ['estimate', 'models', 'hardware', 'locations', 'compare', 'explore', 'project'];
    names.push('recommend', 'run', 'runs', 'calibrate', 'doctor', 'schedule', 'serve');
    for (const name of names) {
      const { meta } = (await import(`../src/cli/commands/${name}.js`)) as {
        meta: { name: string; summary: string };
      };
      assert.equal(meta.name, name);
      assert.equal(meta.summary, `cli.${name}.summary`);
    }
    const help = runCli(['--help']);
    for (const name of names)
      assert.match(
        help.stdout,
        new RegExp(
          `\\n  ${name}\\b.*${TABLE[`cli.${name}.summary` as keyof typeof TABLE][0].slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
        ),
      );
  });

  it('keeps its labels and errors in one table, French beside English', () => {
    for (const [key, [en, fr]] of Object.entries(TABLE)) {
      assert.ok(en.length > 0 && fr.length > 0, key);
      if (/^cli\.error\./.test(key)) assert.notEqual(fr, en, `${key} is not translated`);
    }
  });

  it('lists the commands with their summaries in the reader’s language', () => {
    const en = runCli(['--help']);
    const fr = runCli(['--lang', 'fr', '--help']);
    assert.equal(en.status, 0, en.stderr);
    assert.match(en.stdout, /explore\s+sweep estimates over lists of values/);
    assert.match(fr.stdout, /explore\s+balayer des estimations sur des listes de valeurs/);
    assert.match(
      runCli(['estimate', '--help'], { env: { LANG: 'fr_FR.UTF-8' } }).stdout,
      /training \[options\]\s+énergie et émissions/,
    );
  });

  const CASES: { args: string[]; en: RegExp; fr: RegExp }[] = [
    {
      args: ['estimate', 'training', '--params', '7B', '--params', '8B'],
      en: /--params is given 2 times \(give it once\)/,
      fr: /--params est donné 2 fois/,
    },
    {
      args: ['run', '--boundary', 'container', '--', 'true'],
      en: /--boundary: 'container' is not a boundary \(expected machine or process\)/,
      fr: /--boundary : « container » n’est pas un périmètre \(attendu : machine ou process\)/,
    },
    {
      args: ['run', '--gpus', '0,x', '--', 'true'],
      en: /--gpus: 'x' is not a GPU index \(expected GPU indices separated by commas, e.g. 0,2\)/,
      fr: /--gpus : « x » n’est pas un numéro de GPU \(attendu : des numéros de GPU séparés par des virgules/,
    },
    {
      args: ['run', '--run-id', 'bad id', '--', 'true'],
      en: /--run-id: 'bad id' is not a valid run id/,
      fr: /--run-id : « bad id » n’est pas un identifiant d’exécution valide/,
    },
    {
      args: ['schedule', '--series', 'a.csv'],
      en: /--duration is required \(e\.g\. 24h, 90m, 2d\)/,
      fr: /--duration est obligatoire \(p\. ex\. 24h, 90m, 2d\)/,
    },
    {
      args: ['schedule', '--duration', '2h'],
      en: /--series is required \(one or more files\), or --from-api/,
      fr: /--series est obligatoire \(un fichier ou plus\), ou --from-api/,
    },
    {
      args: ['schedule', '--duration', '2h', '--series', 'a.csv', '--run', 'x', '--power-w', '300'],
      en: /--run: give either --run or --power-w, not both/,
      fr: /--run : donner --run ou --power-w, pas les deux/,
    },
    {
      args: ['locations', '--kind', 'planet'],
      en: /--kind: 'planet' is not accepted \(expected world, country, zone, cloud-region\)/,
      fr: /--kind : planet n’est pas accepté \(attendu : world, country, zone, cloud-region\)/,
    },
  ];
  for (const { args, en, fr } of CASES) {
    it(`empreinte ${args.join(' ')}: one line naming the flag, in either language`, () => {
      assert.match(errorLine(args), en);
      const french = errorLine([
        ...args.slice(0, args.indexOf('--') < 0 ? args.length : args.indexOf('--')),
        '--lang',
        'fr',
        ...(args.includes('--') ? args.slice(args.indexOf('--')) : []),
      ]);
      assert.match(french, /^empreinte: erreur/);
      assert.match(french, fr);
      assert.doesNotMatch(french.replace(/--[a-z-]+|« [^»]* »|\([^)]*: [a-z0-9, -]+\)/g, ''), ENGLISH);
    });
  }
});
