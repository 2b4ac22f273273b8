import { z } from 'zod';
import {
  EmpreinteError,
  type Issue,
  type IssueCode,
  isEmpreinteError,
  issueField,
  issueOf,
} from '../../errors.js';
import { type Message, type MessageKey, msg, type Params, pairOf } from '../../messages/index.js';
import { type ParseOptions, parseQuantity } from '../units.js';

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
      return reject(ctx, error.issues[0]);
    }
  });
}

/** A zod refinement's wording as a message: `.refine(check, said('schedule.timeZone'))`. */
export function said(key: MessageKey, code: IssueCode = 'invalid_value') {
  return { message: key, params: { code, key, params: {} } };
}

/**
 * Adds `issue` (made with `issueOf`, about any field) to a zod refinement: `parseInput` then reports
 * it, same code and sentence, against the field being parsed.
 */
export function reject(ctx: z.core.$RefinementCtx, issue: Issue, path?: (string | number)[]): typeof z.NEVER {
  ctx.addIssue({
    code: 'custom',
    message: issue.message,
    ...(path === undefined ? {} : { path }),
    params: { code: issue.code, key: issue.key, params: issue.params },
  });
  return z.NEVER;
}

export { SCALE_BOUNDS } from './bounds.js';

/** A catalog id or free text naming something (hardware, model, location). */
export const name = () => z.string().trim().min(1).max(200);

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
    return issueOf('invalid_value', ['input'], 'error.notAnObject', { accepted: msg('accepted.object') });
  }
  // The field is the last named element: `profile[3]` is about --profile, not --3.
  const field = issueField(path) ?? 'input';
  const quantity = (zodIssue as { params?: { code?: IssueCode; key?: MessageKey; params?: Params } }).params;
  if (quantity?.code && quantity.key) {
    // parseQuantity's sentence, about the real field rather than its `value` placeholder.
    const { field: _placeholder, ...params } = quantity.params ?? {};
    return issueOf(quantity.code, path, quantity.key, { ...params, field });
  }
  if (zodIssue.code === 'unrecognized_keys') {
    // Quoted, so that an empty or odd key is still visible.
    const keys = zodIssue.keys.map((k) => `'${k}'`).join(', ');
    const issue = issueOf('invalid_value', [...path, ...zodIssue.keys], 'error.unknownFields', { keys });
    return { ...issue, value: zodIssue.keys.join(', ') };
  }
  if (zodIssue.code === 'invalid_value' && 'values' in zodIssue) {
    return issueOf('invalid_value', path, 'error.oneOf', {
      field,
      accepted: zodIssue.values.map(String).join(', '),
    });
  }
  if (zodIssue.code === 'invalid_type' && zodIssue.input === undefined) {
    return { ...issueOf('missing', path, 'error.required', { field }), accepted: zodIssue.expected };
  }
  if (zodIssue.code === 'invalid_union') {
    const value = JSON.stringify(zodIssue.input) ?? String(zodIssue.input);
    return issueOf('invalid_value', path, 'error.expectedGot', {
      field,
      value,
      accepted: unionAccepts(zodIssue.message),
    });
  }
  if (zodIssue.code === 'invalid_type') {
    const value =
      typeof zodIssue.input === 'object' ? JSON.stringify(zodIssue.input) : String(zodIssue.input);
    return issueOf('invalid_value', path, 'error.expectedGot', {
      field,
      value,
      accepted: typeName(zodIssue.expected),
    });
  }
  if (zodIssue.code === 'too_small' || zodIssue.code === 'too_big') return boundIssue(zodIssue, path, field);
  return issueOf('invalid_value', path, 'error.schema', { field, detail: zodIssue.message });
}

/**
 * A union's `error`, naming what it accepts as a message (`z.union([...], accepts('accepted.onOff'))`):
 * zod keeps a union's error as text, so the key and its params travel as that text.
 */
export function accepts(key: MessageKey, params?: Params): { error: string } {
  return { error: params ? `${key} ${JSON.stringify(params)}` : key };
}

/** What a union accepts, from the text `accepts` wrote; a quantity's wording for a union without it. */
function unionAccepts(error: string): Message {
  const [key, json] = error.split(/ (.*)/s);
  if (pairOf(key) === undefined) return msg('accepted.quantity');
  return msg(key as MessageKey, json ? (JSON.parse(json) as Params) : undefined);
}

/** Zod's type names, said in the reader's language. */
function typeName(expected: string): Message | string {
  const key = `type.${expected}`;
  return pairOf(key) !== undefined ? msg(key as MessageKey) : expected;
}

/** A length or size bound zod found broken, in our words rather than zod's English. */
function boundIssue(
  zodIssue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
  path: (string | number)[],
  field: string,
): Issue {
  const small = zodIssue.code === 'too_small';
  const bound = Number(small ? zodIssue.minimum : zodIssue.maximum);
  const value = typeof zodIssue.input === 'object' ? undefined : String(zodIssue.input);
  if (zodIssue.origin === 'string' && small && bound <= 1)
    return issueOf('invalid_value', path, 'error.notEmpty', { field });
  if (zodIssue.origin === 'string')
    return issueOf('out_of_range', path, small ? 'error.textTooShort' : 'error.textTooLong', {
      field,
      bound,
    });
  if (zodIssue.origin === 'array')
    return issueOf('out_of_range', path, small ? 'error.tooFewItems' : 'error.tooManyItems', {
      field,
      bound,
    });
  const comparison = small ? (zodIssue.inclusive ? '>=' : '>') : zodIssue.inclusive ? '<=' : '<';
  return issueOf('out_of_range', path, 'error.bound', { field, value, accepted: `${comparison} ${bound}` });
}
