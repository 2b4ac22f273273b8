import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeSeries } from '../../test/helpers/grid.js';
import { planSchedule } from './plan.js';

const H = 3_600_000;
const T0 = Date.UTC(2023, 0, 1);

describe('planSchedule', () => {
  const here = makeSeries([400, 300, 100, 100, 300, 400], { zone: 'DE' });
  const there = makeSeries([50, 60, 500, 500, 500, 500], { zone: 'NO' });

  it('counts the gap slots of every series, wherever the window search looked', () => {
    const gappy = makeSeries([1, Number.NaN, 3, 4, 5, Number.NaN], { zone: 'FR' });
    const whole = planSchedule([here, there, gappy], { durationH: 2 });
    assert.deepEqual(
      whole.sources.map((x) => x.gapSlots),
      [0, 0, 2],
    );
    // A narrower window reads part of each series: the count is still of the whole series.
    const part = planSchedule([gappy, here], { durationH: 1, fromMs: T0 + 2 * H, toMs: T0 + 4 * H });
    assert.deepEqual(
      part.sources.map((x) => x.gapSlots),
      [2, 0],
    );
  });

  it('gives now, the best in the first zone and the best overall, with savings and CO2e', () => {
    const r = planSchedule([here, there], { durationH: 2, powerW: 1000 });
    assert.deepEqual(r.now, {
      zone: 'DE',
      start: '2023-01-01T00:00:00Z',
      end: '2023-01-01T02:00:00Z',
      intensityGPerKwh: 350,
      energyKwh: 2,
      co2eKg: 0.7,
    });
    assert.equal(r.bestSameZone?.start, '2023-01-01T02:00:00Z');
    assert.equal(r.bestSameZone?.intensityGPerKwh, 100);
    assert.equal(r.best?.zone, 'NO');
    assert.equal(r.best?.intensityGPerKwh, 55);
    assert.equal(r.savingSameZonePct, Math.round(((350 - 100) / 350) * 1e4) / 100);
    assert.equal(r.savingPct, Math.round(((350 - 55) / 350) * 1e4) / 100);
    assert.deepEqual(r.co2eKg, { now: 0.7, bestSameZone: 0.2, best: 0.11, savedKg: 0.59 });
    assert.equal(r.zones.length, 2);
  });

  it('honours --from and --to', () => {
    const r = planSchedule([here], { durationH: 2, fromMs: T0 + 3 * H, toMs: T0 + 6 * H });
    assert.equal(r.now?.start, '2023-01-01T03:00:00Z');
    assert.equal(r.now?.intensityGPerKwh, 200);
    assert.equal(r.best?.start, '2023-01-01T03:00:00Z');
  });

  it('plans an interruptible job with a cap on pauses and lists its runs', () => {
    const s = makeSeries([10, 90, 10, 90, 10, 90], { zone: 'X' });
    const free = planSchedule([s], { durationH: 3, interruptible: true });
    assert.equal(free.best?.intensityGPerKwh, 10);
    assert.equal(free.best?.pauses, 2);
    assert.equal(free.best?.slots?.length, 3);
    const capped = planSchedule([s], { durationH: 3, maxPauses: 0 });
    assert.equal(capped.interruptible, true);
    assert.equal(capped.best?.pauses, 0);
    assert.ok(Math.abs((capped.best?.intensityGPerKwh ?? 0) - 110 / 3) < 1e-3);
  });

  it('reports a missing baseline instead of inventing one', () => {
    const gappy = makeSeries([Number.NaN, 5, 5, 5], { zone: 'G' });
    const r = planSchedule([gappy], { durationH: 1 });
    assert.equal(r.now, null);
    assert.equal(r.savingPct, null);
    assert.ok(r.warnings.some((w) => w.code === 'now_unavailable'));
    assert.equal(r.best?.start, '2023-01-01T01:00:00Z');
  });

  it('crosses a gap only with interpolation, and says so', () => {
    const gappy = makeSeries([5, Number.NaN, 5], { zone: 'G' });
    assert.throws(() => planSchedule([gappy], { durationH: 3 }), /no 3 h window fits/);
    const r = planSchedule([gappy], { durationH: 3, interpolate: true });
    assert.equal(r.best?.intensityGPerKwh, 5);
    assert.ok(r.warnings.some((w) => w.code === 'interpolated'));
  });

  it('ranks a WattTime index without claiming a saving or CO2e', () => {
    const index = { ...makeSeries([80, 20, 50], { zone: 'CAISO_NORTH' }), unit: 'percentile' as const };
    const r = planSchedule([index], { durationH: 1, powerW: 500 });
    assert.equal(r.best?.signalIndex, 20);
    assert.equal(r.best?.intensityGPerKwh, undefined);
    assert.equal(r.savingPct, null);
    assert.equal(r.co2eKg, undefined);
  });

  it('refuses a window shorter than the job and mixed units', () => {
    assert.throws(
      () => planSchedule([here], { durationH: 4, fromMs: T0, toMs: T0 + 3 * H }),
      /shorter than --duration 4 h/,
    );
    const index = { ...makeSeries([1, 2]), unit: 'percentile' as const };
    assert.throws(() => planSchedule([here, index], { durationH: 1 }), /cannot be compared/);
  });
});
