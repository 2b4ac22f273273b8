// API under load on loopback (autocannon against the real `empreinte serve`): the mixed load of
// test/reliability/_load.ts held at a stated rate (throughput, p99, errors), the highest rate the
// mix sustains, then a soak of several minutes at the stated rate with live run streams open,
// printing the server's RSS as it goes: memory must stay flat. Exits 1 when a goal is missed.
// LOAD_RATE (default 500/s), LOAD_DURATION_S (30), SOAK_S (180).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { startServe } from '../test/e2e/_server.js';
import { failures, type LoadResult, runLoad, serverRss } from '../test/reliability/_load.js';
import { createLiveRun, type SseClient, sseClient, tick } from '../test/reliability/_server.js';

const RATE = Number(process.env.LOAD_RATE ?? 500);
const DURATION_S = Number(process.env.LOAD_DURATION_S ?? 30);
const SOAK_S = Number(process.env.SOAK_S ?? 180);
const STREAMS = 10;
/** Goals: zero errors, p99 under 100 ms at the stated rate; RSS within 32 MB from the first sample of the soak on. */
const P99_GOAL_MS = 100;
const RSS_GOAL_MB = 32;

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const row = (title: string, r: LoadResult) =>
  `| ${title} | ${Math.round(r.requests.average).toLocaleString('en-US')} | ${r.latency.p50} | ${r.latency.p99} | ${r.requests.total.toLocaleString('en-US')} | ${failures(r)} |`;

const dir = mkdtempSync(join(tmpdir(), 'empreinte-load-'));
const db = join(dir, 'runs.db');
const store = await openStore(db);
await createLiveRun(store, 'soak');
const server = await startServe({ db });
let missed = 0;
try {
  await runLoad(server.url, { rate: 100, durationS: 3 }); // warm-up
  console.log(
    `\n### Mixed API load (10-request cycle, 1 in 10 a fresh Monte Carlo), 16 connections, loopback`,
  );
  console.log('| load | requests/s | p50 ms | p99 ms | requests | errors |');
  console.log('|---|---|---|---|---|---|');
  const stated = await runLoad(server.url, { rate: RATE, durationS: DURATION_S });
  console.log(row(`stated: ${RATE}/s for ${DURATION_S} s`, stated));
  const max = await runLoad(server.url, { durationS: 10 });
  console.log(row('as fast as it goes, 10 s', max));
  if (failures(stated) > 0 || stated.latency.p99 > P99_GOAL_MS) missed++;
  console.log(
    `goal at the stated rate: zero errors and p99 < ${P99_GOAL_MS} ms: ${missed === 0 ? 'met' : 'MISSED'}`,
  );

  console.log(
    `\n### Soak: ${SOAK_S} s at ${RATE / 2}/s with ${STREAMS} live streams on a run written every second`,
  );
  let i = 0;
  await store.appendSamples(tick('soak', i++));
  const streams: SseClient[] = Array.from({ length: STREAMS }, () =>
    sseClient(`${server.url}/api/v1/runs/soak/stream`),
  );
  const writer = setInterval(() => void store.appendSamples(tick('soak', i++)), 1000);
  const rss: number[] = [await serverRss(server.url)];
  console.log(`RSS at start: ${mb(rss[0])} MB`);
  const sampler = setInterval(async () => {
    rss.push(await serverRss(server.url));
    console.log(`  ${(rss.length - 1) * 30} s: RSS ${mb(rss[rss.length - 1])} MB`);
  }, 30_000);
  const soak = await runLoad(server.url, { rate: RATE / 2, durationS: SOAK_S });
  clearInterval(sampler);
  clearInterval(writer);
  rss.push(await serverRss(server.url));
  const delivered = streams.every((s) => s.newest() >= Date.UTC(2025, 0, 1, 12) + (i - 3) * 1000);
  for (const s of streams) s.destroy();
  console.log(row(`soak: ${RATE / 2}/s for ${SOAK_S} s`, soak));
  // Flat: from the first 30-second sample (heap warmed up) to the end.
  const reference = rss[Math.min(1, rss.length - 1)];
  const growth = rss[rss.length - 1] - reference;
  console.log(
    `RSS at end: ${mb(rss[rss.length - 1])} MB; from 30 s to the end: ${growth >= 0 ? '+' : ''}${mb(growth)} MB; max ${mb(Math.max(...rss))} MB`,
  );
  console.log(`live streams got every tick during the soak: ${delivered ? 'yes' : 'NO'}`);
  const soakOk = failures(soak) === 0 && growth < RSS_GOAL_MB * 2 ** 20 && delivered;
  if (!soakOk) missed++;
  console.log(
    `goal of the soak: zero errors, RSS growth < ${RSS_GOAL_MB} MB, streams up to date: ${soakOk ? 'met' : 'MISSED'}`,
  );
} finally {
  await server.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(missed > 0 ? 1 : 0);
