import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseHourly, shiftSavings } from '../../scripts/generate-temporal-shift.mjs';
import { SHIFT_DURATIONS_H, SHIFT_SAVINGS } from './temporal-shift.js';

describe('temporal-shift table', () => {
  it('matches a recomputation from the hourly Electricity Maps data', () => {
    for (const zone of ['DE', 'US-CAL-CISO', 'NO']) {
      const { values } = parseHourly(
        readFileSync(
          new URL(`../../test/fixtures/catalog/${zone}_2023_hourly_lca.csv`, import.meta.url),
          'utf8',
        ),
      );
      const fresh = shiftSavings(values);
      assert.deepEqual(
        fresh.map((s) => s.durationH),
        [...SHIFT_DURATIONS_H],
      );
      fresh.forEach((s, j) => {
        assert.ok(Math.abs(s.defer - SHIFT_SAVINGS[zone][j][0]) < 1e-4, `${zone} ${s.durationH} h defer`);
        assert.ok(
          Math.abs(s.interruptible - SHIFT_SAVINGS[zone][j][1]) < 1e-4,
          `${zone} ${s.durationH} h pause`,
        );
      });
    }
  });

  it('savings are shares in [0, 1); deferring helps less the longer the job', () => {
    for (const [zone, rows] of Object.entries(SHIFT_SAVINGS)) {
      for (const [defer, pause] of rows) assert.ok(defer >= 0 && defer < 1 && pause >= 0 && pause < 1, zone);
      for (let j = 2; j < rows.length; j++)
        assert.ok(rows[j][0] <= rows[j - 1][0], `${zone}: defer saving falls with length`);
    }
  });
});
