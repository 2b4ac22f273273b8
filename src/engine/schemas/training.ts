import { z } from 'zod';
import { zodShape } from './fields-zod.js';
import { TRAINING_ESTIMATE_FIELDS, TRAINING_FIELDS } from './training-fields.js';

/**
 * Training estimate inputs, in the camelCase of the CLI flags; shared by the CLI and the HTTP API.
 * Built from the fields declared in `training-fields.ts`, as the CLI's flags are.
 */
export const trainingInputSchema = z.object(zodShape(TRAINING_FIELDS)).strict();

export type TrainingInput = z.output<typeof trainingInputSchema>;

/**
 * The training estimate's own inputs: the scenario, plus `calibration`, the name of a calibration
 * stored from the user's measured runs (`empreinte calibrate`), resolved by the estimate service.
 */
export const trainingEstimateInputSchema = z.object(zodShape(TRAINING_ESTIMATE_FIELDS)).strict();

export type TrainingEstimateInput = z.output<typeof trainingEstimateInputSchema>;
