import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { HttpError } from './errors.js';

/**
 * A token bucket per client address: `burst` requests at once, refilled at `perSecond`. Past it,
 * 429 with `Retry-After`. The table of clients is bounded (`maxClients`): when full, buckets that
 * have refilled completely (idle clients) are dropped first, then the oldest.
 */
export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  maxClients?: number;
  /** The clock, ms (tests). */
  now?: () => number;
  /** Who a request counts against (default: the client's address). */
  keyOf?: (c: Context) => string;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function rateLimit(options: RateLimitOptions): MiddlewareHandler & { clients(): number } {
  const { perSecond, burst } = options;
  const maxClients = options.maxClients ?? 10_000;
  const now = options.now ?? (() => performance.now());
  const keyOf = options.keyOf ?? clientKey;
  const buckets = new Map<string, Bucket>();
  const refill = (b: Bucket, t: number) => {
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * perSecond);
    b.at = t;
  };
  const evict = (t: number) => {
    for (const [key, b] of buckets) {
      refill(b, t);
      if (b.tokens >= burst) buckets.delete(key);
    }
    // Still full: the least recently seen tenth go (a Map iterates in insertion order), so that
    // a spray of addresses costs one sweep per tenth of the table, not one per request.
    for (const key of buckets.keys()) {
      if (buckets.size < maxClients * 0.9) break;
      buckets.delete(key);
    }
  };
  const middleware: MiddlewareHandler = async (c, next) => {
    const key = keyOf(c);
    const t = now();
    let bucket = buckets.get(key);
    if (bucket) {
      buckets.delete(key); // re-inserted below: most recently seen last
      refill(bucket, t);
    } else {
      if (buckets.size >= maxClients) evict(t);
      bucket = { tokens: burst, at: t };
    }
    buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      const waitS = Math.ceil((1 - bucket.tokens) / perSecond);
      throw new HttpError(429, 'too_many_requests', `too many requests: at most ${perSecond} per second`, {
        'Retry-After': String(waitS),
      });
    }
    bucket.tokens -= 1;
    await next();
  };
  return Object.assign(middleware, { clients: () => buckets.size });
}

/** The client's address (one shared bucket when there is no socket, as with `app.fetch` in tests). */
function clientKey(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
