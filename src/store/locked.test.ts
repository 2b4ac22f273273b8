import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLocked, retryWhileLocked } from './locked.js';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

/** Fails `times` times with `error`, then answers `value`; counts its calls. */
function failing<T>(times: number, error: () => unknown, value: T) {
  const calls = { n: 0 };
  const attempt = async () => {
    calls.n++;
    if (calls.n <= times) throw error();
    return value;
  };
  return { attempt, calls };
}

describe('retryWhileLocked', () => {
  it('tells a lock from other failures, also when a usage error carries it as its cause', () => {
    assert.equal(isLocked(busy()), true);
    assert.equal(isLocked(Object.assign(new Error('x'), { code: 'SQLITE_LOCKED_SHAREDCACHE' })), true);
    assert.equal(isLocked(Object.assign(new Error('--db: locked'), { cause: busy() })), true);
    assert.equal(isLocked(Object.assign(new Error('full'), { code: 'SQLITE_FULL' })), false);
    assert.equal(isLocked(new Error('no code')), false);
    assert.equal(isLocked(undefined), false);
  });

  it('tries again while the database is locked, then answers', async () => {
    const { attempt, calls } = failing(3, busy, 'done');
    assert.equal(await retryWhileLocked(attempt, 5_000, 1), 'done');
    assert.equal(calls.n, 4);
  });

  it('gives up with the lock error once the wait is over', async () => {
    const { attempt, calls } = failing(Number.POSITIVE_INFINITY, busy, 'never');
    const started = Date.now();
    await assert.rejects(retryWhileLocked(attempt, 100, 5), /database is locked/);
    assert.ok(Date.now() - started >= 100, 'waited the whole time');
    assert.ok(calls.n > 1, `${calls.n} tries`);
  });

  it('does not retry what waiting cannot mend', async () => {
    const full = () => Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    const { attempt, calls } = failing(1, full, 'never');
    await assert.rejects(retryWhileLocked(attempt, 5_000, 1), /disk full/);
    assert.equal(calls.n, 1);
  });
});
