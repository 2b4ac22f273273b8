import assert from 'node:assert/strict';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { mulberry32 } from '../engine/random.js';
import { openStore } from '../store/index.js';
import { createApp } from './app.js';
import { type DirectRoute, type Listener, withDirect } from './direct.js';

interface Sent {
  status: number;
  /** Every header but Date, as sent, by name (the order of different names means nothing in HTTP). */
  headers: string[];
  body: Buffer;
}

/** Two servers over two apps made alike: one with the direct routes before its app, one with its app alone. */
async function serverOf(direct: boolean) {
  const {
    app,
    metrics,
    direct: routes,
  } = createApp({ store: () => openStore(':memory:'), loopbackOnly: true });
  assert.equal(routes.length, 1, 'the training estimate is answered directly');
  const listener = getRequestListener(app.fetch);
  // How many requests the direct route took, and how many of them it handed to the app.
  const counts = { taken: 0, handedOver: 0 };
  const handOver: Listener = (incoming, outgoing) => {
    counts.handedOver++;
    return listener(incoming, outgoing);
  };
  const counted: DirectRoute = (incoming, outgoing) => {
    const taken = routes[0](incoming, outgoing, handOver);
    if (taken) counts.taken++;
    return taken;
  };
  const server: Server = createServer(direct ? withDirect([counted], listener) : listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, port, counts, metrics: () => metrics.registry.metrics() };
}

const agent = new Agent({ keepAlive: true, maxSockets: 2 });

function send(
  port: number,
  options: {
    path?: string;
    body?: string | Buffer;
    headers?: Record<string, string | string[]>;
    chunked?: boolean;
  },
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', host: `127.0.0.1:${port}`, ...options.headers };
    const body = options.body ?? '';
    if (!options.chunked) Object.assign(headers, { 'content-length': String(Buffer.byteLength(body)) });
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: options.path ?? '/api/v1/estimate/training',
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw: string[] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            if (res.rawHeaders[i].toLowerCase() !== 'date')
              raw.push(`${res.rawHeaders[i].toLowerCase()}: ${res.rawHeaders[i + 1]}`);
          resolve({ status: res.statusCode ?? 0, headers: raw.sort(), body: Buffer.concat(chunks) });
        });
      },
    );
    req.on('error', reject);
    if (options.chunked) for (const piece of [body.slice(0, 5), body.slice(5)]) req.write(piece);
    req.end(options.chunked ? undefined : body);
  });
}

/** Bodies of the kind clients send, and of every kind the direct route must leave to the app. */
function cases(): {
  what: string;
  path?: string;
  body?: string | Buffer;
  headers?: Record<string, string | string[]>;
  chunked?: boolean;
}[] {
  const random = mulberry32(7);
  const hardware = ['h100', 'a100', 'tpu-v5p', 'mi300x', 'nvidia-h100-sxm5-80gb'];
  const bodies = Array.from({ length: 60 }, (_, i) => ({
    what: `random body ${i}`,
    path: [
      '/api/v1/estimate/training',
      '/api/v1/estimate/training?lang=fr',
      '/api/v1/estimate/training?lang=en',
    ][i % 3],
    body: JSON.stringify({
      params: `${(0.5 + random() * 70).toFixed(2)}B`,
      tokens: `${(0.05 + random() * 15).toFixed(3)}T`,
      hardware: hardware[i % hardware.length],
      ...(i % 2 === 0 ? { chips: 8 * (1 + Math.floor(random() * 64)) } : {}),
      ...(i % 5 === 1 ? { location: ['fr', 'de', 'aws:eu-west-3', 'us'][i % 4] } : {}),
      ...(i % 7 === 2 ? { pue: 1.1 + i / 100 } : {}),
      ...(i % 11 === 3 ? { renewableShare: 0.5 } : {}),
    }),
  }));
  const plain = '{"params":"7B","tokens":"2T","hardware":"h100","chips":64}';
  return [
    ...bodies,
    // The same body three times: kept from its second sighting, sent from the cache on its third.
    ...[1, 2, 3].map((n) => ({ what: `the same body, ${n}`, body: plain })),
    { what: 'a model from the catalog', body: '{"model":"llama-2-7b"}' },
    {
      what: 'French decimal commas',
      path: '/api/v1/estimate/training?lang=fr',
      body: '{"params":"7,5B","tokens":"2T"}',
    },
    { what: 'a decimal comma in English', body: '{"params":"7,5B","tokens":"2T"}' },
    { what: 'a byte-order mark', body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plain)]) },
    { what: 'an escaped key', body: '{"par\\u0061ms":"7B","tokens":"2T"}' },
    { what: 'not JSON', body: '{"params":' },
    { what: 'an empty body', body: '' },
    { what: 'an array', body: '[1]' },
    { what: 'too deep', body: `${'['.repeat(40)}${']'.repeat(40)}` },
    { what: 'a bad figure', body: '{"params":"seven","tokens":"2T"}' },
    { what: 'an unknown field', body: '{"params":"7B","tokens":"2T","colour":"red"}' },
    { what: 'draws over the bound', body: '{"params":"7B","tokens":"2T","draws":50000}' },
    { what: 'a calibration (reads the store)', body: '{"params":"7B","tokens":"2T","calibration":"mine"}' },
    { what: 'another language', path: '/api/v1/estimate/training?lang=de', body: plain },
    { what: 'another query', path: '/api/v1/estimate/training?x=1', body: plain },
    { what: 'a trailing slash', path: '/api/v1/estimate/training/', body: plain },
    { what: 'a form post', body: plain, headers: { 'content-type': 'text/plain' } },
    {
      what: 'JSON with a charset',
      body: plain,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    },
    {
      what: 'two content types',
      body: plain,
      headers: { 'content-type': ['application/json', 'text/plain'] },
    },
    { what: 'a foreign host', body: plain, headers: { host: 'evil.example' } },
    { what: 'localhost', body: plain, headers: { host: 'localhost' } },
    { what: 'a port past the range', body: plain, headers: { host: '127.0.0.1:99999' } },
    { what: 'a chunked body', body: plain, chunked: true },
    { what: 'Expect: 100-continue', body: plain, headers: { expect: '100-continue' } },
    { what: 'a body over the limit', body: `{"params":"7B","tokens":"2T","x":"${'a'.repeat(70_000)}"}` },
  ];
}

