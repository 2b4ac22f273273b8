import pRetry from 'p-retry';

/**
 * Network reads with retries: a refused or dropped connection, a try past its time limit, or an
 * answer that says "try again" (429, 502, 503, 504) is retried with exponential backoff and jitter
 * (p-retry), within an overall time limit; the last answer or error is what the caller sees.
 */
export interface RetryOptions {
  /** Retries after the first try (default 3). */
  retries?: number;
  /** Wait before the first retry, ms (default 500), doubled each time. */
  minDelayMs?: number;
  /** Time limit of one try, ms. */
  timeoutMs: number;
  /** Time limit of all tries together, ms (default 60 s). */
  totalMs?: number;
  fetch?: typeof fetch;
}

export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

class RetryableStatus extends Error {
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`);
  }
}

export async function fetchWithRetry(
  url: string | URL,
  init: RequestInit,
  options: RetryOptions,
): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  const retries = options.retries ?? 3;
  const deadline = Date.now() + (options.totalMs ?? 60_000);
  let last: Response | undefined;
  try {
    return await pRetry(
      async (attempt) => {
        const left = Math.max(1, deadline - Date.now());
        const response = await doFetch(url, {
          ...init,
          signal: AbortSignal.timeout(Math.min(options.timeoutMs, left)),
        });
        if (RETRY_STATUSES.has(response.status) && attempt <= retries) {
          last = response;
          await response.body?.cancel();
          throw new RetryableStatus(response);
        }
        return response;
      },
      {
        retries,
        minTimeout: options.minDelayMs ?? 500,
        factor: 2,
        randomize: true,
        maxRetryTime: options.totalMs ?? 60_000,
        // A timed-out try is a DOMException, not a network TypeError: retry it too.
        shouldRetry: () => Date.now() < deadline,
      },
    );
  } catch (error) {
    // Out of tries or time on a "try again" answer: the caller explains that status.
    if (error instanceof RetryableStatus && last) return new Response(null, { status: last.status });
    throw error;
  }
}
