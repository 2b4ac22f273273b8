import { z } from 'zod';
import { PRECISIONS } from '../../catalog/types.js';
import { name, quantity, SCALE_BOUNDS } from './common.js';

/** Training estimate inputs, in the camelCase of the CLI flags; shared by the CLI and the HTTP API. */
export const trainingInputSchema = z
  .object({
    model: name().optional(),
    params: quantity(SCALE_BOUNDS.params).optional(),
    activeParams: quantity(SCALE_BOUNDS.params).optional(),
    tokens: quantity(SCALE_BOUNDS.tokens).optional(),
    hardware: name().optional(),
    precision: z.enum(PRECISIONS).optional(),
    chips: quantity(SCALE_BOUNDS.chips).optional(),
    chipHours: quantity(SCALE_BOUNDS.chipHours).optional(),
    days: quantity(SCALE_BOUNDS.days).optional(),
    mfu: quantity(SCALE_BOUNDS.mfu).optional(),
    powerW: quantity({ unit: 'W', min: 0, exclusiveMin: true, max: 100_000 }).optional(),
    pue: quantity({ min: 1, max: 5 }).optional(),
    location: name().optional(),
    gridIntensity: quantity({ min: 0, max: 2000 }).optional(),
    renewableShare: quantity({ min: 0, max: 1 }).optional(),
    layers: quantity(SCALE_BOUNDS.layers).optional(),
    contextLength: quantity(SCALE_BOUNDS.contextLength).optional(),
    dModel: quantity(SCALE_BOUNDS.dModel).optional(),
    seed: quantity({ min: 0, integer: true, max: 2 ** 32 - 1 }).optional(),
    draws: quantity({ min: 100, integer: true, max: 1_000_000 }).optional(),
  })
  .strict();

export type TrainingInput = z.output<typeof trainingInputSchema>;

/**
 * The training estimate's own inputs: the scenario, plus `calibration`, the name of a calibration
 * stored from the user's measured runs (`empreinte calibrate`), resolved by the estimate service.
 */
export const trainingEstimateInputSchema = trainingInputSchema
  .extend({ calibration: name().optional() })
  .strict();

export type TrainingEstimateInput = z.output<typeof trainingEstimateInputSchema>;
