import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { blankHost, blankRun } from '../../test/helpers/runs.js';
import type { Store } from '../records.js';
import { openStore } from '../store/index.js';
import { createApp } from './app.js';

/** The run routes that read samples: the downsampled chart series and the samples CSV download. */
const dir = mkdtempSync(join(tmpdir(), 'empreinte-routes-'));
let store: Store;
const T0 = 1_767_225_600_000;
before(async () => {
  store = await openStore(join(dir, 'runs.db'));
  await store.createRun(
    blankRun('run-1', {
      startedAt: T0 - 1000,
      intensityGPerKwh: 50,
      intensitySource: 't',
      pue: 1,
      pueSource: 't',
    }),
    blankHost('run-1', {
      startedAt: T0 - 1000,
      sources: { gpu: 'measured:nvml-counter', cpu: null, ram: null },
    }),
  );
  for (let i = 0; i < 1000; i++) {
    const w = i < 500 ? 100 + (i % 10) : 300;
    await store.appendSamples({
      runId: 'run-1',
      host: 'h',
      t: T0 + i * 1000,
      intervalS: 1,
      count: 2,
      component: ['gpu', 'cpu'],
      deviceIndex: Int32Array.from([0, 0]),
      powerW: Float64Array.from([w, 20]),
      energyJ: Float64Array.from([w, 20]),
      source: ['measured:nvml-counter', 'measured:rapl'],
    });
  }
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
const app = () => createApp({ store: async () => store }).app;

describe('GET /runs/:id/series', () => {
  type Series = {
    t: number[];
    channels: { component: string; minW: number[]; maxW: number[]; meanW: number[] }[];
  };
  const series = async (buckets: number) => {
    const response = await app().request(`/api/v1/runs/run-1/series?buckets=${buckets}`);
    assert.equal(response.status, 200);
    return (await response.json()) as Series;
  };

  it('buckets narrower than a chunk: min, max and mean of the samples in each', async () => {
    const s = await series(100);
    assert.equal(s.t.length, 100);
    assert.equal(s.channels.length, 2);
    const gpu = s.channels.find((c) => c.component === 'gpu')!;
    // 10 s buckets: samples 490–499 are 100–109 W, 500–509 are 300 W.
    assert.deepEqual([gpu.minW[49], gpu.maxW[49], gpu.meanW[49]], [100, 109, 104.5]);
    assert.deepEqual([gpu.minW[50], gpu.maxW[50], gpu.meanW[50]], [300, 300, 300]);
    assert.deepEqual(s.channels.find((c) => c.component === 'cpu')!.meanW.slice(0, 3), [20, 20, 20]);
  });

  it('buckets wider than a chunk: read from chunk summaries, a straddling chunk counting in both buckets', async () => {
    const s = await series(4);
    assert.equal(s.t.length, 4);
    const gpu = s.channels.find((c) => c.component === 'gpu')!;
    // 250 s buckets; the chunk of samples 480–599 (100–109 W, then 300 W) straddles buckets 1 and 2.
    assert.deepEqual(gpu.minW, [100, 100, 100, 300]);
    assert.deepEqual(gpu.maxW, [109, 300, 300, 300]);
    assert.equal(gpu.meanW[0], 104.5);
    assert.equal(gpu.meanW[3], 300);
    const totalMean = gpu.meanW.reduce((sum, w) => sum + w, 0) / 4;
    assert.ok(Math.abs(totalMean - (104.5 + 300) / 2) < 1, `${totalMean}`);
  });

  it('refuses a bucket count out of range with a 400 naming buckets', async () => {
    for (const buckets of ['0', '4001', 'many']) {
      const response = await app().request(`/api/v1/runs/run-1/series?buckets=${buckets}`);
      assert.equal(response.status, 400);
      assert.match(((await response.json()) as { error: { message: string } }).error.message, /buckets/);
    }
  });
});

describe('GET /runs/:id/export?format=samples-csv', () => {
  it('streams one row a sample', async () => {
    const response = await app().request('/api/v1/runs/run-1/export?format=samples-csv');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-disposition') ?? '', /samples-run-1\.csv/);
    const lines = (await response.text()).trimEnd().split('\n');
    assert.equal(lines.length, 2001);
    assert.equal(lines[1], '2026-01-01T00:00:00.000Z,h,gpu,0,100,100,measured:nvml-counter');
    assert.equal(lines[2000], '2026-01-01T00:16:39.000Z,h,cpu,0,20,20,measured:rapl');
  });
});
