import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SampleBatch, Store } from '../records.js';
import { Tracker } from './tracker.js';
import type { Reading, Sampler } from './types.js';

/**
 * The tracker over an asynchronous backend (PostgreSQL): writes are in flight when the run stops;
 * `stop()` must wait for them, and retry those refused late, before the run is finished and read
 * back. A stand-in store answers each write after a delay, refusing the first ones.
 */
function gpuSampler(watts: number): Sampler {
  const reading: Reading[] = [{ energyJ: undefined, powerW: watts, source: 'measured:nvml-power' }];
  return {
    id: 'nvml',
    channels: [{ component: 'gpu', deviceIndex: 0, name: 'fake GPU', source: 'measured:nvml-power' }],
    read: () => reading,
    close() {},
  };
}

function slowStore(delayMs: number, refuseFirst: number) {
  const stored: SampleBatch[] = [];
  let calls = 0;
  const store = {
    dialect: 'postgres',
    location: 'postgres://slow',
    appendSamples(batch: SampleBatch) {
      const call = calls++;
      return new Promise<void>((resolve, reject) =>
        setTimeout(() => {
          if (call < refuseFirst) reject(new Error('connection reset'));
          else {
            stored.push(batch);
            resolve();
          }
        }, delayMs),
      );
    },
    addMark: async () => {},
  } as unknown as Store;
  return { store, stored };
}

describe('Tracker over an asynchronous store', () => {
  it('resolves stop() only once every write in flight has landed, refused ones retried', async () => {
    const { store, stored } = slowStore(150, 2);
    const warnings: string[] = [];
    const tracker = new Tracker({
      samplers: [gpuSampler(100)],
      intervalS: 0.05,
      runId: 'r',
      host: 'h',
      store,
      onWarning: (m) => warnings.push(m),
    });
    tracker.start();
    await new Promise((resolve) => setTimeout(resolve, 260));
    const result = await tracker.stop();
    assert.equal(result.lostSamples, 0);
    const storedJ = stored.reduce((s, b) => s + b.energyJ[0], 0);
    assert.ok(
      Math.abs(storedJ - result.energyJ.gpu) < 1e-9,
      `stored ${storedJ} J of ${result.energyJ.gpu} J when stop() resolved`,
    );
    assert.equal(new Set(stored.map((b) => b.t)).size, stored.length, 'no tick stored twice');
    assert.match(warnings.join('\n'), /cannot write samples to postgres:\/\/slow \(connection reset\)/);
  });
});
