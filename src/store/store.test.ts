import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../test/helpers/postgres.js';
import { TEST_SITE } from '../../test/helpers/runs.js';
import type { NewRun, NewRunHost, SampleBatch, SampleRecord, Store } from '../records.js';
import { openRunStore, openStore } from './index.js';
import type { KyselyStore } from './kysely-store.js';
import { MIGRATIONS } from './schema.js';
import { openSqliteStore } from './sqlite.js';
import { SqliteRunStore } from './sqlite-run.js';

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
  /** How the store under test opens it: `openStore`, or the run writer's `openRunStore`. */
  opener: 'openStore' | 'openRunStore';
}

const BACKENDS: Backend[] = [
  { name: 'SQLite', skip: false, opener: 'openStore', location: async (name) => join(dir, `${name}.db`) },
  {
    // The tracker's writer of an up-to-date file, through the driver alone: the same contract.
    name: 'SQLite run writer',
    skip: false,
    opener: 'openRunStore',
    async location(name) {
      const path = join(dir, `${name}-direct.db`);
      await (await openStore(path)).close();
      return path;
    },
  },
  {
    name: 'PostgreSQL',
    skip: pgSkip(),
    opener: 'openStore',
    async location() {
      const db = await createTestDatabase('empreinte_store');
      databases.push(db);
      return db.url;
    },
  },
];

/** Opens `location` as the backend's store under test. */
async function open(backend: Backend, location: string): Promise<Store> {
  if (backend.opener === 'openStore') return openStore(location);
  const store = await openRunStore(location);
  assert.ok(store instanceof SqliteRunStore, 'an up-to-date file is written through the driver alone');
  return store;
}

function newRun(id: string, startedAt: number): NewRun {
  return {
    id,
    name: `run ${id}`,
    host: 'node-a',
    command: ['python', 'train.py'],
    startedAt,
    ...TEST_SITE,
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
    for (const table of [
      'calibrations',
      'channels',
      'marks',
      'minuteTotals',
      'runHosts',
      'runs',
      'sampleChunks',
      'sampleHead',
    ])
      assert.ok(
        tables.some((t) => t.name === table),
        table,
      );
    await second.close();
  });
});

/** An 8-GPU + CPU + RAM tick with power and energy that no simple rule ties together. */
function wideTick(runId: string, host: string, i: number, t: number): SampleBatch {
  const powerW = Float64Array.from(
    { length: 10 },
    (_, c) => 100 + c * 50 + Math.sin(i * 0.7 + c) * 37.123456789,
  );
  const intervalS = i % 7 === 0 ? 0.25 : 1 + (i % 3) * 0.001;
  return {
    runId,
    host,
    t,
    intervalS,
    count: 10,
    component: [...Array(8).fill('gpu'), 'cpu', 'ram'],
    deviceIndex: Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 0, 0]),
    powerW,
    energyJ: powerW.map((w, c) => (c === 9 ? Math.round(w * intervalS * 1000) / 1000 : w * intervalS)),
    source: [...Array(8).fill('measured:nvml-counter'), 'measured:rapl', 'measured:rapl'],
  };
}

/** A tick as the sample records it holds. */
function rowsOf(b: SampleBatch): SampleRecord[] {
  return Array.from({ length: b.count }, (_, c) => ({
    runId: b.runId,
    host: b.host,
    t: b.t,
    intervalS: b.intervalS,
    component: b.component[c],
    deviceIndex: b.deviceIndex[c],
    powerW: b.powerW[c],
    energyJ: b.energyJ[c],
    source: b.source[c],
  }));
}

/** A database of the first layout (one row a sample), as stores before the compact one left it. */
async function firstLayout(location: string) {
  // biome-ignore lint/suspicious/noExplicitAny: the first layout has no type of its own here
  const db: Kysely<any> = location.startsWith('postgres')
    ? new Kysely({
        dialect: new PostgresDialect({
          pool: new pg.Pool({ connectionString: location }),
        }),
      })
    : new Kysely({
        dialect: new SqliteDialect({ database: new BetterSqlite3(location) }),
      });
  await db.schema
    .createTable('empreinte_migration')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('appliedAt', 'bigint', (c) => c.notNull())
    .execute();
  for (const name of ['0001-runs-samples-marks', '0002-calibrations']) {
    await MIGRATIONS[name].up(db);
    await db.insertInto('empreinte_migration').values({ name, appliedAt: 0 }).execute();
  }
  return db;
}

