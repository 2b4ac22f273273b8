import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { startSession } from '../src/measure/session.js';
import type { Store } from '../src/records.js';
import { openStore } from '../src/store/index.js';
import { fakeMachine } from './fixtures/proc/machine.js';
import { CLI, runCli } from './helpers/cli.js';

/**
 * Trackers starting or ending together on one SQLite file: SQLite waits for most locks itself, but
 * some come back at once (SQLITE_BUSY without the busy timeout). A run must wait those out, not
 * fail: here the store refuses each step of the run's start and end twice, as such a lock does.
 */
const STEPS = ['recoverInterrupted', 'createRun', 'finishHost', 'findRun'] as const;

function lockedAtFirst(store: Store, refusals: number) {
  const calls = new Map<string, number>();
  const wrapped = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const name = String(prop);
      if (!(STEPS as readonly string[]).includes(name)) return value.bind(target);
      return async (...args: unknown[]) => {
        const n = (calls.get(name) ?? 0) + 1;
        calls.set(name, n);
        if (n <= refusals) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        return value.apply(target, args);
      };
    },
  });
  return { store: wrapped, calls };
}

describe('a run on a database another process holds locked for a moment', () => {
  it('waits at its start and its end, and stores the whole run', async () => {
    const machine = await fakeMachine({ gpus: 1, gpuWatts: 200 });
    const saved = { ...process.env };
    Object.assign(process.env, machine.env);
    const real = await openStore(machine.db);
    try {
      const { store, calls } = lockedAtFirst(real, 2);
      const session = await startSession({
        command: ['train'],
        name: 'locked',
        intervalS: 0.05,
        env: machine.env,
        db: store,
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { report, result } = await session.finish('completed', 0);
      for (const step of STEPS) assert.equal(calls.get(step), 3, `${step}: refused twice, then done`);
      assert.equal(report.status, 'completed');
      assert.ok(!report.notes.some((n) => /not recorded|locked/.test(n)), report.notes.join('\n'));
      const stored = await real.findRun(session.runId);
      assert.equal(stored?.status, 'completed');
      assert.ok(Math.abs(report.energyKwh.gpu * 3.6e6 - result.energyJ.gpu) < 1e-6, 'every sample stored');
    } finally {
      await real.close();
      process.env = saved;
      machine.stop();
    }
  });

  it('on a file another process is still writing in rollback mode, the CLI waits instead of exiting 2', async () => {
    // Turning a file to WAL needs a write lock from a connection already reading: SQLite answers
    // that at once, busy timeout or not, when another connection holds the write lock.
    const machine = await fakeMachine({ gpus: 0, gpuSensor: 'none' });
    const db = join(machine.dir, 'rollback.db');
    const other = new BetterSqlite3(db);
    try {
      other.exec('CREATE TABLE other (a); BEGIN IMMEDIATE; INSERT INTO other VALUES (1)');
      const child = spawn(process.execPath, [CLI, 'run', '--name', 'waited', '--', 'true'], {
        env: { ...process.env, ...machine.env, EMPREINTE_DB: db, LANG: 'C' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (c) => {
        stderr += c;
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(child.exitCode, null, `still waiting while the lock is held: ${stderr}`);
      other.exec('COMMIT');
      const code = await exited;
      assert.equal(code, 0, stderr);
      const list = runCli(['runs', 'list', '--json'], { env: { ...machine.env, EMPREINTE_DB: db } });
      const runs = JSON.parse(list.stdout) as { name: string; status: string }[];
      assert.deepEqual(
        runs.map((r) => [r.name, r.status]),
        [['waited', 'completed']],
      );
    } finally {
      other.close();
      machine.stop();
    }
  });
});
