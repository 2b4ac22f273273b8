import type { Context } from 'hono';
import type { z } from 'zod';
import { sourceIn } from '../engine/provenance.js';
import { parseInput } from '../engine/schemas/common.js';
import { userError } from '../errors.js';
import { type Message, msg, render, renderAll } from '../messages/index.js';
import { HttpError } from './errors.js';

/**
 * One API route as data: the app registers it, `/openapi.json` documents it from the same
 * schema, and the handler receives the validated body. Handlers return a JSON-able value (sent
 * as 200 JSON) or a `Response` (streams, downloads).
 */
export interface ApiRoute<S extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST';
  /** Path under /api/v1, in Hono's syntax (`/runs/:id`). */
  path: string;
  summary: string;
  /** JSON body (POST), validated by the same zod schema as the CLI. */
  body?: S;
  /**
   * Reads a valid body without the schema (faster), or gives `undefined` to leave it to the schema,
   * which then words the error. Must accept exactly what the schema accepts, with the same result.
   */
  read?: (json: Record<string, unknown>) => z.output<S> | undefined;
  /** Documented query parameters: name -> description. */
  query?: Record<string, string>;
  /** Largest body accepted, bytes (default `DEFAULT_MAX_BODY_BYTES`). */
  maxBodyBytes?: number;
  /**
   * The handler is a pure function of (body, lang): identical requests may share one answer. A
   * function tells it from the body's text (false: this request reads changing state).
   */
  pure?: boolean | ((text: string) => boolean);
  /**
   * The handler reads nothing of the request but its body and language, and answers a JSON value:
   * the server may then answer it without building a request context (`c` undefined).
   */
  direct?: boolean;
  handler(input: { body: z.output<S>; c: Context; lang: 'en' | 'fr' }): unknown | Promise<unknown>;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** Deepest nesting of arrays and objects a body may have: no input needs more than a few levels. */
export const MAX_JSON_DEPTH = 32;

/** Keeps the body's type tied to its schema at the definition site. */
export function defineRoute<S extends z.ZodType>(route: ApiRoute<S>): ApiRoute {
  return route as unknown as ApiRoute;
}

/** `?lang=fr` gives French labels (equivalents, notes where the engine has them); default English. */
export function requestLang(c: Context): 'en' | 'fr' {
  const lang = c.req.query('lang');
  if (lang === undefined || lang === 'en' || lang === 'fr') return lang ?? 'en';
  throw userError('invalid_value', ['query', 'lang'], 'routes.lang', {
    value: lang,
    accepted: msg('routes.langAccepted'),
  });
}

/**
 * An estimate whose notes are also message data (`noteMessages`), with its `notes` said in `lang`;
 * any other answer as it is. Notes name CLI flags, as the CLI's --json does: the same answer on both.
 */
export function notesIn<T>(answer: T, lang: 'en' | 'fr'): T {
  const a = answer as Said | null;
  if (!Array.isArray(a?.noteMessages)) return answer;
  const published = a.published?.notComparableMessage
    ? { published: { ...a.published, notComparable: render(a.published.notComparableMessage, lang, 'flag') } }
    : {};
  const breakdown = a.perRequestBreakdownWh?.boundary
    ? { perRequestBreakdownWh: { ...a.perRequestBreakdownWh, boundary: render(msg('note.boundary'), lang) } }
    : {};
  const inputs = lang !== 'en' && a.inputs ? { inputs: inputsIn(a.inputs, lang) } : {};
  const accounting = a.accounting?.noteMessage
    ? { accounting: { ...a.accounting, note: render(a.accounting.noteMessage, lang, 'flag') } }
    : {};
  return {
    ...answer,
    notes: renderAll(a.noteMessages, lang, 'flag'),
    ...published,
    ...breakdown,
    ...inputs,
    ...accounting,
  };
}

/** Each input's provenance label in `lang` where it says something in words (its message kept beside). */
function inputsIn(inputs: Record<string, Sourced>, lang: 'en' | 'fr'): Record<string, Sourced> {
  const out: Record<string, Sourced> = {};
  for (const [name, input] of Object.entries(inputs)) out[name] = { ...input, source: sourceIn(input, lang) };
  return out;
}

interface Sourced {
  source: string;
  sourceMessage?: Message;
}

/** The parts of an estimate that are said in words. */
interface Said {
  inputs?: Record<string, Sourced>;
  accounting?: { noteMessage?: Message };
  noteMessages?: Message[];
  published?: { notComparableMessage?: Message };
  perRequestBreakdownWh?: { boundary?: string };
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** Whether a Content-Type header says JSON, as the API accepts it. */
export const isJsonType = (type: string) => JSON_TYPE.test(type);

/** Reads the raw JSON text of a POST; only `application/json` is accepted (no form posts from other sites). */
export async function readJsonText(c: Context): Promise<string> {
  if (!isJsonType(c.req.header('content-type') ?? '')) {
    throw new HttpError(415, 'unsupported_media_type', msg('routes.jsonOnly'));
  }
  return c.req.text();
}

/** Parses and validates a JSON body; a syntax error is a 400 on the field `body`. */
export function parseJsonBody<S extends z.ZodType>(
  schema: S,
  text: string,
  read?: ApiRoute<S>['read'],
): z.output<S> {
  // Deep nesting parses fine but overflows the stack of whoever walks it later (validation,
  // error messages): refused before parsing, in one pass over the text.
  const depth = jsonDepth(text, MAX_JSON_DEPTH);
  if (depth > MAX_JSON_DEPTH) {
    throw userError('invalid_value', 'body', 'routes.tooDeep', {
      levels: MAX_JSON_DEPTH,
      accepted: msg('routes.tooDeepAccepted', { levels: MAX_JSON_DEPTH }),
    });
  }
  let json: unknown;
  try {
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw userError('invalid_value', 'body', 'routes.notJson', {
      cause: jsonSyntax((error as Error).message),
      accepted: msg('routes.objectAccepted'),
    });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw userError('invalid_value', 'body', 'routes.notObject', { accepted: msg('routes.objectAccepted') });
  }
  return read?.(json as Record<string, unknown>) ?? parseInput(schema, json);
}

/** Where JSON.parse stopped, said in the reader's language (its own words vary with the Node version). */
function jsonSyntax(cause: string): Message {
  if (/end of JSON input/i.test(cause)) return msg('routes.jsonEnd');
  const position = /at position (\d+)/.exec(cause)?.[1];
  return position === undefined ? msg('routes.jsonSyntax') : msg('routes.jsonAt', { position });
}

/** Nesting depth of JSON text (brackets outside strings), counted up to just past `limit`. */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}
