import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OffsetTracker, parseTimestamp, toIso } from './time.js';

describe('parseTimestamp', () => {
  it('reads ISO 8601 with Z, offsets, no seconds, fractions, and a space for T', () => {
    const utc = Date.UTC(2023, 2, 26, 1);
    assert.equal(parseTimestamp('2023-03-26T01:00:00Z')?.ms, utc);
    assert.equal(parseTimestamp('2023-03-26T03:00:00+02:00')?.ms, utc);
    assert.equal(parseTimestamp('2023-03-26T03:00+0200')?.ms, utc);
    assert.equal(parseTimestamp('2023-03-25T21:00:00-04')?.ms, utc);
    assert.equal(parseTimestamp('2023-03-26T01:00:00.000Z')?.ms, utc);
    assert.equal(parseTimestamp('2023-03-26 01:00:00')?.ms, utc);
    assert.equal(parseTimestamp('2023-03-26T01:00Z')?.offsetMin, 0);
    assert.equal(parseTimestamp('2023-03-26 01:00:00')?.offsetMin, null);
    assert.equal(parseTimestamp('2023-03-26T03:00:00+02:00')?.offsetMin, 120);
  });

  it('reads epoch seconds and milliseconds', () => {
    assert.equal(parseTimestamp('1672531200')?.ms, Date.UTC(2023, 0, 1));
    assert.equal(parseTimestamp('1672531200000')?.ms, Date.UTC(2023, 0, 1));
  });

  it('refuses what is not a timestamp, including impossible dates', () => {
    for (const bad of ['', 'yesterday', '2023-02-30T00:00Z', '2023-13-01', '2023-01-01T25:00Z', '12'])
      assert.equal(parseTimestamp(bad), null, bad);
  });

  it('formats UTC without zero milliseconds', () => {
    assert.equal(toIso(Date.UTC(2023, 0, 1)), '2023-01-01T00:00:00Z');
  });
});

describe('OffsetTracker', () => {
  it('reports a daylight-saving change and naive timestamps', () => {
    const tracker = new OffsetTracker();
    tracker.note({ ms: 0, offsetMin: 60 }, 2);
    tracker.note({ ms: 1, offsetMin: 120 }, 3);
    tracker.note({ ms: 2, offsetMin: null }, 4);
    const codes = tracker.warnings(false).map((w) => w.code);
    assert.deepEqual(codes, ['offset_change', 'naive_timestamps']);
    assert.match(tracker.warnings(false)[0].message, /\+01:00 to \+02:00 at line 3/);
    assert.deepEqual(
      tracker.warnings(true).map((w) => w.code),
      ['offset_change'],
    );
  });
});
