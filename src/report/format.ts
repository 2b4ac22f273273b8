// Imports nothing and uses no Node API: the dashboard formats its numbers with this module too.

/** The languages numbers are written in. */
export type NumberLang = 'en' | 'fr';

const LOCALES: Record<NumberLang, string> = { en: 'en-US', fr: 'fr-FR' };
const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Locale-aware number with `significant` significant digits in its fraction (the integer part is
 * kept whole), thousands separators included: `12,345.7` / `12 345,7`. `signed` writes `+` on
 * positive values.
 */
export function formatNumber(value: number, lang: NumberLang, significant = 3, signed = false): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs === 0 ? 0 : Math.max(0, significant - 1 - Math.floor(Math.log10(abs)));
  const fractionDigits = Math.min(digits, 6);
  const key = `${lang}:${fractionDigits}:${signed}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(LOCALES[lang], {
      maximumFractionDigits: fractionDigits,
      minimumFractionDigits: 0,
      ...(signed ? { signDisplay: 'exceptZero' } : {}),
    });
    formatters.set(key, formatter);
  }
  return formatter.format(abs >= 1e15 ? Number(value.toPrecision(significant)) : value);
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
