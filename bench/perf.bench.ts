/**
 * Speed where users feel it, each figure a ratio against a reference measured in the same run (so
 * it holds on a busy machine); medians of interleaved repetitions.
 * 1. start-up of `estimate training --json` and `runs list --json` vs `node -e 0` (wall, and CPU
 *    time and peak RSS where /usr/bin/time is installed);
 * 2. `POST /api/v1/estimate/training`, a different body each request, vs a bare Hono app on the
 *    same Node with the same client (autocannon);
 * 3. `planSchedule`, 100 zones × 8,760 h, vs a plain sliding-window loop over the same arrays,
 *    with the same answer;
 * 4. the tracker's fixed cost per run: `empreinte run -- node -e 0` vs `node -e 0` alone.
 * Run: npm run bench -- perf (builds dist first). BENCH_CLI=path/to/dist/cli/main.js measures
 * another build (another checkout) for a before/after; BENCH_PARTS (startup,server,schedule,tracker),
 * BENCH_ROUNDS (15), BENCH_DURATION_S (5).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src/engine/random.js';
import type { IntensitySeries } from '../src/grid/series.js';
import { planSchedule } from '../src/schedule/plan.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = process.env.BENCH_CLI ?? join(ROOT, 'dist/cli/main.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const PARTS = (process.env.BENCH_PARTS ?? 'startup,server,schedule,tracker').split(',');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const dir = mkdtempSync(join(tmpdir(), 'empreinte-perf-'));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const x = (ratio: number) => `${ratio.toFixed(2)}×`;
let missed = 0;
const goal = (ok: boolean) => {
  if (!ok) missed++;
  return ok ? 'met' : 'MISSED';
};

interface Cost {
  wallMs: number;
  cpuMs: number;
  rssMiB: number;
}

/** One process: wall time here; CPU time (user + system) and peak RSS from /usr/bin/time. */
function measure(args: string[]): Cost {
  const start = performance.now();
  const result = TIME
    ? spawnSync(TIME, ['-f', '%U %S %M', process.execPath, ...args], { encoding: 'utf8', cwd: dir })
    : spawnSync(process.execPath, args, { encoding: 'utf8', cwd: dir });
  const wallMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  const last = result.stderr.trim().split('\n').pop() ?? '';
  const [user, system, rssKb] = TIME ? last.split(' ').map(Number) : [Number.NaN, Number.NaN, Number.NaN];
  return { wallMs, cpuMs: (user + system) * 1000, rssMiB: rssKb / 1024 };
}

/** Commands run in turn, round after round; the median of each. */
function interleaved(commands: string[][], rounds: number): Cost[] {
  const costs = commands.map(() => [] as Cost[]);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < commands.length; i++) costs[i].push(measure(commands[i]));
  }
  return costs.map((list) => ({
    wallMs: median(list.map((c) => c.wallMs)),
    cpuMs: median(list.map((c) => c.cpuMs)),
    rssMiB: median(list.map((c) => c.rssMiB)),
  }));
}

// 1. Start-up.
if (PARTS.includes('startup')) {
  const db = join(dir, 'runs.db');
  measure([CLI, 'run', '--db', db, '--name', 'one', '--', process.execPath, '-e', '0']); // a run to list
  const [bare, estimate, list] = interleaved(
    [
      ['-e', '0'],
      [CLI, 'estimate', 'training', '--model', 'llama-2-7b', '--json'],
      [CLI, 'runs', 'list', '--json', '--db', db],
    ],
    ROUNDS,
  );
  console.log(`\n### Start-up vs \`node -e 0\` (median of ${ROUNDS} interleaved rounds)`);
  console.log('| command | wall | wall ratio | CPU ratio | goal (wall < 2×) |');
  console.log('|---|---|---|---|---|');
  console.log(`| \`node -e 0\` | ${bare.wallMs.toFixed(0)} ms | 1× | 1× | |`);
  for (const [name, c] of [
    ['estimate training --json', estimate],
    ['runs list --json', list],
  ] as const) {
    console.log(
      `| \`${name}\` | ${c.wallMs.toFixed(0)} ms | ${x(c.wallMs / bare.wallMs)} | ${x(c.cpuMs / bare.cpuMs)} | ${goal(c.wallMs / bare.wallMs < 2)} |`,
    );
  }
}

// 2. HTTP throughput, a different body each request.
interface LoadResult {
  requests: { average: number };
  errors: number;
  non2xx: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: Record<string, unknown>,
) => Promise<LoadResult>;

async function started(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, EMPREINTE_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /(http:\/\/[^\s/]+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  return { url, child };
}

const BARE_HONO = `
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
const app = new Hono();
app.post('/api/v1/estimate/training', async (c) => c.json(await c.req.json()));
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log('http://127.0.0.1:' + info.port));
`;

async function throughput(url: string): Promise<LoadResult> {
  let i = 0;
  const body = () =>
    JSON.stringify({ params: '7B', tokens: `${1 + (i++ % 100_000) / 1000}T`, hardware: 'h100', chips: 64 });
  return autocannon({
    url: `${url}/api/v1/estimate/training`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: 16,
    duration: DURATION_S,
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }) }],
  });
}

