// Imports nothing and uses no Node API: the dashboard formats its numbers with this module too.

/** The languages numbers are written in. */
export type NumberLang = 'en' | 'fr';

/** The separators of en-US and fr-FR, as `Intl.NumberFormat` writes them (group every 3 digits). */
const SEPARATORS: Record<NumberLang, { group: string; decimal: string }> = {
  en: { group: ',', decimal: '.' },
  fr: { group: '\u202f', decimal: ',' },
};

/**
 * Locale-aware number with `significant` significant digits in its fraction (the integer part is
 * kept whole), thousands separators included: `12,345.7` / `12 345,7`. `signed` writes `+` on
 * positive values. The same text as `Intl.NumberFormat` (en-US / fr-FR, maximumFractionDigits,
 * signDisplay exceptZero when signed; a test compares them) without loading ICU's locale data,
 * about 7 MiB of memory for the few numbers of a summary.
 */
export function formatNumber(value: number, lang: NumberLang, significant = 3, signed = false): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs === 0 ? 0 : Math.max(0, significant - 1 - Math.floor(Math.log10(abs)));
  const fractionDigits = Math.min(digits, 6);
  const shown = abs >= 1e15 ? Number(abs.toPrecision(significant)) : abs;
  let [whole, fraction] = rounded(decimalParts(shown), fractionDigits);
  fraction = fraction.replace(/0+$/, '');
  const zero = fraction === '' && /^0*$/.test(whole);
  // Negative values, -0 and what rounds to 0 from below keep their minus unless signed (exceptZero).
  const negative = value < 0 || Object.is(value, -0);
  const sign = signed ? (zero ? '' : negative ? '-' : '+') : negative ? '-' : '';
  const { group, decimal } = SEPARATORS[lang];
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, group);
  return fraction === '' ? sign + grouped : sign + grouped + decimal + fraction;
}

/**
 * The shortest decimal that reads back as `abs` (what `String` writes, and what ICU rounds), as
 * whole and fraction digits: 1.23e+21 → ['1230000000000000000000', ''], 1e-7 → ['0', '0000001'].
 */
function decimalParts(abs: number): [string, string] {
  const text = String(abs);
  const e = text.indexOf('e');
  if (e < 0) {
    const point = text.indexOf('.');
    return point < 0 ? [text, ''] : [text.slice(0, point), text.slice(point + 1)];
  }
  const mantissa = text.slice(0, e);
  const point = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const at = (point < 0 ? mantissa.length : point) + Number(text.slice(e + 1));
  if (at <= 0) return ['0', '0'.repeat(-at) + digits];
  if (at >= digits.length) return [digits + '0'.repeat(at - digits.length), ''];
  return [digits.slice(0, at), digits.slice(at)];
}

/** Rounds to `fractionDigits` digits, half away from zero (ICU's default, halfExpand). */
function rounded([whole, fraction]: [string, string], fractionDigits: number): [string, string] {
  if (fraction.length <= fractionDigits) return [whole, fraction];
  const kept = whole + fraction.slice(0, fractionDigits);
  if (fraction.charCodeAt(fractionDigits) < 53 /* '5' */) return [whole, fraction.slice(0, fractionDigits)];
  // Add one to the last kept digit, carrying through the nines.
  let i = kept.length - 1;
  while (i >= 0 && kept[i] === '9') i--;
  const up = `${i < 0 ? '1' : kept.slice(0, i) + String(Number(kept[i]) + 1)}${'0'.repeat(kept.length - 1 - i)}`;
  return [up.slice(0, up.length - fractionDigits), up.slice(up.length - fractionDigits)];
}

/** A percentage: `12.5%` in English, `12,5 %` (narrow no-break space) in French. */
export function formatPercent(value: number, lang: NumberLang, significant = 3, signed = false): string {
  const text = formatNumber(value, lang, significant, signed);
  return lang === 'fr' ? `${text}\u202f%` : `${text}%`;
}

/** Scientific notation for FLOP counts and the like (3.14e23). */
export function formatScientific(value: number, lang: NumberLang): string {
  const [mantissa, exponent] = value.toExponential(2).split('e');
  const m = lang === 'fr' ? mantissa.replace('.', ',') : mantissa;
  return `${m}e${Number(exponent)}`;
}

/** A plain text table: the first row is the header; columns padded to their widest cell. */
export function renderTable(rows: string[][], align: ('left' | 'right')[] = []): string {
  if (rows.length === 0) return '';
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => {
        const pad = ' '.repeat(widths[c] - [...cell].length);
        return align[c] === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
