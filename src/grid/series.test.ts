import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gapRuns, interpolateGaps, normalise, type RawSeries } from './series.js';

const H = 3_600_000;
const T0 = Date.UTC(2023, 0, 1);

function raw(times: number[], values: number[], extra: Partial<RawSeries> = {}): RawSeries {
  return {
    zone: 'Z',
    times,
    values,
    lines: times.map((_, i) => i + 2),
    signal: 'direct',
    unit: 'gCO2e/kWh',
    source: 'test.csv',
    warnings: [],
    ...extra,
  };
}
const codes = (s: { warnings: { code: string }[] }) => s.warnings.map((w) => w.code);

describe('normalise', () => {
  it('sorts, keeps the last of duplicate timestamps, and reports both', () => {
    const s = normalise(raw([T0 + H, T0, T0 + 2 * H, T0 + H], [2, 1, 3, 20]));
    assert.deepEqual([...s.values], [1, 20, 3]);
    assert.deepEqual(codes(s), ['unsorted', 'duplicates']);
    assert.match(s.warnings[1].message, /1 with a different value/);
  });

  it('leaves gaps as NaN and reports them, without inventing values', () => {
    const s = normalise(raw([T0, T0 + H, T0 + 2 * H, T0 + 5 * H, T0 + 6 * H], [1, 2, 3, 6, 7]));
    assert.equal(s.values.length, 7);
    assert.ok(Number.isNaN(s.values[3]) && Number.isNaN(s.values[4]));
    assert.deepEqual(gapRuns(s.values), [[3, 5]]);
    const gap = s.warnings.find((w) => w.code === 'gaps');
    assert.equal(gap?.count, 2);
    assert.match(gap?.message ?? '', /2023-01-01T03:00:00Z → 2023-01-01T05:00:00Z/);
  });

  it('puts mixed resolutions on the finest grid, each point keeping its own span', () => {
    const M = 60_000;
    const times = [0, 30, 60, 90, 120, 135, 150, 165, 180].map((m) => T0 + m * M);
    const s = normalise(raw(times, [1, 2, 3, 4, 5, 6, 7, 8, 9]));
    assert.equal(s.stepMs, 15 * M);
    assert.deepEqual([...s.values], [1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 8, 9]);
    assert.ok(codes(s).includes('mixed_resolution'));
  });

  it('moves stray timestamps onto the grid and says so', () => {
    const times = [0, 1, 2, 3, 4, 5].map((h) => T0 + h * H);
    times[3] += 7 * 60_000;
    const s = normalise(raw(times, [1, 2, 3, 4, 5, 6]));
    assert.equal(s.stepMs, H);
    assert.deepEqual([...s.values], [1, 2, 3, 4, 5, 6]);
    assert.ok(codes(s).includes('misaligned'));
  });

  it('uses the span a format declares for each point', () => {
    const s = normalise(raw([T0], [5], { durationsMs: [30 * 60_000] }));
    assert.equal(s.stepMs, 30 * 60_000);
    assert.equal(s.values.length, 1);
  });

  it('refuses a lone point without a declared span, and sub-minute data', () => {
    assert.throws(() => normalise(raw([T0], [5])), /resolution is unknown/);
    assert.throws(() => normalise(raw([T0, T0 + 1000, T0 + 2000], [1, 2, 3])), /not a grid-intensity series/);
  });
});

describe('interpolateGaps', () => {
  it('fills interior gaps linearly, leaves edge gaps, and reports the count', () => {
    const s = normalise(raw([T0, T0 + 3 * H, T0 + 4 * H], [10, 40, 50]));
    const filled = interpolateGaps(s);
    assert.deepEqual([...filled.values], [10, 20, 30, 40, 50]);
    assert.equal(filled.warnings.at(-1)?.code, 'interpolated');
    assert.equal(filled.warnings.at(-1)?.count, 2);
    assert.ok(Number.isNaN(s.values[1]), 'the input series is not modified');
  });
});
