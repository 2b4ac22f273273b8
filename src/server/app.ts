import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { withDecimalComma } from '../engine/units.js';
import { msg, render } from '../messages/index.js';
import { registerStoredRunMetrics } from '../metrics/registry.js';
import type { Store } from '../records.js';
import { answerText, narrowJson } from './answer-text.js';
import { bearerAuth, isLoopbackHost, loopbackHostOnly } from './auth.js';
import { type DirectRoute, directPost } from './direct.js';
import { errorBody, errorLang, HttpError, handleError } from './errors.js';
import { createMetrics, type ServerMetrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { type RateLimitOptions, rateLimit } from './rate-limit.js';
import { type ApiRoute, DEFAULT_MAX_BODY_BYTES, parseJsonBody, readJsonText, requestLang } from './route.js';
import { calibrateRoutes } from './routes/calibrate.js';
import { catalogRoutes } from './routes/catalog.js';
import { estimateRoutes, trainingEstimateRoute } from './routes/estimate.js';
import { exploreRoutes } from './routes/explore.js';
import { runsRoutes } from './routes/runs.js';
import { scheduleRoutes } from './routes/schedule.js';
import { loadStaticSite } from './static.js';

export interface AppOptions {
  /** Every API call then needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Answer only requests addressed to localhost (a loopback server without a token). */
  loopbackOnly?: boolean;
  /** The built dashboard (dist/web); none: the API alone. */
  webRoot?: string;
  /** The run store, opened on first use. */
  store: () => Promise<Store>;
  /** How often live run streams poll the store, ms (default 1000). */
  pollMs?: number;
  version?: string;
  /** Answers of pure routes kept for identical requests (default 512; 0 turns it off). */
  cacheEntries?: number;
  /** Requests per client address: a token bucket (429 past it); none by default. */
  rateLimit?: RateLimitOptions;
}

export interface App {
  app: Hono;
  metrics: ServerMetrics;
  routes: readonly ApiRoute[];
  /**
   * The routes the server may answer without the app (`ApiRoute.direct`), for a server without a
   * token or rate limit (their checks are the app's): see direct.ts.
   */
  direct: readonly DirectRoute[];
}

export const API_PREFIX = '/api/v1';

/** The headers every answer carries: no MIME sniffing, no referrer. */
const SECURITY_HEADERS = { 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' } as const;
const JSON_HEADERS = { 'content-type': 'application/json', ...SECURITY_HEADERS } as const;

/** JSON_HEADERS as name, value pairs (an answer sent without the app). */
const DIRECT_HEADERS = Object.entries(JSON_HEADERS).flat();

/** Answers built with SECURITY_HEADERS already in place (see `jsonText`). */
const secured = new WeakSet<Response>();

/**
 * SECURITY_HEADERS on an answer that lacks them. JSON answers are built with them: adding a header
 * afterwards turns the server's light response into a full `Headers` object, which costs a tenth
 * of an estimate's time.
 */
function secure(res: Response): void {
  if (secured.has(res)) return;
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.headers.set(name, value);
}

const nothing = async () => {};

export function createApp(options: AppOptions): App {
  const routes: ApiRoute[] = [
    trainingEstimateRoute({ store: options.store }),
    ...estimateRoutes,
    ...exploreRoutes,
    ...scheduleRoutes,
    ...catalogRoutes,
    ...runsRoutes({ store: options.store, pollMs: options.pollMs ?? 1000 }),
    ...calibrateRoutes({ store: options.store }),
  ];
  const metrics = createMetrics();
  // The energy and CO2e of runs still running, read from the store at each scrape.
  registerStoredRunMetrics(metrics.registry, options.store);
  const site = loadStaticSite(options.webRoot);
  const cache = answerCache(options.cacheEntries ?? 512);
  const app = new Hono();

  useOnEveryRequest(app, options, metrics);
  const postAnswer = postAnswerer(cache);
  const direct: DirectRoute[] = [];
  for (const route of routes) {
    const path = `${API_PREFIX}${route.path}`;
    if (route.method === 'GET') {
      app.get(path, async (c) => respond(await route.handler({ body: undefined, c, lang: requestLang(c) })));
      continue;
    }
    const maxBodyBytes = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    app.post(path, sizeLimit(maxBodyBytes), async (c) => {
      const lang = requestLang(c);
      const answer = await postAnswer(route, await readJsonText(c), lang, c);
      return answer instanceof Response ? answer : jsonText(answer);
    });
    if (route.direct && !options.token && !options.rateLimit) {
      direct.push(
        directPost({
          path,
          maxBodyBytes,
          hostAllowed: options.loopbackOnly ? isLoopbackHost : undefined,
          headers: DIRECT_HEADERS,
          answer(text, lang) {
            const answer = postAnswer(route, text, lang);
            return answer instanceof Promise ? answer.then(jsonOnly) : jsonOnly(answer);
          },
          answered: (start) => metrics.note('POST', path, '200', start),
        }),
      );
    }
  }

  const version = options.version ?? '0.0.0';
  let openapi: string | undefined;
  app.get('/openapi.json', () => {
    openapi ??= narrowJson(JSON.stringify(openApiDocument(routes, version)));
    return jsonText(openapi);
  });
  app.get('/metrics', async (c) =>
    c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType }),
  );
  // The dashboard's files where no route matched, so that its paths make no method allowed anywhere.
  app.notFound((c) => ((c.req.method === 'GET' || c.req.method === 'HEAD') && site.serve(c)) || notFound(c));
  app.onError(handleError);
  return { app, metrics, routes, direct };
}

