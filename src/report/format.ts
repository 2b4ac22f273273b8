import type { Lang } from './i18n/index.js';

const formatters = new Map<string, Intl.NumberFormat>();

/** Locale-aware number with a sensible number of significant digits (thousands separators included). */
export function formatNumber(value: number, lang: Lang, significant = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs === 0 ? 0 : Math.max(0, significant - 1 - Math.floor(Math.log10(abs)));
  const fractionDigits = Math.min(digits, 6);
  const key = `${lang}:${fractionDigits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', {
      maximumFractionDigits: fractionDigits,
      minimumFractionDigits: 0,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(abs >= 1e15 ? Number(value.toPrecision(significant)) : value);
}

/** Scientific notation for FLOP counts and the like (3.14e23). */
export function formatScientific(value: number, lang: Lang): string {
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
