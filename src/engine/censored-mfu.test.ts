import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NORMAL_NODES, normalNodesByBisection } from './censored-mfu.js';

describe('the normal nodes of the censored MFU percentiles', () => {
  it('are the bisection values, bit for bit', () => {
    assert.deepEqual([...NORMAL_NODES], [...normalNodesByBisection()]);
  });

  it('are the standard normal quantiles at (i + ½) / 64', () => {
    assert.equal(NORMAL_NODES.length, 64);
    // Φ⁻¹(0.5/64) = −2.417559 and Φ⁻¹(32.5/64) = 0.019584 (standard normal quantiles); the
    // CDF the bisection inverts is within 7.5e-8 of Φ.
    assert.ok(Math.abs(NORMAL_NODES[0] + 2.417559) < 1e-5, String(NORMAL_NODES[0]));
    assert.ok(Math.abs(NORMAL_NODES[32] - 0.0195842) < 1e-5, String(NORMAL_NODES[32]));
    assert.ok(
      NORMAL_NODES.every((z, i) => i === 0 || z > NORMAL_NODES[i - 1]),
      'increasing',
    );
  });
});
