import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, runCliJson } from '../helpers/cli.js';

interface InferenceJson {
  perRequestWh: { low: number; central: number; high: number };
  perRequestBreakdownWh: {
    accelerator: { low: number; central: number; high: number };
    host: { low: number; central: number; high: number };
    facility: { low: number; central: number; high: number };
    boundary: string;
  };
  energyKwh: { low: number; central: number; high: number };
  co2eKg: { low: number; central: number; high: number };
  inputs: Record<string, { value: unknown; source: string }>;
  methodologyVersion: string;
}

describe('empreinte estimate inference', () => {
  it('prints the agreed JSON shape, and only JSON, with --json', () => {
    const e = runCliJson<InferenceJson>([
      'estimate',
      'inference',
      '--params',
      '70B',
      '--hardware',
      'h100',
      '--requests',
      '1M',
      '--location',
      'fr',
    ]);
    for (const key of ['perRequestWh', 'energyKwh', 'co2eKg']) {
      const r = e[key as 'perRequestWh'];
      assert.ok(r.low <= r.central && r.central <= r.high, key);
    }
    const b = e.perRequestBreakdownWh;
    for (const part of [b.accelerator, b.host, b.facility]) {
      assert.ok(part.low > 0 && part.low < part.central && part.central < part.high);
    }
    assert.ok(
      Math.abs(b.accelerator.central + b.host.central + b.facility.central - e.perRequestWh.central) < 1e-9,
    );
    assert.equal(typeof b.boundary, 'string');
    assert.ok(
      Math.abs(e.energyKwh.central - e.perRequestWh.central * 1000) < 1e-6,
      '1M requests × Wh = kWh × 1000',
    );
    assert.equal(e.inputs.params.value, 70e9);
    assert.equal(e.inputs.params.source, 'user');
    assert.match(e.methodologyVersion, /^inference-\d{4}\.\d+$/);
  });

  it('reports a bad value on one line naming the flag, with exit status 2', () => {
    for (const [args, flag] of [
      [['--params', '70X', '--hardware', 'h100'], '--params'],
      [['--params', '8B', '--hardware', 'h100', '--batch', '0'], '--batch'],
      [['--params', '8B'], '--hardware'],
      [['--params', '70B', '--hardware', 'h100', '--gpus', '1'], '--gpus'],
      [['--params', '8B', '--hardware', 'h100', '--renewable-share', '2'], '--renewable-share'],
    ] as const) {
      const r = runCli(['estimate', 'inference', ...args]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.ok(lines[0].includes(flag), `${lines[0]} should name ${flag}`);
      assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
    }
  });

  it('speaks French with --lang fr', () => {
    const r = runCli(['estimate', 'inference', '--params', '8B', '--hardware', 'h100', '--lang', 'fr']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Énergie par requête/);
    assert.match(r.stdout, /\d,\d+ Wh/, 'decimal comma');
    const error = runCli(['estimate', 'inference', '--params', '8X', '--hardware', 'h100', '--lang', 'fr']);
    assert.equal(error.status, 2);
    assert.match(error.stderr, /erreur/);
  });

  it('prints a readable table with units', () => {
    const r = runCli([
      'estimate',
      'inference',
      '--params',
      '8B',
      '--hardware',
      'h100',
      '--output-tokens',
      '400',
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Energy per request\s+[\d.]+ Wh/);
    assert.match(r.stdout, /kg CO2e/);
    assert.match(r.stdout, /Methodology: inference-/);
  });
});

interface DeploymentJson {
  requestsPerDay: number;
  yearly: { energyKwh: { central: number }; co2eKg: { central: number } };
  perConversation: { energyWh: { central: number } };
  perTurn: { turn: number; inputTokens: number }[];
  comparisons: { id: string; co2eSavingPct: number }[];
  methodologyVersion: string;
}

describe('empreinte estimate deployment', () => {
  it('runs the customer-service preset with overrides and comparisons', () => {
    const e = runCliJson<DeploymentJson>([
      'estimate',
      'deployment',
      '--preset',
      'customer-service',
      '--conversations-per-day',
      '2k',
      '--location',
      'pl',
      '--compare',
      'location=fr',
      '--compare',
      'weights-bits=8,4',
    ]);
    assert.equal(e.requestsPerDay, 2000 * 5);
    assert.deepEqual(
      e.comparisons.map((c) => c.id),
      ['location=fr', 'weights-bits=8', 'weights-bits=4'],
    );
    assert.ok(e.comparisons[0].co2eSavingPct > 50);
    assert.ok(e.perTurn[4].inputTokens > e.perTurn[0].inputTokens);
    assert.match(e.methodologyVersion, /^inference-/);
  });

  it('reports a bad profile or comparison on one line, exit 2', () => {
    for (const [args, flag] of [
      [['--profile', '1,2'], '--profile'],
      [['--compare', 'colour=red'], '--compare'],
      [['--prompt-caching', 'maybe'], '--prompt-caching'],
    ] as const) {
      const r = runCli(['estimate', 'deployment', '--preset', 'customer-service', ...args]);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.ok(r.stderr.includes(flag), r.stderr);
    }
  });

  it('speaks French with --lang fr', () => {
    const r = runCli(['estimate', 'deployment', '--preset', 'customer-service', '--lang', 'fr']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Empreinte du déploiement/);
    assert.match(r.stdout, /Par conversation/);
  });
});
