import { userError } from '../errors.js';
import { type Message, msg } from '../messages/index.js';
import { readBoundedText } from '../net/http.js';
import { fetchWithRetry, type RetryOptions } from '../net/retry.js';
import type { Component } from '../records.js';
import {
  type ChannelSpec,
  type PrometheusSourceId,
  type SeriesSpec,
  SOURCES,
  type SourceSpec,
} from './prometheus-sources.js';

/**
 * A run's energy from a Prometheus that already scrapes the cluster's power exporters, through its
 * HTTP API (`/api/v1/query_range`). The time range is cut into K equal windows; for each window
 * and each host (and GPU), energy is
 *   counter: increase(counter[window])          (resets and scrape gaps handled by Prometheus)
 *   gauge:   avg_over_time(power[window]) × window length   (integration of the power samples)
 * summed in PromQL per host and device (`sum by`, applied after `increase`, as counters require).
 * A counter is used where it exists; hosts it does not cover fall back on the power gauge.
 */
export interface PrometheusQueryOptions {
  /** Base URL of Prometheus (a path prefix is kept); user:password@ becomes basic auth. */
  url: string;
  fromMs: number;
  toMs: number;
  source: PrometheusSourceId;
  /** Node names; none: every host the exporter reports. */
  hosts?: readonly string[];
  /** Extra label matchers, e.g. `container_name="trainer"`. */
  match?: readonly string[];
  /** Overrides the source's host label (e.g. `instance`, `kubernetes_node`). */
  hostLabel?: string;
  /** Window length, s (default 60; raised so that no query asks for more than 10,000 points). */
  stepS?: number;
  /** Time limit of one query, ms (default 60 s); failed or "try again" queries are retried. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  fetch?: typeof fetch;
}

export interface ChannelEnergy {
  host: string;
  component: Component;
  deviceIndex: number;
  name: string | null;
  uuid: string | null;
  method: 'counter' | 'power';
  metric: string;
  /** Energy of each window that has data, J, keyed by the window's end (epoch ms). */
  windows: { t: number; energyJ: number }[];
  energyJ: number;
  /** Share of the windows with data. */
  coverage: number;
}

export interface PrometheusEnergy {
  source: SourceSpec;
  fromMs: number;
  toMs: number;
  stepMs: number;
  windowCount: number;
  channels: ChannelEnergy[];
  queries: string[];
  /** Channels with gaps or read from a power gauge, each note naming its host (`params.host`). */
  notes: Message[];
}

export const MAX_WINDOWS = 10_000;
export const DEFAULT_STEP_S = 60;

/** K equal windows covering [from, to], none longer than the step asked for. */
export function windowsFor(
  fromMs: number,
  toMs: number,
  stepS = DEFAULT_STEP_S,
): { count: number; stepMs: number } {
  const rangeMs = toMs - fromMs;
  const count = Math.min(MAX_WINDOWS, Math.max(1, Math.ceil(rangeMs / (stepS * 1000))));
  return { count, stepMs: rangeMs / count };
}

const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const regexEscape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const MATCHER = /^[A-Za-z_][A-Za-z0-9_]*\s*(=|!=|=~|!~)\s*"(?:[^"\\]|\\.)*"$/;

/** The labels naming a series' host, and whether their values carry a `:port`. */
export function hostLabelsOf(
  source: SourceSpec,
  series: SeriesSpec,
  override?: string,
): { labels: readonly string[]; hasPort: boolean } {
  if (override) return { labels: [override], hasPort: false };
  if (series.hostLabels) return { labels: series.hostLabels, hasPort: series.hostHasPort ?? false };
  return { labels: source.hostLabels, hasPort: source.hostHasPort ?? false };
}

/**
 * The PromQL of one channel for one method, with its host in `hostLabel`, e.g.
 * sum by (Hostname,gpu,...) (increase(M{...}[60000ms])). `requireHost` keeps only series that
 * have that label (when a source names hosts by one of several labels).
 */
