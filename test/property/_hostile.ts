/**
 * Generators of hostile and plausible inputs for property tests: every field of an input schema
 * receives a mix of plausible values (so that some inputs are accepted and their results checked)
 * and hostile ones (NaN, ±Infinity, 1e308, 1e-300, -0, odd strings, unicode, wrong types).
 */
import fc from 'fast-check';
import { HARDWARE } from '../../src/catalog/hardware.js';
import { MODELS } from '../../src/catalog/models.js';

/** Numbers that break naive arithmetic. */
export const HOSTILE_NUMBERS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  -1,
  1e308,
  -1e308,
  1e-300,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 1,
  0.1 + 0.2,
];

/** Strings that look like numbers to someone, or to some parser. */
export const HOSTILE_NUMBER_STRINGS = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '1e309',
  '9e999',
  '1e-300',
  '-0',
  '0x10',
  '0b11',
  '1_000',
  '1,5',
  '1.2.3',
  '70B',
  '2T',
  '1.7M',
  '350W',
  '1.2kW',
  '3 h',
  '١٢٣',
  '１２',
  '5\u00a0W',
  '1e',
  '.',
  '+',
  '--5',
  '7B7',
  '💥',
  'null',
  'undefined',
  '__proto__',
  "'; DROP TABLE runs;--",
  '$(id)',
  '\u0000',
  '9'.repeat(400),
];

export const UNICODE_STRINGS = [
  'h100\u0000',
  'h\u0130100',
  'Ｈ１００',
  '\u202eh100',
  '🔥🔥',
  'é'.repeat(300),
  'a'.repeat(5000),
  '\ud800',
  'constructor',
  'toString',
  '../../etc/passwd',
];

/** A hostile number, number-like string, or random double (including non-finite ones). */
export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(...HOSTILE_NUMBER_STRINGS),
  fc.double(),
  fc.double().map(String),
  fc.integer().map((n) => `${n}${['', 'k', 'M', 'B', 'T', 'P', 'W', 'x'][Math.abs(n) % 8]}`),
);

/** A value of the wrong type for any field. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constant([]),
  fc.array(fc.double(), { maxLength: 3 }),
  fc.constant({}),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

export const hostileString: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...UNICODE_STRINGS, ...HOSTILE_NUMBER_STRINGS),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

export const hardwareIds = HARDWARE.map((h) => h.id);
export const modelIds = MODELS.map((m) => m.id);
export const LOCATION_IDS = [
  'fr',
  'de',
  'pl',
  'us',
  'world',
  'US-CAL-CISO',
  'FR',
  'aws:eu-west-3',
  'gcp:us-central1',
  'se',
  'in',
];

/** One field of an input: plausible values (some inputs must be accepted) and hostile ones. */
export interface Field {
  ok: fc.Arbitrary<unknown>;
  bad: fc.Arbitrary<unknown>;
}

/** A numeric field: plausible numbers (as numbers or strings) or hostile values. */
export function numeric(plausible: fc.Arbitrary<number>): Field {
  return {
    ok: fc.oneof({ weight: 4, arbitrary: plausible }, { weight: 1, arbitrary: plausible.map(String) }),
    bad: fc.oneof({ weight: 3, arbitrary: hostileNumber }, { weight: 1, arbitrary: wrongType }),
  };
}

/** A name field: a catalog id, or a hostile string or wrong type. */
export function named(ids: readonly string[]): Field {
  return {
    ok: fc.constantFrom(...ids),
    bad: fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: wrongType }),
  };
}

/** An enumerated field: one of `values`, or a hostile value. */
export function choice(values: readonly unknown[]): Field {
  return { ok: fc.constantFrom(...values), bad: fc.oneof(hostileString, wrongType) };
}

export type Fields = Record<string, Field>;

const UNKNOWN_KEYS = ['foo', 'paramz', '__proto__', 'constructor', 'énergie', '', 'toString'];

/**
 * An input object: one of the `bases` (sets of fields that make a complete input), plus a few
 * other plausible fields, then zero to two mutations: a field set to a hostile value, or an
 * unknown field. Rarely not an object at all. Missing required fields come from the empty base.
 */
export function inputObject(fields: Fields, bases: string[][] = []): fc.Arbitrary<unknown> {
  const keys = Object.keys(fields);
  const all = fc.record(Object.fromEntries(keys.map((k) => [k, fields[k].ok])));
  const mutation = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.oneof(...keys.map((k) => fields[k].bad.map((v) => [k, v] as [string, unknown]))),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...UNKNOWN_KEYS), fc.anything()) },
  );
  const object = fc
    .tuple(
      all,
      fc.constantFrom([], ...bases),
      fc.subarray(keys, { maxLength: 3 }),
      fc.oneof(
        { weight: 3, arbitrary: fc.constant([]) },
        { weight: 2, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 2 }) },
      ),
    )
    .map(([values, base, extra, mutations]) => {
      const out: Record<string, unknown> = {};
      for (const k of [...base, ...extra]) out[k] = values[k];
      // defineProperty, so that '__proto__' becomes a real own field as JSON.parse would make it.
      for (const [k, v] of mutations)
        Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
      return out;
    });
  return fc.oneof(
    { weight: 20, arbitrary: object },
    {
      weight: 1,
      arbitrary: fc.oneof(fc.constant(null), fc.constant(undefined), fc.string(), fc.array(fc.integer())),
    },
  );
}

/** Valid-looking numbers at the edges of the double range: accepted ones must not overflow. */
export const EDGE_NUMBERS = [
  5e-324,
  1e-300,
  1e-12,
  0.001,
  1,
  2 ** 31,
  Number.MAX_SAFE_INTEGER,
  1e300,
  1e308,
  Number.MAX_VALUE,
  // The upper bounds of the inputs that scale a footprint (SCALE_BOUNDS), where overflow would start.
  36_500,
  1e4,
  1e6,
  1e8,
  1e9,
  1e15,
  1e16,
];

/**
 * A complete input (one of `bases`) whose numeric fields (`numericKeys`) are set, one to four of
 * them, to edge numbers: every accepted one must give finite figures.
 */
export function edgeObject(
  fields: Fields,
  bases: string[][],
  numericKeys: string[],
): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(fields);
  const all = fc.record(Object.fromEntries(keys.map((k) => [k, fields[k].ok])));
  return fc
    .tuple(
      all,
      fc.constantFrom(...bases),
      fc.array(fc.tuple(fc.constantFrom(...numericKeys), fc.constantFrom(...EDGE_NUMBERS)), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([values, base, edges]) => {
      const out: Record<string, unknown> = {};
      for (const k of base) out[k] = values[k];
      for (const [k, v] of edges) out[k] = v;
      return out;
    });
}

/** Log-uniform positive numbers between `min` and `max`. */
export function logUniform(min: number, max: number): fc.Arbitrary<number> {
  const a = Math.log10(min);
  const b = Math.log10(max);
  return fc.double({ min: a, max: b, noNaN: true }).map((e) => Number((10 ** e).toPrecision(4)));
}
