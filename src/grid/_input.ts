import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { type EmpreinteError, issue } from '../errors.js';

/** Longest CSV line accepted: real exports have lines of ~150 bytes; a longer one is not a series. */
export const MAX_LINE_BYTES = 64 * 1024;
/** Largest JSON document read (it is parsed whole): a year of 5-minute points is ~10 MiB. */
export const MAX_JSON_BYTES = 128 * 1024 * 1024;

/** A user-facing error about a series file, naming the file and, where known, the line. */
export function fileError(
  source: string,
  where: number | string | undefined,
  problem: string,
): EmpreinteError {
  const at =
    where === undefined ? source : typeof where === 'number' ? `${source}:${where}` : `${source} (${where})`;
  return issue('invalid_file', 'series', `--series ${at}: ${problem}`, { value: at, accepted: problem });
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
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, start)) {
        const piece = chunk.subarray(start, i);
        if (pendingBytes + piece.length > maxLineBytes)
          throw fileError(path, line + 1, `line longer than ${maxLineBytes} bytes`);
        const whole = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece;
        pending = [];
        pendingBytes = 0;
        start = i + 1;
        yield emit(whole);
      }
      const rest = chunk.subarray(start);
      if (pendingBytes + rest.length > maxLineBytes)
        throw fileError(path, line + 1, `line longer than ${maxLineBytes} bytes`);
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
    if (size > maxBytes)
      throw fileError(path, undefined, `${size} bytes is over the ${maxBytes}-byte limit for JSON series`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw toFileError(error, path);
  }
  return parseJsonText(text, path);
}

export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    throw fileError(source, line, `not valid JSON (${message.replace(/\s*\(line \d+ column \d+\)/, '')})`);
  }
}

function toFileError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return fileError(path, undefined, 'no such file');
  if (code === 'EISDIR') return fileError(path, undefined, 'is a directory, not a file');
  if (code === 'EACCES') return fileError(path, undefined, 'permission denied');
  return error;
}

/** A JSON path for messages: `history[12].carbonIntensity`. */
export function jsonPath(...parts: (string | number)[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
