/**
 * A short version of `bench/load.bench.ts` (which soaks for minutes): the real `empreinte serve`
 * on loopback under the mixed load at a fixed rate for 10 s; zero errors, a bounded p99 and a
 * bounded memory growth, with generous bounds for a shared 2-core machine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ServeHandle, startServe } from '../e2e/_server.js';
import { failures, runLoad, serverRss } from './_load.js';

const RATE = 300;
const DURATION_S = 10;
let server: ServeHandle;

before(async () => {
  server = await startServe();
});
after(() => server?.stop());

describe(`load: ${RATE} requests/s of the mixed API load for ${DURATION_S} s`, () => {
  it('holds the rate with zero errors, p99 under 250 ms, memory growth under 64 MB', async () => {
    await runLoad(server.url, { rate: 100, durationS: 2 }); // warm-up: JIT, lazy modules, answer cache
    const rssStart = await serverRss(server.url);
    const result = await runLoad(server.url, { rate: RATE, durationS: DURATION_S });
    const rssEnd = await serverRss(server.url);
    const growthMb = (rssEnd - rssStart) / 2 ** 20;
    process.stdout.write(
      `# load ${DURATION_S} s: ${Math.round(result.requests.average)} requests/s (asked ${RATE}), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${failures(result)} errors, RSS ${(rssStart / 2 ** 20).toFixed(0)} -> ${(rssEnd / 2 ** 20).toFixed(0)} MB\n`,
    );
    assert.equal(failures(result), 0);
    assert.ok(result.requests.total >= RATE * DURATION_S * 0.9, `${result.requests.total} requests answered`);
    assert.ok(result.latency.p99 < 250, `p99 ${result.latency.p99} ms`);
    assert.ok(growthMb < 64, `RSS grew by ${growthMb.toFixed(0)} MB`);
  });
});
