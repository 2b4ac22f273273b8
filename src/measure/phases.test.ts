import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TickTotal } from '../records.js';
import { computePhases } from './phases.js';

const tick = (t: number, energyJ: number, intervalS = 1): TickTotal => ({ host: 'a', t, intervalS, energyJ });
const mark = (t: number, label: string, tokens: number | null = null) => ({
  runId: 'r',
  host: 'a',
  t,
  label,
  tokens,
});

describe('phases from marks', () => {
  it('gives nothing without marks', () => {
    assert.deepEqual(computePhases([], [tick(1000, 5)], 0, 1000), []);
  });

  it('splits energy at mark times, a straddling sample in proportion of time, and gives energy per token', () => {
    // 100 W for 4 s in 1 s samples; marks at 1.5 s and 3 s; the run ends at 4 s.
    const ticks = [tick(1000, 100), tick(2000, 100), tick(3000, 100), tick(4000, 100)];
    const phases = computePhases([mark(3000, 'epoch 2', 200), mark(1500, 'epoch 1', 1000)], ticks, 0, 4000);
    assert.deepEqual(
      phases.map((p) => [p.label, p.durationS, p.energyJ, p.tokens, p.energyJPerToken]),
      [
        ['epoch 1', 1.5, 150, 1000, 0.15],
        ['epoch 2', 1.5, 150, 200, 0.75],
        [null, 1, 100, null, null],
      ],
    );
    const total = phases.reduce((s, p) => s + p.energyJ, 0);
    assert.equal(total, 400, 'phases add up to the run');
  });

  it('handles uneven sample intervals and a mark at the very end', () => {
    const ticks = [tick(500, 50, 0.5), tick(2500, 400, 2)];
    const phases = computePhases([mark(2500, 'all', 10)], ticks, 0, 2500);
    assert.equal(phases.length, 1);
    assert.equal(phases[0].energyJ, 450);
    assert.equal(phases[0].energyJPerToken, 45);
  });
});