/**
 * What every request goes through: the host check, then the 405 check of a 404, the security
 * headers and the metrics of any answer, in one middleware (each one is an async step of every
 * request); then the rate limit and the token where the server has them.
 */
function useOnEveryRequest(app: Hono, options: AppOptions, metrics: ServerMetrics): void {
  // 405 with `Allow` where the path has routes under other methods (Hono adds HEAD to GET's).
  const notAllowed = methodNotAllowed({
    app,
    onMethodNotAllowed(c, methods) {
      const params = { method: c.req.method, path: c.req.path.slice(0, 200) };
      throw new HttpError(405, 'method_not_allowed', msg('routes.methodNotAllowed', params), {
        Allow: methods.join(', '),
      });
    },
  });
  const hostOnly = options.loopbackOnly ? loopbackHostOnly() : undefined;
  // What every request goes through, in one middleware (each one is an async step of every request):
  // the host check, then the 405 check of a 404, the security headers and the metrics of any answer.
  app.use('*', async (c, next) => {
    const start = performance.now();
    try {
      await (hostOnly ? hostOnly(c, next) : next());
      if (c.res.status === 404 && !c.error) await notAllowed(c, nothing);
    } catch (error) {
      c.res = handleError(error, c);
    }
    secure(c.res);
    metrics.observe(c, start);
  });
  if (options.rateLimit) app.use('*', rateLimit(options.rateLimit));
  if (options.token) {
    app.use(`${API_PREFIX}/*`, bearerAuth(options.token));
    app.use('/metrics', bearerAuth(options.token));
  }
}

/**
 * A POST route's answer to a body's text: an identical request's kept answer, or the handler's;
 * at once where the handler answers at once (each step awaited costs the server about a
 * microsecond with the processor's caches cold), else a promise of it.
 */