export function channelQuery(
  source: SourceSpec,
  series: SeriesSpec,
  method: 'counter' | 'power',
  stepMs: number,
  options: Pick<PrometheusQueryOptions, 'hosts' | 'match'> & {
    hostLabel?: string;
    hostHasPort?: boolean;
    requireHost?: boolean;
  } = {},
): string {
  const hostLabel = options.hostLabel ?? series.hostLabels?.[0] ?? source.hostLabels[0];
  const hasPort = options.hostHasPort ?? hostLabelsOf(source, series).hasPort;
  const matchers = [...series.matchers, ...(options.match ?? [])];
  if (options.hosts && options.hosts.length > 0) {
    const alternatives = options.hosts.map(regexEscape).join('|');
    const pattern = hasPort ? `(${alternatives})(:[0-9]+)?` : `(${alternatives})`;
    matchers.push(`${hostLabel}=~${quote(pattern)}`);
  } else if (options.requireHost) matchers.push(`${hostLabel}!=""`);
  const by = [hostLabel, source.deviceLabel, source.nameLabel, source.uuidLabel].filter(Boolean).join(',');
  const selector = `${series.metric}{${matchers.join(',')}}`;
  const range = `[${Math.round(stepMs)}ms]`;
  const inner = method === 'counter' ? `increase(${selector}${range})` : `avg_over_time(${selector}${range})`;
  return `sum by (${by}) (${inner})`;
}

interface MatrixSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

export async function energyFromPrometheus(options: PrometheusQueryOptions): Promise<PrometheusEnergy> {
  const source = SOURCES[options.source];
  for (const m of options.match ?? []) {
    if (!MATCHER.test(m)) {
      throw userError('invalid_value', 'match', 'integrations.matcher', {
        value: m,
        accepted: msg('integrations.matcherAccepted'),
      });
    }
  }
  const { count, stepMs } = windowsFor(options.fromMs, options.toMs, options.stepS);
  const client = prometheusClient(options);
  const queries: string[] = [];
  const channels: ChannelEnergy[] = [];
  const notes: Message[] = [];
  const shownLabels = new Set<string>();

  for (const spec of source.channels) {
    const covered = new Set<string>();
    const attempts = [
      ...(spec.counters ?? []).map((series) => ({ method: 'counter' as const, series })),
      ...(spec.power ? [{ method: 'power' as const, series: spec.power }] : []),
    ];
    for (const { method, series } of attempts) {
      const { labels, hasPort } = hostLabelsOf(source, series, options.hostLabel);
      const found: string[] = [];
      for (const hostLabel of labels) {
        shownLabels.add(hostLabel);
        const query = channelQuery(source, series, method, stepMs, {
          ...options,
          hostLabel,
          hostHasPort: hasPort,
          requireHost: labels.length > 1,
        });
        queries.push(query);
        const result = await client.queryRange(query, options.fromMs + stepMs, options.toMs, stepMs);
        const hostOf = (metric: Record<string, string>) => {
          const value = metric[hostLabel] ?? '';
          return hasPort ? value.replace(/:\d+$/, '') : value;
        };
        const starts =
          method === 'power'
            ? await firstSamples(client, series, result, hostLabel, stepMs, source, options.match)
            : undefined;
        for (const s of result) {
          const host = hostOf(s.metric);
          if (covered.has(host)) continue;
          channels.push(
            toChannel(
              source,
              spec,
              series,
              method,
              s,
              host,
              stepMs,
              count,
              channels,
              [options.fromMs, options.toMs],
              starts?.get(s),
            ),
          );
          found.push(host);
        }
      }
      for (const host of found) covered.add(host);
    }
  }

  const missing = missingSeries(source, options, channels, shownLabels);
  if (missing) throw missing;
  notes.push(...channelNotes(channels));
  return {
    source,
    fromMs: options.fromMs,
    toMs: options.toMs,
    stepMs,
    windowCount: count,
    channels,
    queries,
    notes,
  };
}

/** The error when no series, or none for a host asked for, was found: which metrics, which hosts, where. */
function missingSeries(
  source: SourceSpec,
  options: PrometheusQueryOptions,
  channels: readonly ChannelEnergy[],
  shownLabels: ReadonlySet<string>,
): Error | undefined {
  const hostsFound = [...new Set(channels.map((c) => c.host))].sort();
  const missing = (options.hosts ?? []).filter((h) => !hostsFound.includes(h));
  const range = msg('integrations.range', {
    from: new Date(options.fromMs).toISOString(),
    to: new Date(options.toMs).toISOString(),
  });
  if (channels.length > 0 && missing.length === 0) return undefined;
  const metrics = source.channels
    .flatMap((c) => [...(c.counters ?? []), c.power].map((x) => x?.metric))
    .filter(Boolean);
  const hostLabel = [...shownLabels].join(' or ');
  const either =
    metrics.length > 1
      ? msg('integrations.either', { first: metrics.slice(0, -1).join(', '), last: metrics.at(-1) })
      : metrics.join('');
  return missing.length > 0
    ? userError('missing', 'hosts', 'integrations.noHostSeries', {
        metrics: either,
        hosts: missing.join(', '),
        range,
        found: hostsFound.join(', ') || msg('integrations.none'),
        value: missing.join(','),
        accepted: msg('integrations.noHostSeriesAccepted', {
          label: hostLabel,
          found: hostsFound.length > 0 ? `: ${hostsFound.join(', ')}` : '',
        }),
      })
    : userError('missing', 'source', 'integrations.noSourceSeries', {
        metrics: either,
        url: redactUrl(options.url),
        range,
        value: source.id,
        accepted: msg('integrations.noSourceSeriesAccepted', { sources: Object.keys(SOURCES).join(', ') }),
      });
}

