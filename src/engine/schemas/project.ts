import { z } from 'zod';
import { isEmpreinteError, issueOf } from '../../errors.js';
import { msg } from '../../messages/index.js';
import { parseQuantity } from '../units.js';
import { accepts, reject } from './common.js';
import { zodShape } from './fields-zod.js';
import { PROJECT_FIELDS } from './project-fields.js';

/**
 * A generation mix: `solar=0.3,wind=0.3,nuclear=0.2,gas=0.2` (CLI) or `{"solar":0.3,...}` (JSON).
 * Technologies and the sum of shares are checked by the projection engine.
 */
export const mixSchema = z
  .union(
    [z.string().max(500), z.record(z.string().max(40), z.union([z.number(), z.string().max(40)]))],
    accepts('accepted.mixPairs'),
  )
  .transform((value, ctx) => {
    const pairs: [string, string | number][] =
      typeof value === 'string'
        ? value
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s.length > 0)
            .map((s) => {
              const at = s.search(/[=:]/);
              return at < 0 ? [s, ''] : [s.slice(0, at).trim(), s.slice(at + 1).trim()];
            })
        : Object.entries(value);
    const shares: Record<string, number> = {};
    for (const [tech, share] of pairs) {
      try {
        shares[tech] = (shares[tech] ?? 0) + parseQuantity(share, 'mix', { min: 0, max: 1 });
      } catch (error) {
        if (!isEmpreinteError(error)) throw error;
        const params = { value: `${tech}=${share}`, accepted: msg('accepted.mixPairs') };
        return reject(ctx, issueOf('invalid_value', 'mix', 'error.notShare', params));
      }
    }
    return shares;
  });

/**
 * `project`: a training scenario, the year to project it to, and how. Shared by the CLI and the
 * HTTP API; built from `PROJECT_FIELDS`, as the flags are.
 */
export const projectInputSchema = z
  .object(zodShape(PROJECT_FIELDS, { mix: mixSchema }))
  .strict()
  .superRefine((input, ctx) => {
    if (input.year === undefined) {
      reject(ctx, issueOf('missing', 'year', 'error.yearRequired', { accepted: msg('accepted.year') }), [
        'year',
      ]);
    }
  });

export type ProjectInput = z.output<typeof projectInputSchema> & { year: number };
