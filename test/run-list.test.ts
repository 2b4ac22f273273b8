// `runs list` reads a SQLite file directly when every run in it is settled; these check that it
// then says exactly what the store says, and that it leaves to the store what only the store does.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { EmpreinteError } from '../src/errors.js';
import type { NewRun, NewRunHost, RunListOptions } from '../src/records.js';
import { parseRunLimit, settledRunList } from '../src/services/run-list.js';
import { listRuns, openRunStore } from '../src/services/runs.js';
import { openStore } from '../src/store/index.js';
import { MIGRATION_NAMES } from '../src/store/migration-names.js';
import { MIGRATIONS } from '../src/store/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'empreinte-run-list-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function newRun(id: string, startedAt: number): NewRun {
  return {
    id,
    name: `run ${id}`,
    host: 'node-a',
    command: ['python', 'train.py', '--epochs', '3'],
    startedAt,
    location: 'fr',
    intensityGPerKwh: 52.5,
    intensitySource: 'test',
    pue: 1.2,
    pueSource: 'test',
    renewableShare: null,
    intervalS: 1,
  };
}

function newHost(runId: string, host: string, machine: string, startedAt: number): NewRunHost {
  return {
    runId,
    host,
    machine,
    pid: 999_999_999,
    pidStart: null,
    startedAt,
    sources: { gpu: 'measured:nvml-counter', cpu: 'measured:rapl', ram: 'default:ram-w-per-gb' },
    devices: [],
    notes: [],
    system: {
      os: 'Linux 6.8.0',
      arch: 'x64',
      cpuModel: 'test',
      logicalCpus: 8,
      cpuPackages: 1,
      memTotalGiB: 32,
      nodeVersion: 'v20',
      empreinteVersion: '0.1.0',
    },
  };
}

/** What the store's own path lists (it migrates and recovers first). */
async function storeList(path: string, options?: RunListOptions) {
  const store = await openRunStore(path);
  try {
    return await listRuns(store, options);
  } finally {
    await store.close();
  }
}

/** Two finished runs (one of two hosts, one failed) started in the order given. */
async function settled(path: string): Promise<void> {
  const store = await openStore(path);
  await store.createRun(newRun('run-b', 2_000_000), newHost('run-b', 'node-a', hostname(), 2_000_000));
  await store.createRun(newRun('run-a', 1_000_000), newHost('run-a', 'node-a', hostname(), 1_000_000));
  await store.createRun(newRun('run-a', 1_000_000), newHost('run-a', 'node-b', 'elsewhere', 1_000_500));
  await store.finishHost('run-b', 'node-a', {
    endedAt: 2_090_250,
    status: 'failed',
    exitCode: 3,
    energyJ: { gpu: 1.5e6, cpu: 2e5, ram: 3.3e4 },
  });
  for (const host of ['node-a', 'node-b'])
    await store.finishHost('run-a', host, {
      endedAt: 1_600_000,
      status: 'completed',
      exitCode: 0,
      energyJ: { gpu: 7.25e6, cpu: 1e5, ram: 1e4 },
    });
  await store.close();
}

/** The settled runs, and run `id` started at `startedAt` still going on another machine. */
async function settledAndGoingElsewhere(path: string, id: string, startedAt: number): Promise<void> {
  await settled(path);
  const store = await openStore(path);
  await store.createRun(newRun(id, startedAt), newHost(id, 'node-a', 'elsewhere', startedAt));
  await store.close();
}

