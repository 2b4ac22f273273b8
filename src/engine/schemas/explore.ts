import { z } from 'zod';
import { EFFICIENCY_TRENDS } from '../../catalog/projections.js';
import { SCALING_FITS } from '../../catalog/scaling-laws.js';
import { PRECISIONS, type Precision } from '../../catalog/types.js';
import { isEmpreinteError, issueOf } from '../../errors.js';
import { msg } from '../../messages/index.js';
import { decimalCommaInForce, type ParseOptions, parseQuantity } from '../units.js';
import { quantity, reject, SCALE_BOUNDS } from './common.js';

/**
 * Explore inputs: every training input as a list of values. A list arrives as an array (JSON),
 * a comma-separated string (`"1B,7B,70B"`, CLI flags; `;` also separates, and must where a decimal
 * comma is in force) or a single value; each item goes through
 * `parseQuantity` like the single-valued estimate inputs, with the same messages.
 */
const MAX_ITEMS = 10_000;
const raw = z.union([z.number(), z.string(), z.array(z.union([z.number(), z.string()])).max(MAX_ITEMS)]);

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

const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/** The training inputs as lists, shared by explore (CLI and HTTP API). */
export const trainingListsSchema = {
  model: nameList().optional(),
  params: quantityList(SCALE_BOUNDS.params).optional(),
  activeParams: quantityList(SCALE_BOUNDS.params).optional(),
  tokens: quantityList(SCALE_BOUNDS.tokens).optional(),
  hardware: nameList().optional(),
  precision: enumList<Precision>(PRECISIONS).optional(),
  chips: quantityList(SCALE_BOUNDS.chips).optional(),
  chipHours: quantityList(SCALE_BOUNDS.chipHours).optional(),
  days: quantityList(SCALE_BOUNDS.days).optional(),
  mfu: quantityList(SCALE_BOUNDS.mfu).optional(),
  powerW: quantityList({ unit: 'W', min: 0, exclusiveMin: true, max: 100_000 }).optional(),
  pue: quantityList({ min: 1, max: 5 }).optional(),
  location: nameList().optional(),
  gridIntensity: quantityList({ min: 0, max: 2000 }).optional(),
  renewableShare: quantityList({ min: 0, max: 1 }).optional(),
  layers: quantityList(SCALE_BOUNDS.layers).optional(),
  contextLength: quantityList(SCALE_BOUNDS.contextLength).optional(),
  dModel: quantityList(SCALE_BOUNDS.dModel).optional(),
};

export const exploreInputSchema = z
  .object({
    ...trainingListsSchema,
    year: quantityList({ min: 2000, max: 2100, integer: true }).optional(),
    scenario: nameList().optional(),
    efficiencyTrend: z.enum(EFFICIENCY_TRENDS.map((t) => t.id) as [string, ...string[]]).optional(),
    sort: z.string().trim().min(1).max(60).optional(),
    computeOptimal: flag.optional(),
    computeBudget: quantityList({ min: 1e10, max: 1e32 }).optional(),
    scalingFit: z.enum(SCALING_FITS.map((f) => f.id) as [SCALING_FITS_ID, ...SCALING_FITS_ID[]]).optional(),
    tokensPerParam: quantity({ min: 0, exclusiveMin: true, max: 100_000 }).optional(),
    ranges: flag.optional(),
  })
  .strict();

type SCALING_FITS_ID = (typeof SCALING_FITS)[number]['id'];

export type ExploreInput = z.output<typeof exploreInputSchema>;
