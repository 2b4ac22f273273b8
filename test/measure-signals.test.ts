import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type FakeMachine, fakeMachine } from './fixtures/proc/machine.js';
import { CLI, runCli } from './helpers/cli.js';

/** Signals: forwarded to the command, and what a SIGKILL of either process leaves in the store. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Tracked {
  tracker: ChildProcess;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout: () => string;
}

function startRun(machine: FakeMachine, script: string, extra: string[] = []): Tracked {
  const tracker = spawn(
    process.execPath,
    [CLI, 'run', '--interval', '0.1', ...extra, '--', process.execPath, '-e', script],
    {
      env: { ...process.env, ...machine.env, LANG: 'C', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  tracker.stdout!.on('data', (chunk) => {
    out += chunk;
  });
  tracker.stderr!.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    tracker.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { tracker, exit, stdout: () => out };
}

async function waitFor(condition: () => boolean, what: string, ms = 15_000) {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function show(machine: FakeMachine, id: string) {
  const result = runCli(['runs', 'show', id, '--json'], { env: machine.env });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as {
    status: string;
    exitCode: number | null;
    energyKwh: { total: number };
    durationS: number;
  };
}

/** The command prints its run id and pid, records the signals it gets in a file, then exits. */
function trapping(file: string, exitOn: string, code: number): string {
  return `
    const fs = require('node:fs');
    for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => {
      fs.appendFileSync(${JSON.stringify(file)}, s + '\\n');
      if (s === '${exitOn}') setTimeout(() => process.exit(${code}), 50);
    });
    console.log('RUN_ID=' + process.env.EMPREINTE_RUN_ID + ' PID=' + process.pid);
    setInterval(() => {}, 1000);`;
}

describe('signals', () => {
  let machine: FakeMachine;
  before(async () => {
    machine = await fakeMachine({ gpus: 1, gpuWatts: 200 });
  });
  after(() => machine.stop());

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`forwards ${signal} sent to the tracker to the command, once, and returns its exit code`, async () => {
      const file = join(machine.dir, `${signal}.log`);
      const run = startRun(machine, trapping(file, signal, code));
      await waitFor(() => run.stdout().includes('PID='), 'the command to start');
      await sleep(300);
      run.tracker.kill(signal);
      const { code: exitCode } = await run.exit;
      assert.equal(exitCode, code);
      assert.equal(readFileSync(file, 'utf8'), `${signal}\n`);
      const id = /RUN_ID=(\S+)/.exec(run.stdout())![1];
      const shown = show(machine, id);
      assert.equal(shown.status, 'failed');
      assert.equal(shown.exitCode, code);
    });
  }

  it('records a command killed by SIGKILL as interrupted (exit 137), with its samples', async () => {
    const run = startRun(machine, trapping(join(machine.dir, 'kill.log'), 'none', 0));
    await waitFor(() => run.stdout().includes('PID='), 'the command to start');
    await sleep(500);
    process.kill(Number(/PID=(\d+)/.exec(run.stdout())![1]), 'SIGKILL');
    const { code } = await run.exit;
    assert.equal(code, 137);
    const shown = show(machine, /RUN_ID=(\S+)/.exec(run.stdout())![1]);
    assert.equal(shown.status, 'interrupted');
    assert.equal(shown.exitCode, 137);
    assert.ok(shown.energyKwh.total > 0);
  });

  it('keeps the samples of a tracker killed by SIGKILL and marks its run interrupted when next seen', async () => {
    const run = startRun(machine, trapping(join(machine.dir, 'orphan.log'), 'SIGTERM', 0));
    await waitFor(() => run.stdout().includes('PID='), 'the command to start');
    await sleep(800);
    run.tracker.kill('SIGKILL');
    await run.exit;
    const id = /RUN_ID=(\S+)/.exec(run.stdout())![1];
    const commandPid = Number(/PID=(\d+)/.exec(run.stdout())![1]);
    try {
      const shown = show(machine, id);
      assert.equal(shown.status, 'interrupted');
      assert.equal(shown.exitCode, null);
      // At most the interval in progress is lost: the stored energy covers the run up to the kill.
      assert.ok(shown.durationS > 0.6, `duration ${shown.durationS}`);
      const kwh = shown.energyKwh.total;
      assert.ok(kwh * 3.6e6 > 0.6 * 200, `energy ${kwh * 3.6e6} J`);
      const list = runCli(['runs', 'list', '--json'], { env: machine.env });
      assert.equal(
        (JSON.parse(list.stdout) as { id: string; status: string }[]).find((r) => r.id === id)?.status,
        'interrupted',
      );
    } finally {
      process.kill(commandPid, 'SIGTERM');
      // The orphan writes to the machine's folder as it exits: wait for it before the folder goes.
      await waitFor(() => {
        try {
          process.kill(commandPid, 0);
          return false;
        } catch {
          return true;
        }
      }, 'the orphaned command to exit');
    }
    assert.ok(existsSync(machine.db));
  });
});
