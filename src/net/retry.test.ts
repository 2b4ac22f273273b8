import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fetchWithRetry } from './retry.js';

/** A server whose answers are scripted per path: a list of statuses, or 'stall' (never answers). */
describe('network reads retry with backoff, within a time limit', () => {
  let server: Server;
  let base: string;
  const hits = new Map<string, number>();
  const script: Record<string, (number | 'stall')[]> = {
    '/flaky': [503, 502, 200],
    '/down': [503, 503, 503, 503, 503],
    '/limited': [429, 200],
    '/stall': ['stall', 'stall', 'stall', 'stall'],
    '/missing': [404, 200],
  };
  before(async () => {
    server = createServer((req, res) => {
      const n = hits.get(req.url!) ?? 0;
      hits.set(req.url!, n + 1);
      const step = script[req.url!]?.[n] ?? 200;
      if (step === 'stall') return;
      res.writeHead(step, { 'content-type': 'text/plain' }).end(`answer ${n + 1}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  const fast = { timeoutMs: 2000, minDelayMs: 10 };

  it('retries "try again" answers until one succeeds', async () => {
    const response = await fetchWithRetry(`${base}/flaky`, {}, fast);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'answer 3');
    assert.equal((await fetchWithRetry(`${base}/limited`, {}, fast)).status, 200);
  });

  it('gives the last answer once out of retries, and does not retry a 404', async () => {
    const response = await fetchWithRetry(`${base}/down`, {}, { ...fast, retries: 2 });
    assert.equal(response.status, 503);
    assert.equal(hits.get('/down'), 3);
    assert.equal((await fetchWithRetry(`${base}/missing`, {}, fast)).status, 404);
    assert.equal(hits.get('/missing'), 1);
  });

  it('retries a try past its time limit, and stops at the overall limit', async () => {
    const start = Date.now();
    await assert.rejects(
      fetchWithRetry(`${base}/stall`, {}, { timeoutMs: 150, minDelayMs: 10, retries: 10, totalMs: 600 }),
      (error: Error) => error.name === 'TimeoutError',
    );
    const took = Date.now() - start;
    assert.ok(took < 1500, `${took} ms`);
    assert.ok((hits.get('/stall') ?? 0) >= 2, `${hits.get('/stall')} tries`);
  });

  it('retries a refused connection', async () => {
    let calls = 0;
    const refusing = (async () => {
      calls++;
      if (calls < 3) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      return new Response('ok');
    }) as typeof fetch;
    const response = await fetchWithRetry('http://127.0.0.1:1/', {}, { ...fast, fetch: refusing });
    assert.equal(await response.text(), 'ok');
    assert.equal(calls, 3);
  });
});
