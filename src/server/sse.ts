import type { Context } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import type { RunStatus, Store } from '../records.js';

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
    for await (const part of newSamples(store, run.id, lastT, since)) {
      if (closed) break;
      newest = Math.max(newest, part[part.length - 1].t);
      // Awaited: a client that reads slowly holds this loop, not the server's memory.
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

/** One sample as the live stream sends it (`GET /runs/:id/stream`). */
export type StreamSample = {
  t: number;
  host: string;
  component: string;
  deviceIndex: number;
  powerW: number;
};

/**
 * Samples newer than the last one sent for their host, as compact rows in time order, a bounded
 * batch at a time. Each poll reads only what each host wrote since the last (the store reads
 * chunks after a time), up to the host's last complete tick when the poll began: a tick being
 * written meanwhile comes whole at the next poll.
 */
async function* newSamples(
  store: Store,
  runId: string,
  lastT: Map<string, number>,
  since: number,
): AsyncGenerator<StreamSample[]> {
  const upTo = new Map<string, number>();
  for (const total of await store.sampleTotals(runId))
    upTo.set(total.host, Math.max(upTo.get(total.host) ?? total.lastT, total.lastT));
  let after = Number.POSITIVE_INFINITY;
  let until = Number.NEGATIVE_INFINITY;
  const from = new Map<string, number>();
  for (const [host, last] of upTo) {
    const f = lastT.get(host) ?? since;
    from.set(host, f);
    if (last > f) {
      after = Math.min(after, f);
      until = Math.max(until, last);
    }
  }
  if (until === Number.NEGATIVE_INFINITY) return;
  const options = {
    after: Number.isFinite(after) ? after : Number.MIN_SAFE_INTEGER,
    until,
    batch: MAX_SAMPLES_PER_EVENT,
  };
  for await (const batch of store.readSamples(runId, options)) {
    const part: StreamSample[] = [];
    for (const s of batch) {
      if (s.t <= (from.get(s.host) ?? since) || s.t > (upTo.get(s.host) ?? until)) continue;
      part.push({
        t: s.t,
        host: s.host,
        component: s.component,
        deviceIndex: s.deviceIndex,
        powerW: s.powerW,
      });
    }
    if (part.length > 0) yield part;
  }
  for (const [host, last] of upTo) if (last > (from.get(host) ?? since)) lastT.set(host, last);
}
