import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../src/records.js';
import { openStore } from '../src/store/index.js';
import { type ServeHandle, startServe } from './e2e/_server.js';
import { createLiveRun, tick as liveTick, T0 } from './reliability/_server.js';

/**
 * The live stream of a run: a run is written into the store while a client listens; the client
 * receives the backlog, then each new tick, then the end.
 */
const dir = mkdtempSync(join(tmpdir(), 'empreinte-sse-'));
const db = join(dir, 'runs.db');
let server: ServeHandle;
let store: Store;
const t0 = T0;
const run = { id: 'sse-run-0001' };
/** Tick `i` of the streamed run, its GPU power rising by 1 W a second. */
const tick = (i: number) => liveTick(run.id, i, 'node-a', 300 + i);

interface Event {
  event: string;
  data: { samples?: { t: number; powerW: number; component: string }[]; status?: string };
}

/** Reads server-sent events until the stream closes; `onEvent` sees each as it arrives. */
async function readEvents(
  url: string,
  onEvent: (e: Event) => Promise<void> | void,
  signal?: AbortSignal,
): Promise<Event[]> {
  const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
  const events: Event[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!event || !data) continue;
      const e = { event, data: JSON.parse(data) };
      events.push(e);
      await onEvent(e);
    }
  }
  return events;
}

before(async () => {
  store = await openStore(db);
  await createLiveRun(store, run.id);
  await store.appendSamples(tick(0));
  await store.appendSamples(tick(1));
  server = await startServe({ db });
});
after(async () => {
  await server.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/v1/runs/:id/stream', () => {
  it('pushes the backlog, then the samples written while the client listens, then the end', async () => {
    let written = 2;
    const start = Date.now();
    const events = await readEvents(`${server.url}/api/v1/runs/${run.id}/stream`, async (e) => {
      // Each time the client has what was written so far, the tracker writes one more tick;
      // after four more, the run ends.
      if (e.event !== 'samples') return;
      const newest = Math.max(...e.data.samples!.map((s) => s.t));
      if (newest < t0 + (written - 1) * 1000) return;
      if (written < 6) {
        await store.appendSamples(tick(written++));
      } else {
        await store.finishHost(run.id, 'node-a', {
          endedAt: t0 + 6000,
          status: 'completed',
          exitCode: 0,
          energyJ: { gpu: 2000, cpu: 300, ram: 0 },
        });
      }
    });
    const batches = events.filter((e) => e.event === 'samples');
    assert.ok(batches.length >= 5, `${batches.length} sample events`);
    const samples = batches.flatMap((e) => e.data.samples!);
    // Every tick exactly once, in time order, both channels.
    assert.equal(samples.length, 2 * 6);
    const gpu = samples.filter((s) => s.component === 'gpu');
    assert.deepEqual(
      gpu.map((s) => s.t),
      [0, 1, 2, 3, 4, 5].map((i) => t0 + i * 1000),
    );
    assert.deepEqual(
      gpu.map((s) => s.powerW),
      [300, 301, 302, 303, 304, 305],
    );
    assert.equal(events[events.length - 1].event, 'end');
    assert.deepEqual(
      events.filter((e) => e.event === 'status').map((e) => e.data.status),
      ['running', 'completed'],
    );
    assert.ok(Date.now() - start < 30_000);
  });

  it('resumes after Last-Event-ID and ends at once for a finished run', async () => {
    const response = await fetch(`${server.url}/api/v1/runs/${run.id}/stream`, {
      headers: { 'last-event-id': String(t0 + 3000) },
    });
    const text = await response.text();
    const ts = [...text.matchAll(/"t":(\d+)/g)].map((m) => Number(m[1]));
    assert.deepEqual([...new Set(ts)], [t0 + 4000, t0 + 5000]);
    assert.match(text, /event: end/);
  });

  it('stops polling when the client goes away', async () => {
    const other = { id: 'sse-run-0002' };
    await createLiveRun(store, other.id);
    const abort = new AbortController();
    await readEvents(
      `${server.url}/api/v1/runs/${other.id}/stream`,
      (e) => {
        if (e.event === 'status') abort.abort();
      },
      abort.signal,
    ).catch((error: Error) => assert.equal(error.name, 'AbortError'));
    // The server is still healthy and lists both runs.
    const runs = await (await fetch(`${server.url}/api/v1/runs`)).json();
    assert.ok([run.id, other.id].every((id) => runs.some((r: { id: string }) => r.id === id)));
    const report = await (await fetch(`${server.url}/api/v1/runs/${run.id}`)).json();
    assert.equal(report.status, 'completed');
    assert.ok(report.energyKwh.total > 0);
  });

  it('adds the energy and CO2e of running runs to /metrics', async () => {
    const live = { id: 'sse-run-0003' };
    await createLiveRun(store, live.id);
    await store.appendSamples({ ...tick(0), runId: live.id });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    assert.match(
      text,
      /empreinte_energy_joules_total\{run_id="sse-run-0003",host="node-a",component="gpu"\} 300\n/,
    );
    // 350 J × PUE 1.2 × 50 g/kWh
    const co2e = /empreinte_co2e_grams_total\{run_id="sse-run-0003",host="node-a"\} ([\d.e-]+)/.exec(text);
    assert.ok(co2e, text);
    assert.ok(Math.abs(Number(co2e[1]) - (350 / 3.6e6) * 1.2 * 50) < 1e-9);
    assert.doesNotMatch(text, /run_id="sse-run-0001"/);
  });

  it('exports a run as the CLI does, and names a bad format', async () => {
    // 'sse-run-' is the prefix of both runs: ambiguous, so not found.
    assert.equal((await fetch(`${server.url}/api/v1/runs/sse-run-/export?format=json`)).status, 404);
    const csv = await fetch(`${server.url}/api/v1/runs/${run.id}/export?format=codecarbon-csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="emissions\.csv"/);
    const text = await csv.text();
    assert.match(text, /^timestamp,project_name,run_id/);
    assert.match(text, new RegExp(run.id));
    const card = await fetch(
      `${server.url}/api/v1/runs/${run.id}/export?format=hf-model-card&trainingType=fine-tuning`,
    );
    assert.equal(card.status, 200);
    assert.match(await card.text(), /co2_eq_emissions/);
    const bad = await fetch(`${server.url}/api/v1/runs/${run.id}/export?format=pdf`);
    assert.equal(bad.status, 400);
    assert.deepEqual((await bad.json()).error.issues[0].path, ['query', 'format']);
  });
});
