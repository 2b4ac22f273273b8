// `runs list --limit N` and `GET /api/v1/runs?limit=N` through the built CLI and the real server:
// the newest N runs, and a usage error (exit 2, HTTP 400) naming `limit` for anything else.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../src/store/index.js';
import { type ServeHandle, startServe } from './e2e/_server.js';
import { runCli } from './helpers/cli.js';
import { blankHost, blankRun, TEST_SITE } from './helpers/runs.js';

const dir = mkdtempSync(join(tmpdir(), 'empreinte-runs-limit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Three finished runs, started one minute apart: `run-3` is the newest. */
const SETTLED = join(dir, 'settled.db');
/** The same, and an older run still going on another machine: listing it opens the store. */
const GOING = join(dir, 'going.db');

async function seed(path: string, going: boolean): Promise<void> {
  const store = await openStore(path);
  for (const i of [1, 2, 3]) {
    const id = `run-${i}`;
    const startedAt = 1_767_225_600_000 + i * 60_000;
    await store.createRun(
      blankRun(id, { name: `limit ${i}`, startedAt, ...TEST_SITE }),
      blankHost(id, { machine: hostname(), startedAt }),
    );
    await store.finishHost(id, 'h', {
      endedAt: startedAt + 30_000,
      status: 'completed',
      exitCode: 0,
      energyJ: { gpu: 3.6e6 * i, cpu: 0, ram: 0 },
    });
  }
  if (going)
    await store.createRun(
      blankRun('run-0', { startedAt: 1_767_225_600_000, ...TEST_SITE }),
      blankHost('run-0', { machine: 'elsewhere', startedAt: 1_767_225_600_000 }),
    );
  await store.close();
}

before(async () => {
  await seed(SETTLED, false);
  await seed(GOING, true);
});

const listed = (db: string, args: string[]) => {
  const result = runCli(['runs', 'list', '--json', '--db', db, ...args]);
  assert.equal(result.status, 0, result.stderr);
  return (JSON.parse(result.stdout) as { id: string }[]).map((r) => r.id);
};

describe('runs list --limit', () => {
  it('lists the newest N runs, whether the file is read directly or through the store', () => {
    assert.deepEqual(listed(SETTLED, []), ['run-3', 'run-2', 'run-1']);
    assert.deepEqual(listed(SETTLED, ['--limit', '2']), ['run-3', 'run-2']);
    assert.deepEqual(listed(SETTLED, ['--limit=1']), ['run-3']);
    assert.deepEqual(listed(SETTLED, ['--limit', '50']), ['run-3', 'run-2', 'run-1']);
    assert.deepEqual(listed(GOING, []), ['run-3', 'run-2', 'run-1', 'run-0']);
    assert.deepEqual(listed(GOING, ['--limit', '3']), ['run-3', 'run-2', 'run-1']);
    assert.deepEqual(listed(GOING, ['--limit', '4']), ['run-3', 'run-2', 'run-1', 'run-0']);
  });

  it('shows the newest N as a table', () => {
    const result = runCli(['runs', 'list', '--limit', '1', '--db', SETTLED]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /limit 3/);
    assert.doesNotMatch(result.stdout, /limit [12]/);
  });

  it('refuses anything but an integer >= 1 with exit 2, naming --limit, the value and what is accepted', () => {
    for (const value of ['0', '-2', '2.5', 'ten', '']) {
      const result = runCli(['runs', 'list', '--db', SETTLED, `--limit=${value}`]);
      assert.equal(result.status, 2, `${value}: ${result.stderr}`);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.ok(result.stderr.includes(`--limit: '${value}' is not accepted`), result.stderr);
      assert.match(result.stderr, /expected an integer >= 1/);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    }
    const french = runCli(['runs', 'list', '--db', SETTLED, '--limit', '0', '--lang', 'fr']);
    assert.equal(french.status, 2);
    assert.match(french.stderr, /--limit : 0 n’est pas accepté \(attendu : un entier >= 1\)/);
  });

  it('says what --limit does in its help, in English and French', () => {
    assert.match(runCli(['runs', 'list', '--help']).stdout, /--limit <n>\s+only the N newest runs/);
    assert.match(
      runCli(['runs', 'list', '--help', '--lang', 'fr']).stdout,
      /--limit <n>\s+seulement les N exécutions les plus récentes/,
    );
  });
});

describe('GET /api/v1/runs?limit=N', () => {
  let server: ServeHandle;
  before(async () => {
    server = await startServe({ db: GOING });
  });
  after(async () => {
    await server?.stop();
  });
  const get = async (query: string) => {
    const response = await fetch(`${server.url}/api/v1/runs${query}`);
    return { status: response.status, body: await response.json() };
  };

  it('answers the newest N runs, as runs list --limit N --json', async () => {
    const all = await get('');
    assert.equal(all.status, 200);
    assert.deepEqual(
      all.body.map((r: { id: string }) => r.id),
      ['run-3', 'run-2', 'run-1', 'run-0'],
    );
    const two = await get('?limit=2');
    assert.equal(two.status, 200);
    assert.deepEqual(two.body, all.body.slice(0, 2));
    assert.deepEqual((await get('?limit=9')).body, all.body);
  });

  it('answers 400 naming limit, the value and what is accepted', async () => {
    for (const value of ['0', '-1', '1.5', 'all', '']) {
      const { status, body } = await get(`?limit=${encodeURIComponent(value)}`);
      assert.equal(status, 400, value);
      assert.equal(body.error.code, 'invalid_value');
      const [issue] = body.error.issues;
      assert.deepEqual(issue.path, ['query', 'limit']);
      assert.equal(issue.value, value);
      assert.equal(issue.accepted, 'an integer >= 1');
      assert.match(issue.message, /^limit: .* is not accepted/);
    }
  });

  it('documents limit in /openapi.json', async () => {
    const doc = await (await fetch(`${server.url}/openapi.json`)).json();
    const parameters = doc.paths['/api/v1/runs'].get.parameters as { name: string; in: string }[];
    assert.ok(parameters.some((p) => p.name === 'limit' && p.in === 'query'));
  });
});
