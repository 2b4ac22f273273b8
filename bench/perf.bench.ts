/**
 * Speed where users feel it, each figure a ratio against a reference measured in the same run (so
 * it holds on a busy machine); medians of interleaved repetitions.
 * 1. start-up of `estimate training --json` (a catalog run, and a run of the user's own on an H100)
 *    and `runs list --json` vs `node -e 0` (wall, and CPU time and peak RSS where /usr/bin/time is
 *    installed);
 * 2. `POST /api/v1/estimate/training`, a different body each request, vs a bare Hono app on the
 *    same Node with the same client (autocannon);
 * 3. `planSchedule`, 100 zones × 8,760 h, vs a plain sliding-window loop over the same arrays,
 *    with the same answer;
 * 4. the tracker's fixed cost per run: `empreinte run -- node -e 0` vs `node -e 0` alone.
 * Run: npm run bench -- perf (builds dist first). BENCH_CLI=path/to/dist/cli/main.js measures
 * another build (another checkout); BENCH_BEFORE=path/to/dist/cli/main.js measures an earlier build
 * beside this one in the same run (each part interleaves both), for a before/after on one machine;
 * BENCH_PARTS (startup,server,schedule,tracker), BENCH_ROUNDS (15), BENCH_DURATION_S (5).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src/engine/random.js';
import type { IntensitySeries } from '../src/grid/series.js';
import { planSchedule } from '../src/schedule/plan.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = process.env.BENCH_CLI ?? join(ROOT, 'dist/cli/main.js');
/** The builds measured: this one, and an earlier one beside it when BENCH_BEFORE names it. */
const BUILDS: { label: string; cli: string }[] = [
  { label: '', cli: CLI },
  ...(process.env.BENCH_BEFORE ? [{ label: ' (before)', cli: process.env.BENCH_BEFORE }] : []),
];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const PARTS = (process.env.BENCH_PARTS ?? 'startup,server,schedule,tracker').split(',');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const dir = mkdtempSync(join(tmpdir(), 'empreinte-perf-'));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** The 1, 5 and 15-minute load averages, said beside each figure (the machine may be shared). */
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
/**
 * The mean of the middle half: /usr/bin/time gives CPU time in 10 ms steps, so a median of ~110 ms
 * figures moves in steps of 9%; the middle half's mean is finer and as robust to a busy round.
 */
const middleMean = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.slice(Math.floor(sorted.length / 4), Math.ceil((sorted.length * 3) / 4));
  return middle.reduce((sum, v) => sum + v, 0) / middle.length;
};
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
    cpuMs: middleMean(list.map((c) => c.cpuMs)),
    rssMiB: median(list.map((c) => c.rssMiB)),
  }));
}

// 1. Start-up.
if (PARTS.includes('startup')) {
  const db = join(dir, 'runs.db');
  measure([CLI, 'run', '--db', db, '--name', 'one', '--', process.execPath, '-e', '0']); // a run to list
  const commands = BUILDS.flatMap(({ label, cli }) => [
    {
      name: `estimate training --json${label}`,
      args: [cli, 'estimate', 'training', '--model', 'llama-2-7b', '--json'],
    },
    // A run of the user's own, every factor uncertain: the ranges' five log-cumulants.
    {
      name: `estimate training --params 7B --tokens 2T --hardware h100 --json${label}`,
      args: [cli, 'estimate', 'training', '--params', '7B', '--tokens', '2T', '--hardware', 'h100', '--json'],
    },
    { name: `runs list --json${label}`, args: [cli, 'runs', 'list', '--json', '--db', db] },
  ]);
  const [bare, ...costs] = interleaved([['-e', '0'], ...commands.map((c) => c.args)], ROUNDS);
  console.log(
    `\n### Start-up vs \`node -e 0\` (median of ${ROUNDS} interleaved rounds; CPU: mean of the middle half; load average ${load()})`,
  );
  console.log('| command | wall | wall ratio | CPU ratio | peak RSS | goal (wall < 2×) |');
  console.log('|---|---|---|---|---|---|');
  console.log(`| \`node -e 0\` | ${bare.wallMs.toFixed(0)} ms | 1× | 1× | ${bare.rssMiB.toFixed(0)} MiB | |`);
  commands.forEach(({ name }, i) => {
    const c = costs[i];
    console.log(
      `| \`${name}\` | ${c.wallMs.toFixed(0)} ms | ${x(c.wallMs / bare.wallMs)} | ${x(c.cpuMs / bare.cpuMs)} | ${c.rssMiB.toFixed(0)} MiB | ${goal(c.wallMs / bare.wallMs < 2)} |`,
    );
  });
}

// 2. HTTP throughput, a different body each request.
interface LoadResult {
  requests: { average: number; total: number };
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

/** CPU time (user + system) a process has used so far, ms, from /proc (NaN elsewhere). */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return Number.NaN;
  }
}

