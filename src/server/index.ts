import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { userError } from '../errors.js';
import { msg } from '../messages/index.js';
import type { Store } from '../records.js';
import { createApp } from './app.js';
import { isLoopback } from './auth.js';
import { withDirect } from './direct.js';
import type { RateLimitOptions } from './rate-limit.js';

export { type App, type AppOptions, createApp } from './app.js';

export interface ServeOptions {
  host: string;
  port: number;
  /** Run store location (path or URL); default: EMPREINTE_DB or ~/.empreinte/empreinte.db. */
  db?: string;
  token?: string;
  webRoot?: string;
  pollMs?: number;
  version?: string;
  /** Per-client request budget; default: none on loopback, `EXPOSED_RATE_LIMIT` elsewhere. */
  rateLimit?: RateLimitOptions | false;
}

/**
 * Budget of each client of a server reachable from the network: bursts of 200 requests (the
 * dashboard loads a dozen files and a few API calls), 50 per second sustained.
 */
export const EXPOSED_RATE_LIMIT: RateLimitOptions = { perSecond: 50, burst: 200 };

export interface RunningServer {
  url: string;
  /** The port listened on (the one picked when 0 was asked). */
  port: number;
  /** The run store's file or URL, as resolved (opened on the first request that needs it). */
  db: string;
  close(): Promise<void>;
}

/** Smallest token accepted: 128 bits as hex is 32 characters; 16 is a floor, not a target. */
export const MIN_TOKEN_LENGTH = 16;

/** What a bearer token may hold: visible ASCII, as an HTTP header carries it. */
const TOKEN_CHARACTERS = /^[\x21-\x7e]+$/;

/** Starts the API and the dashboard. Off loopback a token is required. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const loopback = isLoopback(options.host);
  if (!loopback && !options.token) {
    throw userError('missing', 'token', 'serve.tokenRequired', {
      value: options.host,
      accepted: msg('serve.acceptedToken', { min: MIN_TOKEN_LENGTH, hostField: 'host' }),
    });
  }
  if (options.token !== undefined && options.token.length < MIN_TOKEN_LENGTH) {
    throw userError('out_of_range', 'token', 'serve.tokenShort', {
      length: options.token.length,
      accepted: msg('serve.acceptedTokenLength', { min: MIN_TOKEN_LENGTH }),
    });
  }
  if (options.token !== undefined && !TOKEN_CHARACTERS.test(options.token)) {
    throw userError('invalid_value', 'token', 'serve.tokenCharacters', {
      accepted: msg('serve.acceptedTokenCharacters'),
    });
  }
  // Checked at start (an empty EMPREINTE_DB is a mistake), opened on the first request that needs it.
  const dbLocation = (await import('../store/index.js')).resolveDbLocation(options.db);
  let store: Promise<Store> | undefined;
  // As `empreinte runs`: runs whose tracker died on this machine are marked interrupted.
  const openRunStore = async () => (await import('../services/runs.js')).openRunStore(dbLocation);
  const { app, direct } = createApp({
    token: options.token,
    loopbackOnly: loopback && !options.token,
    webRoot: options.webRoot ?? defaultWebRoot(),
    store: () => {
      // Opened once, on the first request that needs it; a failure is retried on the next one.
      store ??= openRunStore().catch((error) => {
        store = undefined;
        throw error;
      });
      return store;
    },
    pollMs: options.pollMs,
    version: options.version,
    rateLimit:
      options.rateLimit === false
        ? undefined
        : (options.rateLimit ?? (loopback ? undefined : EXPOSED_RATE_LIMIT)),
  });
  const listener = getRequestListener(app.fetch, { hostname: options.host });
  const server = createServer(withDirect(direct, listener));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, options)));
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}/`,
    port: address.port,
    db: dbLocation,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Live streams would keep the server open forever.
        (server as Server).closeAllConnections?.();
      });
      if (store) await (await store.catch(() => undefined))?.close();
    },
  };
}

function listenError(error: NodeJS.ErrnoException, options: ServeOptions): unknown {
  const where = `${options.host}:${options.port}`;
  if (error.code === 'EADDRINUSE')
    return userError('invalid_value', 'port', 'serve.portInUse', {
      where,
      value: options.port,
      accepted: msg('serve.acceptedFreePort'),
    });
  if (error.code === 'EACCES')
    return userError('invalid_value', 'port', 'serve.portDenied', {
      where,
      value: options.port,
      accepted: msg('serve.acceptedHighPort'),
    });
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
    return userError('invalid_value', 'host', 'serve.notLocal', {
      value: options.host,
      accepted: msg('serve.acceptedHost'),
    });
  return error;
}

/** dist/web beside dist/server (built package); from sources, the build output. */
function defaultWebRoot(): string | undefined {
  for (const candidate of ['../web/', '../../dist/web/']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${path}index.html`)) return path;
  }
  return undefined;
}
