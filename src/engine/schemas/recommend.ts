import type { z } from 'zod';
import { quantity } from './common.js';
import { trainingInputSchema } from './training.js';

/**
 * `recommend`: a training scenario, and how many full runs it takes (hyper-parameter trials
 * included). Shared by the CLI and the HTTP API.
 */
export const recommendInputSchema = trainingInputSchema.extend({
  trials: quantity({ min: 1, integer: true, max: 100_000 }).optional(),
});

export type RecommendInput = z.output<typeof recommendInputSchema>;
