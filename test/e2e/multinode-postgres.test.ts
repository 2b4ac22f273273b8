import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type FakeMachine, fakeMachine } from '../fixtures/proc/machine.js';
import { CLI, runCli } from '../helpers/cli.js';
import { createTestDatabase, pgSkip, type TestDatabase } from '../helpers/postgres.js';
import { sleep } from '../helpers/prometheus.js';

/**
 * One run measured from several nodes into PostgreSQL: two `empreinte run` trackers (real
 * processes, each on its own fake machine with known GPU power) join one run id, and a third
 * host on another machine writes a few samples and is killed mid-run.
 */
interface Shown {
  status: string;
  energyKwh: { total: number; gpu: number };
  hosts: {
    host: string;
    status: string;
    durationS: number;
    energyKwh: number;
    pid: number;
    machine: string;
    lastSampleAt: string | null;
  }[];
  notes: string[];
}

function start(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env, LANG: 'C', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c) => {
    stderr += c;
  });
  return { child, done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr }))) };
}

/** The measured command: runs until the test says so (a file appears), at most a minute. */
const waitFor = (file: string) => [
  process.execPath,
  '-e',
  `const fs = require('node:fs'); setInterval(() => fs.existsSync(${JSON.stringify(file)}) && process.exit(0), 100); setTimeout(() => process.exit(0), 60000);`,
];

/** A host on another machine: writes a sample every 200 ms until it is killed. */
const STORE = fileURLToPath(new URL('../../src/store/index.ts', import.meta.url));
const remoteHost = (url: string, runId: string) => `
  import { openStore } from ${JSON.stringify(STORE)};
  const store = await openStore(${JSON.stringify(url)});
  const system = { os: 'Linux', arch: 'x64', cpuModel: null, logicalCpus: null, cpuPackages: null, memTotalGiB: null, nodeVersion: process.version, empreinteVersion: '0' };
  const now = Date.now();
  await store.createRun(
    { id: '${runId}', name: null, host: 'node-c', command: ['train'], startedAt: now, location: null, intensityGPerKwh: 100, intensitySource: 'test', pue: 1, pueSource: 'test', renewableShare: null, intervalS: 0.2 },
    { runId: '${runId}', host: 'node-c', machine: 'remote-machine', pid: process.pid, pidStart: null, startedAt: now, sources: { gpu: 'measured:nvml-counter', cpu: null, ram: null }, devices: [], notes: [], system },
  );
  const batch = { runId: '${runId}', host: 'node-c', t: 0, intervalS: 0.2, count: 1, component: ['gpu'], deviceIndex: Int32Array.from([0]), powerW: Float64Array.from([500]), energyJ: Float64Array.from([100]), source: ['measured:nvml-counter'] };
  process.stdout.write('ready\\n');
  setInterval(() => { batch.t = Date.now(); store.appendSamples({ ...batch }); }, 200);`;

