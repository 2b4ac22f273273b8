import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Integrator } from './integrate.js';
import type { Reading } from './types.js';

const power = (powerW: number | undefined): Reading => ({
  energyJ: undefined,
  powerW,
  source: 'measured:nvml-power',
});
const counter = (energyJ: number | undefined): Reading => ({
  energyJ,
  powerW: undefined,
  source: 'measured:rapl',
});

describe('Integrator', () => {
  it('takes counter differences over uneven intervals', () => {
    const integ = new Integrator(1);
    integ.begin(0, 0, counter(1000));
    assert.equal(integ.step(0, 100, counter(1010)), 10);
    assert.equal(integ.intervalW[0], 100);
    assert.equal(integ.step(0, 2100, counter(1210)), 200);
    assert.equal(integ.intervalW[0], 100);
    assert.equal(integ.totalJ[0], 210);
  });

  it('integrates a linear power ramp exactly with the trapezoid, whatever the interval lengths', () => {
    const integ = new Integrator(1);
    // P(t) = 100 + 50·t W; energy over [0, 4] s = 400 + 400 = 800 J.
    const times = [0, 0.3, 1.7, 1.75, 3.2, 4];
    integ.begin(0, 0, power(100));
    for (const t of times.slice(1)) integ.step(0, t * 1000, power(100 + 50 * t));
    assert.ok(Math.abs(integ.totalJ[0] - 800) < 1e-9, String(integ.totalJ[0]));
  });

  it('holds the last power through a missing power reading', () => {
    const integ = new Integrator(1);
    integ.begin(0, 0, power(200));
    integ.step(0, 1000, power(200));
    integ.step(0, 2000, power(undefined));
    assert.equal(integ.totalJ[0], 400);
  });

  it('lets the next counter difference cover a missing counter reading (no double count)', () => {
    const integ = new Integrator(1);
    integ.begin(0, 0, counter(0));
    integ.step(0, 1000, counter(50));
    assert.equal(integ.step(0, 2000, counter(undefined)), 0);
    assert.equal(integ.step(0, 3000, counter(150)), 100);
    assert.equal(integ.totalJ[0], 150);
    assert.equal(integ.intervalW[0], 50);
  });

  it('does not trust a counter that goes backwards: holds the last power instead', () => {
    const integ = new Integrator(1);
    integ.begin(0, 0, counter(500));
    integ.step(0, 1000, counter(600));
    assert.equal(integ.step(0, 2000, counter(10)), 100);
    assert.equal(integ.step(0, 3000, counter(60)), 50);
  });

  it('uses the first power alone when no earlier power exists', () => {
    const integ = new Integrator(2);
    integ.begin(0, 0, power(undefined));
    assert.equal(integ.step(0, 2000, power(30)), 60);
    integ.begin(1, 0, counter(undefined));
    // A counter that appears later only becomes a baseline.
    assert.equal(integ.step(1, 1000, counter(1e9)), 0);
    assert.equal(integ.step(1, 2000, counter(1e9 + 7)), 7);
  });

  it('ignores a zero-length interval', () => {
    const integ = new Integrator(1);
    integ.begin(0, 1000, power(100));
    assert.equal(integ.step(0, 1000, power(100)), 0);
    assert.equal(integ.totalJ[0], 0);
  });
});
