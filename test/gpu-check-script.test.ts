import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * scripts/gpu-check.sh in its dry-run mode: the same steps as on a GPU machine (doctor, the NVML
 * counters read by Python around `empreinte run`, the comparison), on the fake NVML library (two
 * GPUs at 250 W each) with a CPU loop standing in for the training. Needs the built CLI, cc and
 * python3.
 */
const SCRIPT = fileURLToPath(new URL('../scripts/gpu-check.sh', import.meta.url));

function check(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'empreinte-gpu-check-'));
  return spawnSync('bash', [SCRIPT, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NODE: process.execPath, EMPREINTE_DB: join(dir, 'runs.db'), LANG: 'C' },
  });
}

const figure = (text: string, pattern: RegExp) => {
  const match = pattern.exec(text);
  assert.ok(match, `${pattern} in:\n${text}`);
  return Number(match[1]);
};

describe('scripts/gpu-check.sh --dry-run', () => {
  it('runs doctor, then empreinte run between two readings of the NVML counters, and compares', () => {
    const result = check(['--dry-run', '--seconds', '2', '--boundary', 'process']);
    assert.equal(result.status, 0, result.stderr + result.stdout);
    const out = result.stdout;
    assert.match(out, /✓\s+nvml\s+gpu\s+2 GPU\(s\).*energy counter on 2 of 2/);
    const truthJ = figure(
      out,
      /NVML counter \(truth\), around the whole command: (\d+) J in [\d.]+ s; GPUs at [\d.]+ W/,
    );
    // The power before the command is two counter readings over a time Python measures apart from
    // them: on a busy machine a read can lag its timestamp, so 500 W comes out as 499.8 W.
    const idleW = figure(out, /GPUs at ([\d.]+) W before it/);
    assert.ok(Math.abs(idleW - 500) < 0.01 * 500, `${idleW} W before the command`);
    const windowJ = figure(
      out,
      /of which within the run \(less [\d.]+ s of start and end at that power\): (\d+) J/,
    );
    const runJ = figure(
      out,
      /empreinte run, GPU energy at the machine: (\d+) J in ([\d.]+) s \(measured:nvml-counter\)/,
    );
    const runS = figure(out, /empreinte run, GPU energy at the machine: \d+ J in ([\d.]+) s/);
    assert.ok(truthJ > windowJ, 'the truth window is the longer one');
    // Both fakes draw 500 W in all: the run's figure is that power over its own duration.
    assert.ok(Math.abs(runJ - 500 * runS) < 0.02 * 500 * runS, `${runJ} J in ${runS} s`);
    const pct = figure(out, /difference: -?\d+ J \((-?[\d.]+)%\)/);
    assert.ok(Math.abs(pct) < 2, `difference ${pct}%`);
    // Nothing of the command's runs on the fake GPUs: with the process boundary it is charged none.
    assert.match(out, /charged to the command \(--boundary process\): 0 J \(0\.0% of the GPUs\)/);
    assert.match(out, /status completed/);
  });

  it('refuses an unknown option with exit 2', () => {
    const result = check(['--gpu', '0']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /gpu-check: unknown option --gpu/);
  });
});
