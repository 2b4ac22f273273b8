import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server on 127.0.0.1 that replays recorded API responses: each route is a path
 * pattern, the status, and a fixture file (or body). Every request is kept for assertions.
 */
export interface Route {
  path: RegExp;
  status?: number;
  file?: string;
  body?: unknown;
  /** Only answer when this header has this value (else 401, like the real APIs). */
  requireHeader?: [string, string];
}

export interface Replay {
  url: string;
  requests: { url: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export async function startReplay(routes: Route[]): Promise<Replay> {
  const requests: Replay['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    const route = routes.find((r) => r.path.test(req.url ?? ''));
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    if (route.requireHeader && req.headers[route.requireHeader[0]] !== route.requireHeader[1]) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
      return;
    }
    const body = route.file ? readFileSync(route.file, 'utf8') : JSON.stringify(route.body ?? {});
    res.writeHead(route.status ?? 200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
