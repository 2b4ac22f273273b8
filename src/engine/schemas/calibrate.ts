import { z } from 'zod';
import { zodShape } from './fields-zod.js';
import { CALIBRATE_FIELDS } from './training-fields.js';

/**
 * `empreinte calibrate` / `POST /api/v1/calibrate`: a measured run, what it trained (parameters and
 * tokens), and the name to keep its figures under (default: the hardware id). Built from
 * `CALIBRATE_FIELDS`, as the flags are.
 */
export const calibrateInputSchema = z.object(zodShape(CALIBRATE_FIELDS)).strict();

export type CalibrateInput = z.output<typeof calibrateInputSchema>;
