import { readFields } from './fields.js';
import type { TrainingEstimateInput } from './training.js';
import { TRAINING_ESTIMATE_FIELDS } from './training-fields.js';

/**
 * The training inputs read without zod, for the CLI's start-up (zod is the largest module a
 * command would load): each field read as the schema built from the same table reads it. Anything
 * else (an unknown field, a wrong type, a value out of bounds) returns `undefined`: the caller then
 * parses with the schema, whose error names the field. A test checks both read every field alike.
 */
export function readTrainingFlags(raw: Record<string, unknown>): TrainingEstimateInput | undefined {
  return readFields(TRAINING_ESTIMATE_FIELDS, raw);
}