describe('the run list read without the store', () => {
  it('knows every migration by name', () => {
    assert.deepEqual([...MIGRATION_NAMES], Object.keys(MIGRATIONS).sort());
  });

  it('says what the store says about settled runs', async () => {
    const path = join(dir, 'settled.db');
    await settled(path);
    const direct = await settledRunList(path);
    assert.ok(direct, 'read directly');
    assert.deepEqual(
      direct.map((r) => [r.id, r.status, r.exitCode]),
      [
        ['run-b', 'failed', 3],
        ['run-a', 'completed', 0],
      ],
    );
    assert.ok(direct[1].energyKwh.total > 4 && direct[1].co2eKg > 0);
    assert.equal(JSON.stringify(direct), JSON.stringify(await storeList(path)));
  });

  it('lists only the newest runs asked for, read directly when those are settled', async () => {
    const path = join(dir, 'limit.db');
    // An older run still going on another machine: the store adds up its samples when it is listed.
    await settledAndGoingElsewhere(path, 'run-0', 500_000);
    assert.equal(await settledRunList(path), undefined, 'every run: run-0 is listed');
    const one = await settledRunList(path, { limit: 1 });
    assert.deepEqual(
      one?.map((r) => r.id),
      ['run-b'],
    );
    const two = await settledRunList(path, { limit: 2 });
    assert.deepEqual(
      two?.map((r) => r.id),
      ['run-b', 'run-a'],
    );
    assert.equal(JSON.stringify(two), JSON.stringify(await storeList(path, { limit: 2 })));
    assert.equal(await settledRunList(path, { limit: 3 }), undefined, 'run-0 is listed: the store reads it');
    assert.deepEqual(
      (await storeList(path, { limit: 3 })).map((r) => [r.id, r.status]),
      [
        ['run-b', 'failed'],
        ['run-a', 'completed'],
        // No sample heard from its host: as `runs show` says it.
        ['run-0', 'interrupted'],
      ],
    );
  });

  it('reads a limit as a whole number >= 1, and names the field, the value and what is accepted otherwise', () => {
    assert.equal(parseRunLimit('1', 'limit'), 1);
    assert.equal(parseRunLimit('200', 'limit'), 200);
    assert.equal(parseRunLimit('007', 'limit'), 7);
    // Past any store's size: the same runs as the largest exact integer.
    assert.equal(parseRunLimit('1'.repeat(30), 'limit'), Number.MAX_SAFE_INTEGER);
    for (const text of ['0', '-1', '2.5', 'ten', '', ' 5', '1e3', '+3', '0x10']) {
      assert.throws(
        () => parseRunLimit(text, ['query', 'limit']),
        (error: unknown) => {
          assert.ok(error instanceof EmpreinteError, text);
          const [issue] = error.issues;
          assert.deepEqual(issue.path, ['query', 'limit']);
          assert.equal(issue.value, text);
          assert.equal(issue.accepted, 'an integer >= 1');
          assert.match(issue.message, /^limit: .* is not accepted \(expected an integer >= 1\)$/);
          return true;
        },
        text,
      );
    }
  });

  it('leaves a run still going, or one whose tracker died here, to the store', async () => {
    const path = join(dir, 'running.db');
    // Another machine's host still running: its energy is added up from its samples.
    await settledAndGoingElsewhere(path, 'run-c', 3_000_000);
    assert.equal(await settledRunList(path), undefined);
    // A host of this machine whose tracker is gone (no such pid): the store marks it interrupted.
    const here = join(dir, 'dead.db');
    await settled(here);
    const again = await openStore(here);
    await again.createRun(newRun('run-d', 3_000_000), newHost('run-d', 'node-a', hostname(), 3_000_000));
    await again.close();
    assert.equal(await settledRunList(here), undefined);
    const listed = await storeList(here);
    assert.equal(listed[0].status, 'interrupted');
    // Recovered, the file is settled: both paths agree.
    assert.equal(JSON.stringify(await settledRunList(here)), JSON.stringify(listed));
  });

  it('leaves a database of an older version to the store, and agrees once it is migrated', async () => {
    const path = join(dir, 'old.db');
    // biome-ignore lint/suspicious/noExplicitAny: the older layout has no type of its own here
    const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(path) }) });
    await old.schema
      .createTable('empreinte_migration')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('appliedAt', 'bigint', (c) => c.notNull())
      .execute();
    for (const name of ['0001-runs-samples-marks', '0002-calibrations']) {
      await MIGRATIONS[name].up(old);
      await old.insertInto('empreinte_migration').values({ name, appliedAt: 0 }).execute();
    }
    const run = newRun('old-run', 1_000_000);
    const { sources, devices, notes, system, ...host } = newHost('old-run', 'node-a', hostname(), 1_000_000);
    const energy = { gpuEnergyJ: 3.6e6, cpuEnergyJ: 1.8e5, ramEnergyJ: 0 };
    await old
      .insertInto('runs')
      .values({
        ...run,
        command: JSON.stringify(run.command),
        endedAt: 1_050_000,
        status: 'completed',
        exitCode: 0,
        ...energy,
      })
      .execute();
    await old
      .insertInto('runHosts')
      .values({
        ...host,
        endedAt: 1_050_000,
        status: 'completed',
        exitCode: 0,
        sources: JSON.stringify(sources),
        devices: JSON.stringify(devices),
        notes: JSON.stringify(notes),
        system: JSON.stringify(system),
        ...energy,
      })
      .execute();
    await old.destroy();
    assert.equal(await settledRunList(path), undefined, 'not migrated: the store opens it');
    const listed = await storeList(path);
    assert.equal(listed.length, 1);
    assert.equal(listed[0].energyKwh.total, 1.05);
    assert.equal(JSON.stringify(await settledRunList(path)), JSON.stringify(listed));
  });

  it('leaves a missing file and PostgreSQL to the store', async () => {
    assert.equal(await settledRunList(join(dir, 'none.db')), undefined);
    assert.equal(await settledRunList('postgres://u:p@127.0.0.1:1/x'), undefined);
  });
});
