import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { J_PER_KWH } from '../engine/units.js';
import { userError } from '../errors.js';
import { type Message, msg, render } from '../messages/index.js';
import type { RunLabels, TickSource } from './registry.js';

/**
 * Optional push of the run metrics to an OpenTelemetry collector over OTLP/HTTP (JSON body), for
 * sites without Prometheus: the same three figures and attributes as the Prometheus endpoint
 * (`run_id`, `host`, `component`, `device`), as instruments `empreinte.power` (gauge, W),
 * `empreinte.energy` (monotonic sum, J) and `empreinte.co2e` (monotonic sum, g), cumulative
 * temporality. The last values are pushed when the run ends.
 */
export interface OtlpPush {
  /** The endpoint metrics are posted to. */
  url: string;
  /** Pushes the last values, then stops. */
  shutdown(): Promise<void>;
}

export interface OtlpOptions {
  /** Collector URL; a bare origin gets the standard path `/v1/metrics`. */
  url: string;
  /** Push period, ms (default 10 s). */
  intervalMs?: number;
  /** Time one push may take, retries included, ms (default 5 s): the end of a run waits for the last one. */
  timeoutMs?: number;
  /** Called once when a push fails (collector down): the run itself goes on. */
  /** A warning, in English, and as message data for a reader in another language. */
  onWarning?: (message: string, said?: Message) => void;
  version?: string;
}

export function otlpMetricsUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw userError('invalid_value', 'otlp', 'metrics.otlpUrl', {
      value: text,
      accepted: msg('metrics.otlpAccepted'),
    });
  }
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/v1/metrics';
  return url.toString();
}

export function startOtlpPush(tracker: TickSource, run: RunLabels, options: OtlpOptions): OtlpPush {
  const url = otlpMetricsUrl(options.url);
  const interval = options.intervalMs ?? 10_000;
  const timeout = options.timeoutMs ?? 5_000;
  const n = tracker.channels.length;
  const energyJ = new Float64Array(n);
  const powerW = new Float64Array(n);
  let co2eG = 0;
  const stop = tracker.onTick((tick) => {
    let joules = 0;
    for (let i = 0; i < n; i++) {
      const j = Math.max(0, tick.intervalJ[i]);
      energyJ[i] += j;
      powerW[i] = tick.powerW[i];
      joules += j;
    }
    co2eG += (joules / J_PER_KWH) * run.gCo2ePerKwh;
  });
  const attributes = tracker.channels.map((c) => ({
    run_id: run.runId,
    host: run.host,
    component: c.component,
    device: String(c.deviceIndex),
  }));

  const provider = new MeterProvider({
    resource: resourceFromAttributes({
      'service.name': 'empreinte',
      'service.version': options.version ?? '0',
      'host.name': run.host,
    }),
    readers: [
      new PeriodicExportingMetricReader({
        exporter: warnOnFailure(
          new OTLPMetricExporter({ url, timeoutMillis: timeout }),
          url,
          options.onWarning,
        ),
        exportIntervalMillis: interval,
        exportTimeoutMillis: Math.min(timeout, interval),
      }),
    ],
  });
  const meter = provider.getMeter('empreinte', options.version);
  meter
    .createObservableGauge('empreinte.power', {
      unit: 'W',
      description: 'Average power of one device over the last sampling interval',
    })
    .addCallback((result) => {
      for (let i = 0; i < n; i++) result.observe(powerW[i], attributes[i]);
    });
  meter
    .createObservableCounter('empreinte.energy', {
      unit: 'J',
      description: 'Energy used by one device since the run started (before PUE)',
    })
    .addCallback((result) => {
      for (let i = 0; i < n; i++) result.observe(energyJ[i], attributes[i]);
    });
  meter
    .createObservableCounter('empreinte.co2e', {
      unit: 'g',
      description: 'CO2e since the run started (energy × PUE × grid intensity)',
    })
    .addCallback((result) => result.observe(co2eG, { run_id: run.runId, host: run.host }));

  return {
    url,
    async shutdown() {
      stop();
      await provider.shutdown();
    },
  };
}

/** The SDK swallows export errors; say once that the collector cannot be reached. */
function warnOnFailure(
  inner: PushMetricExporter,
  url: string,
  onWarning?: (message: string, said?: Message) => void,
): PushMetricExporter {
  let warned = false;
  return {
    export(metrics, done: Parameters<PushMetricExporter['export']>[1]) {
      inner.export(metrics, (result) => {
        if (result.code !== 0 && !warned) {
          warned = true;
          const cause = result.error?.message ?? msg('metrics.exportFailed');
          const said = msg('metrics.pushFailed', { url, cause });
          onWarning?.(render(said, 'en', 'flag'), said);
        }
        done(result);
      });
    },
    forceFlush: () => inner.forceFlush(),
    shutdown: () => inner.shutdown(),
    selectAggregationTemporality: inner.selectAggregationTemporality?.bind(inner),
    selectAggregation: inner.selectAggregation?.bind(inner),
  };
}
