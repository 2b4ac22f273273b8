import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostStatuses, reportedRunStatus, STALE_MIN_MS, staleAfterMs } from './host-liveness.js';

const running = (lastSampleAt: number | null, startedAt = 0) => ({
  status: 'running' as const,
  startedAt,
  endedAt: null,
  lastSampleAt,
});

describe('host liveness', () => {
  it('waits a few intervals, and at least 3 s, before calling a silent host stopped', () => {
    assert.equal(staleAfterMs(1), 5_000);
    assert.equal(staleAfterMs(0.1), STALE_MIN_MS);
    assert.equal(staleAfterMs(60), 300_000);
  });

  it('stops a host silent for longer than that while another host goes on', () => {
    assert.deepEqual(hostStatuses([running(100_000), running(94_000)], 1, 0), ['running', 'stopped']);
    assert.deepEqual(
      hostStatuses([running(100_000), running(96_000)], 1, 0),
      ['running', 'running'],
      '4 s is within 5 intervals',
    );
  });

  it('measures silence against a host that finished, and against the clock for a lone host', () => {
    const finished = { status: 'completed' as const, startedAt: 0, endedAt: 200_000, lastSampleAt: 200_000 };
    assert.deepEqual(hostStatuses([finished, running(120_000)], 1, 0), ['completed', 'stopped']);
    assert.deepEqual(hostStatuses([running(120_000)], 1, 121_000), ['running']);
    assert.deepEqual(hostStatuses([running(120_000)], 1, 200_000), ['stopped']);
    assert.deepEqual(
      hostStatuses([running(null, 50_000)], 1, 60_000),
      ['stopped'],
      'never sampled: silent since it started',
    );
  });

  it('reports a run interrupted once no host is left running, and leaves finished runs alone', () => {
    assert.equal(reportedRunStatus('running', ['running', 'stopped']), 'running');
    assert.equal(reportedRunStatus('running', ['completed', 'stopped']), 'interrupted');
    assert.equal(reportedRunStatus('failed', ['failed']), 'failed');
  });
});
