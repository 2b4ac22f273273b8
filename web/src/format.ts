/** Numbers, energies, masses and times in the reader's language, with Intl (no library). */
import { formatNumber, formatPercent, type NumberLang } from '../../src/report/format.js';

export type Lang = NumberLang;

/** A number with `digits` significant digits (3 by default: our figures are not more precise). */
export function num(value: number | null | undefined, lang: Lang, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return formatNumber(value, lang, digits);
}

export function pct(value: number | null | undefined, lang: Lang, signed = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return formatPercent(value, lang, 3, signed);
}

/** 1.2e23 as "1.2 × 10²³". */
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const superscript = (n: number) =>
  String(n).replace(/[0-9-]/g, (d) => SUPERSCRIPT['0123456789'.indexOf(d)] ?? '⁻');

/** A power of ten as 10ⁿ: the short tick label of a logarithmic axis. */
export function powerOfTen(value: number): string {
  return `10${superscript(Math.round(Math.log10(value)))}`;
}

export function sci(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value) || value <= 0) return '—';
  const exponent = Math.floor(Math.log10(value));
  if (exponent < 6) return num(value, lang);
  const mantissa = value / 10 ** exponent;
  return `${num(mantissa, lang, 2)} × 10${superscript(exponent)}`;
}

interface Scaled {
  value: number;
  unit: string;
}

/** kWh scaled to Wh, kWh, MWh or GWh. */
export function scaleEnergy(kwh: number): Scaled {
  const a = Math.abs(kwh);
  if (a > 0 && a < 1) return { value: kwh * 1000, unit: 'Wh' };
  if (a < 1e3) return { value: kwh, unit: 'kWh' };
  if (a < 1e6) return { value: kwh / 1e3, unit: 'MWh' };
  return { value: kwh / 1e6, unit: 'GWh' };
}

/** kg CO2e scaled to g, kg or t. */
export function scaleMass(kg: number): Scaled {
  const a = Math.abs(kg);
  if (a > 0 && a < 1) return { value: kg * 1000, unit: 'g CO₂e' };
  if (a < 1e3) return { value: kg, unit: 'kg CO₂e' };
  return { value: kg / 1e3, unit: 't CO₂e' };
}

export function energy(kwh: number | null | undefined, lang: Lang): string {
  if (kwh === null || kwh === undefined || !Number.isFinite(kwh)) return '—';
  const s = scaleEnergy(kwh);
  return `${num(s.value, lang)}\u00a0${s.unit}`;
}

export function mass(kg: number | null | undefined, lang: Lang): string {
  if (kg === null || kg === undefined || !Number.isFinite(kg)) return '—';
  const s = scaleMass(kg);
  return `${num(s.value, lang)}\u00a0${s.unit}`;
}

/** A range in the unit of its central value: "12 (9.1–16) MWh". */
export function range(
  r: { low: number; central: number; high: number },
  scale: (v: number) => Scaled,
  lang: Lang,
): string {
  const s = scale(r.central);
  const k = s.value / (r.central || 1);
  const f = (v: number) => num(r.central === 0 ? 0 : v * k, lang);
  return `${f(r.central)}\u00a0${s.unit} (${f(r.low)}–${f(r.high)})`;
}

export function dateTime(iso: string | number | null | undefined, lang: Lang): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const options = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' } as const;
  return `${new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', options).format(d)} UTC`;
}

export function duration(seconds: number | null | undefined, lang: Lang): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 120) return `${num(seconds, lang)}\u00a0s`;
  if (seconds < 7200) return `${num(seconds / 60, lang)}\u00a0min`;
  if (seconds < 172800) return `${num(seconds / 3600, lang)}\u00a0h`;
  return `${num(seconds / 86400, lang)}\u00a0${lang === 'fr' ? 'j' : 'd'}`;
}
