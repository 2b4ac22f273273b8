import type { Source } from './types.js';

/**
 * Data for projections: how fast accelerators get more efficient, how grids may decarbonise
 * under named scenarios, and the life-cycle intensity of each generation technology.
 */

// ---------------------------------------------------------------- hardware efficiency trends

export interface EfficiencyTrend {
  id: string;
  label: string;
  /** Years for peak FLOP/s per watt to double. */
  doublingYears: number;
  source: Source;
}

/** Peak FLOP/s per watt of ML accelerators over time. The first is the default (the more cautious). */
export const EFFICIENCY_TRENDS: readonly EfficiencyTrend[] = [
  {
    id: 'ml-gpus',
    label: 'ML GPUs, 2010–2023 (energy efficiency doubles every ~3 years)',
    doublingYears: 3,
    source: {
      citation:
        'Hobbhahn, Heim & Aydos 2023, "Trends in Machine Learning Hardware", Epoch AI: FLOP/s per watt of ML GPUs doubles every ~3 years (47 accelerators, 2010–2023)',
      year: 2023,
      url: 'https://epoch.ai/blog/trends-in-machine-learning-hardware',
      licence: 'CC BY 4.0',
    },
  },
  {
    id: 'leading',
    label: 'Leading ML hardware (+50% energy efficiency a year, doubling in ~1.7 years)',
    doublingYears: Math.log(2) / Math.log(1.5),
    source: {
      citation:
        'Epoch AI 2024, "Machine Learning Hardware" data insight: leading ML hardware becomes 50% more energy-efficient each year',
      year: 2024,
      url: 'https://epoch.ai/data/machine-learning-hardware',
      licence: 'CC BY 4.0',
    },
  },
];

// ---------------------------------------------------------------- grid scenarios

export type GridScenarioId = 'current-policies' | 'pledges' | 'net-zero';

/**
 * A scenario gives the ratio by which a grid's intensity falls from one year to another. The
 * ratio is applied to the location's own latest value (a global trajectory applied regionally).
 */
export type GridTrajectory =
  /** Constant yearly change, e.g. -0.014 for -1.4%/year. */
  | { kind: 'annual-change'; ratePerYear: number }
  /** Points (year, world intensity g/kWh) interpolated linearly; negative values mean net removals. */
  | { kind: 'points'; points: readonly (readonly [number, number])[] }
  /** Straight line from the base year's value to zero in `zeroYear`. */
  | { kind: 'linear-to-zero'; zeroYear: number };

export interface GridScenario {
  id: GridScenarioId;
  label: string;
  aliases: string[];
  trajectory: GridTrajectory;
  source: Source;
}

const EMBER_WORLD: Source = {
  citation:
    'Ember, Yearly Electricity Data (2025), world carbon intensity of electricity generation 544.7 g/kWh in 2014 and 473.0 g/kWh in 2024 (via Our World in Data) — a trend of -1.40%/year, extrapolated',
  year: 2025,
  url: 'https://ember-energy.org/data/yearly-electricity-data/',
  licence: 'CC BY 4.0',
};

export const GRID_SCENARIOS: readonly GridScenario[] = [
  {
    id: 'current-policies',
    label: 'Current policies: the 2014–2024 world trend continues (-1.40%/year)',
    aliases: ['current', 'stated-policies', 'steps', 'trend'],
    trajectory: { kind: 'annual-change', ratePerYear: (473.0 / 544.7) ** (1 / 10) - 1 },
    source: EMBER_WORLD,
  },
  {
    id: 'pledges',
    label: 'Announced pledges: power-sector emissions fall linearly to net zero in 2065',
    aliases: ['announced-pledges', 'aps', 'below-2c'],
    trajectory: { kind: 'linear-to-zero', zeroYear: 2065 },
    source: {
      citation:
        'IPCC AR6 WGIII (2022), Chapter 6 Executive Summary: in pathways likely limiting warming to 2 °C, net electricity-sector CO2 reaches zero globally between 2050 and 2080; modelled here as a straight line to zero in 2065, the middle of that range',
      year: 2022,
      url: 'https://www.ipcc.ch/report/ar6/wg3/chapter/chapter-6/',
    },
  },
  {
    id: 'net-zero',
    label: 'Net zero by 2050 (IEA NZE): world intensity 459 g/kWh (2020), 138 (2030), -1 (2040), -5 (2050)',
    aliases: ['nze', 'net-zero-2050', '1.5c'],
    trajectory: {
      kind: 'points',
      points: [
        [2010, 523],
        [2020, 459],
        [2030, 138],
        [2040, -1],
        [2050, -5],
      ],
    },
    source: {
      citation:
        'IEA, World Energy Outlook 2021, "Selected indicators in the Net Zero Emissions by 2050 Scenario": CO2 emissions intensity of electricity generation 523 (2010), 459 (2020), 138 (2030), -1 (2040), -5 (2050) g CO2/kWh',
      year: 2021,
      url: 'https://www.iea.org/reports/world-energy-outlook-2021/keeping-the-door-to-15-0c-open',
      licence: 'CC BY 4.0',
    },
  },
];

