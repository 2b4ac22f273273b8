import { issue } from '../errors.js';

/** Joules in a kilowatt-hour: 1 kWh = 1000 W × 3600 s (SI definition). */
export const J_PER_KWH = 3.6e6;
/** Seconds in an hour. */
export const HOUR_S = 3600;
/** Milliseconds in an hour (timestamps are epoch ms). */
export const HOUR_MS = 3_600_000;

/**
 * Number parsing shared by the CLI and the HTTP API: plain (`70000000000`), scientific (`70e9`),
 * and suffixed forms (`70B`, `2T`, `1.7M`, `350W`, `1.2kW`). Suffixes are decimal (k=1e3, M=1e6,
 * B=G=1e9, T=1e12, P=1e15). A unit, when given, must match the expected one.
 */
const MULTIPLIERS: Record<string, number> = {
  '': 1,
  k: 1e3,
  K: 1e3,
  m: 1e6, // "70m" for tokens means millions, never milli: nobody trains on 0.07 tokens
  M: 1e6,
  b: 1e9,
  B: 1e9,
  g: 1e9,
  G: 1e9,
  t: 1e12,
  T: 1e12,
  p: 1e15,
  P: 1e15,
};

const NUMBER_RE = /^([+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([kKmMbBgGtTpP]?)\s*([a-zA-Z%/]*)$/i;

export interface ParseOptions {
  /** Unit letters accepted after the number (case-insensitive), e.g. 'W' or 'h'. */
  unit?: string;
  /**
   * A mass in kg: mass units (g, kg, t, kt, Mt, Gt) are converted; count suffixes that cannot be read
   * as a mass (k, M, B) still multiply; `T`, `G` and `m` (tera or tonne, giga or gram, milli or
   * million) are refused as ambiguous.
   */
  massKg?: boolean;
  /** Lower bound; `exclusiveMin` makes it strict. */
  min?: number;
  exclusiveMin?: boolean;
  max?: number;
  integer?: boolean;
}

export function describeBounds(o: ParseOptions): string {
  const bounds: string[] = [];
  if (o.min !== undefined) bounds.push(`${o.exclusiveMin ? '>' : '>='} ${showBound(o.min)}`);
  if (o.max !== undefined) bounds.push(`<= ${showBound(o.max)}`);
  return `${o.integer ? 'an integer' : 'a number'}${bounds.length > 0 ? ` ${bounds.join(' and ')}` : ''}`;
}

/** `1e15` rather than `1000000000000000` for large powers of ten. */
function showBound(n: number): string {
  const exponent = Math.log10(n);
  return n >= 1e6 && Number.isInteger(exponent) ? `1e${exponent}` : String(n);
}

/** Parses one quantity; throws an `EmpreinteError` that names the field. */
export function parseQuantity(text: string | number, field: string, options: ParseOptions = {}): number {
  let value: number;
  if (typeof text === 'number') {
    value = text;
  } else if (options.massKg) {
    value = parseMassKg(text, field, options);
  } else {
    const trimmed = withoutComma(text, field, options);
    const match = NUMBER_RE.exec(trimmed);
    const unit = match?.[3] ?? '';
    const unitOk =
      unit === '' || (options.unit !== undefined && unit.toLowerCase() === options.unit.toLowerCase());
    // A lone "m"/"M" before a unit letter is a multiplier ("1.2kW"); with no unit, any suffix is a multiplier.
    if (!match || !unitOk) {
      const accepted = `${describeBounds(options)}, e.g. 70e9, 70B, 1.7M${options.unit ? `, 350${options.unit}` : ''}`;
      throw issue(
        'invalid_number',
        field,
        `--${toFlag(field)}: '${text}' is not a number (expected ${accepted})`,
        {
          value: text,
          accepted,
        },
      );
    }
    value = Number(match[1].replaceAll('_', '')) * MULTIPLIERS[match[2]];
  }
  checkBounds(value, field, options, text);
  return value;
}

/**
 * Whether a comma is a decimal separator: where French is in force (`--lang fr`, a French locale,
 * `?lang=fr`). The CLI sets it once at start; the server around the parsing of each request.
 * Elsewhere a comma is an error: never dropped (`7,5B` is not 75B) nor guessed.
 */
let decimalComma = false;

export function decimalCommaInForce(): boolean {
  return decimalComma;
}

export function setDecimalComma(on: boolean): void {
  decimalComma = on;
}

/** Runs `parse` (synchronous) with the decimal comma on or off, then restores the setting. */
export function withDecimalComma<T>(on: boolean, parse: () => T): T {
  const before = decimalComma;
  decimalComma = on;
  try {
    return parse();
  } finally {
    decimalComma = before;
  }
}

/** `text` trimmed, its decimal comma read as a point where French is in force; any other comma is an error. */
function withoutComma(text: string, field: string, options: ParseOptions): string {
  const trimmed = text.trim();
  if (!trimmed.includes(',')) return trimmed;
  const oneDecimalComma = trimmed.split(',').length === 2 && !trimmed.includes('.') && /\d,\d/.test(trimmed);
  if (decimalComma && oneDecimalComma) return trimmed.replace(',', '.');
  const example = oneDecimalComma ? trimmed.replace(',', '.') : '7.5B';
  const accepted = `${describeBounds(options)} with a decimal point, e.g. ${example}${decimalComma ? '' : ' (a decimal comma is read with --lang fr)'}`;
  throw issue(
    'invalid_number',
    field,
    decimalComma
      ? `--${toFlag(field)}: '${text}' has a comma that is not one decimal comma (expected ${accepted})`
      : `--${toFlag(field)}: '${text}' has a comma (expected ${accepted}; no thousands separators)`,
    { value: text, accepted },
  );
}

/** Mass units, kg per unit. */
const MASS_KG: Record<string, number> = { g: 1e-3, kg: 1, t: 1e3, kt: 1e6, Mt: 1e9, Gt: 1e12 };
/** Count suffixes no mass unit can be mistaken for. */
const MASS_COUNTS: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, B: 1e9 };
const MASS_RE = /^([+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([a-zA-Z]*)$/;

function parseMassKg(text: string, field: string, options: ParseOptions): number {
  const trimmed = withoutComma(text, field, options);
  const match = MASS_RE.exec(trimmed);
  const accepted = `${describeBounds(options)} in kg, or with a mass unit (g, kg, t, kt, Mt) or a count suffix (k, M, B), e.g. 1200, 1.2k, 1.2 t, 4.5e5`;
  const suffix = match?.[2] ?? '';
  const perUnit = MASS_KG[suffix === 'KG' || suffix === 'Kg' ? 'kg' : suffix] ?? MASS_COUNTS[suffix];
  if (!match || perUnit === undefined) {
    const ambiguous = match && ['T', 'G', 'm', 'MT', 'mt'].includes(suffix);
    throw issue(
      'invalid_number',
      field,
      ambiguous
        ? `--${toFlag(field)}: '${text}' is ambiguous (${suffix} could be a count or a mass; expected ${accepted})`
        : `--${toFlag(field)}: '${text}' is not ${match ? 'a mass' : 'a number'} (expected ${accepted})`,
      { value: text, accepted },
    );
  }
  return Number(match[1].replaceAll('_', '')) * perUnit;
}

export function checkBounds(value: number, field: string, o: ParseOptions, shown: unknown = value): number {
  const accepted = describeBounds(o);
  if (!Number.isFinite(value)) {
    throw issue(
      'invalid_number',
      field,
      `--${toFlag(field)}: '${shown}' is not a finite number (expected ${accepted})`,
      {
        value: shown,
        accepted,
      },
    );
  }
  const tooLow = o.min !== undefined && (o.exclusiveMin ? value <= o.min : value < o.min);
  const tooHigh = o.max !== undefined && value > o.max;
  if (tooLow || tooHigh || (o.integer && !Number.isInteger(value))) {
    throw issue(
      'out_of_range',
      field,
      `--${toFlag(field)}: ${shown} is out of range (expected ${accepted})`,
      {
        value: shown,
        accepted,
      },
    );
  }
  return value;
}

/** `chipHours` -> `chip-hours`: the CLI spelling of an input name. */
export function toFlag(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const DURATION_UNITS: Record<string, number> = { s: 1 / 3600, m: 1 / 60, min: 1 / 60, h: 1, d: 24, w: 168 };

/** Parses a duration (`90m`, `24h`, `2d`, `3600s`; a bare number is hours) into hours. */
export function parseDurationHours(text: string | number, field: string): number {
  if (typeof text === 'number') return checkBounds(text, field, { min: 0, exclusiveMin: true });
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h|d|w)?\s*$/i.exec(text);
  if (!match) {
    throw issue('invalid_number', field, `--${toFlag(field)}: '${text}' is not a duration`, {
      value: text,
      accepted: 'a duration such as 90m, 24h, 2d or 3600s (a bare number is hours)',
    });
  }
  const hours = Number(match[1]) * DURATION_UNITS[(match[2] ?? 'h').toLowerCase()];
  return checkBounds(hours, field, { min: 0, exclusiveMin: true }, text);
}
