import { z } from 'zod';
import { isEmpreinteError, issueOf } from '../../errors.js';
import { msg } from '../../messages/index.js';
import { decimalCommaInForce, type ParseOptions, parseQuantity } from '../units.js';
import { accepts, reject } from './common.js';
import { describeField, type Field, type Fields } from './fields.js';
import { zodShape } from './fields-zod.js';
import { EXPLORE_FIELDS, EXPLORE_LIST_FIELDS } from './project-fields.js';

/**
 * Explore inputs: every training input as a list of values. A list arrives as an array (JSON),
 * a comma-separated string (`"1B,7B,70B"`, CLI flags; `;` also separates, and must where a decimal
 * comma is in force) or a single value; each item goes through
 * `parseQuantity` like the single-valued estimate inputs, with the same messages.
 */
const MAX_ITEMS = 10_000;
const raw = z.union(
  [z.number(), z.string(), z.array(z.union([z.number(), z.string()])).max(MAX_ITEMS)],
  accepts('accepted.values'),
);

function items(value: z.infer<typeof raw>): (string | number)[] {
  const list: (string | number)[] = Array.isArray(value) ? value : [value];
  return list.flatMap((v): (string | number)[] =>
    typeof v === 'string'
      ? v
          .split(v.includes(';') ? ';' : ',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0)
      : [v],
  );
}

function emptyIssue(ctx: z.core.$RefinementCtx) {
  return reject(ctx, issueOf('missing', 'value', 'error.emptyList', { accepted: msg('accepted.oneOrMore') }));
}

/** A list of quantities (`1B,7B,70B`). */
export function quantityList(options: ParseOptions = {}) {
  return raw.transform((value, ctx) => {
    // With a decimal comma, `7,5B,13B` could be 7.5B and 13B or 7, 5B and 13B: items then need `;`.
    const texts = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'string');
    const ambiguous = decimalCommaInForce() && texts.find((v) => !v.includes(';') && /\d,\d/.test(v));
    if (ambiguous) {
      const accepted = msg('accepted.semicolonList');
      return reject(
        ctx,
        issueOf('invalid_number', 'value', 'error.ambiguousList', { value: ambiguous, accepted }),
      );
    }
    const list = items(value);
    if (list.length === 0) return emptyIssue(ctx);
    const out: number[] = [];
    for (const item of list) {
      try {
        out.push(parseQuantity(item, 'value', options));
      } catch (error) {
        if (!isEmpreinteError(error)) throw error;
        return reject(ctx, error.issues[0]);
      }
    }
    return out;
  });
}

/** A list of names (`h100,a100,tpu-v5p`). */
export function nameList() {
  return raw.transform((value, ctx) => {
    const list = items(value).map(String);
    if (list.length === 0) return emptyIssue(ctx);
    const tooLong = list.find((s) => s.length > 200);
    if (tooLong) {
      const params = { value: tooLong.slice(0, 40), accepted: msg('accepted.shortNames') };
      return reject(ctx, issueOf('invalid_value', 'value', 'error.nameTooLong', params));
    }
    return list;
  });
}

/** A list of values from a fixed set (`bf16,fp8`). */
export function enumList<T extends string>(values: readonly T[]) {
  return raw.transform((value, ctx) => {
    const list = items(value).map(String);
    if (list.length === 0) return emptyIssue(ctx);
    const bad = list.find((s) => !(values as readonly string[]).includes(s));
    if (bad !== undefined) {
      const params = { value: bad, accepted: values.join(', ') };
      return reject(ctx, issueOf('invalid_value', 'value', 'error.notOneOf', params));
    }
    return list as T[];
  });
}

/** A zod shape whose fields each take a list: quantities, names or choices from `fields`. */
type ListOf<F extends Field> = F extends { kind: 'quantity' }
  ? ReturnType<typeof quantityList>
  : F extends { kind: 'choice'; values: infer V extends readonly string[] }
    ? ReturnType<typeof enumList<V[number]>>
    : ReturnType<typeof nameList>;

function listShape<F extends Fields>(fields: F): { -readonly [K in keyof F]: z.ZodOptional<ListOf<F[K]>> } {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(fields)) {
    const list =
      field.kind === 'quantity'
        ? quantityList(field.bounds)
        : field.kind === 'choice'
          ? enumList(field.values)
          : nameList();
    shape[key] = list.optional().meta({ description: `${describeField(field)}; a comma list` });
  }
  return shape as { -readonly [K in keyof F]: z.ZodOptional<ListOf<F[K]>> };
}

/** Built from the fields declared in `project-fields.ts`, as `explore`'s flags are. */
export const exploreInputSchema = z
  .object({
    ...listShape(EXPLORE_LIST_FIELDS),
    ...zodShape(EXPLORE_FIELDS, { sort: z.string().trim().min(1).max(60) }),
  })
  .strict();

export type ExploreInput = z.output<typeof exploreInputSchema>;
