/**
 * Store figures, SQLite and PostgreSQL (through the same `openStore`):
 * 1. samples per second the store sustains: writers appending one tick's batch (8 GPUs + CPU +
 *    RAM = 10 samples) after another, as a tracker does but with no pause between ticks;
 * 2. a paced load of 100 nodes × 10 samples every second (the goal: 100 nodes × 8 GPUs at 1 s,
 *    over 1,000 samples/s) with the write latency it sees;
 * 3. the size of a 30-day, 8-GPU run sampled every second: a 2-hour run is written, its size
 *    measured, and the figure extrapolated linearly (30 days = 360 × 2 h; rows and index grow
 *    linearly with the sample count).
 * PostgreSQL figures need EMPREINTE_TEST_PG_URL (a fresh database is created and dropped).
 * Run: node --import tsx bench/store.bench.ts   Knobs: BENCH_SECONDS (per throughput figure, 5),
 * BENCH_WRITERS (PostgreSQL writers, comma list, 1,4,16).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore } from '../src/store/index.js';
import type { KyselyStore } from '../src/store/kysely-store.js';
import { openPostgresStore, type PostgresStore } from '../src/store/postgres.js';
import type { SqliteStore } from '../src/store/sqlite.js';
import type { SampleBatch, Store } from '../src/store/types.js';
import { createTestDatabase, PG_URL } from '../test/helpers/postgres.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WRITERS = (process.env.BENCH_WRITERS ?? '1,4,16').split(',').map(Number);
const CHANNELS = 10;
const SIZE_TICKS = 2 * 3600;
const MONTH_TICKS = 30 * 86_400;
const fmt = (v: number, digits = 3) => Number(v.toPrecision(digits)).toLocaleString('en');
const mb = (bytes: number) => `${fmt(bytes / 2 ** 20)} MiB`;
const gb = (bytes: number) => `${fmt(bytes / 2 ** 30)} GiB`;

const system = {
  os: 'Linux',
  arch: 'x64',
  cpuModel: null,
  logicalCpus: null,
  cpuPackages: null,
  memTotalGiB: null,
  nodeVersion: process.version,
  empreinteVersion: 'bench',
};

async function newRun(store: Store, runId: string, hosts: string[]): Promise<void> {
  for (const host of hosts) {
    await store.createRun(
      {
        id: runId,
        name: 'bench',
        host,
        command: ['train'],
        startedAt: 0,
        location: 'fr',
        intensityGPerKwh: 50,
        intensitySource: 'bench',
        pue: 1.2,
        pueSource: 'bench',
        renewableShare: null,
        intervalS: 1,
      },
      {
        runId,
        host,
        machine: host,
        pid: process.pid,
        pidStart: null,
        startedAt: 0,
        sources: { gpu: 'measured:nvml-counter', cpu: 'measured:rapl', ram: 'measured:rapl' },
        devices: [],
        notes: [],
        system,
      },
    );
  }
}

/** One tick of an 8-GPU node, as the tracker fills it. */
function batchFor(runId: string, host: string): SampleBatch {
  return {
    runId,
    host,
    t: 0,
    intervalS: 1,
    count: CHANNELS,
    component: [...Array(8).fill('gpu'), 'cpu', 'ram'],
    deviceIndex: Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 0, 0]),
    powerW: Float64Array.from([612.5, 640.1, 598.7, 655.2, 630.9, 621.4, 609.8, 644.3, 210.4, 38.2]),
    energyJ: Float64Array.from([612.5, 640.1, 598.7, 655.2, 630.9, 621.4, 609.8, 644.3, 210.4, 38.2]),
    source: [...Array(8).fill('measured:nvml-counter'), 'measured:rapl', 'measured:rapl'],
  };
}

/** Writers appending ticks back to back for `seconds`; returns samples per second. */
async function throughput(stores: Store[], runId: string, seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  const counts = await Promise.all(
    stores.map(async (store, w) => {
      const batch = batchFor(runId, `node-${String(w).padStart(3, '0')}`);
      let ticks = 0;
      while (performance.now() < end) {
        batch.t = ticks++ * 1000;
        await store.appendSamples(batch);
      }
      return ticks;
    }),
  );
  return (counts.reduce((s, c) => s + c, 0) * CHANNELS) / ((performance.now() - started) / 1000);
}

