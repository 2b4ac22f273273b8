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
  if (input.calibration === undefined) return estimateTrainingUncalibrated(input, options.lang);
  const { calibration: name, ...scenario } = input;
  const calibration = await loadCalibration(await options.store(), name);
  return estimateTraining(scenario, options.lang, { calibration: calibrationFigures(calibration) });
}

/**
 * The training estimate of an input that names no calibration, at once (nothing to read): what
 * `estimateTrainingCalibrated` gives it. A calibration named is not read here: call that one.
 */
export function estimateTrainingUncalibrated(
  input: TrainingEstimateInput,
  lang?: 'en' | 'fr',
): TrainingEstimate {
  const { calibration: _unread, ...scenario } = input;
  return estimateTraining(scenario, lang);
}
