import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../test/helpers/postgres.js';
import { blankHost, blankRun } from '../../test/helpers/runs.js';
import { isEmpreinteError } from '../errors.js';
import { openStore } from './index.js';
import { isPostgresUrl, PostgresStore, redactUrl } from './postgres.js';

describe('PostgreSQL backend', { skip: pgSkip() }, () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase('empreinte_pg');
  });
  after(() => db?.drop());

  it('is what openStore gives for a postgres:// URL, and never shows the password', async () => {
    const store = await openStore(db.url);
    try {
      assert.ok(store instanceof PostgresStore);
      assert.equal(store.dialect, 'postgres');
      assert.doesNotMatch(store.location, /:empreinte@/);
      assert.match(store.location, /^postgres:\/\/empreinte:…@127\.0\.0\.1/);
    } finally {
      await store.close();
    }
    assert.ok(isPostgresUrl('postgresql://u@h/d') && !isPostgresUrl('/var/lib/empreinte.db'));
    assert.equal(redactUrl('postgres://u:s3cret@h:5432/d'), 'postgres://u:…@h:5432/d');
  });

  it('creates the same tables as SQLite, with epoch milliseconds in BIGINT and figures in DOUBLE PRECISION', async () => {
    const store = (await openStore(db.url)) as PostgresStore;
    try {
      const { rows } = await sql<{ table_name: string; column_name: string; data_type: string }>`
        select table_name, column_name, data_type from information_schema.columns
        where table_schema = current_schema() order by table_name, column_name`.execute(store.db);
      const type = (table: string, column: string) =>
        rows.find((r) => r.table_name === table && r.column_name === column)?.data_type;
      assert.deepEqual([...new Set(rows.map((r) => r.table_name))].sort(), [
        'calibrations',
        'channels',
        'empreinte_migration',
        'marks',
        'minuteTotals',
        'runHosts',
        'runs',
        'sampleChunks',
        'sampleHead',
      ]);
      assert.equal(type('sampleHead', 't'), 'bigint');
      assert.equal(type('runs', 'startedAt'), 'bigint');
      assert.equal(type('sampleHead', 'energyJ'), 'double precision');
      assert.equal(type('runs', 'intensityGPerKwh'), 'double precision');
      assert.equal(type('channels', 'deviceIndex'), 'integer');
      assert.equal(type('sampleChunks', 'data'), 'bytea');
      // BIGINT comes back from pg as text: the store hands numbers back.
      const run = blankRun('types', { startedAt: 1_767_225_600_123, intensityGPerKwh: 12.5, intervalS: 0.5 });
      await store.createRun(run, blankHost('types', { startedAt: run.startedAt }));
      const found = await store.findRun('types');
      assert.equal(found?.startedAt, 1_767_225_600_123);
      assert.equal(found?.intervalS, 0.5);
    } finally {
      await store.close();
    }
  });

  it('refuses the same host joining a run twice at the same instant as a conflict', async () => {
    const [a, b] = await Promise.all([openStore(db.url), openStore(db.url)]);
    const run = blankRun('twice');
    const host = blankHost('twice', { machine: 'm' });
    // The run exists already (another host started it): nothing serialises the two joins but the key.
    await a.createRun(run, { ...host, host: 'first' });
    const results = await Promise.allSettled([a.createRun(run, host), b.createRun(run, host)]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal((rejected.reason as Error).name, 'RunConflictError');
    await a.close();
    await b.close();
  });

  it('names --db when the server cannot be reached or refuses the login', async () => {
    const refused = new URL(db.url);
    refused.port = '1';
    await assert.rejects(
      openStore(refused.toString()),
      (e: unknown) => isEmpreinteError(e) && e.issues[0].path[0] === 'db' && /ECONNREFUSED/.test(e.message),
    );
    const badPassword = new URL(db.url);
    badPassword.password = 'wrong';
    await assert.rejects(
      openStore(badPassword.toString()),
      (e: unknown) =>
        isEmpreinteError(e) &&
        /cannot open postgres:\/\/empreinte:…@/.test(e.message) &&
        !e.message.includes('wrong'),
    );
  });
});
