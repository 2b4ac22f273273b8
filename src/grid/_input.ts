import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { type EmpreinteError, userError } from '../errors.js';
import { type Message, msg } from '../messages/index.js';

/** Longest CSV line accepted: real exports have lines of ~150 bytes; a longer one is not a series. */
export const MAX_LINE_BYTES = 64 * 1024;
/** Largest JSON document read (it is parsed whole): a year of 5-minute points is ~10 MiB. */
export const MAX_JSON_BYTES = 128 * 1024 * 1024;

/** A user-facing error about a series file, naming the file and, where known, the line. */
export function fileError(
  source: string,
  where: number | string | undefined,
  problem: Message | string,
): EmpreinteError {
  const at =
    where === undefined ? source : typeof where === 'number' ? `${source}:${where}` : `${source} (${where})`;
  return userError('invalid_file', 'series', 'grid.fileProblem', { value: at, problem, accepted: problem });
}

/** True for what is not a grid intensity, a finite number ≥ 0 (callers let null through as a gap). */
export function notIntensity(value: unknown): boolean {
  return typeof value !== 'number' || !Number.isFinite(value) || value < 0;
}

export interface Line {
  text: string;
  /** 1-based line number. */
  line: number;
}

/** Streams the lines of a text file (LF or CRLF, BOM dropped) with a bound on each line's length. */
export async function* readLines(path: string, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<Line> {
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 0;
  const emit = (buffer: Buffer): Line => {
    line++;
    let text = buffer.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text, line };
  };
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (first) checkTextStart(chunk, path);
      first = false;
      let start = 0;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, start)) {
        const piece = chunk.subarray(start, i);
        if (pendingBytes + piece.length > maxLineBytes)
          throw fileError(path, line + 1, msg('grid.lineTooLong', { max: maxLineBytes }));
        const whole = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece;
        pending = [];
        pendingBytes = 0;
        start = i + 1;
        yield emit(whole);
      }
      const rest = chunk.subarray(start);
      if (pendingBytes + rest.length > maxLineBytes)
        throw fileError(path, line + 1, msg('grid.lineTooLong', { max: maxLineBytes }));
      if (rest.length > 0) {
        pending.push(Buffer.from(rest));
        pendingBytes += rest.length;
      }
    }
    if (pendingBytes > 0) yield emit(Buffer.concat(pending));
  } catch (error) {
    throw toFileError(error, path);
  } finally {
    stream.destroy();
  }
}

/** Reads and parses a JSON file, with a size limit and the line of a syntax error. */
export async function readJsonFile(path: string, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  let text: string;
  try {
    const size = (await stat(path)).size;
    if (size > maxBytes) throw fileError(path, undefined, msg('grid.jsonTooLarge', { size, max: maxBytes }));
    const bytes = await readFile(path);
    checkTextStart(bytes.subarray(0, 64 * 1024), path);
    text = bytes.toString('utf8');
  } catch (error) {
    throw toFileError(error, path);
  }
  return parseJsonText(text, path);
}

/**
 * UTF-16 and binary files would otherwise surface as puzzling syntax errors (a header of
 * `d\u0000a\u0000t\u0000e`): say what the file is. Checks the first bytes read.
 */
export function checkTextStart(head: Buffer, path: string): void {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)))
    throw fileError(path, undefined, msg('grid.utf16'));
  const nul = head.indexOf(0);
  if (nul >= 0) throw fileError(path, undefined, msg('grid.binary', { offset: nul }));
}

export function parseJsonText(text: string, source: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    // V8's messages do not always give a position: find the first bad character ourselves.
    const offset = jsonErrorOffset(body);
    const line = body.slice(0, offset).split('\n').length;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const detail = message.length > 80 ? `${message.slice(0, 77)}...` : message;
    throw fileError(source, line, msg('grid.badJson', { detail }));
  }
}

/** Offset of the first syntax error in a JSON text (a recursive-descent scan that builds nothing). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (!m) fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value();
    ws();
    return Math.min(i, text.length);
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}

function toFileError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return fileError(path, undefined, msg('grid.noSuchFile'));
  if (code === 'EISDIR') return fileError(path, undefined, msg('grid.isDirectory'));
  if (code === 'EACCES') return fileError(path, undefined, msg('grid.permissionDenied'));
  return error;
}

/** A JSON path for messages: `history[12].carbonIntensity`. */
export function jsonPath(...parts: (string | number)[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
