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
}

/** Latency buckets, seconds: estimates answer in well under a millisecond, sweeps in seconds. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const MAX_KEPT_LABEL_SETS = 1024;

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
  const requests = new Counter({
    name: 'empreinte_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'empreinte_http_request_duration_seconds',
    help: 'Time to the response headers, by method, route pattern and status',
    labelNames,
    buckets: BUCKETS,
    registers: [registry],
  });
  // Each label set's counter and histogram, found once: prom-client hashes the labels on every call.
  const children = new Map<string, { count: { inc(): void }; time: { observe(v: number): void } }>();
  const observe = (c: Context, start: number) => {
    // The route pattern, never the raw path: run ids and typos must not create label values.
    const pattern = c.req.routePath;
    const route = !pattern || pattern === '*' || pattern.endsWith('/*') ? 'other' : pattern;
    const method = c.req.method;
    const status = String(c.res.status);
    const key = `${method} ${status} ${route}`;
    let child = children.get(key);
    if (child === undefined) {
      const labels = { method, route, status };
      child = { count: requests.labels(labels), time: duration.labels(labels) };
      // Methods are the client's words: past a bound, label sets are counted without being kept.
      if (children.size < MAX_KEPT_LABEL_SETS) children.set(key, child);
    }
    child.count.inc();
    child.time.observe((performance.now() - start) / 1000);
  };
  const middleware: MiddlewareHandler = async (c, next) => {
    const start = performance.now();
    await next();
    observe(c, start);
  };
  return { registry, middleware, observe };
}
