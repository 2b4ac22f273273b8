/**
 * The JSON text of an API answer: it parses to the same value as `JSON.stringify(answer)`, in
 * ASCII. JSON.stringify returns two-byte text as soon as one string holds a character past U+00FF
 * (the citations of equivalents hold `⁻`, `–`, `’`), and Node then spends more on encoding and
 * measuring that text than on writing it; one-byte text with a character past U+007F (`·`, `÷`, `é`)
 * still takes Node's slow path to UTF-8. So the members that carry such constant strings are written
 * here: the strings escaped past U+007F once as `\uXXXX` and kept, the figures converted as
 * JSON.stringify converts them; every other member by JSON.stringify, escaped the same way.
 */

/** Escaped string literals by string; cleared when full (user text must not grow it for ever). */
const literals = new Map<string, string>();
const MAX_CACHED_CHARS = 4 * 1024 * 1024;
let cachedChars = 0;

const WIDE = /[\u0080-\uffff]/;
const WIDE_ALL = /[\u0080-\uffff]/g;

const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * JSON text with its characters past U+007F escaped, as a one-byte string: V8 keeps a string
 * two-byte through replacements and slices even once every character fits in a byte; a Latin-1
 * round trip does not.
 */
export function narrowJson(json: string): string {
  return WIDE.test(json)
    ? Buffer.from(json.replace(WIDE_ALL, unicodeEscape), 'latin1').toString('latin1')
    : json;
}

/**
 * A text kept for many answers, as one flat string: one built by concatenation is a tree of its
 * pieces, which every join would walk again.
 */
const flat = (text: string) => Buffer.from(text, 'latin1').toString('latin1');

/** A string's JSON literal, narrowed; kept for the next answers. */
function literal(s: string): string {
  let out = literals.get(s);
  if (out !== undefined) return out;
  out = narrowJson(JSON.stringify(s));
  if (cachedChars + s.length + out.length > MAX_CACHED_CHARS) {
    literals.clear();
    cachedChars = 0;
  }
  literals.set(s, out);
  cachedChars += s.length + out.length;
  return out;
}

/** The narrowed JSON of objects frozen through and through (kept messages): such an object can never change. */
const frozenJson = new WeakMap<object, string>();

/** Whether every object in `value` is frozen, with no accessor and no `toJSON` (its JSON then never changes). */
function frozenThrough(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return typeof value !== 'function';
  if (depth > 8 || !Object.isFrozen(value)) return false;
  for (const key of Object.keys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, key);
    if (!d || !('value' in d) || key === 'toJSON' || !frozenThrough(d.value, depth + 1)) return false;
  }
  return !('toJSON' in value);
}

/** `narrowJson(JSON.stringify(value))`, kept for frozen objects. */
function jsonOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) {
    const json = JSON.stringify(value);
    return json === undefined ? undefined : narrowJson(json);
  }
  let json = frozenJson.get(value);
  if (json !== undefined) return json;
  const text = JSON.stringify(value);
  if (text === undefined) return undefined;
  json = narrowJson(text);
  if (frozenThrough(value)) frozenJson.set(value, json);
  return json;
}

const isPrimitive = (value: unknown) =>
  value === null || (typeof value !== 'object' && typeof value !== 'function');

const isPlain = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** The members of an equivalent, in the order the engine writes them. */
const EQUIVALENT_KEYS = ['id', 'label', 'value', 'unit', 'source'] as const;

interface Equivalent {
  id: string;
  label: string;
  value: number;
  unit: string;
  source: string;
}