/** 100 nodes each writing one tick per second for `seconds`: achieved rate and write latency. */
async function pacedLoad(stores: Store[], runId: string, nodes: number, seconds: number) {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: nodes }, async (_, n) => {
      const store = stores[n % stores.length];
      const batch = batchFor(runId, `paced-${String(n).padStart(3, '0')}`);
      // Nodes start spread over the first second, as real trackers would.
      await new Promise((resolve) => setTimeout(resolve, (1000 * n) / nodes));
      for (let tick = 0; tick < seconds; tick++) {
        const due = started + (1000 * n) / nodes + tick * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        batch.t = tick * 1000;
        const t0 = performance.now();
        await store.appendSamples({ ...batch });
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return {
    rate: (latencies.length * CHANNELS) / elapsed,
    p50: q(0.5),
    p99: q(0.99),
    max: latencies[latencies.length - 1],
  };
}

async function writeRun(store: Store, runId: string, ticks: number): Promise<void> {
  await newRun(store, runId, ['size-node']);
  const batch = batchFor(runId, 'size-node');
  for (let i = 0; i < ticks; i++) {
    batch.t = 1_767_225_600_000 + i * 1000;
    await store.appendSamples(batch);
  }
}

function report(name: string, rows: [string, string][]) {
  console.log(`\n${name}`);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

// SQLite: one tracker per machine writes its own file.
{
  const dir = mkdtempSync(join(tmpdir(), 'empreinte-bench-store-'));
  const rows: [string, string][] = [];
  const path = join(dir, 'bench.db');
  const store = (await openStore(path)) as SqliteStore;
  await newRun(store, 'tp', ['node-000']);
  rows.push(['throughput, 1 writer', `${fmt(await throughput([store], 'tp', SECONDS))} samples/s`]);
  await newRun(
    store,
    'paced',
    Array.from({ length: 100 }, (_, n) => `paced-${String(n).padStart(3, '0')}`),
  );
  const paced = await pacedLoad([store], 'paced', 100, SECONDS);
  rows.push([
    '100 nodes × 10 samples at 1 s',
    `${fmt(paced.rate)} samples/s, write p50 ${fmt(paced.p50)} ms, p99 ${fmt(paced.p99)} ms`,
  ]);
  await store.close();
  const sizePath = join(dir, 'size.db');
  const sizeStore = (await openStore(sizePath)) as SqliteStore;
  await writeRun(sizeStore, 'size', SIZE_TICKS);
  sizeStore.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await sizeStore.close();
  const bytes = statSync(sizePath).size;
  rows.push([
    `2 h run, ${fmt(SIZE_TICKS * CHANNELS)} samples`,
    `${mb(bytes)} (${fmt(bytes / (SIZE_TICKS * CHANNELS))} B/sample)`,
  ]);
  rows.push([
    '30-day 8-GPU run at 1 s (extrapolated)',
    `${gb((bytes * MONTH_TICKS) / SIZE_TICKS)} (${fmt(MONTH_TICKS * CHANNELS)} samples)`,
  ]);
  report('SQLite (WAL, synchronous=NORMAL, one prepared insert per tick)', rows);
  rmSync(dir, { recursive: true, force: true });
}

// PostgreSQL: every node's tracker writes the same database, one connection each.
if (!PG_URL) {
  console.log('\nPostgreSQL: skipped (set EMPREINTE_TEST_PG_URL, e.g. after bash scripts/start-postgres.sh)');
} else {
  const db = await createTestDatabase('empreinte_bench');
  const rows: [string, string][] = [];
  try {
    const setup = await openPostgresStore(db.url);
    const maxWriters = Math.max(...WRITERS);
    await newRun(
      setup,
      'tp',
      Array.from({ length: maxWriters }, (_, n) => `node-${String(n).padStart(3, '0')}`),
    );
    for (const writers of WRITERS) {
      const stores = await Promise.all(
        Array.from({ length: writers }, () => openPostgresStore(db.url, { maxConnections: 1 })),
      );
      rows.push([
        `throughput, ${writers} writer${writers > 1 ? 's' : ''}`,
        `${fmt(await throughput(stores, 'tp', SECONDS))} samples/s`,
      ]);
      for (const s of stores) await s.close();
    }
    await newRun(
      setup,
      'paced',
      Array.from({ length: 100 }, (_, n) => `paced-${String(n).padStart(3, '0')}`),
    );
    // 100 trackers would hold 100 connections (PostgreSQL's default max_connections is 100):
    // the load of 100 nodes goes through 16 connections here.
    const pool = await Promise.all(
      Array.from({ length: 16 }, () => openPostgresStore(db.url, { maxConnections: 1 })),
    );
    const paced = await pacedLoad(pool, 'paced', 100, SECONDS);
    rows.push([
      '100 nodes × 10 samples at 1 s',
      `${fmt(paced.rate)} samples/s, write p50 ${fmt(paced.p50)} ms, p99 ${fmt(paced.p99)} ms`,
    ]);
    for (const s of pool) await s.close();

    const sized: PostgresStore = await openPostgresStore(db.url);
    await writeRun(sized, 'size', SIZE_TICKS);
    await sql`vacuum analyze samples`.execute((sized as KyselyStore).db);
    const { rows: size } = await sql<{ total: string; samples: string }>`
      select pg_total_relation_size('samples') as total, (select count(*) from samples where "runId" = 'size') as samples`.execute(
      sized.db,
    );
    const { rows: all } = await sql<{ n: string }>`select count(*) as n from samples`.execute(sized.db);
    const bytesPerSample = Number(size[0].total) / Number(all[0].n);
    rows.push([
      `2 h run, ${fmt(Number(size[0].samples))} samples`,
      `${mb(bytesPerSample * SIZE_TICKS * CHANNELS)} (${fmt(bytesPerSample)} B/sample, table + index)`,
    ]);
    rows.push([
      '30-day 8-GPU run at 1 s (extrapolated)',
      `${gb(bytesPerSample * MONTH_TICKS * CHANNELS)} (${fmt(MONTH_TICKS * CHANNELS)} samples)`,
    ]);
    await sized.close();
    await setup.close();
    report('PostgreSQL (one multi-row INSERT per tick, one connection per writer)', rows);
  } finally {
    await db.drop();
  }
}
console.log(
  `\nGoal: 100 nodes × 8 GPUs at 1 s = 800 GPU samples/s, 1,000 with CPU and RAM. Machine: ${(await import('node:os')).cpus().length} cores.`,
);
