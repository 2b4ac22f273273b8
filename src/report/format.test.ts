import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatNumber, formatPercent, formatScientific } from './format.js';

describe('number formats', () => {
  it('writes English with a comma between thousands and a point before decimals', () => {
    assert.equal(formatNumber(1234567.8, 'en'), '1,234,568');
    assert.equal(formatNumber(2.34567, 'en'), '2.35');
    assert.equal(formatNumber(0.012345, 'en'), '0.0123');
    assert.equal(formatNumber(-42.42, 'en', 2), '-42');
  });

  it('writes French with a narrow no-break space between thousands and a comma before decimals', () => {
    assert.equal(formatNumber(1234567.8, 'fr'), '1\u202f234\u202f568');
    assert.equal(formatNumber(2.34567, 'fr'), '2,35');
    assert.equal(formatNumber(0.012345, 'fr'), '0,0123');
    assert.equal(formatScientific(3.14e23, 'fr'), '3,14e23');
  });

  it('signs on request and puts a narrow no-break space before % in French only', () => {
    assert.equal(formatNumber(12.5, 'en', 3, true), '+12.5');
    assert.equal(formatNumber(0, 'en', 3, true), '0');
    assert.equal(formatPercent(12.5, 'en'), '12.5%');
    assert.equal(formatPercent(-12.5, 'fr', 3, true), '-12,5\u202f%');
  });

  it('gives non-finite values back as they are written', () => {
    assert.equal(formatNumber(Number.NaN, 'fr'), 'NaN');
    assert.equal(formatNumber(Number.POSITIVE_INFINITY, 'en'), 'Infinity');
  });
});
