import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterPeakPowerW } from './cluster-power.js';

const tick = (host: string, t: number, watts: number, intervalS = 1) => ({
  host,
  t,
  intervalS,
  energyJ: watts * intervalS,
});

describe('peak power of a multi-node run', () => {
  it('adds the hosts up tick by tick although their clocks are not aligned', () => {
    const ticks = [
      tick('a', 1_000, 100),
      tick('b', 1_230, 50),
      tick('a', 2_000, 300),
      tick('b', 2_240, 200),
      tick('a', 3_000, 100),
      tick('b', 3_190, 50),
    ];
    assert.equal(clusterPeakPowerW(ticks, 1), 500);
  });

  it('counts a host once per bucket, and leaves out the short last interval', () => {
    const ticks = [
      tick('a', 1_000, 100),
      tick('a', 1_400, 120, 0.4),
      tick('b', 1_000, 100),
      tick('a', 1_450, 900, 0.1),
    ];
    assert.equal(
      clusterPeakPowerW(ticks, 1),
      200,
      'a: 100 W (the 0.4 s and 0.1 s ticks are partial), b: 100 W',
    );
    assert.equal(clusterPeakPowerW([], 1), null);
  });
});
