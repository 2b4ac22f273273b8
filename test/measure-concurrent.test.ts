import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { type FakeMachine, fakeMachine } from './fixtures/proc/machine.js';
import { CLI, runCli } from './helpers/cli.js';

/** Several trackers writing one SQLite database at once, and one run id measured from several nodes. */
function run(
  machine: FakeMachine,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'run', ...args], {
      env: { ...process.env, ...machine.env, LANG: 'C', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const sleeper = (ms: number) => [
  process.execPath,
  '-e',
  `console.log(process.env.EMPREINTE_RUN_ID); setTimeout(() => {}, ${ms})`,
];

interface Listed {
  id: string;
  status: string;
  energyKwh: { total: number };
}

describe('concurrent trackers on one database', () => {
  let machine: FakeMachine;
  before(async () => {
    machine = await fakeMachine({ gpus: 1, gpuWatts: 100 });
  });
  after(() => machine.stop());

  it('loses no sample: each run’s stored samples add up to what its tracker measured', async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() => run(machine, ['--interval', '0.1', '--', ...sleeper(1500)])),
    );
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(runCli(['runs', 'list', '--json'], { env: machine.env }).stdout) as Listed[];
    for (const r of results) {
      const id = r.stdout.trim();
      // `runs list` reads the totals each tracker kept in memory; `runs show` sums the stored samples.
      const kept = list.find((x) => x.id === id)!;
      const shown = JSON.parse(runCli(['runs', 'show', id, '--json'], { env: machine.env }).stdout) as Listed;
      assert.equal(kept.status, 'completed');
      assert.ok(
        Math.abs(shown.energyKwh.total - kept.energyKwh.total) <= 1e-12 * kept.energyKwh.total,
        `${id}: ${shown.energyKwh.total} vs ${kept.energyKwh.total}`,
      );
    }
  });

  it('adds up the hosts of a run measured under one id from several nodes', async () => {
    const [a, b] = await Promise.all([
      run(machine, [
        '--run-id',
        'multi-node-1',
        '--node',
        'node-a',
        '--interval',
        '0.2',
        '--',
        ...sleeper(800),
      ]),
      run(machine, [
        '--run-id',
        'multi-node-1',
        '--node',
        'node-b',
        '--interval',
        '0.2',
        '--',
        ...sleeper(800),
      ]),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const shown = JSON.parse(
      runCli(['runs', 'show', 'multi-node-1', '--json'], { env: machine.env }).stdout,
    ) as {
      status: string;
      energyKwh: { total: number };
      hosts: { host: string; energyKwh: number }[];
    };
    assert.equal(shown.status, 'completed');
    assert.deepEqual(shown.hosts.map((h) => h.host).sort(), ['node-a', 'node-b']);
    const sum = shown.hosts.reduce((s, h) => s + h.energyKwh, 0);
    assert.ok(Math.abs(sum - shown.energyKwh.total) < 1e-12);
    const again = runCli(['run', '--run-id', 'multi-node-1', '--node', 'node-a', '--', 'true'], {
      env: machine.env,
    });
    assert.equal(again.status, 2);
    assert.match(again.stderr, /--run-id: run multi-node-1 already has a host named node-a/);
  });
});
