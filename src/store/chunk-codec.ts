/**
 * Compact encoding of a chunk of consecutive samples of one channel, in the spirit of Gorilla
 * (Pelkonen et al., "Gorilla: A Fast, Scalable, In-Memory Time Series Database", VLDB 2015):
 * timestamps as delta-of-delta, runs of equal steps collapsed; each float column as scaled
 * decimal integers with delta varints where that is exact (meters report mW, mJ: the "ALP" idea,
 * Afroozeh et al., SIGMOD 2024), else as XOR with the previous value, zero bytes elided. Power
 * and energy are tied by energy = power × interval: one of them is stored, the other derived,
 * with the samples where the float arithmetic disagrees kept verbatim. Lossless: every value
 * decodes to the same float64 bits (except NaN payloads).
 */
export interface ChunkColumns {
  count: number;
  t: ArrayLike<number>;
  intervalS: ArrayLike<number>;
  powerW: ArrayLike<number>;
  energyJ: ArrayLike<number>;
}

export interface DecodedChunk {
  count: number;
  t: Float64Array;
  intervalS: Float64Array;
  powerW: Float64Array;
  energyJ: Float64Array;
}

const VERSION = 1;
const XOR = 255;
const MAX_DECIMALS = 9;
const POW10 = Array.from({ length: MAX_DECIMALS + 1 }, (_, e) => 10 ** e);
/** Scaled integers stay well inside float64's exact range, deltas included. */
const MAX_SCALED = 2 ** 50;
/** Which of power and energy is stored. */
const DERIVE_POWER = 0;
const DERIVE_ENERGY = 1;
const BOTH = 2;

class Writer {
  buf = new Uint8Array(256);
  n = 0;
  private readonly f64 = new Float64Array(1);
  private readonly bytes = new Uint8Array(this.f64.buffer);

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }
  byte(b: number): void {
    this.room(1);
    this.buf[this.n++] = b;
  }
  /** Unsigned varint, exact up to 2^53. */
  uvar(v: number): void {
    this.room(8);
    while (v >= 128) {
      this.buf[this.n++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    this.buf[this.n++] = v;
  }
  svar(v: number): void {
    this.uvar(v >= 0 ? v * 2 : -v * 2 - 1);
  }
  f64raw(v: number): void {
    this.f64[0] = v;
    this.room(8);
    this.buf.set(this.bytes, this.n);
    this.n += 8;
  }
  /** Signed integers where runs of zeros (steady steps) cost two bytes per run. */
  ints(values: ArrayLike<number>, from: number): void {
    for (let i = from; i < values.length; ) {
      if (values[i] === 0) {
        let run = 1;
        while (i + run < values.length && values[i + run] === 0) run++;
        this.uvar(0);
        this.uvar(run);
        i += run;
      } else {
        const v = values[i++];
        this.uvar(v > 0 ? v * 2 : -v * 2 - 1);
      }
    }
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

class Reader {
  n = 0;
  private readonly f64 = new Float64Array(1);
  private readonly bytes = new Uint8Array(this.f64.buffer);
  constructor(readonly buf: Uint8Array) {}

  byte(): number {
    if (this.n >= this.buf.length) throw new Error('sample chunk: truncated');
    return this.buf[this.n++];
  }
  uvar(): number {
    let v = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      v += (b & 127) * scale;
      if (b < 128) return v;
      scale *= 128;
    }
  }
  svar(): number {
    const u = this.uvar();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }
  f64raw(): number {
    if (this.n + 8 > this.buf.length) throw new Error('sample chunk: truncated');
    this.bytes.set(this.buf.subarray(this.n, this.n + 8));
    this.n += 8;
    return this.f64[0];
  }
  ints(out: Float64Array, from: number): void {
    for (let i = from; i < out.length; ) {
      const u = this.uvar();
      if (u === 0) {
        const run = this.uvar();
        if (run < 1 || i + run > out.length) throw new Error('sample chunk: bad run');
        out.fill(0, i, i + run);
        i += run;
      } else out[i++] = u % 2 === 0 ? u / 2 : -(u + 1) / 2;
    }
  }
}

/** Smallest number of decimals that represents every value exactly, or -1. */
function decimals(values: ArrayLike<number>): number {
  let e = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!Number.isFinite(x) || Object.is(x, -0)) return -1;
    while (e <= MAX_DECIMALS) {
      const scaled = Math.round(x * POW10[e]);
      if (Math.abs(scaled) < MAX_SCALED && scaled / POW10[e] === x) break;
      e++;
    }
    if (e > MAX_DECIMALS) return -1;
  }
  return e;
}

const scratch = new Float64Array(1);
const halves = new Uint32Array(scratch.buffer);

function writeFloats(w: Writer, values: ArrayLike<number>): void {
  const count = values.length;
  if (count === 0) return;
  const e = decimals(values);
  if (e >= 0) {
    w.byte(e);
    const deltas = new Float64Array(count);
    let prev = 0;
    for (let i = 0; i < count; i++) {
      const scaled = Math.round(values[i] * POW10[e]);
      deltas[i] = scaled - prev;
      prev = scaled;
    }
    w.ints(deltas, 0);
    return;
  }
  // XOR with the previous value; a control byte says how many leading and trailing bytes are zero.
  w.byte(XOR);
  let prevLo = 0;
  let prevHi = 0;
  for (let i = 0; i < count; i++) {
    scratch[0] = values[i];
    const lo = halves[0];
    const hi = halves[1];
    const x = [(hi ^ prevHi) >>> 0, (lo ^ prevLo) >>> 0];
    prevLo = lo;
    prevHi = hi;
    const bytes = [x[0] >>> 24, (x[0] >>> 16) & 255, (x[0] >>> 8) & 255, x[0] & 255];
    bytes.push(x[1] >>> 24, (x[1] >>> 16) & 255, (x[1] >>> 8) & 255, x[1] & 255);
    let lead = 0;
    while (lead < 8 && bytes[lead] === 0) lead++;
    let trail = 0;
    if (lead < 8) while (bytes[7 - trail] === 0) trail++;
    w.byte((lead << 4) | trail);
    for (let b = lead; b < 8 - trail; b++) w.byte(bytes[b]);
  }
}