/** Notes on channels with gaps, and on GPUs measured by an integrated power gauge. */
function channelNotes(channels: readonly ChannelEnergy[]): Message[] {
  const notes: Message[] = [];
  for (const c of channels) {
    if (c.coverage < 0.9) {
      const channel = c.deviceIndex ? `${c.component} ${c.deviceIndex}` : c.component;
      notes.push(msg('integrations.coverage', { host: c.host, channel, pct: Math.round(c.coverage * 100) }));
    }
    if (c.method === 'power' && c.component === 'gpu')
      notes.push(msg('integrations.powerGauge', { host: c.host, device: c.deviceIndex }));
  }
  return notes;
}

function toChannel(
  source: SourceSpec,
  spec: ChannelSpec,
  series: SeriesSpec,
  method: 'counter' | 'power',
  s: MatrixSeries,
  host: string,
  stepMs: number,
  windowCount: number,
  previous: readonly ChannelEnergy[],
  [fromMs, toMs]: [number, number],
  firstSampleMs?: number,
): ChannelEnergy {
  const perValue = method === 'counter' ? series.scale : series.scale * (stepMs / 1000);
  const windows: { t: number; energyJ: number }[] = [];
  let energyJ = 0;
  for (const [seconds, text] of s.values) {
    const value = Number(text);
    const t = Math.round(seconds * 1000);
    // A gauge's first sample inside a window: the power is known from that sample on, not before.
    const known =
      firstSampleMs !== undefined && firstSampleMs > t - stepMs && firstSampleMs <= t
        ? (t - firstSampleMs) / stepMs
        : 1;
    const joules = Math.max(0, value) * perValue * known;
    // NaN and ±Inf are real Prometheus values (a reset, a division by zero): no data. A point
    // outside the range asked for is not this run's.
    if (!Number.isFinite(joules) || !Number.isFinite(energyJ + joules) || !(t > fromMs && t <= toMs))
      continue;
    windows.push({ t, energyJ: joules });
    energyJ += joules;
  }
  const label = source.deviceLabel ? s.metric[source.deviceLabel] : undefined;
  const sameHost = previous.filter((c) => c.host === host && c.component === spec.component).length;
  return {
    host,
    component: spec.component,
    // A device number that fits the store's 32-bit column; anything else (a 400-digit label) is numbered in order.
    deviceIndex: label !== undefined && /^\d{1,9}$/.test(label) ? Number(label) : sameHost,
    name: (source.nameLabel && s.metric[source.nameLabel]) || null,
    uuid: (source.uuidLabel && s.metric[source.uuidLabel]) || null,
    method,
    metric: series.metric,
    windows,
    energyJ,
    coverage: Math.min(1, windows.length / windowCount),
  };
}

/**
 * For power gauges: the time of the first raw sample of each series, where that sample falls
 * inside its first window with data (an exporter started during the run), so that the window
 * counts only the time after it. Samples up to 5 minutes (Prometheus' staleness) before the
 * window mean the power was known from its start.
 */
