import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { msg } from '../messages/index.js';
import { HttpError } from './errors.js';

/**
 * `Authorization: Bearer <token>` on every API call when the server has a token. Both sides are
 * hashed first so that the comparison takes the same time whatever the lengths and contents.
 */
export function bearerAuth(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]), expected)) {
      throw new HttpError(401, 'unauthorized', 'this server needs Authorization: Bearer <token>', {
        'WWW-Authenticate': 'Bearer realm="empreinte"',
      });
    }
    await next();
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/** Whether a Host header names a loopback address. */
export const isLoopbackHost = (host: string) => LOOPBACK_HOST.test(host);

/**
 * On a loopback-only server with no token, answer only requests addressed to a loopback name:
 * a web page that rebinds its own domain to 127.0.0.1 then cannot read the API (DNS rebinding).
 */
export function loopbackHostOnly(): MiddlewareHandler {
  // A client sends the same Host header request after request: the last one accepted is not tested again.
  let accepted: string | undefined;
  return async (c, next) => {
    const host = c.req.header('host') ?? '';
    if (host !== accepted && !isLoopbackHost(host)) {
      throw new HttpError(403, 'forbidden_host', msg('routes.forbiddenHost'));
    }
    accepted = host;
    await next();
  };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}