function readFloats(r: Reader, out: Float64Array): void {
  if (out.length === 0) return;
  const e = r.byte();
  if (e <= MAX_DECIMALS) {
    r.ints(out, 0);
    let acc = 0;
    for (let i = 0; i < out.length; i++) {
      acc += out[i];
      out[i] = acc / POW10[e];
    }
    return;
  }
  if (e !== XOR) throw new Error('sample chunk: unknown float encoding');
  const bytes = new Array<number>(8);
  let prevLo = 0;
  let prevHi = 0;
  for (let i = 0; i < out.length; i++) {
    const control = r.byte();
    const lead = control >> 4;
    const trail = control & 15;
    if (lead + trail > 8) throw new Error('sample chunk: bad control byte');
    for (let b = 0; b < 8; b++) bytes[b] = b >= lead && b < 8 - trail ? r.byte() : 0;
    const hi = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
    const lo = ((bytes[4] << 24) | (bytes[5] << 16) | (bytes[6] << 8) | bytes[7]) >>> 0;
    prevHi = (prevHi ^ hi) >>> 0;
    prevLo = (prevLo ^ lo) >>> 0;
    halves[0] = prevLo;
    halves[1] = prevHi;
    out[i] = scratch[0];
  }
}

/** Indices where `derived(i)` is not bit-for-bit the stored value. */
function exceptions(count: number, actual: ArrayLike<number>, derived: (i: number) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) if (!Object.is(derived(i), actual[i])) out.push(i);
  return out;
}

export function encodeChunk(c: ChunkColumns): Uint8Array {
  const { count } = c;
  const w = new Writer();
  w.byte(VERSION);
  w.uvar(count);
  if (count === 0) return w.done();
  // Timestamps: the first, the first step, then the change of step.
  w.svar(c.t[0]);
  const dod = new Float64Array(Math.max(0, count - 1));
  let prevT = c.t[0];
  let prevStep = 0;
  for (let i = 1; i < count; i++) {
    const step = c.t[i] - prevT;
    dod[i - 1] = step - prevStep;
    prevStep = step;
    prevT = c.t[i];
  }
  w.ints(dod, 0);
  writeFloats(
    w,
    Array.from({ length: count }, (_, i) => c.intervalS[i]),
  );
  const power = (i: number) => c.energyJ[i] / c.intervalS[i];
  const energy = (i: number) => c.powerW[i] * c.intervalS[i];
  const powerMisses = exceptions(count, c.powerW, power);
  const energyMisses = exceptions(count, c.energyJ, energy);
  const mode =
    powerMisses.length <= energyMisses.length
      ? powerMisses.length < count / 4
        ? DERIVE_POWER
        : BOTH
      : energyMisses.length < count / 4
        ? DERIVE_ENERGY
        : BOTH;
  w.byte(mode);
  if (mode !== DERIVE_POWER)
    writeFloats(
      w,
      Array.from({ length: count }, (_, i) => c.powerW[i]),
    );
  if (mode !== DERIVE_ENERGY)
    writeFloats(
      w,
      Array.from({ length: count }, (_, i) => c.energyJ[i]),
    );
  if (mode !== BOTH) {
    const misses = mode === DERIVE_POWER ? powerMisses : energyMisses;
    const actual = mode === DERIVE_POWER ? c.powerW : c.energyJ;
    w.uvar(misses.length);
    let prev = 0;
    for (const i of misses) {
      w.uvar(i - prev);
      prev = i;
      w.f64raw(actual[i]);
    }
  }
  return w.done();
}

export function decodeChunk(data: Uint8Array): DecodedChunk {
  const r = new Reader(data);
  if (r.byte() !== VERSION) throw new Error('sample chunk: unknown version');
  const count = r.uvar();
  if (count > 10_000_000) throw new Error('sample chunk: implausible count');
  const out: DecodedChunk = {
    count,
    t: new Float64Array(count),
    intervalS: new Float64Array(count),
    powerW: new Float64Array(count),
    energyJ: new Float64Array(count),
  };
  if (count === 0) return out;
  out.t[0] = r.svar();
  if (count > 1) {
    const dod = new Float64Array(count - 1);
    r.ints(dod, 0);
    let step = 0;
    for (let i = 1; i < count; i++) {
      step += dod[i - 1];
      out.t[i] = out.t[i - 1] + step;
    }
  }
  readFloats(r, out.intervalS);
  const mode = r.byte();
  if (mode > BOTH) throw new Error('sample chunk: unknown mode');
  if (mode !== DERIVE_POWER) readFloats(r, out.powerW);
  if (mode !== DERIVE_ENERGY) readFloats(r, out.energyJ);
  if (mode === DERIVE_POWER)
    for (let i = 0; i < count; i++) out.powerW[i] = out.energyJ[i] / out.intervalS[i];
  if (mode === DERIVE_ENERGY)
    for (let i = 0; i < count; i++) out.energyJ[i] = out.powerW[i] * out.intervalS[i];
  if (mode !== BOTH) {
    const target = mode === DERIVE_POWER ? out.powerW : out.energyJ;
    const misses = r.uvar();
    let i = 0;
    for (let k = 0; k < misses; k++) {
      i += r.uvar();
      if (i >= count) throw new Error('sample chunk: bad exception index');
      target[i] = r.f64raw();
    }
  }
  return out;
}
