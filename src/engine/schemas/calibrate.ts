import { z } from 'zod';
import { PRECISIONS } from '../../catalog/types.js';
import { name, quantity, SCALE_BOUNDS } from './common.js';

/**
 * `empreinte calibrate` / `POST /api/v1/calibrate`: a measured run, what it trained (parameters and
 * tokens), and the name to keep its figures under (default: the hardware id).
 */
export const calibrateInputSchema = z
  .object({
    run: name(),
    params: quantity(SCALE_BOUNDS.params),
    activeParams: quantity(SCALE_BOUNDS.params).optional(),
    tokens: quantity(SCALE_BOUNDS.tokens),
    name: name().optional(),
    hardware: name().optional(),
    precision: z.enum(PRECISIONS).optional(),
  })
  .strict();

export type CalibrateInput = z.output<typeof calibrateInputSchema>;
