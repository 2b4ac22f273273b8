/**
 * The API load used by the load test and `bench/load.bench.ts`: autocannon on loopback at a fixed
 * overall rate, each connection cycling through a mix of what the dashboard and scripts ask
 * (estimates answered from the cache, estimates computed afresh, catalog lists, runs).
 */
import { createRequire } from 'node:module';
import { serverMetrics } from './_server.js';

/** The part of autocannon's result used here (the package ships no types). */
export interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

type Request = {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (r: Request) => Request;
};

const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: Record<string, unknown>,
) => Promise<LoadResult>;

const JSON_HEADERS = { 'content-type': 'application/json' };
const BODY = { params: '7B', tokens: '2T', hardware: 'h100', chips: 64 };

/** One cycle of the mix: ten requests, one of which runs a fresh 10,000-draw Monte Carlo. */
function mix(): Request[] {
  let seed = 0;
  const cached = {
    method: 'POST',
    path: '/api/v1/estimate/training',
    headers: JSON_HEADERS,
    body: JSON.stringify(BODY),
  };
  return [
    cached,
    { path: '/api/v1/hardware' },
    cached,
    {
      method: 'POST',
      path: '/api/v1/estimate/inference',
      headers: JSON_HEADERS,
      body: JSON.stringify({ model: 'llama-2-7b', hardware: 'a100-80gb' }),
    },
    cached,
    { path: '/api/v1/runs' },
    cached,
    { path: '/api/v1/models' },
    {
      method: 'POST',
      path: '/api/v1/estimate/training',
      headers: JSON_HEADERS,
      setupRequest: (r) => ({ ...r, body: JSON.stringify({ ...BODY, seed: seed++ }) }),
    },
    { path: '/openapi.json' },
  ];
}

export interface LoadOptions {
  /** Requests per second, all connections together; none: as fast as the server answers. */
  rate?: number;
  durationS: number;
  connections?: number;
}

export async function runLoad(baseUrl: string, options: LoadOptions): Promise<LoadResult> {
  return autocannon({
    url: baseUrl,
    connections: options.connections ?? 16,
    ...(options.rate === undefined ? {} : { overallRate: options.rate }),
    duration: options.durationS,
    requests: mix(),
  });
}

/** Errors of any kind: socket errors, timeouts and answers other than 2xx. */
export const failures = (r: LoadResult) => r.errors + r.timeouts + r.non2xx;

/** The server's resident memory, bytes, as it reports it on /metrics. */
export async function serverRss(baseUrl: string): Promise<number> {
  return (await serverMetrics(baseUrl)).get('process_resident_memory_bytes') ?? Number.NaN;
}
