import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startTracking } from '../src/index.js';
import { fakeMachine } from './fixtures/proc/machine.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startTracking (library)', () => {
  it('measures this process’s machine, takes marks, and stores the run', async () => {
    const machine = await fakeMachine({ gpus: 1, gpuWatts: 250, packageWatts: 50 });
    // NVML reads its configuration from the process environment at init.
    const saved = { ...process.env };
    Object.assign(process.env, machine.env);
    try {
      const tracking = await startTracking({
        name: 'library',
        intervalS: 0.1,
        env: machine.env,
        db: machine.db,
      });
      let ticks = 0;
      tracking.onTick(() => ticks++);
      await sleep(400);
      tracking.mark('step 1', 100);
      await sleep(300);
      const report = await tracking.stop();
      assert.equal(report.status, 'completed');
      assert.equal(report.name, 'library');
      assert.ok(ticks >= 4, `ticks ${ticks}`);
      assert.equal(report.phases[0].label, 'step 1');
      assert.equal(report.phases[0].tokens, 100);
      const joules = report.energyKwh.gpu * 3.6e6;
      assert.ok(Math.abs(joules - 250 * report.durationS) < 0.02 * 250 * report.durationS, `${joules} J`);
      assert.equal(await tracking.stop(), report, 'stop is idempotent');
    } finally {
      process.env = saved;
      machine.stop();
    }
  });
});
