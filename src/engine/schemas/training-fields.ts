import { SCALE_BOUNDS } from './bounds.js';
import {
  describedAs,
  MONTE_CARLO_FIELDS,
  nameField,
  PRECISION_FIELD,
  quantityField,
  required,
  SITE_FIELDS,
} from './fields.js';

/**
 * The training scenario's inputs (the CLI's flags, the API's body fields), declared once: the
 * schemas in `training.ts`, `recommend.ts`, `project.ts`, `explore.ts` and `calibrate.ts` and the
 * flags of the commands that take them are built from these tables.
 */
export const TRAINING_FIELDS = {
  model: nameField('help.trainingModel'),
  params: quantityField(SCALE_BOUNDS.params, 'help.trainingParams'),
  activeParams: quantityField(SCALE_BOUNDS.params, 'help.activeParams'),
  tokens: quantityField(SCALE_BOUNDS.tokens, 'help.tokens'),
  hardware: nameField('help.trainingHardware'),
  precision: PRECISION_FIELD,
  chips: quantityField(SCALE_BOUNDS.chips, 'help.chips'),
  chipHours: quantityField(SCALE_BOUNDS.chipHours, 'help.chipHours'),
  days: quantityField(SCALE_BOUNDS.days, 'help.days'),
  mfu: quantityField(SCALE_BOUNDS.mfu, 'help.mfu', 'f'),
  powerW: quantityField({ unit: 'W', min: 0, exclusiveMin: true, max: 100_000 }, 'help.powerW', 'w'),
  ...SITE_FIELDS,
  layers: quantityField(SCALE_BOUNDS.layers, 'help.layers'),
  contextLength: quantityField(SCALE_BOUNDS.contextLength, 'help.contextLength'),
  dModel: quantityField(SCALE_BOUNDS.dModel, 'help.dModel'),
  ...MONTE_CARLO_FIELDS,
} as const;

/** The training estimate's own: the scenario, and a calibration from the user's measured runs. */
export const TRAINING_ESTIMATE_FIELDS = {
  ...TRAINING_FIELDS,
  calibration: nameField('help.calibration', 'name'),
} as const;

/** `recommend`: the scenario, and how many full runs it takes. */
export const RECOMMEND_FIELDS = {
  ...TRAINING_FIELDS,
  trials: quantityField({ min: 1, integer: true, max: 100_000 }, 'help.trials'),
} as const;

/** `calibrate`: a measured run and what it trained. */
export const CALIBRATE_FIELDS = {
  run: required(nameField('help.calibrateRun')),
  params: required(describedAs(TRAINING_FIELDS.params, 'help.calibrateParams')),
  activeParams: TRAINING_FIELDS.activeParams,
  tokens: required(describedAs(TRAINING_FIELDS.tokens, 'help.calibrateTokens')),
  name: nameField('help.calibrationName', 'name'),
  hardware: describedAs(TRAINING_FIELDS.hardware, 'help.calibrationHardware'),
  precision: describedAs(PRECISION_FIELD, 'help.calibrationPrecision'),
} as const;
