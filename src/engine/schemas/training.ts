import { z } from 'zod';
import { PRECISIONS } from '../../catalog/types.js';
import { name, quantity } from './common.js';

/** Training estimate inputs, in the camelCase of the CLI flags; shared by the CLI and the HTTP API. */
export const trainingInputSchema = z
  .object({
    model: name().optional(),
    params: quantity({ min: 0, exclusiveMin: true }).optional(),
    activeParams: quantity({ min: 0, exclusiveMin: true }).optional(),
    tokens: quantity({ min: 0, exclusiveMin: true }).optional(),
    hardware: name().optional(),
    precision: z.enum(PRECISIONS).optional(),
    chips: quantity({ min: 1, integer: true }).optional(),
    chipHours: quantity({ min: 0, exclusiveMin: true }).optional(),
    days: quantity({ min: 0, exclusiveMin: true }).optional(),
    mfu: quantity({ min: 0, exclusiveMin: true, max: 1 }).optional(),
    powerW: quantity({ unit: 'W', min: 0, exclusiveMin: true, max: 100_000 }).optional(),
    pue: quantity({ min: 1, max: 5 }).optional(),
    location: name().optional(),
    gridIntensity: quantity({ min: 0, max: 2000 }).optional(),
    renewableShare: quantity({ min: 0, max: 1 }).optional(),
    layers: quantity({ min: 1, integer: true }).optional(),
    contextLength: quantity({ min: 1, integer: true }).optional(),
    dModel: quantity({ min: 1, integer: true }).optional(),
    seed: quantity({ min: 0, integer: true, max: 2 ** 32 - 1 }).optional(),
    draws: quantity({ min: 100, integer: true, max: 1_000_000 }).optional(),
  })
  .strict();

export type TrainingInput = z.output<typeof trainingInputSchema>;