function postAnswerer(cache: ReturnType<typeof answerCache>) {
  /** The JSON text of a handler's answer (kept for identical requests under `key`), or its Response. */
  const textOf = (answer: unknown, key: string | undefined) => {
    if (answer instanceof Response) return answer;
    const json = answerText(answer);
    if (key !== undefined && json !== undefined) cache.set(key, json);
    return json;
  };
  /**
   * A POST route's answer to a body's text: an identical request's kept answer, or the handler's;
   * at once where the handler answers at once (each step awaited costs the server about a
   * microsecond with the processor's caches cold), else a promise of it.
   */
  return (route: ApiRoute, text: string, lang: 'en' | 'fr', c?: Context) => {
    const pure = typeof route.pure === 'function' ? route.pure(text) : route.pure;
    const key = pure ? `${route.path}\n${lang}\n${text}` : undefined;
    const hit = key === undefined ? undefined : cache.get(key);
    if (hit !== undefined) return hit;
    // `?lang=fr`: a decimal comma in a number string is read as such; otherwise it is an error.
    const body = withDecimalComma(lang === 'fr', () => parseJsonBody(route.body!, text, route.read));
    const answer = route.handler({ body, c: c as Context, lang });
    return isThenable(answer)
      ? Promise.resolve(answer).then((settled) => textOf(settled, key))
      : textOf(answer, key);
  };
}

/**
 * 413 for a body over `maxSize`. A declared Content-Length is checked from the header alone (Node's
 * parser never reads past it); a chunked body goes through hono/body-limit, which counts while it
 * reads. Touching the raw body for every request would cost most of the API's throughput.
 */
function sizeLimit(maxSize: number): MiddlewareHandler {
  // The rest of the body is not read: the connection cannot carry another request.
  const tooLarge = (c: Context) =>
    c.json(
      errorBody('payload_too_large', render(msg('routes.tooLarge', { bytes: maxSize }), errorLang(c))),
      413,
      {
        Connection: 'close',
      },
    );
  const streaming = bodyLimit({ maxSize, onError: tooLarge });
  return (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streaming(c, next);
    return Number(length) > maxSize ? Promise.resolve(tooLarge(c)) : next();
  };
}

/** Whether `value` is what `await` waits for (a promise, or any object with a `then` method). */
const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') &&
  value !== null &&
  typeof (value as { then?: unknown }).then === 'function';

/** An answer's text where it is one (not a Response, not nothing). */
const jsonOnly = (answer: unknown) => (typeof answer === 'string' ? answer : undefined);

function respond(answer: unknown): Response {
  return answer instanceof Response ? answer : jsonText(answerText(answer));
}

/** A 200 JSON answer, its headers a plain object (the server writes those as they are). */
function jsonText(json: string | undefined): Response {
  const response = new Response(json, { status: 200, headers: JSON_HEADERS });
  secured.add(response);
  return response;
}

/** A JSON 404 (a response, not an error: the 405 check reads it). */
function notFound(c: Context): Response {
  const message = msg('routes.nothingAt', { path: c.req.path.slice(0, 200) });
  return c.json(errorBody('not_found', render(message, errorLang(c))), 404);
}

/**
 * A small LRU of JSON answers by request (pure routes only: same input, same answer), bounded in
 * bytes. An answer is kept from a request's second sighting on: requests that never come again
 * (a sweep of bodies) then cost no copy of their answer, and no garbage collection of it later.
 */
function answerCache(entries: number, maxBytes = 16 * 1024 * 1024) {
  const map = new Map<string, string>();
  const seen = new Set<string>();
  const MAX_KEY = 16 * 1024;
  const MAX_VALUE = 256 * 1024;
  let bytes = 0;
  return {
    get(key: string): string | undefined {
      const value = map.get(key);
      if (value !== undefined) {
        map.delete(key);
        map.set(key, value);
      }
      return value;
    },
    set(key: string, value: string): void {
      if (entries === 0 || key.length > MAX_KEY || value.length > MAX_VALUE || map.has(key)) return;
      if (!seen.delete(key)) {
        if (seen.size >= 4 * entries) seen.clear();
        seen.add(key);
        return;
      }
      map.set(key, value);
      bytes += key.length + value.length;
      while (map.size > entries || bytes > maxBytes) {
        const [oldest, old] = map.entries().next().value!;
        map.delete(oldest);
        bytes -= oldest.length + old.length;
      }
    },
  };
}
