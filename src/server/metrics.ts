import type { Context, MiddlewareHandler } from 'hono';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of the server: requests by route and status, latency histograms and the
 * process metrics prom-client collects, under their standard `process_*` / `nodejs_*` names so
 * that stock Node.js dashboards find them. Each app has its own registry (several apps may live in
 * one process, in tests); other features add their metrics to `registry`.
 */
export interface ServerMetrics {
  registry: Registry;
  middleware: MiddlewareHandler;
  /** Counts a request answered, and its time since `start` (performance.now()); `middleware` calls it. */
  observe(c: Context, start: number): void;
  /** The same for a request answered without a context: its method, route pattern and status. */
  note(method: string, route: string, status: string, start: number): void;
}

/** Latency buckets, seconds: estimates answer in well under a millisecond, sweeps in seconds. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Label sets noted in batches (more are counted at once), and requests a batch holds. */
const MAX_BATCHED_LABEL_SETS = 256;
const BATCH = 256;

const DUPLICATE_TOTAL_GAUGES = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // prom-client also writes these three gauges under a `_total` name, which Prometheus reserves for
  // counters (promtool rejects it); the same values stay under nodejs_active_handles etc.
  for (const name of DUPLICATE_TOTAL_GAUGES) registry.removeSingleMetric(name);
  const labelNames = ['method', 'route', 'status'] as const;
  // Requests are noted per label set and handed to prom-client in batches, and always before a scrape
  // (`collect`): its calls hash and check the labels each time, which costs most per request, while
  // caches are cold, and least in a loop of a few hundred.
  const flushAll = () => {
    for (const batch of batches.values()) flush(batch);
  };
  const requests = new Counter({
    name: 'empreinte_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames,
    registers: [registry],
    collect: flushAll,
  });
  const duration = new Histogram({
    name: 'empreinte_http_request_duration_seconds',
    help: 'Time to the response headers, by method, route pattern and status',
    labelNames,
    buckets: BUCKETS,
    registers: [registry],
    collect: flushAll,
  });
  interface Batch {
    labels: { method: string; route: string; status: string };
    seconds: Float64Array;
    count: number;
  }
  const batches = new Map<string, Batch>();
  const flush = (batch: Batch) => {
    if (batch.count === 0) return;
    requests.inc(batch.labels, batch.count);
    for (let i = 0; i < batch.count; i++) duration.observe(batch.labels, batch.seconds[i]);
    batch.count = 0;
  };
  const observe = (c: Context, start: number) => {
    // The route pattern, never the raw path: run ids and typos must not create label values.
    const pattern = c.req.routePath;
    const route = !pattern || pattern === '*' || pattern.endsWith('/*') ? 'other' : pattern;
    note(c.req.method, route, String(c.res.status), start);
  };
  const note = (method: string, route: string, status: string, start: number) => {
    const seconds = (performance.now() - start) / 1000;
    const key = `${method} ${status} ${route}`;
    let batch = batches.get(key);
    if (batch === undefined) {
      const labels = { method, route, status };
      // Methods are the client's words: past a bound, label sets are counted at once.
      if (batches.size >= MAX_BATCHED_LABEL_SETS) {
        requests.inc(labels);
        duration.observe(labels, seconds);
        return;
      }
      batch = { labels, seconds: new Float64Array(BATCH), count: 0 };
      batches.set(key, batch);
    }
    batch.seconds[batch.count++] = seconds;
    if (batch.count === BATCH) flush(batch);
  };
  const middleware: MiddlewareHandler = async (c, next) => {
    const start = performance.now();
    await next();
    observe(c, start);
  };
  return { registry, middleware, observe, note };
}