async function firstSamples(
  client: ReturnType<typeof prometheusClient>,
  series: SeriesSpec,
  result: MatrixSeries[],
  hostLabel: string,
  stepMs: number,
  source: SourceSpec,
  match: readonly string[] | undefined,
): Promise<Map<MatrixSeries, number>> {
  const out = new Map<MatrixSeries, number>();
  const firstWindow = (s: MatrixSeries) => s.values.find(([, v]) => Number.isFinite(Number(v)))?.[0];
  for (const t of new Set(result.map(firstWindow).filter((t) => t !== undefined))) {
    const atMs = Math.round(t * 1000);
    const matchers = [...series.matchers, ...(match ?? []), `${hostLabel}!=""`];
    const raw = await client.query(
      `${series.metric}{${matchers.join(',')}}[${Math.round(stepMs + 300_000)}ms]`,
      atMs,
    );
    const keys = [hostLabel, source.deviceLabel, source.nameLabel, source.uuidLabel].filter(
      (k): k is string => Boolean(k),
    );
    for (const s of result) {
      if (firstWindow(s) !== t) continue;
      let first = Number.POSITIVE_INFINITY;
      for (const r of raw) {
        if (!keys.every((k) => (r.metric[k] ?? '') === (s.metric[k] ?? ''))) continue;
        for (const [seconds] of r.values) first = Math.min(first, seconds * 1000);
      }
      if (first > atMs - stepMs && first <= atMs) out.set(s, first);
    }
  }
  return out;
}

export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}

/** The one call this module makes: GET /api/v1/query_range, with the Prometheus error surfaced. */
function prometheusClient(options: PrometheusQueryOptions) {
  let base: URL;
  try {
    base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw userError('invalid_value', 'url', 'integrations.notHttpUrl', {
      value: options.url,
      accepted: msg('integrations.prometheusUrl'),
    });
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (base.username || base.password) {
    headers.Authorization = `Basic ${Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString('base64')}`;
    base.username = '';
    base.password = '';
  }
  const shown = redactUrl(options.url);
  const matrix = async (
    path: string,
    query: string,
    params: Record<string, string>,
  ): Promise<MatrixSeries[]> => {
    const url = new URL(path, base);
    url.search = new URLSearchParams({ query, ...params }).toString();
    let response: Response;
    try {
      response = await fetchWithRetry(
        url,
        { headers },
        { timeoutMs: options.timeoutMs ?? 60_000, fetch: options.fetch, ...options.retry },
      );
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw userError('invalid_value', 'url', 'integrations.unreachable', {
        value: shown,
        cause,
        accepted: msg('integrations.reachableUrl'),
      });
    }
    const text = await readBoundedText(response, MAX_ANSWER_BYTES);
    if (text === undefined) {
      throw userError('invalid_value', 'url', 'integrations.tooLarge', {
        value: shown,
        bytes: MAX_ANSWER_BYTES,
        query,
        accepted: msg('integrations.tooLargeAccepted'),
      });
    }
    const body = parseOrUndefined(text) as
      | {
          status: string;
          data?: { resultType: string; result: MatrixSeries[] };
          error?: string;
          errorType?: string;
        }
      | undefined;
    if (!response.ok || body?.status !== 'success' || body.data?.resultType !== 'matrix') {
      const why = body?.error ? `${body.errorType}: ${body.error}` : `HTTP ${response.status}`;
      throw userError('invalid_value', 'url', 'integrations.answered', {
        value: shown,
        why,
        query,
        accepted: msg('integrations.apiAccepted'),
      });
    }
    const result: unknown = body.data.result;
    if (!Array.isArray(result) || !result.every(isMatrixSeries)) {
      throw userError('invalid_value', 'url', 'integrations.malformed', {
        value: shown,
        query,
        accepted: msg('integrations.apiAccepted'),
      });
    }
    return result;
  };
  return {
    queryRange: (query: string, startMs: number, endMs: number, stepMs: number) =>
      matrix('api/v1/query_range', query, {
        start: (startMs / 1000).toFixed(3),
        end: (endMs / 1000).toFixed(3),
        step: (stepMs / 1000).toFixed(3),
      }),
    /** An instant query of a range selector: the raw samples. */
    query: (query: string, atMs: number) => matrix('api/v1/query', query, { time: (atMs / 1000).toFixed(3) }),
  };
}

/** Largest answer read: 10,000 windows of 100 hosts of 8 GPUs is about 30 MB. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The shape `toChannel` reads: labels as strings, values as [seconds, "number"] pairs. */
function isMatrixSeries(s: unknown): s is MatrixSeries {
  if (typeof s !== 'object' || s === null) return false;
  const { metric, values } = s as { metric?: unknown; values?: unknown };
  return (
    typeof metric === 'object' &&
    metric !== null &&
    !Array.isArray(metric) &&
    Object.values(metric).every((v) => typeof v === 'string') &&
    Array.isArray(values) &&
    values.every(
      (v) => Array.isArray(v) && v.length === 2 && Number.isFinite(v[0]) && typeof v[1] === 'string',
    )
  );
}
