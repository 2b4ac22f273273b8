import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeMachine } from './fixtures/proc/machine.js';
import { runCliJson } from './helpers/cli.js';

/** `empreinte doctor`: readable sensors, the fallback each component would use, and the fixes. */
interface Doctor {
  checks: { sensor: string; ok: boolean; detail: string; fix?: string }[];
  plan: Record<'gpu' | 'cpu' | 'ram', { sensor: string | null; source: string | null; fallback: boolean }>;
  gpus: { index: number; name: string; counter: boolean }[];
  db: string;
  env: Record<string, string | null>;
}

describe('empreinte doctor', () => {
  it('finds NVML GPUs with their energy counters, RAPL packages and DRAM', async () => {
    const machine = await fakeMachine({ gpus: 2, dramWatts: 10 });
    try {
      const report = runCliJson<Doctor>(['doctor'], { env: machine.env });
      assert.equal(report.gpus.length, 2);
      assert.deepEqual(report.plan.gpu, {
        sensor: 'nvml',
        source: 'measured:nvml-counter',
        fallback: false,
        detail: 'NVML energy counters',
      });
      assert.equal(report.plan.cpu.source, 'measured:rapl');
      assert.equal(report.plan.ram.source, 'measured:rapl');
      assert.equal(report.checks.find((c) => c.sensor === 'nvml')?.ok, true);
      assert.equal(
        report.checks.find((c) => c.sensor === 'nvidia-smi')?.ok,
        false,
        'checked too, and absent here',
      );
      assert.equal(report.db, machine.db);
      assert.equal(report.env.EMPREINTE_NVML_LIB, machine.env.EMPREINTE_NVML_LIB);
    } finally {
      machine.stop();
    }
  });

  it('says when GPUs lack the energy counter (power integrated instead)', async () => {
    const machine = await fakeMachine({ gpus: 1, counter: false });
    try {
      const report = runCliJson<Doctor>(['doctor'], { env: machine.env });
      assert.equal(report.plan.gpu.source, 'measured:nvml-power');
      assert.equal(report.plan.gpu.fallback, true);
    } finally {
      machine.stop();
    }
  });

  it('reports root-only RAPL counters with the fix, and the fallbacks that would apply', async () => {
    // energy_uj readable by root only, as on kernels patched for CVE-2020-8694: the CLI runs without
    // the capabilities that bypass file modes, so the kernel really refuses the read (EACCES).
    const machine = await fakeMachine({ gpuSensor: 'nvidia-smi', gpus: 1, rapl: 'root-only', dramWatts: 5 });
    try {
      const json = machine.cli(['doctor', '--json']);
      assert.equal(json.status, 0, json.stderr);
      const report = JSON.parse(json.stdout) as Doctor;
      const rapl = report.checks.find((c) => c.sensor === 'rapl')!;
      assert.equal(rapl.ok, false);
      assert.match(rapl.detail, /readable by root only/);
      assert.match(rapl.fix!, /sudo chmod o\+r .*energy_uj/);
      assert.equal(report.plan.cpu.sensor, 'procstat');
      assert.equal(report.plan.cpu.fallback, true);
      assert.equal(report.plan.ram.source, 'default:ram-w-per-gb');
      assert.equal(report.plan.gpu.source, 'measured:nvidia-smi');
      const text = machine.cli(['doctor']);
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stdout, /How to fix/);
      assert.match(text.stdout, /rapl: sudo chmod o\+r/);
      assert.match(text.stdout, /nvml: install the NVIDIA driver/);
      // The same machine under `empreinte run`: the problem is reported once, with its fix.
      const run = machine.cli(['run', '--interval', '0.2', '--', 'true']);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr.match(/readable by root only/g)?.length, 1, run.stderr);
      assert.match(run.stderr, /Fix: sudo chmod o\+r/);
    } finally {
      machine.stop();
    }
  });
});
