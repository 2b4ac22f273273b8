/**
 * Helpers for the server fault and load tests: a run store holding a run that is still running
 * (owned by this test process, so the server does not recover it as interrupted), raw SSE
 * clients on their own connections, and the server's own Prometheus metrics.
 */
import { request } from 'node:http';
import { hostname } from 'node:os';
import { processStartTime } from '../../src/measure/process-identity.js';
import type { NewRun, NewRunHost, SampleBatch, Store } from '../../src/records.js';
import { TEST_SITE } from '../helpers/runs.js';

export const T0 = Date.UTC(2025, 0, 1, 12);

export async function createLiveRun(store: Store, id: string, host = 'node-a'): Promise<void> {
  const run: NewRun = {
    id,
    name: id,
    host,
    command: ['python', 'train.py'],
    startedAt: T0,
    ...TEST_SITE,
  };
  const hostRow = {
    runId: id,
    host,
    machine: hostname(),
    pid: process.pid,
    pidStart: processStartTime(process.pid),
    startedAt: T0,
    sources: { gpu: 'measured:nvml-counter', cpu: 'measured:rapl', ram: 'default:ram-w-per-gb' },
    devices: [
      { component: 'gpu', deviceIndex: 0, name: 'NVIDIA H100 80GB HBM3', source: 'measured:nvml-counter' },
    ],
    notes: [],
    system: {
      os: 'Linux',
      arch: 'x64',
      cpuModel: null,
      logicalCpus: 2,
      cpuPackages: 1,
      memTotalGiB: 8,
      nodeVersion: process.version,
      empreinteVersion: '0.1.0',
    },
  } as NewRunHost;
  await store.createRun(run, hostRow);
}

/** One tick of two channels (a GPU at `gpuPowerW`, a CPU at 50 W) at second `i` of the run. */
export function tick(runId: string, i: number, host = 'node-a', gpuPowerW = 300): SampleBatch {
  return {
    runId,
    host,
    t: T0 + i * 1000,
    intervalS: 1,
    count: 2,
    component: ['gpu', 'cpu'],
    deviceIndex: Int32Array.from([0, 0]),
    powerW: Float64Array.from([gpuPowerW, 50]),
    energyJ: Float64Array.from([gpuPowerW, 50]),
    source: ['measured:nvml-counter', 'measured:rapl'],
  };
}

export interface SseClient {
  /** Newest sample time received. */
  newest(): number;
  events(): { event: string; count: number }[];
  ended: Promise<'end' | 'closed' | 'error'>;
  /** Drops the connection as a browser tab closing would. */
  destroy(): void;
}

/** An SSE client on its own TCP connection (no pooling), parsing just enough of the stream. */
export function sseClient(url: string, lastEventId?: number): SseClient {
  let newest = Number.NEGATIVE_INFINITY;
  const seen = new Map<string, number>();
  let buffer = '';
  let resolveEnded: (v: 'end' | 'closed' | 'error') => void = () => {};
  const ended = new Promise<'end' | 'closed' | 'error'>((r) => {
    resolveEnded = r;
  });
  const req = request(url, {
    agent: false,
    headers: {
      accept: 'text/event-stream',
      ...(lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }),
    },
  });
  req.on('response', (res) => {
    if (res.statusCode !== 200) resolveEnded('error');
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        if (!event) continue;
        seen.set(event, (seen.get(event) ?? 0) + 1);
        const id = Number(/^id: (.*)$/m.exec(block)?.[1]);
        if (Number.isFinite(id)) newest = Math.max(newest, id);
        if (event === 'end') resolveEnded('end');
      }
    });
    res.on('close', () => resolveEnded('closed'));
    res.on('error', () => resolveEnded('error'));
  });
  req.on('error', () => resolveEnded('error'));
  req.end();
  return {
    newest: () => newest,
    events: () => [...seen].map(([event, count]) => ({ event, count })),
    ended,
    destroy: () => req.destroy(),
  };
}

/** The server's own metrics (`/metrics`), name{labels} -> value. */
export async function serverMetrics(
  baseUrl: string,
  headers: Record<string, string> = {},
): Promise<Map<string, number>> {
  const text = await (await fetch(`${baseUrl}/metrics`, { headers })).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

/** Latencies of `n` sequential GETs, ms, sorted. */
export async function latencies(url: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
    out.push(performance.now() - start);
  }
  return out.sort((a, b) => a - b);
}

export const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
