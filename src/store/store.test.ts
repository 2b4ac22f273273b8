import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../test/helpers/postgres.js';
import { openStore } from './index.js';
import type { KyselyStore } from './kysely-store.js';
import { MIGRATIONS } from './schema.js';
import { openSqliteStore } from './sqlite.js';
import type { NewRun, NewRunHost, SampleBatch } from './types.js';

/**
 * The store contract, run against both backends through `openStore`: SQLite (a file per test)
 * and PostgreSQL (a database per test, EMPREINTE_TEST_PG_URL; required in CI).
 */
const dir = mkdtempSync(join(tmpdir(), 'empreinte-store-'));
const databases: TestDatabase[] = [];
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const db of databases) await db.drop();
});

interface Backend {
  name: string;
  skip: false | string;
  /** A new, empty database: its file path or URL. */
  location(name: string): Promise<string>;
}

const BACKENDS: Backend[] = [
  { name: 'SQLite', skip: false, location: async (name) => join(dir, `${name}.db`) },
  {
    name: 'PostgreSQL',
    skip: pgSkip(),
    async location() {
      const db = await createTestDatabase('empreinte_store');
      databases.push(db);
      return db.url;
    },
  },
];

function newRun(id: string, startedAt: number): NewRun {
  return {
    id,
    name: `run ${id}`,
    host: 'node-a',
    command: ['python', 'train.py'],
    startedAt,
    location: 'fr',
    intensityGPerKwh: 50,
    intensitySource: 'test',
    pue: 1.2,
    pueSource: 'test',
    renewableShare: null,
    intervalS: 1,
  };
}

function newHost(runId: string, host: string, pid = process.pid): NewRunHost {
  return {
    runId,
    host,
    machine: 'machine-1',
    pid,
    pidStart: null,
    startedAt: 1_000,
    sources: { gpu: 'measured:nvml-counter', cpu: 'measured:rapl', ram: 'default:ram-w-per-gb' },
    devices: [
      { component: 'gpu', deviceIndex: 0, name: 'NVIDIA H100 80GB HBM3', source: 'measured:nvml-counter' },
    ],
    notes: [],
    system: {
      os: 'Linux 6.8.0',
      arch: 'x64',
      cpuModel: 'Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz',
      logicalCpus: 80,
      cpuPackages: 2,
      memTotalGiB: 512,
      nodeVersion: 'v20',
      empreinteVersion: '0.1.0',
    },
  };
}

function batch(runId: string, host: string, t: number, gpuJ: number): SampleBatch {
  return {
    runId,
    host,
    t,
    intervalS: 1,
    count: 2,
    component: ['gpu', 'cpu'],
    deviceIndex: Int32Array.from([0, 0]),
    powerW: Float64Array.from([gpuJ, 10]),
    energyJ: Float64Array.from([gpuJ, 10]),
    source: ['measured:nvml-counter', 'measured:rapl'],
  };
}

describe('SQLite file specifics', () => {
  it('opens in WAL mode with a busy timeout, and runs its migrations once', async () => {
    const path = join(dir, 'migrate.db');
    const first = await openSqliteStore(path);
    assert.equal(first.sqlite.pragma('journal_mode', { simple: true }), 'wal');
    assert.ok(Number(first.sqlite.pragma('busy_timeout', { simple: true })) >= 5000);
    await first.close();
    const second = await openSqliteStore(path);
    const applied = second.sqlite.prepare('SELECT name FROM empreinte_migration').all() as { name: string }[];
    assert.deepEqual(
      applied.map((r) => r.name),
      Object.keys(MIGRATIONS).sort(),
    );
    const tables = second.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string }[];
    for (const table of ['calibrations', 'marks', 'runHosts', 'runs', 'samples'])
      assert.ok(
        tables.some((t) => t.name === table),
        table,
      );
    await second.close();
  });
});

