import { type Command, Option } from 'commander';
import { describeField, type Fields } from '../engine/schemas/fields.js';
import { toFlag } from '../engine/units.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * Declares one flag per field of an input table (`engine/schemas/*-fields.ts`): `chipHours` is
 * `--chip-hours <n>`, with the field's description and bounds as help. Values stay text: the
 * action parses them with the schema built from the same table, whose errors name the flag.
 */
export function addSchemaOptions(command: Command, fields: Fields): Command {
  for (const [key, field] of Object.entries(fields)) {
    const flag = `--${toFlag(key)}`;
    if (field.kind === 'switch') {
      command.addOption(
        field.negate === undefined
          ? new Option(flag, field.help)
          : new Option(`--no-${toFlag(key)}`, field.negate),
      );
      continue;
    }
    const option = new Option(`${flag} <${field.arg}>`, describeField(field));
    if (field.kind === 'custom' && field.repeatable) option.argParser(collect);
    command.addOption(option);
  }
  return command;
}
