import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type Issue, isEmpreinteError, localised } from '../errors.js';
import { type Message, msg, render } from '../messages/index.js';
import { sqliteProblem } from '../store/index.js';

/**
 * The HTTP surface's one error: a status, a stable code and a message. User mistakes in bodies
 * stay `EmpreinteError`s (mapped to 400 with their issues); this class covers the rest (404, 405,
 * 413, 401...). Every error body has the same shape: `{ error: { code, message, issues } }`.
 */
export class HttpError extends Error {
  /** The message as data, when it has one: the body says it in the request's language. */
  readonly text: Message | undefined;
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string | Message,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof message === 'string' ? message : render(message));
    this.name = 'HttpError';
    this.text = typeof message === 'string' ? undefined : message;
  }
}

export interface ErrorBody {
  error: { code: string; message: string; issues: Issue[] };
}

export function errorBody(code: string, message: string, issues: Issue[] = []): ErrorBody {
  return { error: { code, message, issues } };
}

/**
 * The run database cannot be opened or read (damaged, locked, read-only, unreachable, newer):
 * the message for a 503, without the database's location; undefined for other errors.
 */
function storeUnavailable(error: unknown): Message | undefined {
  const fromDb = isEmpreinteError(error) && error.issues.some((i) => i.path[0] === 'db');
  const raw = fromDb ? (error as Error).cause : error;
  const problem = sqliteProblem(raw);
  if (problem) return msg('routes.storeUnavailable', { what: problem.what });
  return fromDb ? msg('routes.storeUnavailableLogged') : undefined;
}

/** `?lang=fr`: error messages in French, rendered from their key and params. */
export const errorLang = (c: Context): 'en' | 'fr' => (c.req.query('lang') === 'fr' ? 'fr' : 'en');

/** `app.onError`: user mistakes -> 400 with issues, HttpError -> its status, anything else -> a bare 500. */
export function handleError(error: unknown, c: Context): Response {
  const lang = errorLang(c);
  const unavailable = storeUnavailable(error);
  if (unavailable) {
    // The operator sees the file and the cause; the client, what happened, never the server's path.
    console.error(
      `empreinte serve: ${c.req.method} ${new URL(c.req.url).pathname}: ${(error as Error).message}`,
    );
    return c.json(errorBody('store_unavailable', render(unavailable, lang)), 503, { 'Retry-After': '60' });
  }
  // Fields named as in JSON.
  if (isEmpreinteError(error)) {
    const issues = error.issues.map((i) => localised(i, lang, 'field'));
    return c.json(errorBody(error.code, issues.map((i) => i.message).join('; '), issues), 400);
  }
  if (error instanceof HttpError) {
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    const message = error.text ? render(error.text, lang, 'field') : error.message;
    return c.json(errorBody(error.code, message), error.status);
  }
  // Never leak internals (paths, stacks) to the client; the operator sees them on stderr.
  console.error(`empreinte serve: ${c.req.method} ${new URL(c.req.url).pathname}:`, error);
  return c.json(errorBody('internal', render(msg('routes.internal'), lang)), 500);
}
