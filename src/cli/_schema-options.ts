import {
  describedAs,
  describeField,
  type Field,
  type Fields,
  type FieldValue,
  type FlagValues,
  SITE_FIELDS,
} from '../engine/schemas/fields.js';
import { parseQuantity, toFlag } from '../engine/units.js';
import { userError } from '../errors.js';
import { type Lang, msg, render } from '../messages/index.js';
import { type Command, Option } from './_commander.js';
import { argvLang, oneOf } from './_common.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * Declares one flag per field of an input table (`engine/schemas/*-fields.ts`): `chipHours` is
 * `--chip-hours <n>`, with the field's description and bounds as help. Values stay text: the
 * action parses them with the schema built from the same table, whose errors name the flag.
 */
export function addSchemaOptions(command: Command, fields: Fields, lang: Lang = argvLang()): Command {
  for (const [key, field] of Object.entries(fields)) {
    const flag = `--${toFlag(key)}`;
    if (field.kind === 'switch') {
      const { negate } = field;
      command.addOption(
        negate === undefined
          ? describedWhenRead(flag, () => render(field.help, lang))
          : describedWhenRead(`--no-${toFlag(key)}`, () => render(negate, lang)),
      );
      continue;
    }
    const option = describedWhenRead(`${flag} <${field.arg}>`, () => describeField(field, lang));
    if (field.kind === 'custom' && field.repeatable) option.argParser(collect);
    command.addOption(option);
  }
  return command;
}

/**
 * An option whose description is said when read (help being written), not when it is declared: a
 * command that runs loads no field help for a help it does not show.
 */
function describedWhenRead(flags: string, describe: () => string): Option {
  const option = new Option(flags);
  let description: string | undefined;
  Object.defineProperty(option, 'description', {
    get: () => (description ??= describe()),
    set: (value: string) => {
      description = value;
    },
    enumerable: true,
    configurable: true,
  });
  return option;
}

const { location, pue, renewableShare } = SITE_FIELDS;
/** Where a measured run's energy was used (`run`, `runs import`): the estimates' site fields, read alike. */
export const RUN_SITE_FIELDS = {
  location: describedAs(location, msg('help.runLocation', { base: location.help })),
  pue: describedAs(pue, msg('help.runPue', { base: pue.help })),
  renewableShare,
} as const;

/** The PUE and renewable share of a measured run's flags, read with the fields' bounds. */
export function readRunSite(flags: FlagValues<typeof RUN_SITE_FIELDS>): {
  pue?: number;
  renewableShare?: number;
} {
  const read = (key: 'pue' | 'renewableShare') => {
    const value = flags[key];
    return value === undefined ? undefined : parseQuantity(value, key, RUN_SITE_FIELDS[key].bounds);
  };
  return { pue: read('pue'), renewableShare: read('renewableShare') };
}

/** A table's flags once read: custom fields stay text, for the command to read as its own. */
export type ReadFlags<F extends Fields> = {
  [K in keyof F]?: F[K] extends { kind: 'custom' } ? FlagValues<F>[K] : FieldValue<F[K]>;
};

/**
 * The flags of `fields` read as the API reads its fields, without its schema (no zod at start-up):
 * names trimmed and not empty, choices one of theirs, quantities within their bounds; each mistake
 * a usage error naming the flag, the value and what is accepted.
 */
export function readFlags<F extends Fields>(fields: F, flags: FlagValues<F>): ReadFlags<F> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    const value = (flags as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = readFlag(field, key, value);
  }
  return out as ReadFlags<F>;
}

/** The longest name a schema takes (`name()` in engine/schemas/common.ts). */
const NAME_MAX = 200;

function readFlag(field: Field, key: string, value: unknown): unknown {
  if (field.kind === 'quantity') return parseQuantity(value as string, key, field.bounds);
  if (field.kind === 'choice') return oneOf(value as string, field.values, key);
  if (field.kind !== 'name') return value; // a switch's boolean; a custom field's text
  const text = (value as string).trim();
  if (text === '') throw userError('invalid_value', key, 'error.notEmpty');
  if (text.length > NAME_MAX)
    throw userError('out_of_range', key, 'error.textTooLong', { value: text, bound: NAME_MAX });
  return text;
}
