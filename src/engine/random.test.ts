import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32, quantileSelect, quantileSorted, standardNormal, triangular } from './random.js';

describe('random helpers', () => {
  it('mulberry32 is repeatable and uniform-looking', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = a();
      assert.equal(x, b());
      assert.ok(x >= 0 && x < 1);
      sum += x;
    }
    assert.ok(Math.abs(sum / 10_000 - 0.5) < 0.02);
  });

  it('triangular stays in its range and peaks at the mode', () => {
    assert.equal(triangular(0, 1, 2, 4), 1);
    assert.ok(Math.abs(triangular(1 - 1e-12, 1, 2, 4) - 4) < 1e-4);
    assert.ok(Math.abs(triangular(1 / 3, 1, 2, 4) - 2) < 1e-9);
    assert.equal(triangular(0.7, 3, 3, 3), 3);
  });

  it('quantileSelect agrees with sorting on random, sorted, reversed and constant inputs', () => {
    const random = mulberry32(9);
    const inputs: Float64Array[] = [];
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      inputs.push(Float64Array.from({ length: n }, () => random() * 100));
      inputs.push(Float64Array.from({ length: n }, (_, i) => i));
      inputs.push(Float64Array.from({ length: n }, (_, i) => n - i));
      inputs.push(new Float64Array(n).fill(7));
      inputs.push(Float64Array.from({ length: n }, () => Math.round(random() * 3)));
    }
    for (const values of inputs) {
      for (const q of [0, 0.05, 0.5, 0.95, 1]) {
        const expected = quantileSorted(Float64Array.from(values).sort(), q);
        assert.equal(quantileSelect(Float64Array.from(values), q), expected, `n=${values.length} q=${q}`);
      }
    }
  });

  it('standardNormal draws have mean 0, sd 1 and 5% beyond ±1.96', () => {
    const random = mulberry32(7);
    const n = 100_000;
    const xs = Array.from({ length: n }, () => standardNormal(random));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
    const tails = xs.filter((x) => Math.abs(x) > 1.96).length / n;
    assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
    assert.ok(Math.abs(sd - 1) < 0.01, `sd ${sd}`);
    assert.ok(Math.abs(tails - 0.05) < 0.003, `tails ${tails}`);
  });
});
