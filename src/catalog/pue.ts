import type { PueEntry } from './types.js';

/**
 * Power usage effectiveness (facility energy / IT energy): operators' own fleet-wide annual figures,
 * and survey averages used when the operator is unknown. The first entry is the default.
 */
export const PUE_DEFAULTS: readonly PueEntry[] = [
  {
    id: 'industry-average',
    label: 'Industry average (largest data center of each surveyed operator)',
    pue: 1.54,
    source: {
      citation:
        'Uptime Institute, Global Data Center Survey 2025: weighted average annual PUE 1.54 (1.56 in 2024)',
      year: 2025,
      url: 'https://intelligence.uptimeinstitute.com/resource/uptime-institute-global-data-center-survey-2025',
    },
  },
  {
    id: 'gcp',
    label: 'Google data centers, fleet-wide',
    pue: 1.09,
    source: {
      citation:
        'Google, 2025 Environmental Report: average annual fleet-wide PUE 1.09 in 2024 (1.10 in 2023)',
      year: 2024,
      url: 'https://www.google.com/about/datacenters/efficiency/',
    },
  },
  {
    id: 'aws',
    label: 'Amazon Web Services data centers, global',
    pue: 1.14,
    source: {
      citation:
        'Amazon Sustainability, AWS Cloud: average global PUE 1.14 in 2025 (1.15 in 2024, 2024 Amazon Sustainability Report)',
      year: 2025,
      url: 'https://sustainability.aboutamazon.com/products-services/aws-cloud',
    },
  },
  {
    id: 'azure',
    label: 'Microsoft data centers, global operating average',
    pue: 1.18,
    source: {
      citation:
        'Microsoft (N. Walsh), How Microsoft measures datacenter water and energy use, Azure blog, April 2022: global operating PUE 1.18; design PUE of the newest generation 1.12',
      year: 2022,
      url: 'https://datacenters.microsoft.com/sustainability/efficiency/',
    },
  },
  {
    id: 'meta',
    label: 'Meta data centers, fleet',
    pue: 1.08,
    source: {
      citation: 'Meta, 2024 Sustainability Report, data index: data center PUE 1.08 in 2023',
      year: 2023,
      url: 'https://sustainability.atmeta.com/data-centers/',
    },
  },
  {
    id: 'hyperscale',
    label: 'Public cloud industry average',
    pue: 1.25,
    source: {
      citation:
        'IDC, 2H Datacenter Trends: Sustainable Datacenter Builds and CO2 Emissions (doc. US51911924, January 2025), as cited by AWS: public cloud average PUE 1.25',
      year: 2025,
      url: 'https://aws.amazon.com/sustainability/data-centers/',
    },
  },
  {
    id: 'on-premises',
    label: 'On-premises enterprise data centers',
    pue: 1.63,
    source: {
      citation:
        'IDC, 2H Datacenter Trends: Sustainable Datacenter Builds and CO2 Emissions (doc. US51911924, January 2025), as cited by AWS: on-premises enterprise average PUE 1.63',
      year: 2025,
      url: 'https://aws.amazon.com/sustainability/data-centers/',
    },
  },
];

const INDUSTRY_AVERAGE = PUE_DEFAULTS[0];
const PROVIDER_ALIASES: Readonly<Record<string, string>> = {
  google: 'gcp',
  'google-cloud': 'gcp',
  microsoft: 'azure',
  amazon: 'aws',
  facebook: 'meta',
};

/** The operator's fleet PUE (`aws`, `gcp`, `azure`, `meta`, ...), else the industry average. */
export function defaultPue(provider?: string): PueEntry {
  if (!provider) return INDUSTRY_AVERAGE;
  const key = provider.trim().toLowerCase();
  return PUE_DEFAULTS.find((e) => e.id === (PROVIDER_ALIASES[key] ?? key)) ?? INDUSTRY_AVERAGE;
}
