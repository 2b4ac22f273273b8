import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { handleError } from './errors.js';
import { rateLimit } from './rate-limit.js';

/** An app behind the limiter with a clock the test moves; every request comes from one client. */
function app(perSecond: number, burst: number, maxClients?: number) {
  let now = 0;
  const a = new Hono();
  a.use('*', rateLimit({ perSecond, burst, maxClients, now: () => now }));
  a.get('/', (c) => c.text('ok'));
  a.onError(handleError);
  return {
    get: async () => {
      const r = await a.request('/');
      return { status: r.status, retry: r.headers.get('retry-after') };
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('rateLimit (token bucket)', () => {
  it('lets a burst through, then answers 429 with Retry-After', async () => {
    const a = app(10, 5);
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await a.get()).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
    assert.equal((await a.get()).retry, '1');
  });

  it('refills at the sustained rate', async () => {
    const a = app(10, 5);
    for (let i = 0; i < 5; i++) await a.get();
    assert.equal((await a.get()).status, 429);
    a.advance(100); // one token back
    assert.equal((await a.get()).status, 200);
    assert.equal((await a.get()).status, 429);
    a.advance(10_000); // full again, never more than the burst
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await a.get()).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
  });

  it('keeps one bucket per client, and at most maxClients of them', async () => {
    let now = 0;
    const limiter = rateLimit({
      perSecond: 1,
      burst: 2,
      maxClients: 100,
      now: () => now,
      keyOf: (c) => c.req.header('x-client') ?? '',
    });
    const a = new Hono();
    a.use('*', limiter);
    a.get('/', (c) => c.text('ok'));
    a.onError(handleError);
    const get = async (client: string) => (await a.request('/', { headers: { 'x-client': client } })).status;
    assert.deepEqual([await get('a'), await get('a'), await get('a'), await get('b')], [200, 200, 429, 200]);
    // A spray of 10,000 addresses: the table stays bounded, and a limited client stays limited.
    for (let i = 0; i < 10_000; i++) await get(`spray-${i}`);
    assert.ok(limiter.clients() <= 100, `${limiter.clients()} buckets`);
    now += 100;
    assert.equal(
      await get('a'),
      200,
      'an evicted bucket starts full again (the bound costs a burst, not memory)',
    );
  });

  it('holds a rate below the budget indefinitely', async () => {
    const a = app(10, 2);
    for (let i = 0; i < 200; i++) {
      a.advance(101);
      assert.equal((await a.get()).status, 200);
    }
  });
});