// ---------------------------------------------------------------- generation technologies

export type Technology =
  | 'coal'
  | 'oil'
  | 'gas'
  | 'biomass'
  | 'solar'
  | 'solar-rooftop'
  | 'csp'
  | 'wind'
  | 'wind-offshore'
  | 'hydro'
  | 'nuclear'
  | 'geothermal';

export interface TechnologyIntensity {
  id: Technology;
  label: string;
  aliases: string[];
  /** Life-cycle median, g CO2e/kWh. */
  intensityGPerKwh: number;
  source: Source;
}

const AR5 = (row: string, value: number): Source => ({
  citation: `IPCC AR5 WGIII (2014), Annex III (Schlömer et al.), Table A.III.2, life-cycle emissions, median: ${row} ${value} g CO2eq/kWh`,
  year: 2014,
  url: 'https://www.ipcc.ch/site/assets/uploads/2018/02/ipcc_wg3_ar5_annex-iii.pdf',
});

/** Life-cycle medians (IPCC AR5 Annex III); oil is not in that table, so Electricity Maps' factor is used. */
export const TECHNOLOGY_INTENSITIES: readonly TechnologyIntensity[] = [
  {
    id: 'coal',
    label: 'Coal (pulverised)',
    aliases: ['lignite', 'hard-coal'],
    intensityGPerKwh: 820,
    source: AR5('Coal—PC', 820),
  },
  {
    id: 'oil',
    label: 'Oil',
    aliases: ['diesel', 'fuel-oil'],
    intensityGPerKwh: 650,
    source: {
      citation:
        'Electricity Maps life-cycle emission factors (co2eq_parameters_lifecycle.json), oil 650 g CO2eq/kWh, sourced there to UK Parliamentary Office of Science and Technology (2006), "Carbon footprint of electricity generation"',
      year: 2006,
      url: 'https://github.com/electricitymaps/electricitymaps-contrib/blob/master/config/co2eq_parameters_lifecycle.json',
    },
  },
  {
    id: 'gas',
    label: 'Gas (combined cycle)',
    aliases: ['natural-gas', 'ccgt'],
    intensityGPerKwh: 490,
    source: AR5('Gas—Combined Cycle', 490),
  },
  {
    id: 'biomass',
    label: 'Biomass (dedicated)',
    aliases: ['bioenergy', 'biopower'],
    intensityGPerKwh: 230,
    source: AR5('Biomass—dedicated', 230),
  },
  {
    id: 'solar',
    label: 'Solar PV (utility)',
    aliases: ['pv', 'solar-utility'],
    intensityGPerKwh: 48,
    source: AR5('Solar PV—utility', 48),
  },
  {
    id: 'solar-rooftop',
    label: 'Solar PV (rooftop)',
    aliases: ['rooftop'],
    intensityGPerKwh: 41,
    source: AR5('Solar PV—rooftop', 41),
  },
  {
    id: 'csp',
    label: 'Concentrated solar power',
    aliases: ['solar-thermal'],
    intensityGPerKwh: 27,
    source: AR5('Concentrated Solar Power', 27),
  },
  {
    id: 'wind',
    label: 'Wind (onshore)',
    aliases: ['wind-onshore', 'onshore'],
    intensityGPerKwh: 11,
    source: AR5('Wind onshore', 11),
  },
  {
    id: 'wind-offshore',
    label: 'Wind (offshore)',
    aliases: ['offshore'],
    intensityGPerKwh: 12,
    source: AR5('Wind offshore', 12),
  },
  {
    id: 'hydro',
    label: 'Hydropower',
    aliases: ['hydropower', 'water'],
    intensityGPerKwh: 24,
    source: AR5('Hydropower', 24),
  },
  { id: 'nuclear', label: 'Nuclear', aliases: ['atom'], intensityGPerKwh: 12, source: AR5('Nuclear', 12) },
  {
    id: 'geothermal',
    label: 'Geothermal',
    aliases: ['geo'],
    intensityGPerKwh: 38,
    source: AR5('Geothermal', 38),
  },
];

/**
 * A grid's life-cycle intensity cannot fall below that of its clean plants: projections stop at
 * the intensity of an even mix of wind, solar, hydro and nuclear (IPCC AR5 medians), or at the
 * location's current value if that is already lower.
 */
export const CLEAN_GRID_FLOOR_MIX: Readonly<Partial<Record<Technology, number>>> = {
  wind: 0.25,
  solar: 0.25,
  hydro: 0.25,
  nuclear: 0.25,
};
