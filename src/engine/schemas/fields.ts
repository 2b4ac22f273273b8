import { PRECISIONS } from '../../catalog/types.js';
import { type Lang, type Message, type MessageKey, msg, render } from '../../messages/index.js';
import { type ParseOptions, parseQuantity } from '../units.js';

/**
 * The named inputs of the estimates, declared once: what each field is, what it accepts and how it
 * is described. The zod schemas (HTTP API, library, OpenAPI) are built from these tables
 * (`fields-zod.ts`), and so are the CLI flags (`--chip-hours` from `chipHours`, with the same help);
 * this module loads no zod, so that a command declares its flags and reads valid ones quickly.
 */
export type Field =
  /** A catalog id or free text: trimmed, 1 to 200 characters. */
  | { readonly kind: 'name'; readonly help: Message; readonly arg: string; readonly required?: boolean }
  /** A number, plain or suffixed (`70B`, `350W`), within `bounds`. */
  | {
      readonly kind: 'quantity';
      readonly bounds: ParseOptions;
      readonly help: Message;
      readonly arg: string;
      readonly required?: boolean;
    }
  /** One of a fixed set of words. */
  | {
      readonly kind: 'choice';
      readonly values: readonly string[];
      readonly help: Message;
      readonly arg: string;
      readonly required?: boolean;
    }
  /** On or off: a flag without a value (`--compute-optimal`; `--no-ranges` where it is on by default). */
  | {
      readonly kind: 'switch';
      readonly help: Message;
      /** The help of `--no-<name>`, where the CLI flag turns it off. */
      readonly negate?: Message;
      readonly required?: boolean;
    }
  /** A shape of its own (a profile, a mix), whose zod schema is given where the schema is built. */
  | {
      readonly kind: 'custom';
      readonly help: Message;
      readonly arg: string;
      readonly repeatable?: boolean;
      readonly required?: boolean;
    };

export type Fields = Readonly<Record<string, Field>>;

/** A field's description: a message key (the sentence lives in `messages/fields.ts`, in both languages). */
type Help = MessageKey | Message;
const said = (help: Help): Message => (typeof help === 'string' ? msg(help) : help);

export const nameField = (help: Help, arg = 'id') => ({ kind: 'name', help: said(help), arg }) as const;

export const quantityField = <const B extends ParseOptions>(bounds: B, help: Help, arg = 'n') =>
  ({ kind: 'quantity', bounds, help: said(help), arg }) as const;

export const choiceField = <const V extends readonly string[]>(values: V, help: Help, arg = 'id') =>
  ({ kind: 'choice', values, help: said(help), arg }) as const;

export const switchField = (help: Help, negate?: Help) =>
  ({ kind: 'switch', help: said(help), negate: negate === undefined ? undefined : said(negate) }) as const;

export const customField = <const E extends { repeatable?: boolean }>(help: Help, arg: string, extra?: E) =>
  ({ kind: 'custom', help: said(help), arg, ...(extra as E) }) as const;

/** The same field, required. */
export const required = <F extends Field>(field: F) => ({ ...field, required: true }) as const;

/** The same field with another description (the same input seen from another command). */
export const describedAs = <F extends Field>(field: F, help: Help): F => ({ ...field, help: said(help) });

/** What a field's value is once read. */
export type FieldValue<F extends Field> = F extends { kind: 'quantity' }
  ? number
  : F extends { kind: 'choice'; values: infer V extends readonly string[] }
    ? V[number]
    : F extends { kind: 'name' }
      ? string
      : F extends { kind: 'switch' }
        ? boolean
        : unknown;

/** The values as they arrive from the command line: text (a list for a repeatable flag). */
export type FlagValues<F extends Fields> = {
  [K in keyof F]?: F[K] extends { repeatable: true }
    ? string[]
    : F[K] extends { kind: 'switch' }
      ? boolean
      : string;
};

/** A field's description with what it accepts, e.g. `data-centre power usage effectiveness; in [1, 5]`. */
export function describeField(field: Field, lang: Lang = 'en'): string {
  const help = render(field.help, lang);
  if (field.kind === 'quantity')
    return `${help}${lang === 'fr' ? '\u00a0; ' : '; '}${describeInterval(field.bounds, lang)}`;
  if (field.kind === 'choice' && !field.values.every((v) => help.includes(v)))
    return `${help}${lang === 'fr' ? ' : ' : ': '}${field.values.join(', ')}`;
  return help;
}

