import { closeSync, openSync, readSync } from 'node:fs';

/**
 * A kernel text file read again and again without allocating: opened once, re-read from offset 0
 * into a reused buffer (sysfs and procfs regenerate the content on every read at offset 0).
 */
export class SysFile {
  private fd: number;
  readonly buffer: Buffer;
  length = 0;

  constructor(
    readonly path: string,
    size = 64,
  ) {
    this.fd = openSync(path, 'r');
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** Reads the file (up to the buffer size) and returns the number of bytes read. */
  read(): number {
    this.length = readSync(this.fd, this.buffer, 0, this.buffer.length, 0);
    return this.length;
  }

  /** Reads the file and parses the first unsigned decimal integer in it. */
  readUnsigned(): number {
    this.read();
    return parseUnsigned(this.buffer, 0, this.length).value;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

const result = { value: 0, end: 0 };

/**
 * Parses the unsigned integer starting at the first digit at or after `start`. Returns a shared
 * object (value, end offset) to avoid allocating; value is NaN when no digit is found.
 */
export function parseUnsigned(
  buffer: Uint8Array,
  start: number,
  end: number,
): { value: number; end: number } {
  let i = start;
  while (i < end && (buffer[i] < 48 || buffer[i] > 57)) i++;
  if (i >= end) {
    result.value = Number.NaN;
    result.end = end;
    return result;
  }
  let value = 0;
  while (i < end && buffer[i] >= 48 && buffer[i] <= 57) {
    value = value * 10 + (buffer[i] - 48);
    i++;
  }
  result.value = value;
  result.end = i;
  return result;
}
