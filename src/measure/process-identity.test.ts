import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { isProcessAlive, processStartTime } from './process-identity.js';

describe('process identity', () => {
  it('knows this process is alive, and not when its start time differs (pid reuse)', () => {
    const start = processStartTime(process.pid);
    assert.match(start ?? '', /^\d+$/);
    assert.equal(isProcessAlive(process.pid, start), true);
    assert.equal(isProcessAlive(process.pid, `${start}1`), false);
  });

  it('knows a finished process is gone', () => {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    assert.equal(isProcessAlive(Number(child.stdout), null), false);
  });
});
