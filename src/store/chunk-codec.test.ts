import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type ChunkColumns, decodeChunk, encodeChunk } from './chunk-codec.js';

const roundTrip = (c: ChunkColumns) => {
  const bytes = encodeChunk(c);
  const d = decodeChunk(bytes);
  assert.equal(d.count, c.count);
  for (let i = 0; i < c.count; i++) {
    assert.ok(Object.is(d.t[i], c.t[i]), `t[${i}] ${d.t[i]} vs ${c.t[i]}`);
    assert.ok(Object.is(d.intervalS[i], c.intervalS[i]), `intervalS[${i}]`);
    assert.ok(Object.is(d.powerW[i], c.powerW[i]), `powerW[${i}] ${d.powerW[i]} vs ${c.powerW[i]}`);
    assert.ok(Object.is(d.energyJ[i], c.energyJ[i]), `energyJ[${i}] ${d.energyJ[i]} vs ${c.energyJ[i]}`);
  }
  return bytes.length;
};

describe('sample chunk codec', () => {
  it('round-trips any float64 values and integer timestamps bit for bit', () => {
    const float = fc.double({ noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 45 }), float, float, float), { maxLength: 50 }),
        (rows) => {
          roundTrip({
            count: rows.length,
            t: rows.map((r) => r[0]),
            intervalS: rows.map((r) => r[1]),
            powerW: rows.map((r) => r[2]),
            energyJ: rows.map((r) => r[3]),
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stores a 1 Hz random walk of power with energy = power × 1 s in about 8 bytes a sample', () => {
    const random = Math.random;
    const count = 120;
    const powerW: number[] = [];
    let p = 600;
    for (let i = 0; i < count; i++) {
      p = Math.max(50, Math.min(700, p + (random() - 0.5) * 20));
      powerW.push(p);
    }
    const bytes = roundTrip({
      count,
      t: powerW.map((_, i) => 1_767_225_600_000 + i * 1000),
      intervalS: powerW.map(() => 1),
      powerW,
      energyJ: powerW.map((w) => w * 1),
    });
    assert.ok(bytes / count < 8.5, `${bytes / count} B/sample`);
  });

  it('stores counter readings (energy in mJ, power = energy / interval, jittered ticks) compactly', () => {
    const count = 120;
    const t: number[] = [];
    const intervalS: number[] = [];
    const energyJ: number[] = [];
    let now = 1_767_225_600_000;
    for (let i = 0; i < count; i++) {
      const step = 1000 + ((i * 7) % 5) - 2;
      now += step;
      t.push(now);
      intervalS.push(step / 1000);
      energyJ.push((612_345 + ((i * 977) % 20_000)) / 1000);
    }
    const bytes = roundTrip({
      count,
      t,
      intervalS,
      energyJ,
      powerW: energyJ.map((e, i) => e / intervalS[i]),
    });
    assert.ok(bytes / count < 5, `${bytes / count} B/sample`);
  });

  it('rejects damaged data with an error instead of garbage', () => {
    const bytes = encodeChunk({
      count: 3,
      t: [1, 2, 3],
      intervalS: [1, 1, 1],
      powerW: [1, 2, 3],
      energyJ: [1, 2, 3],
    });
    assert.throws(() => decodeChunk(bytes.subarray(0, bytes.length - 1)), /sample chunk/);
    assert.throws(() => decodeChunk(Uint8Array.from([9, 1])), /unknown version/);
  });
});
