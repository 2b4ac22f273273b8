// The training input of a published evidence run, as a user would give it: size, data, hardware and
// chips where published, on a stated site (shared by the benches that estimate the evidence).
import type { TrainingRun } from '../src/catalog/training-evidence.js';
import { parseInput } from '../src/engine/schemas/common.js';
import { trainingInputSchema } from '../src/engine/schemas/training.js';

export const evidenceInput = (r: TrainingRun, site: { pue: number; gridIntensity: number }) =>
  parseInput(trainingInputSchema, {
    params: r.paramsTotal,
    activeParams: r.paramsActive,
    tokens: r.tokens,
    hardware: r.hardwareId,
    chips: r.chips,
    ...site,
  });
