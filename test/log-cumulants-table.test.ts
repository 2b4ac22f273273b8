// The written-out log-cumulants must be the midpoint rule's own numbers, and cover what the catalogs
// give: a stale table would not change an answer, only bring the cold loop back into start-up.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogShapes } from '../scripts/log-cumulant-table.js';
import { integratedLogTriangularCumulants, logTriangularCumulants } from '../src/engine/log-cumulants.js';
import { LOG_TRIANGLE_CUMULANTS } from '../src/engine/log-cumulants-table.js';

const parse = (key: string) => key.split('|').map(Number) as [number, number, number, number];

describe('the table of log-cumulants', () => {
  it('holds the midpoint rule values, bit for bit', () => {
    const keys = Object.keys(LOG_TRIANGLE_CUMULANTS);
    assert.ok(keys.length > 10, `${keys.length} shapes`);
    for (const key of keys) {
      const computed = integratedLogTriangularCumulants(...parse(key));
      const written = LOG_TRIANGLE_CUMULANTS[key];
      assert.ok(
        computed.every((v, i) => Object.is(v, written[i])),
        `${key}: written ${written.join(', ')}, computed ${computed.join(', ')}`,
      );
    }
  });

  it('covers every shape an estimate from the catalogs takes (else: node --import tsx scripts/log-cumulant-table.ts --write)', () => {
    const missing = [...catalogShapes().keys()].filter((key) => !(key in LOG_TRIANGLE_CUMULANTS));
    assert.deepEqual(missing, []);
    // The H100 at the world average, the start-up benchmark's estimate: its host overhead is there.
    assert.ok('0.12|0.27|0.45|1' in LOG_TRIANGLE_CUMULANTS);
  });

  it('is what logTriangularCumulants returns, in a copy the caller may change', () => {
    const key = Object.keys(LOG_TRIANGLE_CUMULANTS)[0];
    const returned = logTriangularCumulants(...parse(key));
    assert.deepEqual(returned, [...LOG_TRIANGLE_CUMULANTS[key]]);
    returned[0] = Number.NaN;
    assert.ok(!Number.isNaN(LOG_TRIANGLE_CUMULANTS[key][0]));
    // A shape outside the table is integrated as before.
    assert.deepEqual(logTriangularCumulants(0.3, 1, 1.7), integratedLogTriangularCumulants(0.3, 1, 1.7));
  });
});
