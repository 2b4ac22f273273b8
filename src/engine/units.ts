import { userError } from '../errors.js';
import { type Message, msg } from '../messages/index.js';

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

/** What the bounds accept, as a message: "an integer >= 1", "a number > 0 and <= 1". */
export function describeBounds(o: ParseOptions): Message {
  const kind = msg(o.integer ? 'accepted.integer' : 'accepted.number');
  const low = o.min === undefined ? undefined : bound(o.exclusiveMin ? '>' : '>=', o.min);
  const high = o.max === undefined ? undefined : bound('<=', o.max);
  const bounds = low && high ? msg('accepted.and', { a: low, b: high }) : (low ?? high);
  return bounds === undefined ? kind : msg('accepted.bounded', { kind, bounds });
}

/** A bound as a number, so each language writes its decimals; `1e15` rather than `1000000000000000`. */
function bound(op: string, n: number): Message {
  const exponent = Math.log10(n);
  return msg('accepted.bound', { op, n: n >= 1e6 && Number.isInteger(exponent) ? `1e${exponent}` : n });
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
      const unit = options.unit ? `, 350${options.unit}` : '';
      const accepted = msg('accepted.examples', { bounds: describeBounds(options), unit });
      throw userError('invalid_number', field, 'error.notNumber', { value: text, accepted });
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
  const bounds = describeBounds(options);
  const accepted = msg(decimalComma ? 'accepted.decimalPoint' : 'accepted.decimalPointOrLang', {
    bounds,
    example,
    langField: 'lang',
  });
  const key = decimalComma ? 'error.commaNotDecimal' : 'error.comma';
  throw userError('invalid_number', field, key, { value: text, accepted });
}

/** Mass units, kg per unit. */
const MASS_KG: Record<string, number> = { g: 1e-3, kg: 1, t: 1e3, kt: 1e6, Mt: 1e9, Gt: 1e12 };
/** Count suffixes no mass unit can be mistaken for. */
const MASS_COUNTS: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, B: 1e9 };
const MASS_RE = /^([+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([a-zA-Z]*)$/;

function parseMassKg(text: string, field: string, options: ParseOptions): number {
  const trimmed = withoutComma(text, field, options);
  const match = MASS_RE.exec(trimmed);
  const accepted = msg('accepted.mass', { bounds: describeBounds(options) });
  const suffix = match?.[2] ?? '';
  const perUnit = MASS_KG[suffix === 'KG' || suffix === 'Kg' ? 'kg' : suffix] ?? MASS_COUNTS[suffix];
  if (!match || perUnit === undefined) {
    const ambiguous = match && ['T', 'G', 'm', 'MT', 'mt'].includes(suffix);
    const key = ambiguous ? 'error.ambiguousMass' : match ? 'error.notMass' : 'error.notNumber';
    throw userError('invalid_number', field, key, { value: text, accepted, suffix });
  }
  return Number(match[1].replaceAll('_', '')) * perUnit;
}

export function checkBounds(value: number, field: string, o: ParseOptions, shown: unknown = value): number {
  // What is accepted is described only for an error: valid values are the many (every API request).
  if (!Number.isFinite(value)) {
    throw userError('invalid_number', field, 'error.notFinite', {
      value: String(shown),
      accepted: describeBounds(o),
    });
  }
  const tooLow = o.min !== undefined && (o.exclusiveMin ? value <= o.min : value < o.min);
  const tooHigh = o.max !== undefined && value > o.max;
  if (tooLow || tooHigh || (o.integer && !Number.isInteger(value))) {
    throw userError('out_of_range', field, 'error.outOfRange', {
      value: String(shown),
      accepted: describeBounds(o),
    });
  }
  return value;
}

export { toFlag } from '../messages/index.js';

const DURATION_UNITS: Record<string, number> = { s: 1 / 3600, m: 1 / 60, min: 1 / 60, h: 1, d: 24, w: 168 };

/** Parses a duration (`90m`, `24h`, `2d`, `3600s`; a bare number is hours) into hours. */
export function parseDurationHours(text: string | number, field: string): number {
  if (typeof text === 'number') return checkBounds(text, field, { min: 0, exclusiveMin: true });
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h|d|w)?\s*$/i.exec(text);
  if (!match) {
    throw userError('invalid_number', field, 'error.notDuration', {
      value: text,
      accepted: msg('accepted.duration'),
    });
  }
  const hours = Number(match[1]) * DURATION_UNITS[(match[2] ?? 'h').toLowerCase()];
  return checkBounds(hours, field, { min: 0, exclusiveMin: true }, text);
}
