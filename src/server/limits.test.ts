import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApp } from './app.js';
import { jsonDepth, MAX_JSON_DEPTH } from './route.js';
import { API_MAX_DRAWS } from './routes/estimate.js';

/** What one request may cost the server: nesting of JSON bodies and Monte Carlo draws. */
const { app, routes } = createApp({
  store: async () => {
    throw new Error('no store in these tests');
  },
  cacheEntries: 0,
});

const post = async (path: string, body: string) => {
  const response = await app.request(`/api/v1${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });
  return { status: response.status, json: (await response.json()) as { error?: { message: string } } };
};

describe('JSON nesting', () => {
  it('counts brackets outside strings only', () => {
    assert.equal(jsonDepth('{"a":[1,{"b":2}]}'), 3);
    assert.equal(jsonDepth('{"a":"[[[[{{{{\\"]]]"}'), 1);
    assert.equal(jsonDepth('[]'), 1);
    assert.equal(jsonDepth('7'), 0);
  });

  it('a deeply nested value in any known field of any POST route is a 400 naming the body, never a 500', async () => {
    const deepArray = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const deepObject = `${'{"x":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    for (const route of routes.filter((r) => r.method === 'POST')) {
      for (const key of ['location', 'model', 'hardware']) {
        for (const deep of [deepArray, deepObject]) {
          const { status, json } = await post(route.path, `{"${key}":${deep}}`);
          assert.equal(status, 400, `${route.path} ${key}: ${JSON.stringify(json).slice(0, 200)}`);
          assert.match(json.error!.message, /nested more than 32 levels/);
        }
      }
    }
  });

  it('a body nested exactly to the limit is parsed and validated as usual', async () => {
    const nested = `${'['.repeat(MAX_JSON_DEPTH - 1)}1${']'.repeat(MAX_JSON_DEPTH - 1)}`;
    const { status, json } = await post('/estimate/training', `{"location":${nested}}`);
    assert.equal(status, 400);
    assert.doesNotMatch(json.error!.message, /nested/);
    assert.match(json.error!.message, /location/);
  });
});

describe('Monte Carlo draws over the API', () => {
  const bodies: Record<string, object> = {
    training: { model: 'llama-3-8b', hardware: 'h100-sxm', chipHours: 1000 },
    inference: { model: 'llama-3-8b', hardware: 'h100-sxm' },
    deployment: { model: 'llama-3-8b', hardware: 'h100-sxm', requestsPerDay: 1e6 },
  };
  for (const [kind, body] of Object.entries(bodies)) {
    it(`/estimate/${kind}: draws over the server's limit are a 400 naming draws, at once`, async () => {
      const started = performance.now();
      const { status, json } = await post(`/estimate/${kind}`, JSON.stringify({ ...body, draws: 1_000_000 }));
      assert.equal(status, 400);
      assert.match(json.error!.message, /draws: 1000000 is over the server's limit of 20000/);
      assert.ok(performance.now() - started < 200, 'refused before any work');
      const within = await post(`/estimate/${kind}`, JSON.stringify({ ...body, draws: API_MAX_DRAWS }));
      assert.equal(within.status, 200, JSON.stringify(within.json).slice(0, 300));
    });
  }
});