function isEquivalent(value: unknown): value is Equivalent {
  if (!isPlain(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== EQUIVALENT_KEYS.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== EQUIVALENT_KEYS[i]) return false;
  const e = value as Equivalent;
  return (
    typeof e.id === 'string' &&
    typeof e.label === 'string' &&
    typeof e.value === 'number' &&
    typeof e.unit === 'string' &&
    typeof e.source === 'string'
  );
}

/** Text before and after an equivalent's value, by id, with the strings it was made for. */
interface Frame {
  label: string;
  unit: string;
  source: string;
  head: string;
  /** `head` after a comma: the frame of any equivalent but the first. */
  nextHead: string;
  tail: string;
}
const frames = new Map<string, Frame>();

function frameOf(e: Equivalent): Frame {
  const kept = frames.get(e.id);
  if (kept && kept.label === e.label && kept.unit === e.unit && kept.source === e.source) return kept;
  const head = flat(`{"id":${literal(e.id)},"label":${literal(e.label)},"value":`);
  const frame = {
    label: e.label,
    unit: e.unit,
    source: e.source,
    head,
    nextHead: flat(`,${head}`),
    tail: flat(`,"unit":${literal(e.unit)},"source":${literal(e.source)}}`),
  };
  if (frames.size < 1024) frames.set(e.id, frame);
  return frame;
}

/**
 * A list of equivalents: each one's strings from its kept frame, its value converted. The values are
 * converted by one JSON.stringify of them all (the same text as `String` gives a finite number, and
 * `null` for others): `String` on each takes V8's number-string cache, which misses every time here
 * and costs twice as much when the processor's caches are cold, as they are in the server.
 */
function putEquivalents(list: unknown[], parts: string[]): void {
  const kept: (Frame | undefined)[] = [];
  const values: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    const equivalent = isEquivalent(e);
    kept.push(equivalent ? frameOf(e) : undefined);
    if (equivalent) values.push(e.value);
  }
  const texts = values.length === 0 ? [] : JSON.stringify(values).slice(1, -1).split(',');
  let v = 0;
  parts.push('[');
  for (let i = 0; i < list.length; i++) {
    const frame = kept[i];
    if (frame !== undefined) parts.push(i > 0 ? frame.nextHead : frame.head, texts[v++], frame.tail);
    else parts.push(i > 0 ? ',' : '', narrowJson(JSON.stringify(list[i]) ?? 'null'));
  }
  parts.push(']');
}

/** A list of strings (notes), each literal kept. */
function putStrings(list: string[], parts: string[]): void {
  parts.push('[');
  for (let i = 0; i < list.length; i++) {
    if (i > 0) parts.push(',');
    parts.push(literal(list[i]));
  }
  parts.push(']');
}

/** An input as the engine writes it: its value, where it comes from, that said as a message. */
interface Input {
  value: unknown;
  source: string;
  sourceMessage?: unknown;
}

const INPUT_KEYS = ['value', 'source', 'sourceMessage'] as const;
const RANGE_KEYS = ['low', 'central', 'high'] as const;

/** Whether `value` is a plain object whose own keys are `keys` in that order (or, `optional`, all but the last). */
function shaped(value: unknown, keys: readonly string[], optional = false): boolean {
  if (!isPlain(value)) return false;
  const own = Object.keys(value);
  if (own.length !== keys.length && !(optional && own.length === keys.length - 1)) return false;
  for (let i = 0; i < own.length; i++) if (own[i] !== keys[i]) return false;
  return true;
}

/**
 * An input's text as last written, in two pieces: its value's (with the value, a range by its three
 * figures), and what follows it (its source and message, with them).
 */
interface InputFrame {
  value: unknown;
  range?: { low: unknown; central: unknown; high: unknown };
  valueText: string;
  source: string;
  message: string | undefined;
  /** `"name":{"value":`, and the same after a comma (any input but the first). */
  head: string;
  nextHead: string;
  tail: string;
}
const inputFrames = new Map<string, InputFrame>();

const sameRange = (frame: InputFrame, value: unknown) => {
  const r = value as InputFrame['range'] & object;
  return (
    frame.range !== undefined &&
    frame.range.low === r.low &&
    frame.range.central === r.central &&
    frame.range.high === r.high
  );
};

/**
 * The inputs of an estimate, each with its provenance: most are the same from one estimate to the
 * next (the hardware's figures and their citations), so each one's text is kept by name, and its
 * value and its source written again only when they changed.
 */
