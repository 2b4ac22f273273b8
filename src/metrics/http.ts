import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { userError } from '../errors.js';
import { msg } from '../messages/index.js';

/**
 * A minimal scrape endpoint for the tracker: `GET /metrics` in the Prometheus text format, nothing
 * else. It listens on every interface by default (the cluster's Prometheus scrapes from another
 * machine); `HOST:PORT` narrows it (`127.0.0.1:9464`).
 */
export interface MetricsEndpoint {
  /** http://HOST:PORT/metrics, with the port actually bound (PORT 0 picks a free one). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export function parseListen(text: string, field = 'metricsPort'): { host: string | undefined; port: number } {
  const match = /^(?:(\[[0-9a-f:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})$/i.exec(text.trim());
  const port = match ? Number(match[2]) : Number.NaN;
  if (!match || port > 65_535) {
    throw userError('invalid_value', field, 'metrics.notPort', {
      value: text,
      accepted: msg('metrics.portAccepted'),
    });
  }
  return { host: match[1]?.replace(/^\[|\]$/g, ''), port };
}

export async function serveMetrics(
  registry: Registry,
  listen: { host?: string; port: number },
): Promise<MetricsEndpoint> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      (error: Error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const shown = `${listen.host ?? ''}${listen.host ? ':' : ''}${listen.port}`;
      reject(
        ['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN'].includes(error.code ?? '')
          ? userError('invalid_value', 'metricsPort', 'metrics.cannotListen', {
              value: shown,
              cause: error.code,
              accepted: msg('metrics.listenAccepted'),
            })
          : error,
      );
    });
    server.listen(listen.port, listen.host, () => resolve());
  });
  // The endpoint must not keep the process alive once the measured command is done.
  server.unref();
  const { port } = server.address() as AddressInfo;
  const host = listen.host ?? 'localhost';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/metrics`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
