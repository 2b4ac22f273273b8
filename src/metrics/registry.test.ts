import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { PROMTOOL_BIN, requireBinary } from '../../test/helpers/prometheus.js';
import { BLANK_SYSTEM, TEST_SITE } from '../../test/helpers/runs.js';
import { fakeTracker } from '../../test/helpers/ticks.js';
import { openSqliteStore } from '../store/sqlite.js';
import { parseListen, serveMetrics } from './http.js';
import { createRunMetrics, METRIC_NAMES, observeTracker, registerStoredRunMetrics } from './registry.js';

const dir = mkdtempSync(join(tmpdir(), 'empreinte-metrics-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Value of one series in the text format, by metric name and label subset. */
function sampleValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const body = line.slice(name.length + 1, line.indexOf('}'));
    const got = Object.fromEntries([...body.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('run metrics for Prometheus', () => {
  const channels = [
    { component: 'gpu' as const, deviceIndex: 0 },
    { component: 'gpu' as const, deviceIndex: 1 },
    { component: 'cpu' as const, deviceIndex: 0 },
  ];

  it('adds each tick to the energy counters, sets the power gauges and counts CO2e with PUE × intensity', async () => {
    const metrics = createRunMetrics();
    const tracker = fakeTracker(channels);
    const stop = observeTracker(metrics, tracker.source, { runId: 'r1', host: 'node-a', gCo2ePerKwh: 360 });
    let text = await metrics.registry.metrics();
    assert.equal(
      sampleValue(text, METRIC_NAMES.energy, { run_id: 'r1', host: 'node-a', component: 'gpu', device: '1' }),
      0,
      'series exist from the start',
    );
    tracker.tick([300, 200, 50], 2);
    tracker.tick([100, 200, 50], 1);
    text = await metrics.registry.metrics();
    assert.equal(
      sampleValue(text, METRIC_NAMES.energy, { host: 'node-a', component: 'gpu', device: '0' }),
      700,
    );
    assert.equal(sampleValue(text, METRIC_NAMES.energy, { component: 'cpu', device: '0' }), 150);
    assert.equal(sampleValue(text, METRIC_NAMES.power, { component: 'gpu', device: '0' }), 100);
    // 1,450 J = 1450 / 3.6e6 kWh, × 360 g/kWh = 0.145 g
    assert.ok(
      Math.abs((sampleValue(text, METRIC_NAMES.co2e, { run_id: 'r1', host: 'node-a' }) ?? 0) - 0.145) < 1e-12,
    );
    stop();
    assert.equal(tracker.listeners, 0);
  });

  it('passes promtool check metrics (names, units, help, types)', async (t) => {
    requireBinary(PROMTOOL_BIN);
    const metrics = createRunMetrics();
    const tracker = fakeTracker(channels);
    observeTracker(metrics, tracker.source, { runId: 'r2', host: 'node-b', gCo2ePerKwh: 50 });
    tracker.tick([250, 250, 40]);
    const check = spawnSync(PROMTOOL_BIN, ['check', 'metrics'], {
      input: await metrics.registry.metrics(),
      encoding: 'utf8',
    });
    t.diagnostic(`promtool: ${check.stdout}${check.stderr}`.trim());
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.equal(`${check.stdout}${check.stderr}`.trim(), '', 'no lint remark');
  });

  it('serves GET /metrics on the port asked for, and only that', async () => {
    const metrics = createRunMetrics();
    observeTracker(metrics, fakeTracker(channels).source, { runId: 'r3', host: 'h', gCo2ePerKwh: 1 });
    const endpoint = await serveMetrics(metrics.registry, parseListen('127.0.0.1:0'));
    try {
      const ok = await fetch(endpoint.url);
      assert.equal(ok.status, 200);
      assert.match(ok.headers.get('content-type') ?? '', /text\/plain/);
      assert.match(await ok.text(), /empreinte_energy_joules_total\{run_id="r3"/);
      assert.equal((await fetch(endpoint.url.replace('/metrics', '/'))).status, 404);
      await assert.rejects(
        serveMetrics(metrics.registry, { host: '127.0.0.1', port: endpoint.port }),
        /--metrics-port: cannot listen/,
      );
    } finally {
      await endpoint.close();
    }
    assert.throws(() => parseListen('80a'), /--metrics-port: '80a' is not a port/);
    assert.deepEqual(parseListen('[::1]:9464'), { host: '::1', port: 9464 });
  });

  it('gives the server the energy and CO2e of the runs still running, from the store', async () => {
    const store = await openSqliteStore(join(dir, 'stored.db'));
    const host = (runId: string, name: string) => ({
      runId,
      host: name,
      machine: name,
      pid: process.pid,
      pidStart: null,
      startedAt: 0,
      sources: { gpu: 'measured:nvml-counter' as const, cpu: null, ram: null },
      devices: [],
      notes: [],
      system: BLANK_SYSTEM,
    });
    const run = (id: string) => ({
      id,
      name: null,
      host: 'a',
      command: ['x'],
      startedAt: 0,
      ...TEST_SITE,
    });
    const batch = (runId: string, h: string, j: number) => ({
      runId,
      host: h,
      t: 1000,
      intervalS: 1,
      count: 1,
      component: ['gpu' as const],
      deviceIndex: Int32Array.from([0]),
      powerW: Float64Array.from([j]),
      energyJ: Float64Array.from([j]),
      source: ['measured:nvml-counter'],
    });
    await store.createRun(run('live'), host('live', 'a'));
    await store.createRun(run('live'), host('live', 'b'));
    await store.appendSamples(batch('live', 'a', 3.6e6));
    await store.appendSamples(batch('live', 'b', 7.2e6));
    await store.createRun(run('done'), host('done', 'a'));
    await store.appendSamples(batch('done', 'a', 1e6));
    await store.finishHost('done', 'a', {
      endedAt: 2000,
      status: 'completed',
      exitCode: 0,
      energyJ: { gpu: 1e6, cpu: 0, ram: 0 },
    });
    const registry = new Registry();
    registerStoredRunMetrics(registry, async () => store);
    const text = await registry.metrics();
    assert.equal(
      sampleValue(text, METRIC_NAMES.energy, { run_id: 'live', host: 'b', component: 'gpu' }),
      7.2e6,
    );
    assert.equal(
      sampleValue(text, METRIC_NAMES.power, { run_id: 'live', host: 'b', component: 'gpu' }),
      7.2e6,
      'power of the latest stored interval',
    );
    assert.equal(
      sampleValue(text, METRIC_NAMES.co2e, { run_id: 'live', host: 'a' }),
      60,
      '1 kWh × 1.2 × 50 g/kWh',
    );
    assert.equal(
      sampleValue(text, METRIC_NAMES.energy, { run_id: 'done' }),
      undefined,
      'finished runs are left out',
    );
    await store.close();
  });
});