/** Requests per second, and the server's CPU time per request (µs): steadier than req/s on a busy machine. */
async function throughput(server: {
  url: string;
  child: ChildProcess;
}): Promise<{ rps: number; cpuUs: number }> {
  let i = Math.floor(Math.random() * 100_000);
  const body = () =>
    JSON.stringify({ params: '7B', tokens: `${1 + (i++ % 100_000) / 1000}T`, hardware: 'h100', chips: 64 });
  const before = cpuMsOf(server.child.pid);
  const result = await autocannon({
    url: `${server.url}/api/v1/estimate/training`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: 16,
    duration: DURATION_S,
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }) }],
  });
  if (result.errors + result.non2xx > 0)
    throw new Error(`${result.errors} errors, ${result.non2xx} non-2xx from ${server.url}`);
  const cpuUs = ((cpuMsOf(server.child.pid) - before) * 1000) / result.requests.total;
  return { rps: result.requests.average, cpuUs };
}

if (PARTS.includes('server')) {
  const hono = await started(['--input-type=module', '-e', BARE_HONO]);
  const apis = await Promise.all(
    BUILDS.map(async ({ label, cli }, b) => ({
      label,
      server: await started([cli, 'serve', '--port', '0', '--db', join(dir, `serve-${b}.db`)]),
      rounds: [] as { ratio: number; rps: number; cpuUs: number }[],
    })),
  );
  try {
    for (const api of apis) await throughput(api.server); // warm-up (JIT, catalogs)
    await throughput(hono);
    const bare: { rps: number; cpuUs: number }[] = [];
    for (let r = 0; r < 3; r++) {
      const b = await throughput(hono);
      bare.push(b);
      for (const api of apis) {
        const o = await throughput(api.server);
        api.rounds.push({ ratio: o.rps / b.rps, ...o });
      }
    }
    console.log(
      `\n### POST /api/v1/estimate/training, a different body each request (16 connections, ${DURATION_S} s × 3, interleaved)`,
    );
    console.log(
      '| server | req/s (median) | ratio (median, range) | server CPU per request | goal (ratio ≥ 1/4) |',
    );
    console.log('|---|---|---|---|---|');
    console.log(
      `| bare Hono app | ${Math.round(median(bare.map((r) => r.rps)))} | 1 | ${median(bare.map((r) => r.cpuUs)).toFixed(0)} µs | |`,
    );
    for (const api of apis) {
      const ratios = api.rounds.map((r) => r.ratio);
      const ratio = median(ratios);
      console.log(
        `| empreinte serve${api.label} | ${Math.round(median(api.rounds.map((r) => r.rps)))} | ${ratio.toFixed(3)} (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}) | ${median(api.rounds.map((r) => r.cpuUs)).toFixed(0)} µs | ${api.label ? '' : goal(ratio >= 0.25)} |`,
      );
    }
  } finally {
    hono.child.kill();
    for (const api of apis) api.server.child.kill();
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
  const runs = BUILDS.map(({ label, cli }, b) => {
    const db = join(dir, `tracker-${b}.db`);
    // The file exists and is up to date, as for every run but a machine's first (which migrates it).
    measure([cli, 'run', '--db', db, '--', process.execPath, '-e', '0']);
    return { label, args: [cli, 'run', '--db', db, '--', process.execPath, '-e', '0'] };
  });
  const [alone, ...tracked] = interleaved(
    [['-e', '0'], ...runs.map((r) => r.args)],
    Math.max(5, Math.floor(ROUNDS / 2)),
  );
  console.log(
    `\n### Tracker fixed cost per run: \`empreinte run -- node -e 0\` minus \`node -e 0\` (load average ${load()})`,
  );
  runs.forEach(({ label }, i) => {
    const cpuS = (tracked[i].cpuMs - alone.cpuMs) / 1000;
    const checks = label ? '' : ` (goal ≤ 0.2 s: ${goal(cpuS <= 0.2)})`;
    const rss = label ? '' : ` (goal ≤ 60 MiB: ${goal(tracked[i].rssMiB <= 60)})`;
    console.log(
      `${label ? 'before: ' : ''}CPU ${cpuS.toFixed(2)} s${checks}; wall ${(tracked[i].wallMs - alone.wallMs).toFixed(0)} ms more; peak RSS ${tracked[i].rssMiB.toFixed(1)} MiB${rss}; \`node -e 0\` alone ${alone.rssMiB.toFixed(0)} MiB`,
    );
  });
} else if (PARTS.includes('tracker'))
  console.log('\n(tracker cost: /usr/bin/time is not installed, no CPU time or RSS to read)');

rmSync(dir, { recursive: true, force: true });
console.log(`\n${missed === 0 ? 'every goal met' : `${missed} goal(s) missed`}`);
process.exit(missed > 0 ? 1 : 0);