if (PARTS.includes('server')) {
  const hono = await started(['--input-type=module', '-e', BARE_HONO]);
  const api = await started([CLI, 'serve', '--port', '0', '--db', join(dir, 'serve.db')]);
  try {
    await throughput(api.url); // warm-up (JIT, catalogs)
    await throughput(hono.url);
    const rounds: { bare: number; ours: number }[] = [];
    for (let r = 0; r < 3; r++) {
      const b = await throughput(hono.url);
      const o = await throughput(api.url);
      if (o.errors + o.non2xx > 0) throw new Error(`${o.errors} errors, ${o.non2xx} non-2xx from the API`);
      rounds.push({ bare: b.requests.average, ours: o.requests.average });
    }
    const ratio = median(rounds.map((r) => r.ours / r.bare));
    console.log(
      `\n### POST /api/v1/estimate/training, a different body each request (16 connections, ${DURATION_S} s × 3)`,
    );
    console.log('| server | req/s (median) | ratio | goal (≥ 1/4) |');
    console.log('|---|---|---|---|');
    console.log(`| bare Hono app | ${Math.round(median(rounds.map((r) => r.bare)))} | 1 | |`);
    console.log(
      `| empreinte serve | ${Math.round(median(rounds.map((r) => r.ours)))} | ${ratio.toFixed(3)} | ${goal(ratio >= 0.25)} |`,
    );
  } finally {
    hono.child.kill();
    api.child.kill();
  }
}

// 3. Scheduling: planSchedule vs a plain sliding-window loop, same arrays, same answer.
if (PARTS.includes('schedule')) {
  const HOUR = 3_600_000;
  const N = 8760;
  const random = mulberry32(18);
  const times = Float64Array.from({ length: N }, (_, k) => Date.UTC(2023, 0, 1) + k * HOUR);
  const zones: IntensitySeries[] = Array.from({ length: 100 }, (_, z) => ({
    zone: `Z${z}`,
    signal: 'direct',
    unit: 'gCO2e/kWh',
    times,
    stepMs: HOUR,
    values: Float64Array.from({ length: N }, (_, k) => 300 + 200 * Math.sin((k + z) / 24) + 100 * random()),
    sources: [],
    warnings: [],
  }));
  const D = 24;
  /** The reference: per zone, a running sum of D values, the lowest kept (earliest on ties). */
  function plainLoop(): { zone: number; start: number; mean: number } {
    let best = { zone: -1, start: -1, mean: Number.POSITIVE_INFINITY };
    for (let z = 0; z < zones.length; z++) {
      const v = zones[z].values;
      let sum = 0;
      for (let k = 0; k < D; k++) sum += v[k];
      let min = sum;
      let at = 0;
      for (let k = D; k < v.length; k++) {
        sum += v[k] - v[k - D];
        if (sum < min) {
          min = sum;
          at = k - D + 1;
        }
      }
      if (min / D < best.mean) best = { zone: z, start: at, mean: min / D };
    }
    return best;
  }
  const ref = plainLoop();
  const plan = planSchedule(zones, { durationH: D });
  const same =
    plan.best?.zone === zones[ref.zone].zone &&
    Date.parse(plan.best.start) === times[ref.start] &&
    Math.abs((plan.best.intensityGPerKwh ?? 0) - ref.mean) < 1e-3;
  if (!same)
    throw new Error(`planSchedule ${JSON.stringify(plan.best)} differs from the loop ${JSON.stringify(ref)}`);
  const timeOf = (fn: () => void) => {
    const s = performance.now();
    fn();
    return performance.now() - s;
  };
  for (let r = 0; r < 5; r++) {
    plainLoop();
    planSchedule(zones, { durationH: D });
  }
  const ratios: number[] = [];
  const planMs: number[] = [];
  for (let r = 0; r < 31; r++) {
    const loop = timeOf(plainLoop);
    const ours = timeOf(() => planSchedule(zones, { durationH: D }));
    ratios.push(ours / loop);
    planMs.push(ours);
  }
  const scheduleRatio = median(ratios);
  console.log('\n### planSchedule, 100 zones × 8,760 h, 24 h job (median of 31 interleaved rounds)');
  console.log(
    `planSchedule ${median(planMs).toFixed(2)} ms; ${x(scheduleRatio)} a plain sliding-window loop over the same arrays (same answer: ${same ? 'yes' : 'NO'}); goal ≤ 2×: ${goal(scheduleRatio <= 2)}`,
  );
}

// 4. Tracker fixed cost per run.
if (TIME && PARTS.includes('tracker')) {
  const [alone, tracked] = interleaved(
    [
      ['-e', '0'],
      [CLI, 'run', '--db', join(dir, 'tracker.db'), '--', process.execPath, '-e', '0'],
    ],
    Math.max(5, Math.floor(ROUNDS / 2)),
  );
  const cpuS = (tracked.cpuMs - alone.cpuMs) / 1000;
  console.log('\n### Tracker fixed cost per run: `empreinte run -- node -e 0` minus `node -e 0`');
  console.log(
    `CPU ${cpuS.toFixed(2)} s (goal ≤ 0.2 s: ${goal(cpuS <= 0.2)}); wall ${(tracked.wallMs - alone.wallMs).toFixed(0)} ms more; peak RSS ${tracked.rssMiB.toFixed(0)} MiB (goal ≤ 60 MiB: ${goal(tracked.rssMiB <= 60)}; \`node -e 0\` alone ${alone.rssMiB.toFixed(0)} MiB)`,
  );
} else if (PARTS.includes('tracker'))
  console.log('\n(tracker cost: /usr/bin/time is not installed, no CPU time or RSS to read)');

rmSync(dir, { recursive: true, force: true });
console.log(`\n${missed === 0 ? 'every goal met' : `${missed} goal(s) missed`}`);
process.exit(missed > 0 ? 1 : 0);
