import { z } from 'zod';
import { EmpreinteError, type Issue, type IssueCode, isEmpreinteError } from '../../errors.js';
import { type ParseOptions, parseQuantity, toFlag } from '../units.js';

/**
 * Building blocks for the input schemas shared by the CLI and the HTTP API. Numbers may arrive as
 * numbers (JSON) or strings (`"70B"`, CLI flags); both go through `parseQuantity`, so the CLI and
 * the API accept and reject exactly the same values with the same messages.
 */
export function quantity(options: ParseOptions = {}) {
  return z.union([z.number(), z.string()]).transform((value, ctx) => {
    try {
      return parseQuantity(value, 'value', options);
    } catch (error) {
      if (!isEmpreinteError(error)) throw error;
      const i = error.issues[0];
      ctx.addIssue({ code: 'custom', message: i.message, params: { code: i.code, value: i.value, accepted: i.accepted } });
      return z.NEVER;
    }
  });
}

/** A catalog id or free text naming something (hardware, model, location). */
export const name = () => z.string().trim().min(1, 'must not be empty').max(200, 'is too long');

/** Parses `input` with `schema`; any problem becomes one `EmpreinteError` whose issues name their field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new EmpreinteError(result.error.issues.map(toIssue));
}

function toIssue(zodIssue: z.core.$ZodIssue): Issue {
  const path = zodIssue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const field = String(path[path.length - 1] ?? 'input');
  const flag = `--${toFlag(field)}`;
  const params = (zodIssue as { params?: { code?: IssueCode; value?: string; accepted?: string } }).params;
  if (params?.code) {
    // Re-word parseQuantity's message with the real flag name.
    const message = zodIssue.message.replace(/^--value/, flag);
    return { code: params.code, path, value: params.value, accepted: params.accepted, message };
  }
  if (zodIssue.code === 'unrecognized_keys') {
    const keys = zodIssue.keys.join(', ');
    return { code: 'invalid_value', path: [...path, ...zodIssue.keys], value: keys, message: `unknown field(s): ${keys}` };
  }
  if (zodIssue.code === 'invalid_value' && 'values' in zodIssue) {
    const accepted = zodIssue.values.map(String).join(', ');
    return { code: 'invalid_value', path, accepted, message: `${flag}: expected one of ${accepted}` };
  }
  if (zodIssue.code === 'invalid_type' && zodIssue.input === undefined) {
    return { code: 'missing', path, accepted: zodIssue.expected, message: `${flag} is required` };
  }
  return { code: 'invalid_value', path, message: `${flag}: ${zodIssue.message}` };
}
