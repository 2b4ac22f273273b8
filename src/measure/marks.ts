import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Longest mark line kept: a mark is a short JSON object; a longer line is cut to a stand-in. */
export const MAX_MARK_LINE_CHARS = 64 * 1024;

/**
 * Marks written by the measured program: one JSON object per line appended to the file named by
 * `EMPREINTE_MARKS`, e.g. `{"label":"epoch 1","tokens":123456}`. A mark closes a phase: the
 * phase named "epoch 1" runs from the previous mark (or the start) to this one. `t` (epoch ms or
 * ISO 8601) may be given; otherwise the time the tracker reads the line is used.
 */
export interface Mark {
  t: number;
  label: string;
  tokens: number | null;
}

export type MarkParse = { mark: Mark } | { error: string };

export function parseMarkLine(line: string, seenAt: number): MarkParse {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: `not JSON: ${line.slice(0, 80)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { error: `not a JSON object: ${line.slice(0, 80)}` };
  const { label, tokens, t } = value as Record<string, unknown>;
  if (typeof label !== 'string' || label.length === 0)
    return { error: `"label" must be a non-empty string: ${line.slice(0, 80)}` };
  if (
    tokens !== undefined &&
    tokens !== null &&
    !(typeof tokens === 'number' && Number.isFinite(tokens) && tokens >= 0)
  ) {
    return { error: `"tokens" must be a number >= 0: ${line.slice(0, 80)}` };
  }
  let time = seenAt;
  if (typeof t === 'number' && Number.isFinite(t)) time = t;
  else if (typeof t === 'string' && Number.isFinite(Date.parse(t))) time = Date.parse(t);
  else if (t !== undefined)
    return { error: `"t" must be epoch milliseconds or an ISO 8601 time: ${line.slice(0, 80)}` };
  return { mark: { t: time, label, tokens: typeof tokens === 'number' ? tokens : null } };
}

/** Reads the lines appended to a marks file since the last poll (a partial last line waits). */
export class MarksFileReader {
  private fd: number;
  private offset = 0;
  private pending = '';
  /** Inside a line longer than MAX_MARK_LINE_CHARS: skip to its end (memory stays bounded). */
  private overlong = false;
  private readonly chunk = Buffer.allocUnsafe(16 * 1024);
  // Characters split across two chunks are decoded whole.
  private readonly decoder = new StringDecoder('utf8');

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
  }

  /** Complete new lines, or an empty array (no allocation when nothing was appended). */
  poll(): string[] {
    if (this.fd < 0) return NO_LINES;
    const size = fstatSync(this.fd).size;
    if (size <= this.offset) return NO_LINES;
    while (this.offset < size) {
      const n = readSync(
        this.fd,
        this.chunk,
        0,
        Math.min(this.chunk.length, size - this.offset),
        this.offset,
      );
      if (n <= 0) break;
      this.offset += n;
      this.append(this.decoder.write(this.chunk.subarray(0, n)));
    }
    const lastNewline = this.pending.lastIndexOf('\n');
    if (lastNewline < 0) return NO_LINES;
    const lines = this.pending
      .slice(0, lastNewline)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
    this.pending = this.pending.slice(lastNewline + 1);
    return lines;
  }

  private append(text: string): void {
    if (this.overlong) {
      const end = text.indexOf('\n');
      if (end < 0) return;
      this.overlong = false;
      text = text.slice(end);
    }
    this.pending += text;
    const lastNewline = this.pending.lastIndexOf('\n');
    if (this.pending.length - lastNewline - 1 > MAX_MARK_LINE_CHARS) {
      // Keep the start of the line as a stand-in: it fails to parse and is reported as such.
      const start = lastNewline + 1;
      this.pending = `${this.pending.slice(0, start)}${this.pending.slice(start, start + 80)}… (line over ${MAX_MARK_LINE_CHARS} characters)`;
      this.overlong = true;
    }
  }

  /** A last line without its newline, once the program is done. */
  rest(): string[] {
    const rest = this.pending.trim();
    this.pending = '';
    return rest ? [rest] : NO_LINES;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

const NO_LINES: string[] = [];
