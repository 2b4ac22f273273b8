import type { IncomingMessage, ServerResponse } from 'node:http';
import { isJsonType } from './route.js';

/** A Node request listener (the app's, through its adapter). */
export type Listener = (incoming: IncomingMessage, outgoing: ServerResponse) => unknown;

/**
 * Answers a request itself and says true, or says false having touched nothing: the app then
 * answers it. Given `app` for a request it took but cannot answer itself (any error: the app
 * words it), with the body it has read.
 */
export type DirectRoute = (incoming: IncomingMessage, outgoing: ServerResponse, app: Listener) => boolean;

export interface DirectPostOptions {
  /** The route's full path; `?lang=en` or `?lang=fr` may follow it. */
  path: string;
  maxBodyBytes: number;
  /** The Host header's test, where the app checks it. */
  hostAllowed?: (host: string) => boolean;
  /**
   * The JSON text of the answer to a body, or a promise of it; undefined, a throw or a rejection
   * leaves the request to the app.
   */
  answer(text: string, lang: 'en' | 'fr'): string | undefined | Promise<string | undefined>;
  /** The answer's headers other than its length, as name, value pairs. */
  headers: readonly string[];
  /** Notes a request answered (200), timed from `start` (performance.now()) to its headers. */
  answered(start: number): void;
}

/**
 * A host the app's adapter takes without parsing it as a URL (it refuses some others), so that
 * a request is answered here only where the app would not refuse it for its Host.
 */
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;

/** The app reads a body as this decoder does (UTF-8, a leading byte-order mark dropped). */
const utf8 = new TextDecoder();

/**
 * A JSON POST route answered straight on Node's request and response, without the web Request,
 * Response and context objects the app builds for each request nor its middleware's steps: the
 * plain case of a frequent route (JSON with a declared length under the limit, one Host and one
 * Content-Type header, the Host accepted, no query but `lang`). Anything else, and any error, is
 * the app's, so every refusal is worded and counted there as before. What it sends is what the
 * app sends for such a request: the same status, headers (the length included) and text.
 */
export function directPost(options: DirectPostOptions): DirectRoute {
  const { path, maxBodyBytes, hostAllowed, headers, answered } = options;
  const en = [path, `${path}?lang=en`];
  const fr = `${path}?lang=fr`;
  return (incoming, outgoing, app) => {
    const url = incoming.url;
    const lang = url === en[0] || url === en[1] ? 'en' : url === fr ? 'fr' : undefined;
    if (lang === undefined || incoming.method !== 'POST' || !plain(incoming)) return false;
    const h = incoming.headers;
    if (h['transfer-encoding'] !== undefined || !(Number(h['content-length']) <= maxBodyBytes)) return false;
    const host = h.host ?? '';
    if (!isJsonType(h['content-type'] ?? '') || !PLAIN_HOST.test(host) || (hostAllowed && !hostAllowed(host)))
      return false;
    const start = performance.now();
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      const toApp = () => {
        if (outgoing.headersSent || outgoing.destroyed) return;
        // The app's adapter reads a body already read from here.
        (incoming as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
        app(incoming, outgoing);
      };
      const send = (json: string | undefined) => {
        if (json === undefined) return toApp();
        // Timed to the response's headers, as the app's answers are.
        answered(start);
        // The answer's text is ASCII (see answer-text.ts): as many bytes as characters.
        outgoing.writeHead(200, [...headers, 'content-length', String(json.length)]);
        outgoing.end(json);
      };
      let json: ReturnType<DirectPostOptions['answer']>;
      try {
        json = options.answer(utf8.decode(body), lang);
      } catch {
        return toApp();
      }
      if (json instanceof Promise) json.then(send, toApp);
      else send(json);
    });
    return true;
  };
}

/** The app's listener with the direct routes before it: a request one of them takes is answered there. */
export function withDirect(direct: readonly DirectRoute[], app: Listener): Listener {
  if (direct.length === 0) return app;
  return (incoming, outgoing) => {
    for (const route of direct) if (route(incoming, outgoing, app)) return;
    return app(incoming, outgoing);
  };
}

/** Whether Host and Content-Type come once each: the app joins repeated ones, Node keeps the first. */
function plain(incoming: IncomingMessage): boolean {
  const raw = incoming.rawHeaders;
  let host = 0;
  let type = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name.length === 4 && name.toLowerCase() === 'host') host++;
    else if (name.length === 12 && name.toLowerCase() === 'content-type') type++;
  }
  return host === 1 && type === 1;
}
