import { EFFICIENCY_TRENDS } from '../../catalog/projections.js';
import { SCALING_FITS, type ScalingFit } from '../../catalog/scaling-laws.js';
import { choiceField, customField, nameField, quantityField, switchField } from './fields.js';
import { TRAINING_FIELDS } from './training-fields.js';

/** The inputs that move a training scenario to a future year (`project`, `explore --year`). */
const TREND_IDS = EFFICIENCY_TRENDS.map((t) => t.id);
const YEAR = { min: 2000, max: 2100, integer: true } as const;

export const PROJECT_FIELDS = {
  ...TRAINING_FIELDS,
  year: quantityField(YEAR, 'help.year', 'year'),
  scenario: nameField('help.scenario'),
  mix: customField('help.mix', 'shares'),
  efficiencyTrend: choiceField(TREND_IDS, 'help.efficiencyTrend'),
} as const;

/** `explore`: every training input but the Monte Carlo's, each a comma list. */
const { seed: _seed, draws: _draws, ...SWEPT } = TRAINING_FIELDS;

/** Inputs of `explore` that take a list of values (`1B,7B,70B`), swept as a cross product. */
export const EXPLORE_LIST_FIELDS = {
  ...SWEPT,
  year: quantityField(YEAR, 'help.exploreYear', 'list'),
  scenario: nameField('help.exploreScenario', 'list'),
  computeBudget: quantityField({ min: 1e10, max: 1e32 }, 'help.computeBudget', 'list'),
} as const;

/** Inputs of `explore` that take one value. */
export const EXPLORE_FIELDS = {
  efficiencyTrend: choiceField(TREND_IDS, 'help.exploreEfficiencyTrend'),
  sort: customField('help.sort', 'column'),
  computeOptimal: switchField('help.computeOptimal'),
  scalingFit: choiceField(SCALING_FITS.map((f) => f.id) as ScalingFit['id'][], 'help.scalingFit'),
  tokensPerParam: quantityField({ min: 0, exclusiveMin: true, max: 100_000 }, 'help.tokensPerParam'),
  ranges: switchField('help.ranges', 'help.noRanges'),
} as const;
