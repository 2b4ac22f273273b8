import type { PueEntry } from './types.js';

/**
 * Power usage effectiveness (facility energy / IT energy) by operator: fleet-wide annual figures
 * from the operators' own reports, and the industry average used when the operator is unknown.
 */
export const PUE_DEFAULTS: readonly PueEntry[] = [
  {
    id: 'industry-average',
    label: 'Industry average (Uptime Institute survey)',
    pue: 1.56,
    source: {
      citation: 'Uptime Institute, Global Data Center Survey 2024: average annual PUE 1.56',
      year: 2024,
      url: 'https://uptimeinstitute.com/resources/research-and-reports/uptime-institute-global-data-center-survey-results-2024',
    },
  },
  {
    id: 'gcp',
    label: 'Google data centers (fleet, trailing twelve months)',
    pue: 1.09,
    source: {
      citation: 'Google, 2025 Environmental Report: average annual fleet-wide PUE 1.09 in 2024',
      year: 2024,
      url: 'https://www.google.com/about/datacenters/efficiency/',
    },
  },
  {
    id: 'aws',
    label: 'Amazon Web Services data centers (global)',
    pue: 1.15,
    source: {
      citation: 'Amazon, 2024 Sustainability Report: AWS global data center PUE 1.15 in 2024',
      year: 2024,
      url: 'https://sustainability.aboutamazon.com/products-services/aws-cloud',
    },
  },
  {
    id: 'azure',
    label: 'Microsoft data centers (design PUE of new builds)',
    pue: 1.12,
    source: {
      citation:
        'Microsoft, 2024 Environmental Sustainability Report: new data center designs target PUE 1.12',
      year: 2024,
      url: 'https://datacenters.microsoft.com/sustainability/efficiency/',
    },
  },
  {
    id: 'meta',
    label: 'Meta data centers (fleet)',
    pue: 1.08,
    source: {
      citation: 'Meta, 2024 Sustainability Report: data center fleet PUE 1.08 in 2023',
      year: 2023,
      url: 'https://sustainability.atmeta.com/data-centers/',
    },
  },
];

const INDUSTRY_AVERAGE = PUE_DEFAULTS[0];

/** The provider's fleet PUE (`aws`, `gcp`, `azure`, `meta`...), else the industry average. */
export function defaultPue(provider?: string): PueEntry {
  if (!provider) return INDUSTRY_AVERAGE;
  const key = provider.toLowerCase();
  const aliases: Record<string, string> = {
    google: 'gcp',
    microsoft: 'azure',
    amazon: 'aws',
    facebook: 'meta',
  };
  return PUE_DEFAULTS.find((e) => e.id === (aliases[key] ?? key)) ?? INDUSTRY_AVERAGE;
}
