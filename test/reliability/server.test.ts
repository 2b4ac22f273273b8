/**
 * Server faults, against the real `empreinte serve` process: clients dropping live streams in the
 * middle of a backlog (no leak: the server's own timers and sockets return to their baseline,
 * read from its /metrics), 300 streams on one run, and a run that never ends with a long history
 * (each poll reads only what is new, so the server stays responsive).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/records.js';
import { openStore } from '../../src/store/index.js';
import { type ServeHandle, startServe } from '../e2e/_server.js';
import { scratch } from './_process.js';
import { createLiveRun, latencies, percentile, serverMetrics, sseClient, T0, tick } from './_server.js';
import { sleep, waitFor } from './_tracker.js';

const work = scratch('server-faults');
const db = join(work.dir, 'runs.db');
let store: Store;
let server: ServeHandle;
const figures: string[] = [];

// Node.js's standard metric names (prom-client's defaults, unprefixed, as stock dashboards expect).
const TIMEOUTS = 'nodejs_active_resources{type="Timeout"}';
const HANDLES = 'nodejs_active_handles{type="Socket"}'; // the scrape's own socket is always there
const CPU = 'process_cpu_seconds_total';

/** A metric the server always exposes: missing means the name changed, which must fail, not read 0. */
function need(metrics: Map<string, number>, name: string): number {
  const value = metrics.get(name);
  assert.ok(value !== undefined, `/metrics has no ${name}`);
  return value;
}
const stream = (id: string) => `${server.url}/api/v1/runs/${id}/stream`;

/** Writes `n` ticks of `runId` in one transaction (a long history, fast). */
async function backlog(runId: string, n: number): Promise<void> {
  const sqlite = (store as unknown as { sqlite: import('better-sqlite3').Database }).sqlite;
  sqlite.exec('BEGIN');
  for (let i = 0; i < n; i++) await store.appendSamples(tick(runId, i));
  sqlite.exec('COMMIT');
}

before(async () => {
  store = await openStore(db);
  server = await startServe({ db });
  // Open the server's store once, so that the baselines include it.
  assert.equal((await fetch(`${server.url}/api/v1/runs`)).status, 200);
});
after(async () => {
  await server?.stop();
  await store?.close();
  work.cleanup();
  process.stdout.write(`# server faults: ${figures.join('; ')}\n`);
});

describe('server: clients that go away', () => {
  it('drops of 40 streams in the middle of a 20,000-sample backlog leave no timer, socket or poll behind', {
    timeout: 90_000,
  }, async () => {
    await createLiveRun(store, 'dropped');
    await backlog('dropped', 10_000);
    const before = await serverMetrics(server.url);
    const clients = Array.from({ length: 40 }, () => sseClient(stream('dropped')));
    // Each has started receiving the backlog (several 5,000-sample events follow): drop it.
    await waitFor(
      () => clients.every((c) => c.events().some((e) => e.event === 'samples')),
      'the backlogs to start',
      30_000,
    );
    for (const c of clients) c.destroy();
    // At least two poll intervals (a pump that missed the abort would wake up and poll), and as
    // long as a busy server takes to finish writing what was in flight: a leak never goes away.
    await sleep(2500);
    let timers = 0;
    let sockets = 0;
    for (const deadline = Date.now() + 20_000; ; await sleep(250)) {
      const afterDrops = await serverMetrics(server.url);
      timers = (afterDrops.get(TIMEOUTS) ?? 0) - (before.get(TIMEOUTS) ?? 0);
      sockets = need(afterDrops, HANDLES) - need(before, HANDLES);
      if ((timers <= 1 && sockets <= 1) || Date.now() > deadline) break;
    }
    assert.ok(timers <= 1, `${timers} more timers than before the streams`);
    assert.ok(sockets <= 1, `${sockets} more sockets than before the streams`);
    // Nothing polls any more: the server is idle.
    const cpu0 = need(await serverMetrics(server.url), CPU);
    await sleep(2000);
    const idle = need(await serverMetrics(server.url), CPU) - cpu0;
    assert.ok(idle < 0.15, `${idle.toFixed(3)} s of CPU in 2 s after the clients left`);
    assert.equal((await fetch(`${server.url}/api/v1/runs/dropped`)).status, 200);
    assert.equal(server.process.exitCode, null, 'the server is still up');
    figures.push(
      `40 streams dropped mid-backlog: +${timers} timers, +${sockets} sockets, ${idle.toFixed(3)} s CPU idle over 2 s`,
    );
  });
});

