/**
 * Store figures, SQLite and PostgreSQL (through the same `openStore`):
 * 1. samples per second the store sustains: writers appending one tick's batch (8 GPUs + CPU +
 *    RAM = 10 samples) after another, as a tracker does but with no pause between ticks;
 * 2. a paced load of 100 nodes × 10 samples every second (the goal: 100 nodes × 8 GPUs at 1 s,
 *    over 1,000 samples/s) with the write latency it sees;
 * 3. bytes a sample, beside Prometheus's 13.9 on the same data (8 GPUs + CPU + RAM at 1 Hz, power
 *    as a random walk, power and energy both kept, UUID run ids): a 2-hour run written tick by
 *    tick as the tracker does, the whole database measured (channels, chunks, open rows, totals,
 *    indexes) and divided by the samples; the 30-day figure extrapolates it linearly;
 * 4. a big run (BENCH_BIG_SAMPLES, 1 M): `runs import` of its samples CSV (samples/s), then
 *    `runs show` (the built CLI, beside node's own start-up) and `GET /runs/:id` on `empreinte
 *    serve`, then three clients reading its whole stream while other requests are timed and the
 *    server's RSS is read (peak from /proc VmHWM). Needs `npm run build` (dist/).
 * PostgreSQL figures need EMPREINTE_TEST_PG_URL (a fresh database is created and dropped).
 * Run: node --import tsx bench/store.bench.ts   Knobs: BENCH_SECONDS (per throughput figure, 5),
 * BENCH_WRITERS (PostgreSQL writers, comma list, 1,4,16), BENCH_BIG_SAMPLES (1000000).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { SampleBatch, Store } from '../src/records.js';
import { importRunFile } from '../src/store/import-file.js';
import { openStore } from '../src/store/index.js';
import type { KyselyStore } from '../src/store/kysely-store.js';
import { openPostgresStore, type PostgresStore } from '../src/store/postgres.js';
import type { SqliteStore } from '../src/store/sqlite.js';
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

/**
 * The Prometheus comparison's data, written tick by tick as the tracker writes it: power of each
 * channel a random walk (full-precision floats), energy = power × 1 s, ticks every 1,000 ms.
 */
async function writeRun(store: Store, runId: string, ticks: number): Promise<void> {
  await newRun(store, runId, ['size-node']);
  const batch = batchFor(runId, 'size-node');
  const walk = Float64Array.from(batch.powerW);
  for (let i = 0; i < ticks; i++) {
    batch.t = 1_767_225_600_000 + i * 1000;
    for (let c = 0; c < CHANNELS; c++) {
      walk[c] = Math.min(700, Math.max(30, walk[c] + (Math.random() - 0.5) * 20));
      batch.powerW[c] = walk[c];
      batch.energyJ[c] = walk[c] * batch.intervalS;
    }
    await store.appendSamples(batch);
  }
  await store.finishHost(runId, 'size-node', {
    endedAt: batch.t,
    status: 'completed',
    exitCode: 0,
    energyJ: { gpu: 0, cpu: 0, ram: 0 },
  });
}

