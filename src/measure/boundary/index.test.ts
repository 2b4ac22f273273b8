import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildFakeNvml } from '../../../test/fixtures/fake-nvml/build.js';
import { createFakeProc } from '../../../test/fixtures/proc/index.js';
import { writeCpuLine, writeProcess } from '../../../test/fixtures/proc/tree.js';
import { render } from '../../messages/index.js';
import { openNvml } from '../samplers/nvml/index.js';
import { createRamEstimateSampler } from '../samplers/ram/index.js';
import type { Sampler } from '../types.js';
import { createProcessShare, pageBytes } from './index.js';

/** NVML reads its configuration from the process environment at init. */
async function withEnv<T>(vars: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

function procsFile(lines: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'empreinte-gpu-procs-')), 'procs');
  writeFileSync(file, lines);
  return file;
}

const isMember = (pid: number) => pid === 1000 || pid === 1001;

/** A CPU channel whose readings do not matter here: the share is what is tested. */
function cpuSampler(): Sampler {
  return {
    id: 'procstat',
    channels: [{ component: 'cpu', deviceIndex: 0, name: 'cpu', source: 'modelled:tdp-utilisation' }],
    read: () => [{ energyJ: 0, powerW: 0, source: 'modelled:tdp-utilisation' }],
    close() {},
  };
}

describe('GPU share from NVML per-process use (fake libnvidia-ml)', () => {
  const lib = buildFakeNvml();
  const procs = procsFile('0 1000 60 2000\n0 500 20 1000\n0 1001 0 3000\n1 500 50 4000\n');

  it('splits each GPU by SM utilisation samples of the command’s processes', () =>
    withEnv({ FAKE_NVML_GPUS: '3', FAKE_NVML_PROCS_FILE: procs, FAKE_NVML_PROCESS_API: 'all' }, async () => {
      const sampler = (await openNvml(lib)).createSampler();
      const out = new Float64Array(4).fill(-1);
      assert.equal(sampler.processShare?.(isMember, out, 1), true);
      // GPU 0: 60 of 80 utilisation points; GPU 1: only another job's; GPU 2: no process at all.
      assert.deepEqual([...out], [-1, 0.75, 0, 0]);
      sampler.close();
    }));

  it('splits by GPU memory held where utilisation samples are not supported', () =>
    withEnv(
      { FAKE_NVML_GPUS: '2', FAKE_NVML_PROCS_FILE: procs, FAKE_NVML_PROCESS_API: 'running' },
      async () => {
        const sampler = (await openNvml(lib)).createSampler();
        const out = new Float64Array(2);
        assert.equal(sampler.processShare?.(isMember, out, 0), true);
        assert.deepEqual([...out], [5000 / 6000, 0]);
        sampler.close();
      },
    ));

  it('says it cannot tell when NVML has no per-process information', () =>
    withEnv({ FAKE_NVML_GPUS: '1', FAKE_NVML_PROCS_FILE: procs, FAKE_NVML_PROCESS_API: 'none' }, async () => {
      const sampler = (await openNvml(lib)).createSampler();
      const out = new Float64Array(1);
      assert.equal(sampler.processShare?.(isMember, out, 0), false);
      assert.equal(out[0], 1);
      sampler.close();
    }));
});

describe('the command’s share per channel', () => {
  it('charges CPU by CPU time over the machine’s busy time, RAM by resident memory, GPU by NVML', () =>
    withEnv(
      {
        FAKE_NVML_GPUS: '1',
        FAKE_NVML_PROCS_FILE: procsFile('0 1000 30 100\n0 500 90 100\n'),
        FAKE_NVML_PROCESS_API: 'all',
      },
      async () => {
        const { root } = createFakeProc();
        writeCpuLine(root, 1000, 5000);
        writeProcess(root, { pid: 900, ppid: 1 });
        writeProcess(root, { pid: 1000, ppid: 900, utime: 0, rss: 1024 });
        const gpu = (await openNvml(buildFakeNvml())).createSampler();
        const samplers = [gpu, cpuSampler(), createRamEstimateSampler(1)];
        const memTotalBytes = 2 ** 30;
        const share = createProcessShare({
          procRoot: root,
          pid: 1000,
          selfPid: 900,
          samplers,
          memTotalBytes,
        });
        // Over the interval the machine was busy 400 ticks, 100 of them the command's and its child's.
        writeCpuLine(root, 1400, 5600);
        writeProcess(root, { pid: 1000, ppid: 900, utime: 70, rss: 1024 });
        writeProcess(root, { pid: 1001, ppid: 1000, utime: 30, rss: 2048 });
        share.update();
        assert.deepEqual([...share.share], [0.25, 0.25, (3072 * pageBytes()) / memTotalBytes]);
        // Nothing used by the command during the next interval: no CPU charged.
        writeCpuLine(root, 1800, 6000);
        share.update();
        assert.equal(share.share[1], 0);
        assert.deepEqual(share.notes().length, 1); // 1001 still runs
        assert.match(
          render(share.notes()[0], 'en', 'flag'),
          /1 process\(es\) started by the command still run.*1001 fake, 0\.3 s CPU/,
        );
        share.close();
        gpu.close();
      },
    ));
});
