import { z } from 'zod';
import { zodShape } from './fields-zod.js';
import { RECOMMEND_FIELDS } from './training-fields.js';

/**
 * `recommend`: a training scenario, and how many full runs it takes (hyper-parameter trials
 * included). Shared by the CLI and the HTTP API; built from `RECOMMEND_FIELDS`, as the flags are.
 */
export const recommendInputSchema = z.object(zodShape(RECOMMEND_FIELDS)).strict();

export type RecommendInput = z.output<typeof recommendInputSchema>;