const PROMETHEUS_BYTES = 13.9;

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
  await writeRun(sizeStore, randomUUID(), SIZE_TICKS);
  sizeStore.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  // Pages freed by sealed open rows are reused by the next ones: counted as used space.
  sizeStore.sqlite.exec('VACUUM');
  await sizeStore.close();
  const bytes = statSync(sizePath).size;
  rows.push([
    `2 h run, ${fmt(SIZE_TICKS * CHANNELS)} samples`,
    `${mb(bytes)} (${fmt(bytes / (SIZE_TICKS * CHANNELS))} B/sample, whole file; Prometheus ${PROMETHEUS_BYTES})`,
  ]);
  rows.push([
    '30-day 8-GPU run at 1 s (extrapolated)',
    `${gb((bytes * MONTH_TICKS) / SIZE_TICKS)} (${fmt(MONTH_TICKS * CHANNELS)} samples)`,
  ]);
  report('SQLite (WAL, synchronous=NORMAL, one transaction per tick)', rows);
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

    // The size run gets a database of its own: the throughput runs above would be counted in.
    const sizeDb = await createTestDatabase('empreinte_bench_size');
    const sized: PostgresStore = await openPostgresStore(sizeDb.url);
    const samples = SIZE_TICKS * CHANNELS;
    let bytesPerSample = 0;
    try {
      await writeRun(sized, randomUUID(), SIZE_TICKS);
      await sql`vacuum full analyze`.execute((sized as KyselyStore).db);
      const { rows: size } = await sql<{ total: string }>`
        select sum(pg_total_relation_size(c.oid)) as total from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind = 'r'`.execute(sized.db);
      bytesPerSample = Number(size[0].total) / samples;
    } finally {
      await sized.close();
      await sizeDb.drop();
    }
    rows.push([
      `2 h run, ${fmt(samples)} samples`,
      `${mb(bytesPerSample * samples)} (${fmt(bytesPerSample)} B/sample, every table + index; Prometheus ${PROMETHEUS_BYTES})`,
    ]);
    rows.push([
      '30-day 8-GPU run at 1 s (extrapolated)',
      `${gb(bytesPerSample * MONTH_TICKS * CHANNELS)} (${fmt(MONTH_TICKS * CHANNELS)} samples)`,
    ]);
    await setup.close();
    report('PostgreSQL (one statement per tick, one connection per writer)', rows);
  } finally {
    await db.drop();
  }
}
// A big run: imported from its samples CSV, then read by `runs show`, the server, and three streams.
{
  const BIG = Number(process.env.BENCH_BIG_SAMPLES ?? 1_000_000);
  const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const rows: [string, string][] = [];
  const dir = mkdtempSync(join(tmpdir(), 'empreinte-bench-big-'));
  try {
    if (!existsSync(CLI))
      throw new Error('skipped: build first (npm run build), the figures use dist/cli/main.js');
    const csv = join(dir, 'big.csv');
    const out = createWriteStream(csv);
    out.write('timestamp,host,component,device_index,power_w,energy_j,source\n');
    const walk = Float64Array.from(batchFor('x', 'x').powerW);
    const names = [...Array(8).fill('gpu'), 'cpu', 'ram'];
    const index = [0, 1, 2, 3, 4, 5, 6, 7, 0, 0];
    const source = [...Array(8).fill('measured:nvml-counter'), 'measured:rapl', 'measured:rapl'];
    for (let tick = 0; tick < BIG / CHANNELS; tick++) {
      const at = new Date(1_767_225_600_000 + tick * 1000).toISOString();
      let text = '';
      for (let c = 0; c < CHANNELS; c++) {
        walk[c] = Math.min(700, Math.max(30, walk[c] + (Math.random() - 0.5) * 20));
        text += `${at},node-0,${names[c]},${index[c]},${walk[c]},${walk[c]},${source[c]}\n`;
      }
      if (!out.write(text)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const db = join(dir, 'big.db');
    const store = await openStore(db);
    const t0 = performance.now();
    const imported = await importRunFile(store, csv, {
      defaultGrid: () => ({
        location: 'FR',
        intensityGPerKwh: 50,
        intensitySource: 'bench',
        pue: 1.2,
        pueSource: 'bench',
      }),
    });
    const importS = (performance.now() - t0) / 1000;
    await store.close();
    rows.push([
      `runs import of a ${fmt(BIG)}-sample CSV`,
      `${fmt(importS)} s, ${fmt(BIG / importS)} samples/s (two passes: checked, then written in one transaction)`,
    ]);
    const timed = (args: string[]) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(r.stderr);
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[1];
    };
    const nodeMs = timed(['-e', '']);
    const showMs = timed([CLI, 'runs', 'show', imported.id, '--json', '--db', db]);
    rows.push([
      `runs show --json (${fmt(BIG)} samples)`,
      `${fmt(showMs)} ms (node's own start-up: ${fmt(nodeMs)} ms; median of 3)`,
    ]);

    const server = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', db], {
      env: { ...process.env, EMPREINTE_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        server.stdout!.on('data', (d) => {
          text += d;
          const m = /(http:\/\/\S+)/.exec(text);
          if (m) resolve(m[1].replace(/\/$/, ''));
        });
        server.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const api = (path: string) => `${url}/api/v1/${path}`;
      const time = async (path: string) => {
        const start = performance.now();
        const response = await fetch(api(path));
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        return performance.now() - start;
      };
      const runTimes = [
        await time(`runs/${imported.id}`),
        await time(`runs/${imported.id}`),
        await time(`runs/${imported.id}`),
      ];
      rows.push([
        `GET /runs/:id (${fmt(BIG)} samples)`,
        `${runTimes.map((t) => fmt(t)).join(', ')} ms (first, then warm)`,
      ]);
      const rss = () => {
        const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
        const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
        return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
      };
      // Warm: the modules each route loads on first use are not what is measured.
      for (const path of ['runs', `runs/${imported.id}/series?buckets=500`]) await time(path);
      const before = rss();
      // Three clients read the whole run's stream; meanwhile other requests are timed.
      let reading = true;
      let slowest = 0;
      let slowestPath = '';
      let probes = 0;
      const prober = (async () => {
        const paths = ['runs', `runs/${imported.id}`, `runs/${imported.id}/series?buckets=500`];
        while (reading) {
          const path = paths[probes++ % paths.length];
          const ms = await time(path);
          if (ms > slowest) {
            slowest = ms;
            slowestPath = path;
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      const readStart = performance.now();
      const bytes = await Promise.all(
        [0, 1, 2].map(async () => {
          const response = await fetch(api(`runs/${imported.id}/stream`));
          let n = 0;
          for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) n += chunk.length;
          return n;
        }),
      );
      const readS = (performance.now() - readStart) / 1000;
      reading = false;
      await prober;
      const end = rss();
      rows.push([
        '3 clients reading the whole stream',
        `${fmt(readS)} s, ${fmt(bytes[0] / 2 ** 20)} MiB each`,
      ]);
      rows.push([
        'slowest other request meanwhile',
        `${fmt(slowest)} ms (${slowestPath.replace(imported.id, ':id')}; ${probes} requests)`,
      ]);
      rows.push([
        'server RSS',
        `${mb(before.rss)} before, peak ${mb(end.hwm)} (VmHWM), ${mb(end.rss)} after`,
      ]);
      // Three clients that open the stream and never read: the server must not buffer the run for them.
      const { hostname, port } = new URL(url);
      const stalled = [0, 1, 2].map(() => {
        const req = request({ host: hostname, port, path: `/api/v1/runs/${imported.id}/stream` }, (res) =>
          res.pause(),
        );
        req.end();
        return req;
      });
      let worstMs = 0;
      for (let i = 0; i < 20; i++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        worstMs = Math.max(worstMs, await time(`runs/${imported.id}`));
      }
      rows.push([
        '3 clients that never read, 10 s',
        `server RSS ${mb(rss().rss)}; slowest GET /runs/:id meanwhile ${fmt(worstMs)} ms`,
      ]);
      for (const req of stalled) req.destroy();
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  } catch (error) {
    rows.push(['big run', (error as Error).message]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report('A big run: import, views and a server under three readers (SQLite)', rows);
}

console.log(
  `\nGoal: 100 nodes × 8 GPUs at 1 s = 800 GPU samples/s, 1,000 with CPU and RAM. Machine: ${(await import('node:os')).cpus().length} cores.`,
);