/** `in [1, 5]`, `in (0, 100000] W`, `integer in [1, 1e8]`: the bounds in interval notation. */
export function describeInterval(b: ParseOptions, lang: Lang = 'en'): string {
  const low = b.min === undefined ? '(-∞' : `${b.exclusiveMin ? '(' : '['}${show(b.min)}`;
  const high = b.max === undefined ? '∞)' : `${show(b.max)}]`;
  const unit = b.massKg ? ' kg' : b.unit ? ` ${b.unit}` : '';
  return render(msg(b.integer ? 'help.integerInterval' : 'help.interval', { low, high, unit }), lang);
}

/** `1e15` rather than `1000000000000000`. */
function show(n: number): string {
  const exponent = Math.log10(n);
  return n >= 1e6 && Number.isInteger(exponent) ? `1e${exponent}` : String(n);
}

const NOT_ACCEPTED = Symbol('not accepted');

/** One value read exactly as the zod schema reads it, or `NOT_ACCEPTED`. */
function readField(field: Field, key: string, value: unknown): unknown {
  if (field.kind === 'name') {
    if (typeof value !== 'string') return NOT_ACCEPTED;
    const trimmed = value.trim();
    return trimmed.length < 1 || trimmed.length > 200 ? NOT_ACCEPTED : trimmed;
  }
  if (field.kind === 'choice') return field.values.includes(value as string) ? value : NOT_ACCEPTED;
  if (field.kind === 'switch') return typeof value === 'boolean' ? value : NOT_ACCEPTED;
  if (field.kind === 'custom') return NOT_ACCEPTED;
  if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string') return NOT_ACCEPTED;
  try {
    return parseQuantity(value as string | number, key, field.bounds);
  } catch {
    return NOT_ACCEPTED;
  }
}

/**
 * The input read without zod when every field is valid (names, choices and quantities only);
 * `undefined` to let the schema say what is wrong: an unknown field, a wrong type, a value out of
 * bounds, a missing required field, or a field of a shape of its own.
 */
export function readFields<F extends Fields>(
  fields: F,
  raw: Record<string, unknown>,
): { [K in keyof F]?: FieldValue<F[K]> } | undefined {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(fields, key)) return undefined;
    const value = raw[key];
    if (value === undefined) {
      out[key] = undefined;
      continue;
    }
    const read = readField(fields[key], key, value);
    if (read === NOT_ACCEPTED) return undefined;
    out[key] = read;
  }
  for (const key of requiredKeys(fields)) if (out[key] === undefined) return undefined;
  return out as { [K in keyof F]?: FieldValue<F[K]> };
}

/** The required fields of each table, listed on first use: not a walk over every field per request. */
const requiredByTable = new WeakMap<Fields, readonly string[]>();
function requiredKeys(fields: Fields): readonly string[] {
  let keys = requiredByTable.get(fields);
  if (keys === undefined) {
    keys = Object.keys(fields).filter((key) => fields[key].required);
    requiredByTable.set(fields, keys);
  }
  return keys;
}

/** The fields of `fields` among `options`: what a command passes to its schema, its own flags left out. */
export function pickFields<F extends Fields>(fields: F, options: object): FlagValues<F> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options))
    if (Object.hasOwn(fields, key) && value !== undefined) out[key] = value;
  return out as FlagValues<F>;
}

/** Where the energy is used and how it is supplied: shared by every estimate and by measured runs. */
export const SITE_FIELDS = {
  pue: quantityField({ min: 1, max: 5 }, 'help.pue', 'f'),
  location: nameField('help.location'),
  gridIntensity: quantityField({ min: 0, max: 2000 }, 'help.gridIntensity', 'g'),
  renewableShare: quantityField({ min: 0, max: 1 }, 'help.renewableShare', 'f'),
} as const;

/** The Monte Carlo that gives the ranges. */
export const MONTE_CARLO_FIELDS = {
  seed: quantityField({ min: 0, integer: true, max: 2 ** 32 - 1 }, 'help.seed'),
  draws: quantityField({ min: 100, integer: true, max: 1_000_000 }, 'help.draws'),
} as const;

/** The chip's numeric precision. */
export const PRECISION_FIELD = choiceField(PRECISIONS, 'help.precision', 'p');
