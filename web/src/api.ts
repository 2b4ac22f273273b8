/** The dashboard's only way to the server: JSON over /api/v1, with the bearer token if one is set. */
import type { ApiIssue } from '../../src/api-types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'empreinte.token';
const BASE = new URL('./api/v1/', document.baseURI);

export function setToken(token: string): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

function headers(json: boolean): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json' };
  if (json) h['Content-Type'] = 'application/json';
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) h.Authorization = `Bearer ${token}`;
  return h;
}

export function apiUrl(path: string, query: Record<string, string> = {}): string {
  const url = new URL(path.replace(/^\//, ''), BASE);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url.toString();
}

async function fail(response: Response): Promise<never> {
  let body: { error?: { code?: string; message?: string; issues?: ApiIssue[] } } = {};
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's page): keep the status.
  }
  throw new ApiError(
    response.status,
    body.error?.code ?? 'http_error',
    body.error?.message ?? `HTTP ${response.status}`,
    body.error?.issues ?? [],
  );
}

export async function get<T>(
  path: string,
  query: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(apiUrl(path, query), { headers: headers(false), signal });
  if (!response.ok) return fail(response);
  return (await response.json()) as T;
}

export async function post<T>(
  path: string,
  body: unknown,
  query: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<T> {
  const response = await fetch(apiUrl(path, query), {
    method: 'POST',
    headers: headers(true),
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) return fail(response);
  return (await response.json()) as T;
}

/** Downloads a file the API produces (exports), keeping the server's file name. */
export async function download(
  path: string,
  query: Record<string, string>,
  fallbackName: string,
): Promise<void> {
  const response = await fetch(apiUrl(path, query), { headers: headers(false) });
  if (!response.ok) return fail(response);
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Server-sent events read with fetch (EventSource cannot send the Authorization header).
 * Calls `onEvent(name, data)` per event until the stream ends or `signal` aborts. `lastEventId`
 * resumes after that event (as a reconnecting EventSource does), skipping what came before.
 */
export async function stream(
  path: string,
  onEvent: (event: string, data: unknown) => void,
  signal: AbortSignal,
  lastEventId?: string,
): Promise<void> {
  const h: Record<string, string> = { ...headers(false), Accept: 'text/event-stream' };
  if (lastEventId !== undefined) h['Last-Event-ID'] = lastEventId;
  const response = await fetch(apiUrl(path), { headers: h, signal });
  if (!response.ok || !response.body) return fail(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length > 0) onEvent(event, JSON.parse(data.join('\n')));
      end = buffer.indexOf('\n\n');
    }
  }
}
