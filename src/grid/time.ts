import { TZDate, tzOffset } from '@date-fns/tz';
import { userError } from '../errors.js';
import { type MessageKey, msg, type Params, render } from '../messages/index.js';
/**
 * Timestamps of intensity series: ISO 8601 with or without a UTC offset, `YYYY-MM-DD HH:MM[:SS]`,
 * and Unix epochs in seconds or milliseconds. Hand-written because `Date.parse` reads a string
 * without an offset as *local* time, which would make results depend on the machine's time zone.
 */
export interface ParsedTime {
  /** Epoch milliseconds, UTC. */
  ms: number;
  /** The offset written in the text, in minutes east of UTC; `null` when the text had none. */
  offsetMin: number | null;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The IANA time zone given, or a usage error naming the flag. */
export function checkTimeZone(timeZone: string): string {
  if (!isTimeZone(timeZone))
    throw userError('invalid_value', 'timezone', 'grid.notTimeZone', {
      value: timeZone,
      accepted: msg('grid.acceptedTimeZone'),
    });
  return timeZone;
}

/** Years a timestamp may have: from the Unix epoch to well past any forecast. */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2200;

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH_RE = /^\d{9,13}(?:\.\d+)?$/;

/**
 * Parses one timestamp; `null` when the text is not one. A text without an offset is UTC, or local
 * time in `timeZone` (an IANA name, daylight-saving time included) when one is given.
 */
export function parseTimestamp(text: string, timeZone?: string): ParsedTime | null {
  const s = text.trim();
  if (EPOCH_RE.test(s)) {
    const n = Number(s);
    // 1e11 s is the year 5138: anything larger is milliseconds.
    return { ms: n < 1e11 ? Math.round(n * 1000) : Math.round(n), offsetMin: 0 };
  }
  const m = ISO_RE.exec(s);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return null;
  // Date.UTC reads years 0–99 as 1900–1999: a year outside the span of any grid series is refused.
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const fracMs = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  if (zone === undefined && timeZone !== undefined) {
    const ms = TZDate.tz(
      timeZone,
      year,
      month - 1,
      day,
      Number(h),
      Number(mi),
      Number(sec),
      fracMs,
    ).getTime();
    return { ms, offsetMin: tzOffset(timeZone, new Date(ms)) };
  }
  const local = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(sec), fracMs);
  const offsetMin = zone === undefined ? null : parseOffset(zone);
  return { ms: local - (offsetMin ?? 0) * 60_000, offsetMin };
}

function parseOffset(zone: string): number {
  if (/^(z|utc|gmt)$/i.test(zone)) return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO 8601 UTC without milliseconds when they are zero: `2023-01-01T00:00:00Z`. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Watches the offsets written in a file's timestamps: a change of offset (daylight-saving time)
 * is handled by converting to UTC, and reported; timestamps without an offset are read as UTC,
 * and reported unless the file states that its column is UTC.
 */
export class OffsetTracker {
  private last: number | null | undefined;
  private changes: { from: number; to: number; line: number; ms: number }[] = [];
  private naive = 0;
  private firstNaiveLine = 0;

  note(parsed: ParsedTime, line: number): void {
    if (parsed.offsetMin === null) {
      if (this.naive === 0) this.firstNaiveLine = line;
      this.naive++;
    } else if (this.last !== undefined && this.last !== null && parsed.offsetMin !== this.last) {
      this.changes.push({ from: this.last, to: parsed.offsetMin, line, ms: parsed.ms });
    }
    if (parsed.offsetMin !== null) this.last = parsed.offsetMin;
  }

  /** Warnings for the series; `naiveIsUtc` when the file says its naive times are UTC. */
  warnings(naiveIsUtc: boolean): OffsetWarning[] {
    const out: OffsetWarning[] = [];
    if (this.changes.length > 0) {
      const c = this.changes[0];
      out.push(
        offsetWarning('offset_change', this.changes.length, 'grid.offsetChange', {
          count: this.changes.length,
          from: formatOffset(c.from),
          to: formatOffset(c.to),
          line: c.line,
          at: toIso(c.ms),
        }),
      );
    }
    if (this.naive > 0 && !naiveIsUtc) {
      out.push(
        offsetWarning('naive_timestamps', this.naive, 'grid.naiveTimestamps', {
          count: this.naive,
          line: this.firstNaiveLine,
          timezoneField: 'timezone',
        }),
      );
    }
    return out;
  }
}

/** A warning about a file's UTC offsets: its English (flags named) and the message it says. */
interface OffsetWarning {
  code: string;
  count: number;
  message: string;
  key: MessageKey;
  params: Params;
}

function offsetWarning(code: string, count: number, key: MessageKey, params: Params): OffsetWarning {
  return { code, count, message: render({ key, params }, 'en', 'flag'), key, params };
}
