/**
 * Security properties, tested on the real processes: the server listens on loopback by default
 * and wants a token anywhere else (compared in constant time), serves no file outside its
 * dashboard whatever the path, sends no CORS grant to a foreign origin, refuses big bodies (413)
 * and bursts (429); no user string reaches a shell or SQL unescaped.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { EXPOSED_RATE_LIMIT } from '../../src/server/index.js';
import { type ServeHandle, startServe } from '../e2e/_server.js';
import { runCli } from '../helpers/cli.js';
import { scratch } from './_process.js';

const work = scratch('security');
after(work.cleanup);
const SRC = new URL('../../src/', import.meta.url).pathname;
const TOKEN = 'correct-horse-battery-staple-42';

/** An HTTP/1.1 request written by hand, so that no client normalises the path; returns the raw answer. */
function rawRequest(url: string, head: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname === '0.0.0.0' ? '127.0.0.1' : hostname);
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      answer += d;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(`${head}\r\nConnection: close\r\n\r\n`);
  });
}
const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);

describe('security: where the server listens', () => {
  let server: ServeHandle;
  before(async () => {
    server = await startServe();
  });
  after(() => server?.stop());

  it('listens on 127.0.0.1 by default and answers only requests addressed to localhost', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await fetch(`${server.url}/api/v1/models`)).status, 200);
    // A page that rebinds its own name to 127.0.0.1 cannot read the API (DNS rebinding).
    const answer = await rawRequest(server.url, 'GET /api/v1/runs HTTP/1.1\r\nHost: evil.example:80');
    assert.equal(statusOf(answer), 403);
  });

  it('refuses to listen beyond loopback without a token: one line naming --token, exit 2', () => {
    const r = runCli(['serve', '--host', '0.0.0.0', '--port', '0'], {
      env: { EMPREINTE_TOKEN: '' },
      timeout: 20_000,
    });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /--token is required to listen on 0\.0\.0\.0/);
  });

  it('sends no CORS grant to a foreign origin, on answers or preflights', async () => {
    const origin = { Origin: 'https://evil.example' };
    const get = await fetch(`${server.url}/api/v1/models`, { headers: origin });
    assert.equal(get.headers.get('access-control-allow-origin'), null);
    const preflight = await fetch(`${server.url}/api/v1/estimate/training`, {
      method: 'OPTIONS',
      headers: {
        ...origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    assert.notEqual(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    assert.equal(preflight.headers.get('access-control-allow-methods'), null);
    // A form post from another site (no JSON content type) is refused, so no simple request gets through.
    const form = await fetch(`${server.url}/api/v1/estimate/training`, {
      method: 'POST',
      headers: { ...origin, 'content-type': 'text/plain' },
      body: '{"params":"7B","tokens":"1T","hardware":"h100"}',
    });
    assert.equal(form.status, 415);
  });

  it('serves nothing outside its dashboard, however the path is written', async () => {
    assert.equal((await fetch(`${server.url}/index.html`)).status, 200, 'the dashboard is there');
    const paths = [
      '/../../../../../../etc/passwd',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
      '/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/%252e%252e/%252e%252e/etc/passwd',
      '/assets/..\\..\\..\\..\\etc\\passwd',
      '/..%5c..%5c..%5c..%5cetc%5cpasswd',
      '/index.html%00.png',
      '/%00/etc/passwd',
      '/assets/%00',
      '//etc/passwd',
      '/.%2e/.%2e/etc/passwd',
      '/api/v1/runs/..%2f..%2f..%2fetc%2fpasswd',
      '/api/v1/runs/%2e%2e/%2e%2e/openapi.json',
      '/.git/config',
      '/../package.json',
      '/%2e%2e/package.json',
    ];
    for (const path of paths) {
      const answer = await rawRequest(server.url, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1`);
      const status = statusOf(answer);
      assert.ok(status === 404 || status === 400, `${path}: ${status}`);
      assert.doesNotMatch(answer, /root:.*:0:0:|"name": "empreinte"|\[core\]/, `${path} leaked a file`);
    }
  });

  it('refuses a body over the limit with 413, declared or chunked, and stays up', async () => {
    const big = JSON.stringify({ params: '7B', tokens: '1T', hardware: 'h100', pad: 'x'.repeat(200_000) });
    const declared = await fetch(`${server.url}/api/v1/estimate/training`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    assert.equal(declared.status, 413);
    const chunked = await rawRequest(
      server.url,
      `POST /api/v1/estimate/training HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${big.length.toString(16)}\r\n${big}\r\n0\r\n`,
    );
    assert.equal(statusOf(chunked), 413);
    assert.equal((await fetch(`${server.url}/api/v1/models`)).status, 200);
  });
});

describe('security: a server reachable from the network', () => {
  let server: ServeHandle;
  before(async () => {
    server = await startServe({ args: ['--host', '0.0.0.0', '--token', TOKEN] });
  });
  after(() => server?.stop());
  const url = () => server.url.replace('0.0.0.0', '127.0.0.1');

  it('wants the token on the API and /metrics, and takes only the exact one', async () => {
    const get = (path: string, auth?: string) =>
      fetch(`${url()}${path}`, { headers: auth === undefined ? {} : { authorization: auth } });
    for (const auth of [
      undefined,
      '',
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.toUpperCase()}`,
      `Basic ${TOKEN}`,
      TOKEN,
    ]) {
      const r = await get('/api/v1/models', auth);
      assert.equal(r.status, 401, `accepted ${auth}`);
      assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer/);
    }
    assert.equal((await get(`/api/v1/models?token=${TOKEN}`)).status, 401, 'no token in URLs');
    assert.equal((await get('/metrics')).status, 401);
    assert.equal((await get('/api/v1/models', `Bearer ${TOKEN}`)).status, 200);
    assert.equal((await get('/metrics', `Bearer ${TOKEN}`)).status, 200);
  });

  it('compares tokens in constant time (timingSafeEqual over digests, no string comparison)', () => {
    const auth = readFileSync(join(SRC, 'server/auth.ts'), 'utf8');
    assert.match(auth, /timingSafeEqual\(digest\([^)]*\), expected\)/);
    assert.doesNotMatch(auth, /token\s*[!=]==|[!=]==\s*token/, 'a plain comparison of the token');
  });

  it('answers a burst past the budget with 429 and Retry-After, then serves again', async () => {
    const headers = { authorization: `Bearer ${TOKEN}` };
    const { burst, perSecond } = EXPOSED_RATE_LIMIT;
    // Waves of requests until the budget runs out: on a loaded machine a wave takes longer and
    // the bucket refills meanwhile, so the bound on answers grows with the time taken, not a count.
    const statuses: { status: number; retry: string | null }[] = [];
    const startedAt = performance.now();
    while (!statuses.some((s) => s.status === 429) && statuses.length < 20 * burst) {
      statuses.push(
        ...(await Promise.all(
          Array.from({ length: 60 }, () =>
            fetch(`${url()}/api/v1/models`, { headers }).then(async (r) => {
              await r.arrayBuffer();
              return { status: r.status, retry: r.headers.get('retry-after') };
            }),
          ),
        )),
      );
    }
    const elapsedS = (performance.now() - startedAt) / 1000;
    const ok = statuses.filter((s) => s.status === 200).length;
    const limited = statuses.filter((s) => s.status === 429);
    assert.ok(limited.length > 0, `no 429 in ${statuses.length} requests over ${elapsedS.toFixed(2)} s`);
    assert.ok(
      limited.every((s) => Number(s.retry) >= 1),
      JSON.stringify(limited.slice(0, 2)),
    );
    assert.ok(
      ok >= burst && ok <= burst + perSecond * elapsedS + 1,
      `${ok} answered over ${elapsedS.toFixed(2)} s (burst ${burst}, ${perSecond}/s)`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal((await fetch(`${url()}/api/v1/models`, { headers })).status, 200);
  });
});

/** Every .ts file under src/, tests excluded. */
function sources(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('security: no user string reaches a shell or SQL', () => {
  it('the code starts processes only with argument lists, never through a shell', () => {
    const offenders: string[] = [];
    for (const file of sources()) {
      const text = readFileSync(file, 'utf8');
      if (/shell\s*:\s*(true|['"`])/.test(text)) offenders.push(`${file}: shell option`);
      if (/\b(exec|execSync)\s*\(/.test(text.replace(/\.exec\(/g, '')) && /child_process/.test(text))
        offenders.push(`${file}: exec with a command string`);
    }
    assert.deepEqual(offenders, []);
  });

  it('empreinte run passes its command as argv: $(id), ; and backquotes stay text', () => {
    const env = { EMPREINTE_DB: join(work.dir, 'shell.db'), HOME: work.dir };
    const marker = join(work.dir, 'pwned');
    const literal = runCli(['run', '--json', '--', 'echo', '$(id)', '`id`', `; touch ${marker}`], { env });
    assert.equal(literal.status, 0, literal.stderr);
    assert.equal(literal.stdout, `$(id) \`id\` ; touch ${marker}\n`);
    assert.ok(!existsSync(marker), 'a shell ran the text');
    // The whole string is one program name, which does not exist: nothing ran.
    const whole = runCli(['run', '--', `echo $(id); touch ${marker}`], { env });
    assert.equal(whole.status, 127, whole.stderr);
    assert.match(whole.stderr, /command not found/);
    assert.equal(whole.stdout, '');
    assert.ok(!existsSync(marker));
  });

  it('a run name made of SQL is stored as text; tables survive; ids are not patterns', () => {
    const db = join(work.dir, 'sql.db');
    const env = { EMPREINTE_DB: db, HOME: work.dir };
    const name = '\'); DROP TABLE runs;-- " OR 1=1';
    const r = runCli(['run', '--name', name, '--', 'true'], { env });
    assert.equal(r.status, 0, r.stderr);
    const list = JSON.parse(runCli(['runs', 'list', '--json'], { env }).stdout) as { name: string }[];
    assert.deepEqual(
      list.map((x) => x.name),
      [name],
    );
    for (const id of ["' OR '1'='1", '%', '____', '%%%%', "x' UNION SELECT * FROM runs--"]) {
      const shown = runCli(['runs', 'show', id], { env });
      assert.equal(shown.status, 2, `${id}: ${shown.stdout}`);
    }
    const sqlite = new Database(db, { readonly: true });
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    sqlite.close();
    assert.ok(
      ['marks', 'runs', 'channels', 'sampleChunks'].every((t) => tables.includes(t)),
      JSON.stringify(tables),
    );
  });
});
