import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { postJson, type ServeHandle, startServe } from './e2e/_server.js';
import { runCli } from './helpers/cli.js';

/** The HTTP API against the real `empreinte serve` on 127.0.0.1 and a random port. */
let server: ServeHandle;
const api = (path: string) => `${server.url}/api/v1/${path}`;
before(async () => {
  server = await startServe();
});
after(() => server.stop());

/** Germany's hourly intensity, December 2023: a committed excerpt of an Electricity Maps export. */
const GERMANY = fileURLToPath(new URL('fixtures/electricitymaps/DE_2023-12_hourly.csv', import.meta.url));

/** Its first week, as an uploaded file. */
function weekOfGermany(): string {
  const text = readFileSync(GERMANY, 'utf8');
  return text
    .split('\n')
    .slice(0, 1 + 7 * 24)
    .join('\n');
}

/** Sends raw bytes (a path no client library would send as-is) and returns status and body. */
function rawRequest(path: string, host = '127.0.0.1'): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (d) => {
      data += d;
    });
    socket.on('end', () => resolve({ status: Number(data.split(' ')[1]), text: data }));
    socket.on('error', reject);
  });
}

describe('estimates', () => {
  it('estimates training from a JSON body in the camelCase of the CLI flags', async () => {
    const { status, body } = await postJson(api('estimate/training'), {
      params: 7e9,
      tokens: '2T',
      hardware: 'h100',
      chips: 64,
    });
    assert.equal(status, 200);
    assert.ok(body.energyKwh.low <= body.energyKwh.central && body.energyKwh.central <= body.energyKwh.high);
    assert.ok(body.co2eKg.central > 0);
    assert.equal(body.flop, 6 * 7e9 * 2e12);
    assert.equal(body.inputs.params.source, 'user');
  });

  it('gives the same answer as the CLI for the same inputs', async () => {
    const { body } = await postJson(api('estimate/training'), { model: 'llama-2-70b' });
    const cli = runCli(['estimate', 'training', '--model', 'llama-2-70b', '--json']);
    assert.equal(cli.status, 0, cli.stderr);
    assert.deepEqual(body, JSON.parse(cli.stdout));
  });

  it('labels equivalents in French with ?lang=fr', async () => {
    const en = await postJson(api('estimate/training'), { model: 'llama-2-70b' });
    const fr = await postJson(`${api('estimate/training')}?lang=fr`, { model: 'llama-2-70b' });
    assert.equal(fr.status, 200);
    assert.equal(fr.body.energyKwh.central, en.body.energyKwh.central);
    assert.notEqual(fr.body.equivalents[0].label, en.body.equivalents[0].label);
  });

  it('estimates inference and a deployment', async () => {
    const inference = await postJson(api('estimate/inference'), {
      params: '8B',
      hardware: 'h100',
      outputTokens: 300,
      requests: 1000,
    });
    assert.equal(inference.status, 200, JSON.stringify(inference.body));
    assert.ok(inference.body.perRequestWh.central > 0);
    const deployment = await postJson(api('estimate/deployment'), {
      preset: 'customer-service',
      compare: ['prompt-caching=on'],
    });
    assert.equal(deployment.status, 200, JSON.stringify(deployment.body));
    assert.equal(deployment.body.hourly.length, 24);
    assert.equal(deployment.body.comparisons.length, 1);
  });

  it('sweeps with explore, lists as arrays or comma strings', async () => {
    const { status, body } = await postJson(api('explore'), {
      params: [1e9, 7e9],
      tokens: '1T',
      hardware: 'h100,a100',
      location: ['fr'],
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.length, 4);
    assert.ok(body.every((r: { co2eKg: { central: number } }) => r.co2eKg.central > 0));
  });

  it('ranks recommendations and projects to a future year, as the CLI does', async () => {
    const body = { params: '7B', tokens: '2T', hardware: 'h100', chips: 64 };
    const recommend = await postJson(api('recommend'), { ...body, trials: 3 });
    assert.equal(recommend.status, 200, JSON.stringify(recommend.body));
    assert.equal(recommend.body.baseline.trials, 3);
    const saved = recommend.body.recommendations.map((r: { co2eKgSaved: number }) => r.co2eKgSaved);
    assert.ok(saved.length > 0);
    assert.deepEqual(
      saved,
      [...saved].sort((a: number, b: number) => b - a),
    );
    const cli = runCli([
      'recommend',
      '--params',
      '7B',
      '--tokens',
      '2T',
      '--hardware',
      'h100',
      '--chips',
      '64',
      '--trials',
      '3',
      '--json',
    ]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.deepEqual(recommend.body, JSON.parse(cli.stdout));
    const projection = await postJson(api('project'), { ...body, year: 2030 });
    assert.equal(projection.status, 200, JSON.stringify(projection.body));
    assert.equal(projection.body.year, 2030);
    const missingYear = await postJson(api('project'), body);
    assert.equal(missingYear.status, 400);
    assert.deepEqual(missingYear.body.error.issues[0].path, ['year']);
  });

  it('refuses a sweep too large for one HTTP answer', async () => {
    const params = Array.from({ length: 200 }, (_, i) => 1e9 * (i + 1));
    const tokens = Array.from({ length: 200 }, (_, i) => 1e11 * (i + 1));
    const { status, body } = await postJson(api('explore'), { params, tokens, hardware: 'h100' });
    assert.equal(status, 400);
    assert.ok(body.error.issues.length > 0);
  });
});

describe('bad bodies', () => {
  // The code of each case; a wrong JSON type is only checked for its status and field.
  const cases: [string, unknown, string, string | undefined][] = [
    [
      'a number that is not one',
      { params: 'abc', tokens: '1T', hardware: 'h100' },
      'params',
      'invalid_number',
    ],
    ['an MFU above 1', { params: '7B', tokens: '1T', hardware: 'h100', mfu: 1.5 }, 'mfu', 'out_of_range'],
    [
      'an unknown field',
      { params: '7B', tokens: '1T', hardware: 'h100', colour: 'red' },
      'colour',
      'invalid_value',
    ],
    ['an unknown chip', { params: '7B', tokens: '1T', hardware: 'h1000000' }, 'hardware', 'unknown_id'],
    ['a wrong type', { params: '7B', tokens: '1T', hardware: 42 }, 'hardware', undefined],
  ];
  for (const [what, body, field, code] of cases) {
    it(`answers 400 naming the field for ${what}`, async () => {
      const response = await postJson(api('estimate/training'), body);
      assert.equal(response.status, 400);
      const issue = response.body.error.issues.find((i: { path: string[] }) => i.path.includes(field));
      assert.ok(issue, JSON.stringify(response.body));
      if (code) assert.equal(issue.code, code);
      // Over HTTP, messages name the JSON field, not the CLI flag.
      assert.match(issue.message, new RegExp(`\\b${field}\\b`));
      assert.doesNotMatch(issue.message, /--/);
      assert.equal(response.body.error.code, response.body.error.issues[0].code);
    });
  }

  it('answers 400 on the field body for invalid JSON or a non-object', async () => {
    for (const text of ['{"params": 7e9,', '[1,2]', '"text"']) {
      const response = await postJson(api('estimate/training'), text);
      assert.equal(response.status, 400, text);
      assert.deepEqual(response.body.error.issues[0].path, ['body']);
    }
  });

  it('answers 415 to a body that is not declared as JSON (no cross-site form posts)', async () => {
    const response = await fetch(api('estimate/training'), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"model":"llama-2-70b"}',
    });
    assert.equal(response.status, 415);
    assert.equal((await response.json()).error.code, 'unsupported_media_type');
  });

  it('answers 413 to an oversized body, before reading it all', async () => {
    const big = JSON.stringify({ model: 'x'.repeat(200_000) });
    const response = await postJson(api('estimate/training'), big);
    assert.equal(response.status, 413);
    assert.equal(response.body.error.code, 'payload_too_large');
    assert.match(response.body.error.message, /^the body is over 65536 bytes$/);
    const french = await postJson(`${api('estimate/training')}?lang=fr`, big);
    assert.match(french.body.error.message, /^le corps dépasse 65536 octets$/);
  });

  it('answers 413 to an oversized chunked body (no Content-Length), counting as it reads', async () => {
    const chunk = new TextEncoder().encode(`{"model":"${'x'.repeat(16 * 1024)}`);
    let sent = 0;
    // Paced like a real upload: a client still writing when the server answers and closes
    // may see EPIPE instead of the 413 (the server cannot read a refused body to its end).
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(api('estimate/training'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    assert.equal(response.status, 413);
    assert.equal((await response.json()).error.code, 'payload_too_large');
  });

  it('words the issues in French with ?lang=fr, same codes and fields', async () => {
    const response = await postJson(`${api('estimate/training')}?lang=fr`, {
      params: 'abc',
      tokens: '1T',
      hardware: 'h100',
    });
    assert.equal(response.status, 400);
    const [issue] = response.body.error.issues;
    assert.equal(issue.code, 'invalid_number');
    assert.deepEqual(issue.path, ['params']);
    assert.match(
      issue.message,
      /^params : « abc » n’est pas un nombre \(attendu : un nombre >= 1 et <= 1e15, p\. ex\. /,
    );
    assert.match(issue.accepted, /^un nombre >= 1 et <= 1e15, p\. ex\. /);
    // Entirely French: nothing of the English sentence is left, in the message or in what is accepted.
    assert.doesNotMatch(`${issue.message} ${issue.accepted}`, /\b(is|not|expected|number|e\.g)\b/);
    assert.equal(response.body.error.message, issue.message);
  });

  it('words an engine error (not a schema one) in French, naming fields', async () => {
    const response = await postJson(`${api('estimate/training')}?lang=fr`, {
      params: '7B',
      activeParams: '13B',
      tokens: '1T',
      hardware: 'h100',
    });
    assert.equal(response.status, 400);
    const [issue] = response.body.error.issues;
    assert.equal(issue.code, 'conflict');
    assert.equal(issue.key, 'engine.activeExceeds');
    assert.equal(issue.message, 'activeParams : 13000000000 dépasse params 7000000000');
    assert.equal(issue.accepted, 'des paramètres actifs <= paramètres totaux');
    const english = await postJson(api('estimate/training'), {
      params: '7B',
      activeParams: '13B',
      tokens: '1T',
      hardware: 'h100',
    });
    assert.equal(english.body.error.issues[0].message, 'activeParams: 13000000000 exceeds params 7000000000');
  });

  it('rejects ?lang other than en or fr', async () => {
    const response = await postJson(`${api('estimate/training')}?lang=de`, { model: 'llama-2-70b' });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body.error.issues[0].path, ['query', 'lang']);
  });
});

describe('catalogs', () => {
  it('lists models, hardware and locations', async () => {
    const models = await (await fetch(api('models'))).json();
    assert.ok(models.some((m: { id: string }) => m.id === 'llama-2-70b'));
    const hardware = await (await fetch(api('hardware'))).json();
    assert.ok(hardware.some((h: { id: string }) => h.id === 'nvidia-h100-sxm5-80gb'));
    const all = await (await fetch(api('locations'))).json();
    const france = await (await fetch(api('locations?q=france'))).json();
    assert.ok(france.length > 0 && france.length < all.length);
    assert.ok(france.some((l: { id: string }) => l.id === 'fr'));
  });
});

describe('schedule', () => {
  it('finds the best window in an uploaded series and returns the series for charts', async () => {
    const { status, body } = await postJson(api('schedule'), {
      series: [{ name: 'DE_2023_hourly.csv', content: weekOfGermany() }],
      duration: '6h',
      powerW: 1000,
      includeSeries: true,
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.durationH, 6);
    assert.equal(body.best.zone, 'DE');
    assert.ok(body.best.intensityGPerKwh <= body.now.intensityGPerKwh);
    assert.ok(body.savingPct >= 0);
    assert.equal(body.series[0].values.length, 7 * 24);
    // The CLI reads the same export from a file: same best window.
    const cli = runCli([
      'schedule',
      '--series',
      GERMANY,
      '--duration',
      '6h',
      '--to',
      '2023-12-08T00:00Z',
      '--json',
    ]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(JSON.parse(cli.stdout).best.start, body.best.start);
  });

  it('names the field of a bad duration, a missing series and a broken file', async () => {
    const bad = await postJson(api('schedule'), {
      series: [{ name: 'a.csv', content: weekOfGermany() }],
      duration: 'soon',
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error.issues[0].path, ['duration']);
    const none = await postJson(api('schedule'), { duration: '2h' });
    assert.equal(none.status, 400);
    assert.deepEqual(none.body.error.issues[0].path, ['series']);
    const broken = await postJson(api('schedule'), {
      series: [{ name: 'x.json', content: '{"nope": ' }],
      duration: '2h',
    });
    assert.equal(broken.status, 400);
    assert.equal(broken.body.error.issues[0].code, 'invalid_file');
    assert.match(broken.body.error.issues[0].message, /x\.json/);
  });
});

describe('routes, errors and headers', () => {
  it('answers unknown routes with a JSON 404', async () => {
    for (const path of ['/api/v1/nope', '/api/v2/models', '/nothing-here.js']) {
      const response = await fetch(`${server.url}${path}`);
      assert.equal(response.status, 404, path);
      assert.match(response.headers.get('content-type') ?? '', /application\/json/);
      assert.equal((await response.json()).error.code, 'not_found');
    }
    // No route under any method there: not found, whatever the method (the dashboard's files are GET only).
    const post = await fetch(`${server.url}/api/v1/nope`, { method: 'POST', body: '{}' });
    assert.equal(post.status, 404);
    assert.equal((await post.json()).error.code, 'not_found');
    const french = await (await fetch(`${server.url}/api/v1/nope?lang=fr`)).json();
    assert.equal(french.error.message, 'rien à /api/v1/nope');
  });

  it('answers a known route with the wrong method with 405 and Allow', async () => {
    const response = await fetch(api('models'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, HEAD');
    const get = await fetch(api('estimate/training'));
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    assert.equal((await get.json()).error.message, 'GET is not allowed on /api/v1/estimate/training');
    const french = await (await fetch(`${api('estimate/training')}?lang=fr`)).json();
    assert.equal(french.error.message, 'GET n’est pas permis sur /api/v1/estimate/training');
  });

  it('sends no CORS headers: other origins cannot read the API', async () => {
    const response = await fetch(api('models'), { headers: { origin: 'https://example.com' } });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    const preflight = await fetch(api('estimate/training'), {
      method: 'OPTIONS',
      headers: { origin: 'https://example.com', 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const { status, text } = await rawRequest('/api/v1/models', 'attacker.example');
    assert.equal(status, 403);
    assert.match(text, /forbidden_host/);
    assert.match(text, /answers only requests to localhost/);
    const french = await rawRequest('/api/v1/models?lang=fr', 'attacker.example');
    assert.match(french.text, /ne répond qu’aux requêtes adressées à localhost/);
  });

  it('describes every route in /openapi.json from the zod schemas', async () => {
    const doc = await (await fetch(`${server.url}/openapi.json`)).json();
    assert.equal(doc.openapi, '3.1.0');
    for (const path of [
      '/api/v1/estimate/training',
      '/api/v1/explore',
      '/api/v1/schedule',
      '/api/v1/runs/{id}/stream',
    ]) {
      assert.ok(doc.paths[path], path);
    }
    const schema = doc.paths['/api/v1/estimate/training'].post.requestBody.content['application/json'].schema;
    assert.ok(schema.properties.params && schema.properties.mfu && schema.properties.hardware);
    assert.equal(schema.additionalProperties, false);
  });

  it('exposes Prometheus metrics: requests by route, latency, process', async () => {
    await fetch(api('models'));
    const text = await (await fetch(`${server.url}/metrics`)).text();
    assert.match(
      text,
      /empreinte_http_requests_total\{method="GET",route="\/api\/v1\/models",status="200"\} \d+/,
    );
    assert.match(
      text,
      /empreinte_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/v1\/models"/,
    );
    assert.match(text, /^process_cpu_seconds_total \d/m);
    assert.doesNotMatch(text, /route="\/api\/v1\/nope"/);
  });
});

describe('dashboard files', () => {
  it('serves index.html uncached with a strict CSP, hashed assets for a year', async () => {
    const index = await fetch(`${server.url}/`);
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    assert.match(index.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = await index.text();
    const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(asset, html);
    const js = await fetch(`${server.url}/${asset}`);
    assert.equal(js.status, 200);
    assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    const etag = js.headers.get('etag')!;
    const again = await fetch(`${server.url}/${asset}`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });

  it('never serves a file outside the dashboard, however the path is spelled', async () => {
    const attempts = [
      '/../package.json',
      '/../../package.json',
      '/%2e%2e/package.json',
      '/%2e%2e%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/..%5c..%5cpackage.json',
      '//etc/passwd',
      '/%2F%2Fetc%2Fpasswd',
      '/assets/../../../../etc/passwd',
      '/index.html%00.js',
      '/server/index.js',
      '/../server/index.js',
    ];
    for (const path of attempts) {
      const { status, text } = await rawRequest(path);
      assert.ok(status === 404 || status === 400, `${path}: ${status}`);
      assert.doesNotMatch(text, /"name": "empreinte"|root:x:0|createApp/, path);
    }
  });
});

describe('runs', () => {
  it('lists no runs in a new store, and 404s an unknown run', async () => {
    const runs = await (await fetch(api('runs'))).json();
    assert.deepEqual(runs, []);
    const missing = await fetch(api('runs/does-not-exist'));
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error.code, 'not_found');
    const stream = await fetch(api('runs/does-not-exist/stream'));
    assert.equal(stream.status, 404);
  });
});
