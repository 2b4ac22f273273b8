import { EFFICIENCY_TRENDS } from '../../catalog/projections.js';
import { SCALING_FITS, type ScalingFit } from '../../catalog/scaling-laws.js';
import { choiceField, customField, nameField, quantityField, switchField } from './fields.js';
import { TRAINING_FIELDS } from './training-fields.js';

/** The inputs that move a training scenario to a future year (`project`, `explore --year`). */
const TREND_IDS = EFFICIENCY_TRENDS.map((t) => t.id);
const YEAR = { min: 2000, max: 2100, integer: true } as const;

export const PROJECT_FIELDS = {
  ...TRAINING_FIELDS,
  year: quantityField(YEAR, 'year to project to (2030)', 'year'),
  scenario: nameField('grid scenario: current-policies (default), pledges or net-zero'),
  mix: customField('a generation mix instead of the grid: solar=0.3,wind=0.3,nuclear=0.2,gas=0.2', 'shares'),
  efficiencyTrend: choiceField(TREND_IDS, 'accelerator efficiency trend: ml-gpus (default) or leading'),
} as const;

/** `explore`: every training input but the Monte Carlo's, each a comma list. */
const { seed: _seed, draws: _draws, ...SWEPT } = TRAINING_FIELDS;

/** Inputs of `explore` that take a list of values (`1B,7B,70B`), swept as a cross product. */
export const EXPLORE_LIST_FIELDS = {
  ...SWEPT,
  year: quantityField(
    YEAR,
    'project to these years: accelerators and grids of that year (2030,2035)',
    'list',
  ),
  scenario: nameField('grid scenario for --year: current-policies, pledges, net-zero', 'list'),
  computeBudget: quantityField(
    { min: 1e10, max: 1e32 },
    'training FLOP budgets for --compute-optimal (1e23,1e24)',
    'list',
  ),
} as const;

/** Inputs of `explore` that take one value. */
export const EXPLORE_FIELDS = {
  efficiencyTrend: choiceField(
    TREND_IDS,
    'accelerator efficiency trend for --year: ml-gpus (default) or leading',
  ),
  sort: customField('sort rows by a column (co2eKg, energyKwh, params...; -co2eKg for descending)', 'column'),
  computeOptimal: switchField('Chinchilla: pick tokens (and sizes) that minimise the fitted loss'),
  scalingFit: choiceField(
    SCALING_FITS.map((f) => f.id) as ScalingFit['id'][],
    'loss fit: hoffmann-2022 (default) or besiroglu-2024',
  ),
  tokensPerParam: quantityField(
    { min: 0, exclusiveMin: true, max: 100_000 },
    'tokens per parameter with --compute-optimal --params (default 20)',
  ),
  ranges: switchField(
    'low and high values beside the central ones (default true)',
    'central values only (faster)',
  ),
} as const;
