import type { TrainingEstimateInput } from '../engine/schemas/training.js';
import { estimateTraining, type TrainingEstimate } from '../engine/training.js';
import type { Store } from '../records.js';
import { calibrationFigures, loadCalibration } from './calibrate.js';

/**
 * The training estimate, with `calibration` resolved: the named calibration is read from the store
 * and its figures handed to the (pure) engine. Without `calibration` the store is never opened.
 */
export async function estimateTrainingCalibrated(
  input: TrainingEstimateInput,
  options: { store: () => Promise<Store>; lang?: 'en' | 'fr' },
): Promise<TrainingEstimate> {
  const { calibration: name, ...scenario } = input;
  if (name === undefined) return estimateTraining(scenario, options.lang);
  const calibration = await loadCalibration(await options.store(), name);
  return estimateTraining(scenario, options.lang, { calibration: calibrationFigures(calibration) });
}
