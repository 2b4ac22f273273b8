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
  model: nameField('a model of the catalog (fills the other inputs from its publication)'),
  params: quantityField(SCALE_BOUNDS.params, 'total parameters (70e9, 70B)'),
  activeParams: quantityField(SCALE_BOUNDS.params, 'parameters active per token (mixture-of-experts)'),
  tokens: quantityField(SCALE_BOUNDS.tokens, 'training tokens (2T)'),
  hardware: nameField('accelerator (h100, a100-40gb, tpu-v4...)'),
  precision: PRECISION_FIELD,
  chips: quantityField(SCALE_BOUNDS.chips, 'number of accelerators'),
  chipHours: quantityField(SCALE_BOUNDS.chipHours, 'accelerator-hours, if known'),
  days: quantityField(SCALE_BOUNDS.days, 'wall-clock days (with --chips)'),
  mfu: quantityField(SCALE_BOUNDS.mfu, 'model FLOPs utilisation', 'f'),
  powerW: quantityField(
    { unit: 'W', min: 0, exclusiveMin: true, max: 100_000 },
    'system power per chip, host included',
    'w',
  ),
  ...SITE_FIELDS,
  layers: quantityField(SCALE_BOUNDS.layers, 'transformer layers (adds the attention FLOP term)'),
  contextLength: quantityField(SCALE_BOUNDS.contextLength, 'training sequence length (attention FLOP term)'),
  dModel: quantityField(SCALE_BOUNDS.dModel, 'model width (attention FLOP term)'),
  ...MONTE_CARLO_FIELDS,
} as const;

/** The training estimate's own: the scenario, and a calibration from the user's measured runs. */
export const TRAINING_ESTIMATE_FIELDS = {
  ...TRAINING_FIELDS,
  calibration: nameField('utilisation and chip power from your measured runs (empreinte calibrate)', 'name'),
} as const;

/** `recommend`: the scenario, and how many full runs it takes. */
export const RECOMMEND_FIELDS = {
  ...TRAINING_FIELDS,
  trials: quantityField(
    { min: 1, integer: true, max: 100_000 },
    'full training runs including hyper-parameter trials (default 1)',
  ),
} as const;

/** `calibrate`: a measured run and what it trained. */
export const CALIBRATE_FIELDS = {
  run: required(nameField('a run measured with empreinte run (id or unique prefix)')),
  params: required(describedAs(TRAINING_FIELDS.params, 'parameters the run trained (7e9, 7B)')),
  activeParams: TRAINING_FIELDS.activeParams,
  tokens: required(
    describedAs(TRAINING_FIELDS.tokens, 'tokens the run processed (forward and backward), e.g. 2B'),
  ),
  name: nameField(
    'calibration name; several runs under one name refine it (default: the hardware id)',
    'name',
  ),
  hardware: describedAs(
    TRAINING_FIELDS.hardware,
    'the chip, when the GPU name the driver reported is not in the catalog',
  ),
  precision: describedAs(
    PRECISION_FIELD,
    'precision the run trained at (default: the chip’s training precision)',
  ),
} as const;
