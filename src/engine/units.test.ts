import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EmpreinteError } from '../errors.js';
import { render } from '../messages/index.js';
import { describeBounds, parseDurationHours, parseQuantity } from './units.js';

describe('parseQuantity', () => {
  it('reads plain, scientific and suffixed forms', () => {
    assert.equal(parseQuantity('70000000000', 'params'), 70e9);
    assert.equal(parseQuantity('70e9', 'params'), 70e9);
    assert.equal(parseQuantity('70B', 'params'), 70e9);
    assert.equal(parseQuantity('2T', 'tokens'), 2e12);
    assert.equal(parseQuantity('1.7M', 'tokens'), 1.7e6);
    assert.equal(parseQuantity('350W', 'powerW', { unit: 'W' }), 350);
    assert.equal(parseQuantity('1.2kW', 'powerW', { unit: 'W' }), 1200);
  });

  it('rejects garbage, naming the flag', () => {
    for (const bad of ['abc', '', '12x', 'NaN', '1e', '--3', '350W', '1,000,000', '7,5']) {
      assert.throws(
        () => parseQuantity(bad, 'chipHours'),
        (e: unknown) =>
          e instanceof EmpreinteError &&
          e.issues[0].path[0] === 'chipHours' &&
          /--chip-hours/.test(e.message),
        bad,
      );
    }
  });

  it('enforces bounds', () => {
    assert.throws(() => parseQuantity('0', 'mfu', { min: 0, exclusiveMin: true, max: 1 }), /out of range/);
    assert.throws(() => parseQuantity('1.5', 'mfu', { min: 0, exclusiveMin: true, max: 1 }), /out of range/);
    assert.throws(() => parseQuantity(Number.NaN, 'pue', { min: 1 }), /not a finite number/);
    assert.throws(() => parseQuantity('2.5', 'chips', { integer: true }), /integer/);
    assert.equal(parseQuantity('1', 'mfu', { min: 0, exclusiveMin: true, max: 1 }), 1);
  });

  it("states its bounds in the reader's language: decimal commas in French, powers of ten as 1e15", () => {
    const accepted = describeBounds({ min: 0.001, max: 1 });
    assert.equal(render(accepted, 'en'), 'a number >= 0.001 and <= 1');
    assert.equal(render(accepted, 'fr'), 'un nombre >= 0,001 et <= 1');
    assert.equal(
      render(describeBounds({ min: 0, exclusiveMin: true, max: 1e15 }), 'fr'),
      'un nombre > 0 et <= 1e15',
    );
    assert.equal(render(describeBounds({ min: 1, integer: true }), 'en'), 'an integer >= 1');
  });
});

describe('parseDurationHours', () => {
  it('reads units, bare numbers as hours', () => {
    assert.equal(parseDurationHours('24h', 'duration'), 24);
    assert.equal(parseDurationHours('90m', 'duration'), 1.5);
    assert.equal(parseDurationHours('2d', 'duration'), 48);
    assert.equal(parseDurationHours('3600s', 'duration'), 1);
    assert.equal(parseDurationHours('6', 'duration'), 6);
    assert.throws(() => parseDurationHours('soon', 'duration'), /--duration/);
    assert.throws(() => parseDurationHours('0h', 'duration'), /out of range/);
  });
});
