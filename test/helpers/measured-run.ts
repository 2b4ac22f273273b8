import assert from 'node:assert/strict';
import type { FakeMachine } from '../fixtures/proc/machine.js';

/** Measures, with the built `empreinte run`, a command that sleeps `ms` on a fake machine, as run `id`. */
export function measureSleep(machine: FakeMachine, id: string, ms: number): void {
  const sleep = [process.execPath, '-e', `setTimeout(() => {}, ${ms})`];
  const r = machine.cli(['run', '--run-id', id, '--interval', '0.1', '--', ...sleep]);
  assert.equal(r.status, 0, r.stderr);
}
