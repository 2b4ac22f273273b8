import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PROMTOOL_BIN, requireBinary } from '../../test/helpers/prometheus.js';
import { fakeTracker } from '../../test/helpers/ticks.js';
import { createLiveRun, tick } from '../../test/reliability/_server.js';
import { createApp } from '../server/app.js';
import { openSqliteStore } from '../store/sqlite.js';
import { parseListen, serveMetrics } from './http.js';
import { createRunMetrics, METRIC_NAMES, observeTracker } from './registry.js';

const dir = mkdtempSync(join(tmpdir(), 'empreinte-promtool-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** promtool's lint of one scrape: exit 0 and no remark at all. */
function promtoolCheck(text: string): void {
  requireBinary(PROMTOOL_BIN);
  const check = spawnSync(PROMTOOL_BIN, ['check', 'metrics'], { input: text, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.equal(`${check.stdout}${check.stderr}`.trim(), '', 'no lint remark');
}

const types = (text: string) => new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));

describe('every /metrics endpoint passes promtool check metrics', () => {
  it("the server's /metrics, with a run still running in the store", async () => {
    const store = await openSqliteStore(join(dir, 'runs.db'));
    await createLiveRun(store, 'live', 'a');
    await store.appendSamples(tick('live', 1, 'a', 610));
    const { app } = createApp({ store: async () => store });
    await app.request('/api/v1/models');
    const response = await app.request('/metrics');
    assert.equal(response.status, 200);
    const text = await response.text();
    await store.close();
    promtoolCheck(text);
    const names = types(text);
    for (const name of [
      METRIC_NAMES.power,
      METRIC_NAMES.energy,
      METRIC_NAMES.co2e,
      'empreinte_http_requests_total',
      // The standard names stock Node.js dashboards query, without our prefix.
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ])
      assert.ok(names.has(name), name);
    assert.ok(
      ![...names].some((n) => n.startsWith('empreinte_process_') || n.startsWith('empreinte_nodejs_')),
    );
    assert.match(text, /^empreinte_power_watts\{run_id="live",host="a",component="gpu"\} 610$/m);
  });

  it("the tracker's --metrics-port endpoint, after a few ticks", async () => {
    const metrics = createRunMetrics();
    const tracker = fakeTracker([
      { component: 'gpu', deviceIndex: 0 },
      { component: 'cpu', deviceIndex: 0 },
      { component: 'ram', deviceIndex: 0 },
    ]);
    observeTracker(metrics, tracker.source, { runId: 'r', host: 'h', gCo2ePerKwh: 60 });
    tracker.tick([400, 80, 10]);
    tracker.tick([420, 85, 10], 0.5);
    const endpoint = await serveMetrics(metrics.registry, parseListen('127.0.0.1:0'));
    try {
      const text = await (await fetch(endpoint.url)).text();
      promtoolCheck(text);
      const names = types(text);
      for (const name of Object.values(METRIC_NAMES)) assert.ok(names.has(name), name);
    } finally {
      await endpoint.close();
    }
  });
});
