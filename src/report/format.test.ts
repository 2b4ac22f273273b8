import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../engine/random.js';
import { formatNumber, formatPercent, formatScientific } from './format.js';

const formatters = new Map<string, Intl.NumberFormat>();
/** What `Intl.NumberFormat` writes for the same request: the reference the formatter must equal. */
function intl(value: number, lang: 'en' | 'fr', significant = 3, signed = false): string {
  const abs = Math.abs(value);
  const digits = abs === 0 ? 0 : Math.max(0, significant - 1 - Math.floor(Math.log10(abs)));
  const key = `${lang}:${Math.min(digits, 6)}:${signed}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'fr-FR', {
      maximumFractionDigits: Math.min(digits, 6),
      minimumFractionDigits: 0,
      ...(signed ? { signDisplay: 'exceptZero' } : {}),
    });
    formatters.set(key, formatter);
  }
  return formatter.format(abs >= 1e15 ? Number(value.toPrecision(significant)) : value);
}

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

  it('writes exactly what Intl.NumberFormat writes, halfway cases, carries, signs and zeros included', () => {
    const random = mulberry32(7);
    const values = [
      0, -0, 0.5, 1.5, 2.5, -2.5, 0.125, 1.005, 2.675, 9.995, 99.95, 999.5, 0.0000005, 1e-7, -1e-7,
    ];
    values.push(999999.5, 1e15, 999e12, 1.2345e21, 1e21, 123456789012345, Number.MAX_SAFE_INTEGER, 1e300);
    for (let i = 0; i < 4000; i++) {
      const magnitude = 10 ** Math.floor(random() * 32 - 10);
      values.push((random() - 0.3) * magnitude);
      // A decimal that ends in 5 just past the digits kept: the halfway cases of the rounding.
      const halfway = Number(`${Math.floor(random() * 1e6)}5e-${1 + Math.floor(random() * 9)}`);
      values.push(halfway, -halfway, Math.round(random() * 10 ** (1 + (i % 12))) + 0.5);
    }
    let compared = 0;
    for (const value of values) {
      for (const lang of ['en', 'fr'] as const) {
        for (const significant of [1, 2, 3, 4, 15]) {
          for (const signed of [false, true]) {
            assert.equal(
              formatNumber(value, lang, significant, signed),
              intl(value, lang, significant, signed),
              `${value} ${lang} ${significant} ${signed}`,
            );
            compared++;
          }
        }
      }
    }
    assert.ok(compared > 200_000);
  });
});