function putInputs(inputs: Record<string, unknown>, parts: string[]): void {
  parts.push('{');
  let first = true;
  for (const name of Object.keys(inputs)) {
    const input = inputs[name];
    if (input === undefined || typeof input === 'function' || typeof input === 'symbol') continue;
    if (!shaped(input, INPUT_KEYS, true) || typeof (input as Input).source !== 'string') {
      parts.push(first ? '' : ',', literal(name), ':', narrowJson(JSON.stringify(input)));
      first = false;
      continue;
    }
    const { value, source, sourceMessage } = input as Input;
    const isRange = shaped(value, RANGE_KEYS);
    const message = sourceMessage === undefined ? undefined : jsonOf(sourceMessage);
    let frame = inputFrames.get(name);
    if (frame === undefined || frame.source !== source || frame.message !== message) {
      const messageText = message === undefined ? '' : `,"sourceMessage":${message}`;
      const head = flat(`${literal(name)}:{"value":`);
      frame = {
        value: undefined,
        valueText: '',
        source,
        message,
        head,
        nextHead: flat(`,${head}`),
        tail: flat(`,"source":${literal(source)}${messageText}}`),
      };
      if (inputFrames.size < 1024) inputFrames.set(name, frame);
    }
    // Objects other than ranges are written afresh: one might have changed in place.
    const sameValue =
      frame.valueText !== '' &&
      (isRange
        ? sameRange(frame, value)
        : frame.range === undefined && isPrimitive(value) && frame.value === value);
    if (!sameValue) {
      const r = value as InputFrame['range'] & object;
      frame.value = value;
      frame.range = isRange ? { low: r.low, central: r.central, high: r.high } : undefined;
      frame.valueText =
        typeof value === 'string' ? literal(value) : narrowJson(JSON.stringify(value) ?? 'null');
    }
    parts.push(first ? frame.head : frame.nextHead, frame.valueText, frame.tail);
    first = false;
  }
  parts.push('}');
}

/** A list of messages, each one's JSON kept while it is frozen (the notes an estimate keeps and shares). */
function putMessages(list: unknown[], parts: string[]): void {
  parts.push('[');
  for (let i = 0; i < list.length; i++) parts.push(i > 0 ? ',' : '', jsonOf(list[i]) ?? 'null');
  parts.push(']');
}

/** The members written here rather than by JSON.stringify: inputs, equivalents, notes and their messages. */
function isKept(key: string, value: unknown): boolean {
  if (key === 'equivalents' || key === 'noteMessages') return Array.isArray(value);
  if (key === 'inputs') return isPlain(value);
  return key === 'notes' && Array.isArray(value) && value.every((s) => typeof s === 'string');
}

/** `JSON.stringify(answer)`, in ASCII (see above). */
export function answerText(answer: unknown): string | undefined {
  if (
    !isPlain(answer) ||
    typeof (answer as { toJSON?: unknown }).toJSON === 'function' ||
    !Array.isArray((answer as { equivalents?: unknown }).equivalents)
  ) {
    const json = JSON.stringify(answer);
    return json === undefined ? undefined : narrowJson(json);
  }
  const parts: string[] = ['{'];
  // The other members, gathered while they follow one another and written by one JSON.stringify:
  // a call costs more than the three figures of a range.
  let batch: Record<string, unknown> | undefined;
  const flush = () => {
    if (batch === undefined) return;
    const json = narrowJson(JSON.stringify(batch));
    batch = undefined;
    if (json.length > 2) parts.push(parts.length === 1 ? '' : ',', json.slice(1, -1));
  };
  for (const key of Object.keys(answer)) {
    const value = (answer as Record<string, unknown>)[key];
    if (key === '__proto__' || isKept(key, value)) {
      flush();
      const json = key === '__proto__' ? JSON.stringify(value) : '';
      if (json === undefined) continue;
      parts.push(parts.length === 1 ? '' : ',', literal(key), ':');
      if (key === '__proto__') parts.push(narrowJson(json));
      else if (key === 'equivalents') putEquivalents(value as unknown[], parts);
      else if (key === 'notes') putStrings(value as string[], parts);
      else if (key === 'noteMessages') putMessages(value as unknown[], parts);
      else putInputs(value as Record<string, unknown>, parts);
    } else {
      batch ??= {};
      batch[key] = value;
    }
  }
  flush();
  parts.push('}');
  return parts.join('');
}
