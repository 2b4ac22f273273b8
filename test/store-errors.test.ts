import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { startServe } from './e2e/_server.js';
import { CLI, runCli } from './helpers/cli.js';

/** Database files a user can break: damaged pages, read-only, written by a newer version. */
const dir = mkdtempSync(join(tmpdir(), 'empreinte-store-errors-'));
chmodSync(dir, 0o755);
const good = join(dir, 'good.db');
const PAGE = 4096;

before(() => {
  for (const name of ['first', 'second']) {
    const run = runCli(['run', '--name', name, '--', process.execPath, '-e', ''], {
      env: { EMPREINTE_DB: good },
    });
    assert.equal(run.status, 0, run.stderr);
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the good database with `pages` (1-based) overwritten with garbage. */
function damaged(name: string, pages: (size: number, db: string) => number[]): string {
  const path = join(dir, name);
  copyFileSync(good, path);
  const fd = openSync(path, 'r+');
  for (const page of pages(statSync(path).size, good))
    writeSync(fd, Buffer.alloc(PAGE, 0xff), 0, PAGE, (page - 1) * PAGE);
  closeSync(fd);
  return path;
}

/** The page where a table's b-tree starts. */
function rootPage(db: string, table: string): number {
  const sqlite = new BetterSqlite3(db, { readonly: true });
  try {
    return sqlite.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(table) as number;
  } finally {
    sqlite.close();
  }
}

describe('a damaged database file', () => {
  it('damaged at open: the CLI names the file and what to do, exit 2', () => {
    const path = damaged('open.db', (size) => Array.from({ length: size / PAGE - 1 }, (_, i) => i + 2));
    const result = runCli(['runs', 'list', '--db', path]);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`--db ${path}: the database file is damaged`));
    assert.match(result.stderr, /restore it from a backup.*\.recover/);
    assert.doesNotMatch(result.stderr, /internal error|report it/);
  });

  it('a damaged page met while reading: the same clear error, exit 2', () => {
    const path = damaged('read.db', (_size, db) => [rootPage(db, 'runs')]);
    for (const args of [
      ['runs', 'list'],
      ['runs', 'show', 'first'],
    ]) {
      const result = runCli([...args, '--db', path]);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, new RegExp(`--db ${path}: the database file is damaged`));
      assert.doesNotMatch(result.stderr, /internal error/);
    }
  });

  it('the server answers the runs routes with a JSON 503 without its path, and /metrics still answers', async () => {
    for (const path of [
      damaged('serve-open.db', (size) => Array.from({ length: size / PAGE - 1 }, (_, i) => i + 2)),
      damaged('serve-read.db', (_size, db) => [rootPage(db, 'runs')]),
    ]) {
      const server = await startServe({ db: path });
      try {
        for (const route of ['runs', 'runs/0123abcd']) {
          const response = await fetch(`${server.url}/api/v1/${route}`);
          const text = await response.text();
          assert.equal(response.status, 503, text);
          const body = JSON.parse(text) as { error: { code: string; message: string } };
          assert.equal(body.error.code, 'store_unavailable');
          assert.match(body.error.message, /^the run database cannot be used: the database file is damaged/);
          assert.ok(!text.includes(dir), `the body shows the server's path: ${text}`);
          const french = await (await fetch(`${server.url}/api/v1/${route}?lang=fr`)).json();
          assert.match(
            french.error.message,
            /^la base des exécutions est inutilisable : le fichier de base est endommagé/,
          );
        }
        const metrics = await fetch(`${server.url}/metrics`);
        assert.equal(metrics.status, 200);
        assert.match(await metrics.text(), /empreinte_http_requests_total/);
        // The operator learns what went wrong, on the server's stderr.
        assert.match(server.stderr(), /malformed|damaged/);
      } finally {
        await server.stop();
      }
    }
  });
});

describe('a read-only database', () => {
  /**
   * The CLI as a user without the right to write: root (which may write anything) runs it with
   * every capability dropped, so file modes apply to it as to anyone.
   */
  function asReader(args: string[], env: NodeJS.ProcessEnv) {
    const root = process.getuid?.() === 0;
    const command = root ? 'setpriv' : process.execPath;
    const prefix = root ? ['--inh-caps=-all', '--bounding-set=-all', process.execPath] : [];
    const result = spawnSync(command, [...prefix, CLI, ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, LANG: 'C', LC_ALL: '', ...env },
    });
    return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
  }

  it('is listed and shown (reading needs no write); a run into it is refused clearly', () => {
    const folder = join(dir, 'archive');
    const path = join(folder, 'runs.db');
    runCli(['run', '--name', 'kept', '--', process.execPath, '-e', ''], { env: { EMPREINTE_DB: path } });
    chmodSync(path, 0o444);
    chmodSync(folder, 0o555);
    try {
      const env = { EMPREINTE_DB: path, HOME: dir };
      const list = asReader(['runs', 'list'], env);
      assert.equal(list.status, 0, list.stderr);
      assert.match(list.stdout, /kept/);
      const id = /^([0-9a-f]{8})\s+kept/m.exec(list.stdout)?.[1];
      assert.ok(id, list.stdout);
      const show = asReader(['runs', 'show', id, '--json'], env);
      assert.equal(show.status, 0, show.stderr);
      assert.equal((JSON.parse(show.stdout) as { name: string }).name, 'kept');
      const run = asReader(['run', '--', process.execPath, '-e', ''], env);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--db .*runs\.db: cannot write there/);
    } finally {
      chmodSync(folder, 0o755);
    }
  });
});

describe('which database', () => {
  it('an empty EMPREINTE_DB is an error, not the home database', () => {
    const result = runCli(['runs', 'list'], { env: { EMPREINTE_DB: '', HOME: dir } });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /EMPREINTE_DB is set but empty/);
  });

  it('an empty --db is an error', () => {
    const result = runCli(['runs', 'list', '--db', '']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--db is empty/);
  });

  it('a database written by a newer version is refused, and left as it was', () => {
    const path = join(dir, 'newer.db');
    copyFileSync(good, path);
    const sqlite = new BetterSqlite3(path);
    sqlite.prepare('INSERT INTO empreinte_migration (name, appliedAt) VALUES (?, ?)').run('9999-future', 0);
    sqlite.close();
    for (const args of [
      ['runs', 'list', '--db', path],
      ['run', '--db', path, '--', process.execPath, '-e', ''],
    ]) {
      const result = runCli(args);
      assert.equal(result.status, 2, result.stderr);
      assert.match(
        result.stderr,
        /written by a newer version of empreinte \(unknown migration 9999-future\)/,
      );
    }
    const after = new BetterSqlite3(path, { readonly: true });
    assert.equal(after.prepare('SELECT count(*) FROM runs').pluck().get(), 2);
    after.close();
  });
});
