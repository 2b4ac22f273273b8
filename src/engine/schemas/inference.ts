import { z } from 'zod';
import { accepts, quantity } from './common.js';
import { zodShape } from './fields-zod.js';
import { DEPLOYMENT_FIELDS, INFERENCE_FIELDS, PROFILE_NAMES, type SERVING_FIELDS } from './serving-fields.js';

export { PRESET_NAMES, PROFILE_NAMES } from './serving-fields.js';

/**
 * Inference and deployment inputs, in the camelCase of the CLI flags; shared by the CLI and the
 * HTTP API, built from the fields of `serving-fields.ts` as the flags are. Numbers may arrive as
 * strings (`"70B"`, `"1.5k"`): `quantity` parses them with `parseQuantity`, so a bad value is
 * reported against its own field.
 */
export const inferenceInputSchema = z.object(zodShape(INFERENCE_FIELDS)).strict();

export type InferenceInput = z.output<typeof inferenceInputSchema>;
export type ServingInput = Pick<InferenceInput, keyof typeof SERVING_FIELDS>;

/** A daily traffic profile: a named one, or 24 hourly weights (a comma list on the command line). */
const profile = z.preprocess(
  (value) =>
    typeof value === 'string' && value.includes(',') ? value.split(',').map((v) => v.trim()) : value,
  z.union(
    [
      z.enum(PROFILE_NAMES),
      z.array(quantity({ min: 0 })).length(24, 'expected 24 hourly weights, one per hour from midnight'),
    ],
    accepts('accepted.profile', { names: PROFILE_NAMES.join(', ') }),
  ),
);

export const deploymentInputSchema = z
  .object(
    zodShape(DEPLOYMENT_FIELDS, {
      promptCaching: z.union(
        [z.boolean(), z.enum(['on', 'off']).transform((v) => v === 'on')],
        accepts('accepted.onOff'),
      ),
      profile,
      compare: z.array(z.string().trim().min(1)),
    }),
  )
  .strict();

export type DeploymentInput = z.output<typeof deploymentInputSchema>;
