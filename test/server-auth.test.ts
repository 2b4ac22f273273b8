import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ServeHandle, startServe } from './e2e/_server.js';
import { runCli } from './helpers/cli.js';

/** Off loopback the server needs a token, and then every API call needs it. */
const TOKEN = 'test-token-0123456789abcdef';

describe('serve off loopback', () => {
  it('refuses to listen on every interface without a token', () => {
    const result = runCli(['serve', '--host', '0.0.0.0', '--port', '0'], {
      env: { EMPREINTE_TOKEN: '' },
      timeout: 20_000,
    });
    assert.equal(result.status, 2);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0], /--token/);
    assert.match(lines[0], /0\.0\.0\.0/);
  });

  it('refuses a token too short to be a secret', () => {
    const result = runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--token', 'abc'], {
      timeout: 20_000,
    });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--token/);
  });

  it('refuses, at start, a token no Authorization header could carry', () => {
    for (const token of ['correct horse battery staple', 'mot-de-passe-très-secret-42']) {
      const result = runCli(['serve', '--host', '0.0.0.0', '--port', '0'], {
        env: { EMPREINTE_TOKEN: token },
        timeout: 20_000,
      });
      assert.equal(result.status, 2, `${token}: ${result.stderr}`);
      assert.match(result.stderr, /--token has spaces or characters outside printable ASCII/);
      assert.ok(!result.stderr.includes(token), 'the error must not echo the secret');
    }
  });

  it('names the port when it is taken', async () => {
    const first = await startServe();
    try {
      const port = new URL(first.url).port;
      const result = runCli(['serve', '--port', port], { timeout: 20_000 });
      assert.equal(result.status, 2);
      assert.match(result.stderr, /--port: 127\.0\.0\.1:\d+ is already in use/);
    } finally {
      await first.stop();
    }
  });
});

describe('a server with a token', () => {
  let server: ServeHandle;
  let base: string;
  before(async () => {
    server = await startServe({ args: ['--host', '0.0.0.0'], env: { EMPREINTE_TOKEN: TOKEN } });
    base = `http://127.0.0.1:${new URL(server.url).port}`;
  });
  after(() => server.stop());

  it('answers 401 without the token, or with a wrong one', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong-token-0123456789',
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN}x`,
      'Bearer ',
    ]) {
      const response = await fetch(`${base}/api/v1/models`, {
        headers: authorization ? { authorization } : {},
      });
      assert.equal(response.status, 401, String(authorization));
      assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.equal((await response.json()).error.code, 'unauthorized');
    }
  });

  it('answers with the right token, on every API route and /metrics', async () => {
    const headers = { authorization: `Bearer ${TOKEN}` };
    assert.equal((await fetch(`${base}/api/v1/models`, { headers })).status, 200);
    assert.equal((await fetch(`${base}/api/v1/runs`, { headers })).status, 200);
    const post = await fetch(`${base}/api/v1/estimate/training`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{"model":"llama-2-70b"}',
    });
    assert.equal(post.status, 200);
    assert.equal((await fetch(`${base}/metrics`)).status, 401);
    assert.equal((await fetch(`${base}/metrics`, { headers })).status, 200);
  });

  it('checks the token before reading a body', async () => {
    const response = await fetch(`${base}/api/v1/estimate/training`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"params": "not a number"}',
    });
    assert.equal(response.status, 401);
  });

  it('serves the dashboard itself without the token (it asks for it)', async () => {
    const response = await fetch(`${base}/`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /<div id="app">/);
  });
});
