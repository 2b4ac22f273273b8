import { z } from 'zod';
import { EmpreinteError, type Issue, type IssueCode, isEmpreinteError, issueField } from '../../errors.js';
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
      ctx.addIssue({
        code: 'custom',
        message: i.message,
        params: { code: i.code, value: i.value, accepted: i.accepted },
      });
      return z.NEVER;
    }
  });
}

export { SCALE_BOUNDS } from './bounds.js';

/** A catalog id or free text naming something (hardware, model, location). */
export const name = () => z.string().trim().min(1, 'must not be empty').max(200, 'is too long');

/** Parses `input` with `schema`; any problem becomes one `EmpreinteError` whose issues name their field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  // reportInput keeps the offending value in each issue: a wrong type is then told from a missing field.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new EmpreinteError(result.error.issues.map(toIssue));
}

function toIssue(zodIssue: z.core.$ZodIssue): Issue {
  const path = zodIssue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (path.length === 0 && zodIssue.code === 'invalid_type') {
    // The input itself is not an object (a JSON array, a string): name it, as every issue names its field.
    return {
      code: 'invalid_value',
      path: ['input'],
      accepted: 'an object of named inputs',
      message: 'input: expected an object of named inputs, e.g. {"params": "7B"}',
    };
  }
  // The field is the last named element: `profile[3]` is about --profile, not --3.
  const field = issueField(path) ?? 'input';
  const flag = `--${toFlag(field)}`;
  const params = (zodIssue as { params?: { code?: IssueCode; value?: string; accepted?: string } }).params;
  if (params?.code) {
    // Re-word parseQuantity's message with the real flag name.
    const message = zodIssue.message.replace(/^--value/, flag);
    return { code: params.code, path, value: params.value, accepted: params.accepted, message };
  }
  if (zodIssue.code === 'unrecognized_keys') {
    const keys = zodIssue.keys.join(', ');
    // Quoted, so that an empty or odd key is still visible.
    const quoted = zodIssue.keys.map((k) => `'${k}'`).join(', ');
    return {
      code: 'invalid_value',
      path: [...path, ...zodIssue.keys],
      value: keys,
      message: `unknown field(s): ${quoted}`,
    };
  }
  if (zodIssue.code === 'invalid_value' && 'values' in zodIssue) {
    const accepted = zodIssue.values.map(String).join(', ');
    return { code: 'invalid_value', path, accepted, message: `${flag}: expected one of ${accepted}` };
  }
  if (zodIssue.code === 'invalid_type' && zodIssue.input === undefined) {
    return { code: 'missing', path, accepted: zodIssue.expected, message: `${flag} is required` };
  }
  if (zodIssue.code === 'invalid_union') {
    const value = JSON.stringify(zodIssue.input) ?? String(zodIssue.input);
    const accepted = 'a number, or a string such as 70B';
    return {
      code: 'invalid_value',
      path,
      value,
      accepted,
      message: `${flag}: expected ${accepted}, got ${value}`,
    };
  }
  if (zodIssue.code === 'invalid_type') {
    const value =
      typeof zodIssue.input === 'object' ? JSON.stringify(zodIssue.input) : String(zodIssue.input);
    return {
      code: 'invalid_value',
      path,
      value,
      accepted: zodIssue.expected,
      message: `${flag}: expected ${zodIssue.expected}, got ${value}`,
    };
  }
  return { code: 'invalid_value', path, message: `${flag}: ${zodIssue.message}` };
}