describe('training estimates answered without the app', () => {
  let direct: Awaited<ReturnType<typeof serverOf>>;
  let appOnly: Awaited<ReturnType<typeof serverOf>>;
  before(async () => {
    [direct, appOnly] = await Promise.all([serverOf(true), serverOf(false)]);
  });
  after(() => {
    agent.destroy();
    direct.server.close();
    appOnly.server.close();
  });

  it('sends what the app sends, byte for byte, headers and status included, errors and refusals too', async () => {
    const statuses = new Set<number>();
    for (const c of cases()) {
      const [a, b] = [await send(direct.port, c), await send(appOnly.port, c)];
      assert.deepEqual(a.headers, b.headers, c.what);
      assert.equal(a.status, b.status, c.what);
      assert.ok(
        a.body.equals(b.body),
        `${c.what}: ${a.body.toString().slice(0, 200)} / ${b.body.toString().slice(0, 200)}`,
      );
      statuses.add(a.status);
    }
    // The cases reach the answers and the refusals both ways take; most answers went the direct way,
    // errors found there went to the app.
    assert.deepEqual([...statuses].sort(), [200, 400, 403, 404, 413, 415]);
    assert.ok(direct.counts.taken - direct.counts.handedOver >= 60, JSON.stringify(direct.counts));
    assert.ok(direct.counts.handedOver >= 8, JSON.stringify(direct.counts));
    assert.deepEqual(appOnly.counts, { taken: 0, handedOver: 0 });
  });

  it('goes on answering after a client leaves halfway through its body', async () => {
    const { connect } = await import('node:net');
    await new Promise<void>((resolve, reject) => {
      const socket = connect(direct.port, '127.0.0.1', () => {
        socket.write(
          'POST /api/v1/estimate/training HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
            'Content-Length: 100\r\n\r\n{"params":',
          () => {
            socket.destroy();
            resolve();
          },
        );
      });
      socket.on('error', reject);
    });
    const body = '{"params":"7B","tokens":"2T","hardware":"h100"}';
    const [after, expected] = [await send(direct.port, { body }), await send(appOnly.port, { body })];
    assert.equal(after.status, 200);
    assert.ok(after.body.equals(expected.body));
  });

  it('counts its answers under the same labels as the app', async () => {
    const [a, b] = [await direct.metrics(), await appOnly.metrics()];
    const counts = (text: string) =>
      text.split('\n').filter((l) => l.startsWith('empreinte_http_requests_total{'));
    assert.deepEqual(counts(a), counts(b));
    assert.match(
      counts(a).join('\n'),
      /method="POST",route="\/api\/v1\/estimate\/training",status="200"\} \d+/,
    );
  });
});
