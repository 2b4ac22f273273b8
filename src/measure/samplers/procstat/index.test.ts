import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startCounterWriter, writerTolerance } from '../../../../test/fixtures/powercap/index.js';
import { createFakeProc } from '../../../../test/fixtures/proc/index.js';
import { createProcStatSampler, parseProcStat, readCpuInfo } from './index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('procstat sampler (utilisation × TDP)', () => {
  it('parses the aggregate cpu line: idle and iowait are not busy, guest is already in user', () => {
    const text = Buffer.from('cpu  100 5 20 800 50 3 2 1 40 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n');
    const times = parseProcStat(text, text.length, { busy: 0, total: 0 });
    assert.deepEqual(times, { busy: 131, total: 981 });
    const old = Buffer.from('cpu  10 0 10 80\nintr 5\n'); // 2.4 kernels: four fields
    assert.deepEqual(parseProcStat(old, old.length, { busy: 0, total: 0 }), { busy: 20, total: 100 });
  });

  it('reads the model name, packages and logical CPUs from cpuinfo', () => {
    const proc = createFakeProc({
      modelName: 'AMD EPYC 7763 64-Core Processor',
      packages: 2,
      cpusPerPackage: 3,
    });
    assert.deepEqual(readCpuInfo(proc.root), {
      modelName: 'AMD EPYC 7763 64-Core Processor',
      packages: 2,
      logicalCpus: 6,
    });
  });

  it('models power as utilisation × TDP × packages and integrates it', async () => {
    const proc = createFakeProc({ packages: 2, cpusPerPackage: 4 });
    const writer = await startCounterWriter([], { path: proc.statPath, cpus: proc.cpus, busyFraction: 0.25 });
    try {
      const sampler = createProcStatSampler({
        root: proc.root,
        tdpWPerPackage: 200,
        packages: 2,
        source: 'modelled:tdp-utilisation',
      });
      assert.equal(sampler.channels[0].source, 'modelled:tdp-utilisation');
      const t0 = performance.now();
      let [reading] = sampler.read(t0);
      // Each read spans 150 ms: a read straight after another could span one tick of the writer,
      // whose whole-jiffy busy count may round to nothing.
      for (let i = 0; i < 10; i++) {
        await sleep(150);
        [reading] = sampler.read(performance.now());
      }
      const seconds = (performance.now() - t0) / 1000;
      sampler.close();
      // 25% of 2 × 200 W = 100 W.
      assert.ok(Math.abs(reading.powerW! - 100) < 10, `power ${reading.powerW}`);
      assert.ok(
        Math.abs(reading.energyJ! - 100 * seconds) / (100 * seconds) < writerTolerance(seconds),
        `${reading.energyJ} J vs ${100 * seconds} J`,
      );
    } finally {
      writer.stop();
    }
  });
});