for (const backend of BACKENDS) {
  describe(`${backend.name} store`, { skip: backend.skip }, () => {
    it('keeps every sample bit for bit through sealed chunks and the open one, each tick durable', async () => {
      const location = await backend.location('chunks');
      const store = await open(backend, location);
      await store.createRun(newRun('long', 1_000), newHost('long', 'node-a'));
      const written: SampleBatch[] = [];
      for (let i = 0; i < 250; i++) {
        // Ticks cross minute boundaries; one gap of five minutes.
        const tick = wideTick('long', 'node-a', i, 1_767_225_600_000 + i * 1000 + (i >= 200 ? 300_000 : 0));
        written.push(tick);
        await store.appendSamples(tick);
        if (i === 124) {
          // Past one sealed chunk, in the middle of the next: another connection sees all of it.
          const reader = await openStore(location);
          let seen = 0;
          for await (const b of reader.readSamples('long')) seen += b.length;
          assert.equal(seen, 1250);
          await reader.close();
        }
      }
      const read = [];
      for await (const b of store.readSamples('long', { batch: 97 })) read.push(...b);
      assert.equal(read.length, 2500);
      const expected = written.flatMap(rowsOf);
      assert.deepEqual(read, expected);
      const gpuJ = expected.filter((s) => s.component === 'gpu').reduce((sum, s) => sum + s.energyJ, 0);
      const totals = await store.sampleTotals('long');
      const gpu = totals.find((t) => t.component === 'gpu')!;
      assert.ok(Math.abs(gpu.energyJ - gpuJ) < 1e-6 * gpuJ);
      assert.equal(gpu.lastT, written[249].t);
      assert.equal(gpu.fromT, written[0].t - 250);
      const minutes = await store.minuteTotals('long');
      const allJ = expected.reduce((sum, s) => sum + s.energyJ, 0);
      assert.ok(Math.abs(minutes.reduce((sum, m) => sum + m.energyJ, 0) - allJ) < 1e-6 * allJ);
      assert.equal(
        minutes.reduce((sum, m) => sum + m.ticks, 0),
        250,
      );
      const ticks = await store.tickTotals('long');
      const fullPeak = Math.max(
        ...written.filter((b) => b.intervalS >= 0.5).map((b) => b.powerW.reduce((a, w) => a + w, 0)),
      );
      assert.equal(await store.peakPowerW('long'), fullPeak);
      assert.equal(ticks.length, 250);
      const some = await store.tickTotals('long', { from: written[100].t, to: written[129].t });
      assert.deepEqual(
        some.map((t) => t.t),
        written.slice(100, 130).map((b) => b.t),
      );
      const after = [];
      for await (const b of store.readSamples('long', { after: written[247].t, host: 'node-a' }))
        after.push(...b);
      assert.deepEqual(after, expected.slice(2480));
      await store.finishHost('long', 'node-a', {
        endedAt: written[249].t,
        status: 'completed',
        exitCode: 0,
        energyJ: { gpu: gpuJ, cpu: 0, ram: 0 },
      });
      const sealed = [];
      for await (const b of store.readSamples('long')) sealed.push(...b);
      assert.deepEqual(sealed, expected, 'the same once the open chunks are sealed');
      await store.close();
    });

    // Migrations are the query-builder store's: the run writer opens files already migrated.
    if (backend.opener === 'openStore') {
      it('converts a database of the first layout (a row a sample) on open', async () => {
        const location = await backend.location('convert');
        const old = await firstLayout(location);
        const rows: SampleRecord[] = [];
        for (let i = 0; i < 130; i++)
          rows.push(...rowsOf(wideTick('old-run', 'node-a', i, 1_767_225_600_000 + i * 1000)));
        const run = newRun('old-run', 1_000);
        const host = newHost('old-run', 'node-a');
        await old
          .insertInto('runs')
          .values({
            ...run,
            command: JSON.stringify(run.command),
            endedAt: null,
            status: 'running',
            exitCode: null,
            gpuEnergyJ: null,
            cpuEnergyJ: null,
            ramEnergyJ: null,
          })
          .execute();
        await old
          .insertInto('runHosts')
          .values({
            ...host,
            endedAt: null,
            status: 'running',
            exitCode: null,
            sources: JSON.stringify(host.sources),
            devices: JSON.stringify(host.devices),
            notes: '[]',
            system: JSON.stringify(host.system),
            gpuEnergyJ: null,
            cpuEnergyJ: null,
            ramEnergyJ: null,
          })
          .execute();
        for (let i = 0; i < rows.length; i += 200)
          await old
            .insertInto('samples')
            .values(rows.slice(i, i + 200))
            .execute();
        await old.destroy();

        const store = await openStore(location);
        const read = [];
        for await (const b of store.readSamples('old-run')) read.push(...b);
        assert.deepEqual(read, rows);
        const energy = (await store.sampleTotals('old-run')).reduce((sum, t) => sum + t.energyJ, 0);
        const expected = rows.reduce((sum, r) => sum + r.energyJ, 0);
        assert.ok(Math.abs(energy - expected) < 1e-9 * expected);
        assert.equal(
          (await store.minuteTotals('old-run')).reduce((sum, m) => sum + m.ticks, 0),
          130,
        );
        // The old table is gone, and the run goes on being written in the new layout.
        await store.appendSamples(wideTick('old-run', 'node-a', 130, 1_767_225_600_000 + 130_000));
        let count = 0;
        for await (const b of store.readSamples('old-run')) count += b.length;
        assert.equal(count, 1310);
        await store.close();
      });

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
    }

    it('lists only the newest runs asked for, in the same order (ties by id), and only those of a status', async () => {
      const store = await open(backend, await backend.location('limit'));
      for (const [id, at] of [
        ['run-1', 1_000],
        ['run-3', 2_000],
        ['run-2', 2_000],
        ['run-4', 3_000],
      ] as const)
        await store.createRun(newRun(id, at), newHost(id, 'node-a'));
      const ids = async (limit?: number) =>
        (await store.listRuns(limit === undefined ? undefined : { limit })).map((r) => r.id);
      assert.deepEqual(await ids(), ['run-4', 'run-3', 'run-2', 'run-1']);
      assert.deepEqual(await ids(1), ['run-4']);
      assert.deepEqual(await ids(3), ['run-4', 'run-3', 'run-2']);
      assert.deepEqual(await ids(4), await ids());
      assert.deepEqual(await ids(Number.MAX_SAFE_INTEGER), await ids());
      assert.deepEqual(
        (await store.listRuns({})).map((r) => r.id),
        await ids(),
        'no limit given: every run',
      );
      // Only the runs of a status, newest first, within the limit: what a metrics scrape reads.
      await store.finishHost('run-3', 'node-a', {
        endedAt: 4_000,
        status: 'completed',
        exitCode: 0,
        energyJ: { gpu: 1, cpu: 0, ram: 0 },
      });
      const running = async (limit?: number) =>
        (await store.listRuns({ status: 'running', limit })).map((r) => r.id);
      assert.deepEqual(await running(), ['run-4', 'run-2', 'run-1']);
      assert.deepEqual(await running(2), ['run-4', 'run-2']);
      assert.deepEqual(
        (await store.listRuns({ status: 'completed' })).map((r) => r.id),
        ['run-3'],
      );
      assert.deepEqual(await store.listRuns({ status: 'failed' }), []);
      await store.close();
    });

    it('stores a run, its samples and marks, lists newest first and finds an id prefix', async () => {
      const store = await open(backend, await backend.location('runs'));
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
      const store = await open(backend, await backend.location('hosts'));
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
      const store = await open(backend, await backend.location('recover'));
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
      import { ${backend.opener} as open } from ${JSON.stringify(module)};
      const store = await open(${JSON.stringify(location)});
      const b = { runId: 'shared', host: '${host}', t: 0, intervalS: 0.01, count: 3, component: ['gpu', 'cpu', 'ram'],
        deviceIndex: Int32Array.from([0, 0, 0]), powerW: new Float64Array(3).fill(1), energyJ: new Float64Array(3).fill(1),
        source: ['measured:nvml-counter', 'measured:rapl', 'measured:rapl'] };
      // As the tracker does, a tick refused by a lock held past the short per-tick wait is written again.
      for (let i = 0; i < 400; i++) {
        b.t = i;
        for (;;) {
          try { await store.appendSamples(b); break; }
          catch (error) { if (error.code !== 'SQLITE_BUSY') throw error; }
        }
      }
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
      const store = await openStore(location);
      const count = new Map<string, number>();
      for await (const batch of store.readSamples('shared'))
        for (const s of batch) count.set(s.host, (count.get(s.host) ?? 0) + 1);
      assert.deepEqual([...count].sort(), [
        ['a', 1200],
        ['b', 1200],
        ['c', 1200],
      ]);
      await store.close();
    });

    it('finishes the run once every host has finished, when the last two finish at the same moment', async () => {
      const location = await backend.location('finish');
      const store = await open(backend, location);
      const ids = Array.from({ length: 10 }, (_, i) => `race-${i}`);
      for (const id of ids) {
        await store.createRun(newRun(id, 1_000), newHost(id, 'node-a'));
        await store.createRun({ ...newRun(id, 1_000), host: 'node-b' }, newHost(id, 'node-b'));
      }
      // Two trackers (processes) finishing their host of each run at the same instant.
      const module = fileURLToPath(new URL('./index.ts', import.meta.url));
      const at = Date.now() + 4_000;
      const finisher = (host: string) => `
        import { ${backend.opener} as open } from ${JSON.stringify(module)};
        const store = await open(${JSON.stringify(location)});
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
