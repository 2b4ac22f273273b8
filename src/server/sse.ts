import type { Context } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import type { RunStatus, Store } from '../store/types.js';

/**
 * Live samples of a run as server-sent events. The store is polled every `pollMs`: first the
 * backlog, then whatever was written since (per host, by sample time). Events:
 *   `samples` {samples: [{t, host, component, deviceIndex, powerW}]}  (t: epoch ms)
 *   `status`  {status, endedAt}                                         on every change
 *   `end`     {status}                                                  then the stream closes
 * The event id is the newest sample time, so a client that reconnects with Last-Event-ID gets
 * only what it missed. Polling stops as soon as the client goes away.
 */
export interface StreamOptions {
  pollMs: number;
  /** Comment line sent when nothing else was, to keep proxies from closing the connection. */
  heartbeatMs?: number;
}

const MAX_SAMPLES_PER_EVENT = 5_000;

export function streamRun(c: Context, store: Store, runId: string, options: StreamOptions): Response {
  const resumeFrom = Number(c.req.header('last-event-id'));
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    try {
      await pump(stream, store, runId, Number.isFinite(resumeFrom) ? resumeFrom : undefined, options);
    } catch (error) {
      // The client sees that the stream failed, not why (no internals); the operator does.
      console.error(`empreinte serve: stream of run ${runId}:`, error);
      await stream.writeSSE({ event: 'error', data: JSON.stringify({ code: 'internal' }) });
    }
  });
}

async function pump(
  stream: SSEStreamingApi,
  store: Store,
  runId: string,
  resumeFrom: number | undefined,
  options: StreamOptions,
): Promise<void> {
  let closed = false;
  stream.onAbort(() => {
    closed = true;
  });
  const lastT = new Map<string, number>();
  const since = resumeFrom ?? Number.NEGATIVE_INFINITY;
  let newest = since;
  let status: RunStatus | undefined;
  let quietMs = 0;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  while (!closed) {
    const run = await store.findRun(runId);
    if (!run) break;
    const fresh = await newSamples(store, run.id, lastT, since);
    for (let i = 0; i < fresh.length && !closed; i += MAX_SAMPLES_PER_EVENT) {
      const part = fresh.slice(i, i + MAX_SAMPLES_PER_EVENT);
      newest = Math.max(newest, part[part.length - 1].t);
      await stream.writeSSE({
        event: 'samples',
        id: String(newest),
        data: JSON.stringify({ samples: part }),
      });
      quietMs = 0;
    }
    if (run.status !== status) {
      status = run.status;
      const endedAt = run.endedAt === null ? null : new Date(run.endedAt).toISOString();
      await stream.writeSSE({ event: 'status', data: JSON.stringify({ status, endedAt }) });
      quietMs = 0;
    }
    if (run.status !== 'running') {
      await stream.writeSSE({ event: 'end', data: JSON.stringify({ status: run.status }) });
      break;
    }
    if (quietMs >= heartbeatMs) {
      await stream.write(': keep-alive\n\n');
      quietMs = 0;
    }
    await stream.sleep(options.pollMs);
    quietMs += options.pollMs;
  }
}

type Row = { t: number; host: string; component: string; deviceIndex: number; powerW: number };

/**
 * Samples newer than the last one sent for their host, as compact rows in time order. Each poll
 * reads only the new rows of each host (by the store's index): a run streamed for days costs
 * each poll what was written since the last, not the whole run again.
 */
async function newSamples(
  store: Store,
  runId: string,
  lastT: Map<string, number>,
  since: number,
): Promise<Row[]> {
  const out: Row[] = [];
  for (const { host } of await store.runHosts(runId)) {
    const from = lastT.get(host) ?? since;
    const rows = await store.samples(runId, {
      host,
      t: Number.isFinite(from) ? from : Number.MIN_SAFE_INTEGER,
    });
    for (const s of rows)
      out.push({
        t: s.t,
        host: s.host,
        component: s.component,
        deviceIndex: s.deviceIndex,
        powerW: s.powerW,
      });
    if (rows.length > 0) lastT.set(host, rows[rows.length - 1].t);
  }
  return out.sort((a, b) => a.t - b.t || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
}