describe('a multi-node run in PostgreSQL', { skip: pgSkip() }, () => {
  let db: TestDatabase;
  let a: FakeMachine;
  let b: FakeMachine;
  before(async () => {
    db = await createTestDatabase('empreinte_nodes');
    a = await fakeMachine({ gpus: 1, gpuWatts: 200, rapl: 'absent' });
    b = await fakeMachine({ gpus: 2, gpuWatts: 100, rapl: 'absent' });
  });
  after(async () => {
    a?.stop();
    b?.stop();
    await db?.drop();
  });

  it('adds the hosts up, breaks the run down per host, and shows a host that died as stopped', async () => {
    const runId = 'multi-pg-1';
    const common = ['run', '--run-id', runId, '--interval', '0.2', '--db', db.url, '--location', 'fr'];
    // The remote host joins first; it is killed once both trackers write.
    const remote = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', remoteHost(db.url, runId)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      remote.stdout?.once('data', () => resolve());
      remote.once('exit', (code) => reject(new Error(`remote host exited ${code}`)));
    });
    const done = join(a.dir, 'done');
    const trackerA = start([...common, '--node', 'node-a', '--', ...waitFor(done)], a.env);
    const trackerB = start([...common, '--node', 'node-b', '--', ...waitFor(done)], b.env);
    const show = () => {
      const result = runCli(['runs', 'show', runId, '--db', db.url, '--json'], { env: a.env });
      assert.equal(result.status, 0, result.stderr);
      return JSON.parse(result.stdout) as Shown;
    };
    // Once both trackers are writing, the remote host dies.
    for (const deadline = Date.now() + 45_000; ; await sleep(200)) {
      const hosts = show()
        .hosts.filter((h) => h.lastSampleAt !== null)
        .map((h) => h.host);
      if (hosts.includes('node-a') && hosts.includes('node-b')) break;
      assert.ok(Date.now() < deadline, 'both trackers write within 45 s');
    }
    remote.kill('SIGKILL');
    const remoteKilledAt = Date.now();

    // While the two trackers go on: the run is running, node-c has stopped (after 3 s of silence).
    let during = show();
    for (
      const deadline = Date.now() + 20_000;
      during.hosts.find((h) => h.host === 'node-c')?.status !== 'stopped';
    ) {
      assert.ok(Date.now() < deadline, 'node-c is seen stopped within 20 s');
      await sleep(250);
      during = show();
    }
    assert.equal(during.status, 'running');
    const status = Object.fromEntries(during.hosts.map((h) => [h.host, h.status]));
    assert.deepEqual(status, { 'node-a': 'running', 'node-b': 'running', 'node-c': 'stopped' });
    const c = during.hosts.find((h) => h.host === 'node-c')!;
    // Silence is counted from its last stored sample (a loaded machine may have delayed the last
    // writes before the kill), so that is what the 3 s are checked against.
    assert.ok(Date.now() - Date.parse(c.lastSampleAt!) >= 3_000, 'not before 3 s of silence');
    assert.equal(c.pid, remote.pid);
    assert.equal(c.machine, 'remote-machine');
    assert.ok(
      Date.parse(c.lastSampleAt!) <= remoteKilledAt,
      'its heartbeat is its last sample before it died',
    );
    assert.ok(during.notes.some((n) => /^node-c: stopped, not heard from since/.test(n)));
    writeFileSync(done, '');

    const [ra, rb] = await Promise.all([trackerA.done, trackerB.done]);
    assert.equal(ra.code, 0, ra.stderr);
    assert.equal(rb.code, 0, rb.stderr);
    const shown = JSON.parse(
      runCli(['runs', 'show', runId, '--db', db.url, '--json'], { env: a.env }).stdout,
    ) as Shown;
    assert.equal(
      shown.status,
      'interrupted',
      'finished hosts and a stopped one: the run will not finish by itself',
    );
    assert.deepEqual(shown.hosts.map((h) => [h.host, h.status]).sort(), [
      ['node-a', 'completed'],
      ['node-b', 'completed'],
      ['node-c', 'stopped'],
    ]);
    const byHost = Object.fromEntries(shown.hosts.map((h) => [h.host, h]));
    const sum = shown.hosts.reduce((s, h) => s + h.energyKwh, 0);
    assert.ok(
      Math.abs(sum - shown.energyKwh.total) <= 1e-9 * shown.energyKwh.total,
      `hosts ${sum} vs total ${shown.energyKwh.total}`,
    );
    // GPU truth: 200 W on node-a, 2 × 100 W on node-b, 500 W on node-c while it lived (100 J a sample).
    // kWh back to J is not exact in floating point (19 × 100 J comes back as 1899.9999999999998).
    const cSamplesJ = Math.round(byHost['node-c'].energyKwh * 3.6e6 * 1e6) / 1e6;
    assert.equal(cSamplesJ % 100, 0, 'node-c keeps exactly the samples it wrote');
    assert.ok(cSamplesJ >= 100, `node-c's ${cSamplesJ / 100} samples are kept`);
    const gpuTruthJ = 200 * byHost['node-a'].durationS + 200 * byHost['node-b'].durationS + cSamplesJ;
    const gpuJ = shown.energyKwh.gpu * 3.6e6;
    assert.ok(Math.abs(gpuJ - gpuTruthJ) <= 0.03 * gpuTruthJ, `GPU ${gpuJ} J vs ${gpuTruthJ} J`);
  });
});
