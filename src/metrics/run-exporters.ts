import type { Message } from '../messages/index.js';
import { loadOptional, OTLP_PACKAGES } from '../optional.js';
import { type MetricsEndpoint, parseListen, serveMetrics } from './http.js';
import type { OtlpPush } from './otlp.js';
import { createRunMetrics, observeTracker, type RunLabels, type TickSource } from './registry.js';

/**
 * What `empreinte run --metrics-port N --otlp URL` starts: the scrape endpoint is bound before the
 * measured command starts (a busy port is a usage error, not a surprise an hour later), the
 * tracker is attached once it runs, and `close` pushes the last values and stops both.
 */
export interface RunExportOptions {
  /** `PORT` or `HOST:PORT` for the Prometheus endpoint. */
  metricsPort?: string;
  /** OTLP/HTTP collector URL. */
  otlp?: string;
  otlpIntervalMs?: number;
  /** A warning, in English, and as message data for a reader in another language. */
  onWarning?: (message: string, said?: Message) => void;
  version?: string;
}

export interface RunExporters {
  endpoint?: MetricsEndpoint;
  otlpUrl?: string;
  attach(session: RunLabels & { tracker: TickSource }): void;
  close(): Promise<void>;
}

export async function startRunExporters(options: RunExportOptions): Promise<RunExporters> {
  // OpenTelemetry is an optional peer: loaded only for --otlp, and named when it is missing.
  const otlp =
    options.otlp === undefined
      ? undefined
      : await loadOptional(() => import('./otlp.js'), {
          packages: OTLP_PACKAGES,
          field: 'otlp',
          feature: 'integrations.featureOtlp',
        });
  const otlpUrl = options.otlp === undefined ? undefined : otlp?.otlpMetricsUrl(options.otlp);
  const metrics = options.metricsPort === undefined ? undefined : createRunMetrics();
  const endpoint = metrics
    ? await serveMetrics(metrics.registry, parseListen(options.metricsPort!))
    : undefined;
  const detach: (() => void)[] = [];
  let push: OtlpPush | undefined;
  return {
    endpoint,
    otlpUrl,
    attach(session) {
      const run = { runId: session.runId, host: session.host, gCo2ePerKwh: session.gCo2ePerKwh };
      if (metrics) detach.push(observeTracker(metrics, session.tracker, run));
      if (otlpUrl && otlp) {
        push = otlp.startOtlpPush(session.tracker, run, {
          url: otlpUrl,
          intervalMs: options.otlpIntervalMs,
          onWarning: options.onWarning,
          version: options.version,
        });
      }
    },
    async close() {
      for (const stop of detach) stop();
      await push?.shutdown();
      await endpoint?.close();
    },
  };
}
