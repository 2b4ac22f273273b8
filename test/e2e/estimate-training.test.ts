import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, runCliJson } from '../helpers/cli.js';

interface Estimate {
  energyKwh: { low: number; central: number; high: number };
  co2eKg: { low: number; central: number; high: number };
  co2eMarketKg?: { central: number };
  embodiedCo2eKg: { central: number };
  chipHours: { central: number };
  flop: number | null;
  inputs: Record<string, { value: unknown; source: string }>;
  published?: { co2eKg?: number; source: string; differencePct: { co2eKg?: number } };
  equivalents: { id: string; label: string; value: number; unit: string; source: string }[];
}

describe('empreinte estimate training', () => {
  it('accounting mode: --json prints the DESIGN shape and nothing else', () => {
    const e = runCliJson<Estimate>([
      'estimate',
      'training',
      '--chip-hours',
      '245760',
      '--power-w',
      '310W',
      '--pue',
      '1.12',
      '--grid-intensity',
      '545',
      '--renewable-share',
      '0.19',
    ]);
    assert.ok(Math.abs(e.co2eKg.central - 46_500) / 46_500 < 0.01, String(e.co2eKg.central));
    assert.equal(e.flop, null);
    assert.ok(e.co2eMarketKg && e.co2eMarketKg.central < e.co2eKg.central);
    assert.equal(e.inputs.chipHours.source, 'user');
    assert.ok(e.equivalents.every((q) => q.source.length > 0 && Number.isFinite(q.value)));
  });

  it('catalog mode shows the published figure beside ours', () => {
    const e = runCliJson<Estimate>(['estimate', 'training', '--model', 'Llama 2 70B']);
    assert.equal(e.published?.co2eKg, 291_420);
    assert.match(e.published!.source, /Llama 2/);
    const human = runCli(['estimate', 'training', '--model', 'llama-2-70b']);
    assert.equal(human.status, 0);
    assert.match(human.stdout, /Published/);
    assert.match(human.stdout, /291,420 kg CO2e/);
  });

  it('first-principles mode in French uses French labels and number formats', () => {
    const result = runCli([
      'estimate',
      'training',
      '--params',
      '7B',
      '--tokens',
      '1T',
      '--hardware',
      'h100',
      '--location',
      'fr',
      '--lang',
      'fr',
    ]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Énergie/);
    assert.match(result.stdout, /\d[\u202f\u00a0 ]\d{3}/, 'French thousands separator');
    const viaLang = runCli(
      ['estimate', 'training', '--params', '7B', '--tokens', '1T', '--hardware', 'h100'],
      { env: { LANG: 'fr_FR.UTF-8' } },
    );
    assert.match(viaLang.stdout, /Émissions/);
  });

  it('usage errors exit 2 with one line naming the flag, never a stack trace', () => {
    const cases: [string[], RegExp][] = [
      [
        ['--hardware', 'h1000', '--params', '7B', '--tokens', '1T'],
        /--hardware: unknown hardware 'h1000' \(closest: /,
      ],
      [
        ['--params', '7B', '--tokens', '1T', '--hardware', 'h100', '--mfu', '1.5'],
        /--mfu: 1\.5 is out of range/,
      ],
      [['--chip-hours', '100', '--power-w', '300', '--pue', '0.9'], /--pue/],
      [['--params', 'abc'], /--params: 'abc' is not a number/],
      [['--chip-hours', '100', '--chips', '3', '--days', '2', '--power-w', '300'], /disagrees/],
      [['--model', 'llama-9'], /--model: unknown model/],
      [['--params', '7B'], /not enough inputs/],
      [['--bogus', '3'], /unknown option '--bogus'/],
      [['--chip-hours', '100', '--power-w', '300', '--lang', 'de'], /--lang/],
    ];
    for (const [args, re] of cases) {
      const result = runCli(['estimate', 'training', ...args, '--json']);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '', 'nothing on stdout');
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0], re);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    }
  });

  it('--help and --version exit 0', () => {
    assert.equal(runCli(['--help']).status, 0);
    assert.match(runCli(['--version']).stdout, /\d+\.\d+\.\d+/);
    const help = runCli(['estimate', 'training', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--chip-hours/);
  });
});
