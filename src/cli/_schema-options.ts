import { type Command, Option } from 'commander';
import {
  describedAs,
  describeField,
  type Fields,
  type FlagValues,
  SITE_FIELDS,
} from '../engine/schemas/fields.js';
import { parseQuantity, toFlag } from '../engine/units.js';
import { type Lang, msg, render } from '../messages/index.js';
import { argvLang } from './_common.js';

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
      command.addOption(
        field.negate === undefined
          ? new Option(flag, render(field.help, lang))
          : new Option(`--no-${toFlag(key)}`, render(field.negate, lang)),
      );
      continue;
    }
    const option = new Option(`${flag} <${field.arg}>`, describeField(field, lang));
    if (field.kind === 'custom' && field.repeatable) option.argParser(collect);
    command.addOption(option);
  }
  return command;
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