describe('server: many clients and endless runs', () => {
  it('300 streams on one run all get every new tick and the end; the API answers meanwhile', {
    timeout: 90_000,
  }, async () => {
    await createLiveRun(store, 'crowd');
    await backlog('crowd', 10);
    const before = await serverMetrics(server.url);
    const clients = Array.from({ length: 300 }, () => sseClient(stream('crowd')));
    await waitFor(() => clients.every((c) => c.newest() >= T0 + 9000), 'every backlog', 30_000);
    const writer = (async () => {
      for (let i = 10; i < 15; i++) {
        await store.appendSamples(tick('crowd', i));
        await sleep(300);
      }
    })();
    const lat = await latencies(`${server.url}/api/v1/models`, 30);
    await writer;
    await waitFor(
      () => clients.every((c) => c.newest() >= T0 + 14_000),
      'every client to get every tick',
      20_000,
    );
    await store.finishHost('crowd', 'node-a', {
      endedAt: T0 + 15_000,
      status: 'completed',
      exitCode: 0,
      energyJ: { gpu: 1, cpu: 1, ram: 0 },
    });
    const ends = await Promise.all(
      clients.map((c) => Promise.race([c.ended, sleep(10_000).then(() => 'timeout')])),
    );
    assert.deepEqual([...new Set(ends)], ['end'], 'every stream ends with the run');
    const p99 = percentile(lat, 0.99);
    assert.ok(p99 < 1000, `GET /api/v1/models p99 ${p99.toFixed(0)} ms with 300 open streams`);
    await sleep(500);
    const afterAll = await serverMetrics(server.url);
    assert.ok((afterAll.get(TIMEOUTS) ?? 0) - (before.get(TIMEOUTS) ?? 0) <= 1, 'no timer left behind');
    figures.push(
      `300 streams on one run: all ticks and the end delivered; API p99 ${p99.toFixed(0)} ms meanwhile`,
    );
  });

  it('a run that never ends, 60,000 samples long: streams keep flowing, each poll reads only new samples', {
    timeout: 90_000,
  }, async () => {
    const n = 30_000;
    await createLiveRun(store, 'endless');
    await backlog('endless', n);
    // Twenty dashboards open on the live end of the run.
    const clients = Array.from({ length: 20 }, () => sseClient(stream('endless'), T0 + (n - 1) * 1000));
    const cpu0 = need(await serverMetrics(server.url), CPU);
    const start = performance.now();
    let i = n;
    const writer = (async () => {
      while (performance.now() - start < 5000) {
        await store.appendSamples(tick('endless', i++));
        await sleep(200);
      }
    })();
    const lat = await latencies(`${server.url}/api/v1/models`, 40);
    await writer;
    await waitFor(
      () => clients.every((c) => c.newest() >= T0 + (i - 1) * 1000),
      'the last tick to reach every client',
      10_000,
    );
    const cpu = (need(await serverMetrics(server.url), CPU) - cpu0) / ((performance.now() - start) / 1000);
    for (const c of clients) {
      assert.ok((c.events().find((e) => e.event === 'samples')?.count ?? 0) >= 3, JSON.stringify(c.events()));
      assert.equal(
        c.events().find((e) => e.event === 'end'),
        undefined,
        'the stream goes on',
      );
      c.destroy();
    }
    const p99 = percentile(lat, 0.99);
    // Re-reading 60,000 samples per client per second would take the whole CPU.
    assert.ok(cpu < 0.5, `server CPU ${(cpu * 100).toFixed(0)} % while streaming a long run to 20 clients`);
    assert.ok(p99 < 500, `GET /api/v1/models p99 ${p99.toFixed(0)} ms`);
    figures.push(
      `endless 60k-sample run, 20 streams: server CPU ${(cpu * 100).toFixed(0)} %, API p99 ${p99.toFixed(0)} ms`,
    );
  });
});