for (const backend of BACKENDS) {
  describe(`${backend.name} store`, { skip: backend.skip }, () => {
    it('runs its migrations once, however many processes open the database', async () => {
      const location = await backend.location('migrate');
      const stores = await Promise.all([1, 2, 3].map(() => openStore(location)));
      for (const store of stores) await store.close();
      const store = (await openStore(location)) as KyselyStore;
      const applied = await store.db
        .withTables<{ empreinte_migration: { name: string } }>()
        .selectFrom('empreinte_migration')
        .select('name')
        .execute();
      assert.deepEqual(
        applied.map((r) => r.name),
        Object.keys(MIGRATIONS).sort(),
      );
      assert.deepEqual(await store.listRuns(), []);
      await store.close();
    });

    it('stores a run, its samples and marks, lists newest first and finds an id prefix', async () => {
      const store = await openStore(await backend.location('runs'));
      await store.createRun(newRun('aaaa1111-old', 1_000), newHost('aaaa1111-old', 'node-a'));
      await store.createRun(newRun('bbbb2222-new', 2_000), newHost('bbbb2222-new', 'node-a'));
      await store.appendSamples(batch('bbbb2222-new', 'node-a', 3_000, 300));
      await store.appendSamples(batch('bbbb2222-new', 'node-a', 4_000, 500));
      await store.addMark({
        runId: 'bbbb2222-new',
        host: 'node-a',
        t: 3_500,
        label: 'epoch 1',
        tokens: 1000,
      });
      assert.deepEqual(
        (await store.listRuns()).map((r) => r.id),
        ['bbbb2222-new', 'aaaa1111-old'],
      );
      assert.equal((await store.findRun('bbbb'))?.id, 'bbbb2222-new');
      assert.equal(await store.findRun('bb'), undefined, 'prefixes need 4 characters');
      const totals = await store.sampleTotals('bbbb2222-new');
      assert.deepEqual(totals.map((t) => [t.component, t.energyJ, t.fromT, t.lastT]).sort(), [
        ['cpu', 20, 2_000, 4_000],
        ['gpu', 800, 2_000, 4_000],
      ]);
      assert.equal(await store.peakPowerW('bbbb2222-new'), 510);
      assert.deepEqual(await store.marks('bbbb2222-new'), [
        { runId: 'bbbb2222-new', host: 'node-a', t: 3_500, label: 'epoch 1', tokens: 1000 },
      ]);
      const run = await store.findRun('bbbb2222-new');
      assert.equal(run?.status, 'running');
      assert.deepEqual(run?.command, ['python', 'train.py']);
      await store.close();
    });

    it('adds up several hosts under one run id, and refuses the same host twice', async () => {
      const store = await openStore(await backend.location('hosts'));
      await store.createRun(newRun('multi', 1_000), newHost('multi', 'node-a'));
      await store.createRun({ ...newRun('multi', 1_500), host: 'node-b' }, newHost('multi', 'node-b'));
      await assert.rejects(
        store.createRun(newRun('multi', 1_000), newHost('multi', 'node-a')),
        /already has a host named node-a/,
      );
      await store.finishHost('multi', 'node-a', {
        endedAt: 5_000,
        status: 'completed',
        exitCode: 0,
        energyJ: { gpu: 100, cpu: 10, ram: 1 },
      });
      assert.equal((await store.findRun('multi'))?.status, 'running', 'node-b still runs');
      await store.finishHost('multi', 'node-b', {
        endedAt: 6_000,
        status: 'failed',
        exitCode: 3,
        energyJ: { gpu: 200, cpu: 20, ram: 2 },
      });
      const run = await store.findRun('multi');
      assert.equal(run?.status, 'failed');
      assert.equal(run?.exitCode, 3);
      assert.equal(run?.endedAt, 6_000);
      assert.deepEqual(run?.energyJ, { gpu: 300, cpu: 30, ram: 3 });
      assert.equal((await store.runHosts('multi')).length, 2);
      await store.close();
    });

    it('marks interrupted a run whose tracker process is gone, with the energy of its samples', async () => {
      const store = await openStore(await backend.location('recover'));
      await store.createRun(newRun('dead', 1_000), newHost('dead', 'node-a', 999_999));
      await store.createRun(newRun('alive', 1_000), newHost('alive', 'node-a', process.pid));
      await store.appendSamples(batch('dead', 'node-a', 2_000, 40));
      await store.appendSamples(batch('dead', 'node-a', 3_000, 60));
      const recovered = await store.recoverInterrupted('machine-1', (pid) => pid === process.pid);
      assert.deepEqual(recovered, ['dead']);
      const dead = await store.findRun('dead');
      assert.equal(dead?.status, 'interrupted');
      assert.equal(dead?.endedAt, 3_000);
      assert.deepEqual(dead?.energyJ, { gpu: 100, cpu: 20, ram: 0 });
      assert.equal((await store.findRun('alive'))?.status, 'running');
      assert.deepEqual(await store.recoverInterrupted('other-machine', () => false), []);
      await store.close();
    });

    it('loses no sample when three processes open and write one new database at once', async () => {
      const location = await backend.location('concurrent');
      const module = fileURLToPath(new URL('./index.ts', import.meta.url));
      const writer = (host: string) => `
      import { openStore } from ${JSON.stringify(module)};
      const store = await openStore(${JSON.stringify(location)});
      const b = { runId: 'shared', host: '${host}', t: 0, intervalS: 0.01, count: 3, component: ['gpu', 'cpu', 'ram'],
        deviceIndex: Int32Array.from([0, 0, 0]), powerW: new Float64Array(3).fill(1), energyJ: new Float64Array(3).fill(1),
        source: ['measured:nvml-counter', 'measured:rapl', 'measured:rapl'] };
      for (let i = 0; i < 400; i++) { b.t = i; await store.appendSamples(b); }
      await store.close();`;
      const run = (host: string) =>
        new Promise<number | null>((resolve) => {
          const child = spawn(
            process.execPath,
            ['--import', 'tsx', '--input-type=module', '-e', writer(host)],
            {
              stdio: 'inherit',
            },
          );
          child.on('exit', resolve);
        });
      const codes = await Promise.all([run('a'), run('b'), run('c')]);
      assert.deepEqual(codes, [0, 0, 0]);
      const store = (await openStore(location)) as KyselyStore;
      const count = await store.db
        .selectFrom('samples')
        .select((eb) => ['host', eb.fn.countAll<number>().as('n')])
        .groupBy('host')
        .orderBy('host')
        .execute();
      assert.deepEqual(
        count.map((r) => [r.host, Number(r.n)]),
        [
          ['a', 1200],
          ['b', 1200],
          ['c', 1200],
        ],
      );
      await store.close();
    });

    it('finishes the run once every host has finished, when the last two finish at the same moment', async () => {
      const location = await backend.location('finish');
      const store = await openStore(location);
      const ids = Array.from({ length: 10 }, (_, i) => `race-${i}`);
      for (const id of ids) {
        await store.createRun(newRun(id, 1_000), newHost(id, 'node-a'));
        await store.createRun({ ...newRun(id, 1_000), host: 'node-b' }, newHost(id, 'node-b'));
      }
      // Two trackers (processes) finishing their host of each run at the same instant.
      const module = fileURLToPath(new URL('./index.ts', import.meta.url));
      const at = Date.now() + 4_000;
      const finisher = (host: string) => `
        import { openStore } from ${JSON.stringify(module)};
        const store = await openStore(${JSON.stringify(location)});
        await new Promise((resolve) => setTimeout(resolve, ${at} - Date.now()));
        for (const id of ${JSON.stringify(ids)}) {
          await store.finishHost(id, '${host}', { endedAt: 5000, status: 'completed', exitCode: 0, energyJ: { gpu: 1, cpu: 2, ram: 3 } });
        }
        await store.close();`;
      const run = (host: string) =>
        new Promise<number | null>((resolve) => {
          const child = spawn(
            process.execPath,
            ['--import', 'tsx', '--input-type=module', '-e', finisher(host)],
            {
              stdio: 'inherit',
            },
          );
          child.on('exit', resolve);
        });
      assert.deepEqual(await Promise.all([run('node-a'), run('node-b')]), [0, 0]);
      for (const id of ids) {
        const run = await store.findRun(id);
        assert.equal(run?.status, 'completed', id);
        assert.deepEqual(run?.energyJ, { gpu: 2, cpu: 4, ram: 6 }, id);
      }
      await store.close();
    });
  });
}
