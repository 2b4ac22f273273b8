import { userError } from '../../errors.js';
import { type Message, msg } from '../../messages/index.js';
import { readBoundedText } from '../../net/http.js';
import { fetchWithRetry, type RetryOptions } from '../../net/retry.js';

/**
 * The one network call of the grid connectors: GET a JSON document with a timeout per try and
 * retries with backoff on connection failures and "try again" answers (retry.ts), turning every
 * failure into a one-line user error (exit 2) that names the provider, the cause and the fix.
 * URLs shown in messages never carry credentials (keys travel in headers only).
 */
export type Provider = 'ukci' | 'electricitymaps' | 'watttime';

export const BASE_URL_ENV: Record<Provider, string> = {
  ukci: 'EMPREINTE_UKCI_URL',
  electricitymaps: 'EMPREINTE_ELECTRICITYMAPS_URL',
  watttime: 'EMPREINTE_WATTTIME_URL',
};

const TIMEOUT_MS = 20_000;
/** Responses larger than this are refused (a year of 5-minute points is ~10 MiB). */
const MAX_BYTES = 64 * 1024 * 1024;

export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly body: string,
  ) {
    super(`HTTP ${status} from ${url}`);
  }
}

export function baseUrl(provider: Provider, fallback: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[BASE_URL_ENV[provider]] || fallback).replace(/\/+$/, '');
}

/** GET and parse JSON; HTTP errors surface as `HttpStatusError` for the caller to explain. */
export async function getJson(
  provider: Provider,
  url: string,
  headers: Record<string, string> = {},
  retry: Partial<RetryOptions> = {},
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchWithRetry(
      url,
      { headers: { accept: 'application/json', ...headers } },
      { timeoutMs: TIMEOUT_MS, ...retry },
    );
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer in ${TIMEOUT_MS / 1000} s`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw userError('invalid_value', 'fromApi', 'grid.unreachable', {
      value: provider,
      origin: new URL(url).origin,
      reason,
      env: BASE_URL_ENV[provider],
      accepted: msg('grid.acceptedReachable'),
    });
  }
  const text = await readBoundedText(response, MAX_BYTES);
  if (text === undefined)
    throw userError('invalid_value', 'fromApi', 'grid.responseTooLarge', {
      value: provider,
      max: MAX_BYTES,
      accepted: msg('grid.acceptedResponseSize', { max: MAX_BYTES }),
    });
  if (!response.ok) throw new HttpStatusError(response.status, url, text.slice(0, 200));
  try {
    return JSON.parse(text);
  } catch {
    throw userError('invalid_value', 'fromApi', 'grid.notJson', {
      value: provider,
      url,
      accepted: msg('grid.acceptedJson'),
    });
  }
}

/** A one-line message for an HTTP error, with the usual cause of each status. */
export function explainStatus(provider: Provider, error: HttpStatusError, keyHint: Message): never {
  const hint =
    error.status === 401 || error.status === 403
      ? msg('grid.hintRefused', { keys: keyHint })
      : error.status === 404
        ? msg('grid.hintNotFound')
        : error.status === 429
          ? msg('grid.hintRateLimited')
          : msg('grid.hintServerSaid', { body: error.body.replace(/\s+/g, ' ').trim() });
  throw userError('invalid_value', 'fromApi', 'grid.httpStatus', {
    value: provider,
    status: error.status,
    url: error.url.split('?')[0],
    hint,
    accepted: keyHint,
  });
}

/** A missing setting: one line naming what to set. */
export function requireSetting(provider: Provider, names: [string] | [string, Message], why: Message): never {
  const [first, second] = names;
  throw userError('missing', 'fromApi', 'grid.settingMissing', {
    value: provider,
    why,
    names: second === undefined ? first : msg('grid.or', { a: first, b: second }),
    accepted: second === undefined ? first : msg('accepted.list', { a: first, b: second }),
  });
}
