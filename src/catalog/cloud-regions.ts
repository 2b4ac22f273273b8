import type { Source } from './types.js';

/**
 * Cloud regions of AWS, Google Cloud and Azure, each mapped to the Electricity Maps zone it sits in.
 * The region's intensity is that zone's (see locations.ts); where the provider publishes its own
 * figure (Google Cloud's region carbon data) it is kept in `providerFigure`.
 *
 * Mappings come from Cloud Carbon Footprint (Thoughtworks, Apache-2.0) where it has one; for regions
 * it lacks or maps to a zone that does not contain the region, the zone is chosen from the region's
 * location as the provider documents it (`mappingSource` says which).
 */

export type CloudProvider = 'aws' | 'gcp' | 'azure';
export const CLOUD_PROVIDERS: readonly CloudProvider[] = ['aws', 'gcp', 'azure'];

/** The provider's own annual figure for the region. */
export interface ProviderFigure {
  /** Location-based grid intensity, g CO2e/kWh. */
  intensityGPerKwh: number;
  /** Hourly carbon-free energy share, 0..1 (Google CFE%). */
  cfe?: number;
  year: number;
  source: Source;
}

export interface CloudRegion {
  provider: CloudProvider;
  /** The provider's region code: `eu-west-3`, `europe-west1`, `francecentral`. */
  region: string;
  /** City or area, as the provider names it. */
  location: string;
  /** Electricity Maps zone key. */
  zone: string;
  mappingSource: Source;
  providerFigure?: ProviderFigure;
}

const CCF_REPO = 'https://github.com/cloud-carbon-footprint/cloud-carbon-footprint/blob/trunk/packages';
const ccfSource = (constant: string, path: string): Source => ({
  citation: `Cloud Carbon Footprint (Thoughtworks), ${constant} in ${path}`,
  year: 2024,
  url: `${CCF_REPO}/${path}`,
  licence: 'Apache-2.0',
});
const CCF: Record<CloudProvider, Source> = {
  aws: ccfSource('AWS_MAPPED_REGIONS_TO_ELECTRICITY_MAPS_ZONES', 'aws/src/lib/AWSRegions.ts'),
  gcp: ccfSource('GCP_MAPPED_REGIONS_TO_ELECTRICITY_MAPS_ZONES', 'gcp/src/lib/GCPRegions.ts'),
  azure: ccfSource('AZURE_MAPPED_REGIONS_TO_ELECTRICITY_MAPS_ZONES', 'azure/src/lib/AzureRegions.ts'),
};

const byLocation = (citation: string, url: string, note = ''): Source => ({
  citation: `${citation} (region location); zone of that location chosen by empreinte${note}`,
  year: 2025,
  url,
});
const LOCATED: Record<CloudProvider, Source> = {
  aws: byLocation(
    'AWS, Regions and Availability Zones',
    'https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html',
  ),
  gcp: byLocation('Google Cloud, Cloud locations', 'https://cloud.google.com/about/locations'),
  azure: byLocation(
    'Microsoft Azure, list of regions',
    'https://learn.microsoft.com/en-us/azure/reliability/regions-list',
  ),
};
/** Where CCF's zone does not contain the region, say so. */
const corrected = (provider: CloudProvider, ccfZone: string): Source => ({
  ...LOCATED[provider],
  citation: `${LOCATED[provider].citation} (Cloud Carbon Footprint maps it to ${ccfZone})`,
});

const GOOGLE_2024: Source = {
  citation:
    'Google Cloud, Carbon free energy for Google Cloud regions, 2024 data (GoogleCloudPlatform/region-carbon-info, data/yearly/2024.csv)',
  year: 2024,
  url: 'https://cloud.google.com/sustainability/region-carbon',
  licence: 'Apache-2.0',
};

type Row = [region: string, location: string, zone: string, mapping?: Source];

function rows(provider: CloudProvider, list: Row[]): CloudRegion[] {
  return list.map(([region, location, zone, mapping]) => ({
    provider,
    region,
    location,
    zone,
    mappingSource: mapping ?? CCF[provider],
  }));
}

const AWS = rows('aws', [
  ['us-east-1', 'N. Virginia', 'US-MIDA-PJM'],
  ['us-east-2', 'Ohio', 'US-MIDA-PJM'],
  ['us-west-1', 'N. California', 'US-CAL-CISO'],
  ['us-west-2', 'Oregon', 'US-NW-PACW'],
  ['us-gov-east-1', 'GovCloud US-East, Ohio', 'US-MIDA-PJM'],
  ['us-gov-west-1', 'GovCloud US-West, Oregon', 'US-NW-PACW'],
  ['af-south-1', 'Cape Town', 'ZA'],
  ['ap-east-1', 'Hong Kong', 'HK', LOCATED.aws],
  ['ap-east-2', 'Taipei', 'TW', LOCATED.aws],
  ['ap-south-1', 'Mumbai', 'IN-WE'],
  ['ap-south-2', 'Hyderabad', 'IN-SO', LOCATED.aws],
  ['ap-northeast-1', 'Tokyo', 'JP-TK'],
  ['ap-northeast-2', 'Seoul', 'KR'],
  ['ap-northeast-3', 'Osaka', 'JP-KN'],
  ['ap-southeast-1', 'Singapore', 'SG'],
  ['ap-southeast-2', 'Sydney', 'AU-NSW'],
  ['ap-southeast-3', 'Jakarta', 'ID'],
  ['ap-southeast-4', 'Melbourne', 'AU-VIC', LOCATED.aws],
  ['ap-southeast-5', 'Malaysia', 'MY-WM', LOCATED.aws],
  ['ap-southeast-7', 'Thailand', 'TH', LOCATED.aws],
  ['ca-central-1', 'Canada (Central), Montréal', 'CA-QC'],
  ['ca-west-1', 'Calgary', 'CA-AB', LOCATED.aws],
  ['cn-north-1', 'Beijing', 'CN', LOCATED.aws],
  ['cn-northwest-1', 'Ningxia', 'CN', LOCATED.aws],
  ['eu-central-1', 'Frankfurt', 'DE'],
  ['eu-central-2', 'Zurich', 'CH', LOCATED.aws],
  ['eu-west-1', 'Ireland', 'IE'],
  ['eu-west-2', 'London', 'GB'],
  ['eu-west-3', 'Paris', 'FR'],
  ['eu-south-1', 'Milan', 'IT-NO'],
  ['eu-south-2', 'Spain', 'ES', LOCATED.aws],
  ['eu-north-1', 'Stockholm', 'SE-SE3'],
  ['il-central-1', 'Tel Aviv', 'IL', LOCATED.aws],
  ['me-south-1', 'Bahrain', 'BH', LOCATED.aws],
  ['me-central-1', 'UAE', 'AE', LOCATED.aws],
  ['mx-central-1', 'Mexico (Central)', 'MX', LOCATED.aws],
  ['sa-east-1', 'São Paulo', 'BR-CS'],
]);

/** Google Cloud regions with Google's own 2024 figures: [region, location, zone, CFE 0..1, grid g/kWh, mapping]. */
type GoogleRow = [
  region: string,
  location: string,
  zone: string,
  cfe: number,
  gridGPerKwh: number,
  mapping?: Source,
];
const GCP: CloudRegion[] = (
  [
    ['africa-south1', 'Johannesburg', 'ZA', 0.15, 656.85, LOCATED.gcp],
    ['asia-east1', 'Taiwan', 'TW', 0.17, 439.29],
    ['asia-east2', 'Hong Kong', 'HK', 0.01, 505.02, LOCATED.gcp],
    ['asia-northeast1', 'Tokyo', 'JP-TK', 0.17, 452.85],
    ['asia-northeast2', 'Osaka', 'JP-KN', 0.46, 296.19],
    ['asia-northeast3', 'Seoul', 'KR', 0.37, 356.57],
    ['asia-south1', 'Mumbai', 'IN-WE', 0.09, 678.76],
    ['asia-south2', 'Delhi', 'IN-NO', 0.29, 531.83],
    ['asia-southeast1', 'Singapore', 'SG', 0.04, 366.85],
    ['asia-southeast2', 'Jakarta', 'ID', 0.18, 560.55],
    ['australia-southeast1', 'Sydney', 'AU-NSW', 0.34, 497.5],
    ['australia-southeast2', 'Melbourne', 'AU-VIC', 0.39, 454.37],
    ['europe-central2', 'Warsaw', 'PL', 0.4, 642.88],
    ['europe-north1', 'Finland', 'FI', 0.98, 39.32],
    ['europe-north2', 'Stockholm', 'SE-SE3', 1.0, 2.73, LOCATED.gcp],
    ['europe-southwest1', 'Madrid', 'ES', 0.87, 89.04],
    ['europe-west1', 'Belgium', 'BE', 0.84, 103.37],
    ['europe-west2', 'London', 'GB', 0.79, 105.94],
    ['europe-west3', 'Frankfurt', 'DE', 0.68, 275.82],
    ['europe-west4', 'Eemshaven', 'NL', 0.83, 208.81],
    ['europe-west6', 'Zürich', 'CH', 0.98, 15.05],
    ['europe-west8', 'Milan', 'IT-NO', 0.73, 201.69],
    ['europe-west9', 'Paris', 'FR', 0.96, 16.3],
    ['europe-west10', 'Berlin', 'DE', 0.68, 275.82],
    ['europe-west12', 'Turin', 'IT-NO', 0.73, 201.69],
    ['me-central1', 'Doha', 'QA', 0.01, 366, LOCATED.gcp],
    ['me-central2', 'Dammam', 'SA', 0.01, 382.23, LOCATED.gcp],
    ['me-west1', 'Tel Aviv', 'IL', 0.07, 433.75, LOCATED.gcp],
    ['northamerica-northeast1', 'Montréal', 'CA-QC', 0.99, 5.48],
    ['northamerica-northeast2', 'Toronto', 'CA-ON', 0.84, 58.56],
    ['northamerica-south1', 'Mexico (Querétaro)', 'MX', 0.19, 305, LOCATED.gcp],
    ['southamerica-east1', 'São Paulo', 'BR-CS', 0.88, 67.32],
    ['southamerica-west1', 'Santiago', 'CL-SEN', 0.92, 238],
    ['us-central1', 'Iowa', 'US-MIDW-MISO', 0.87, 412.72],
    ['us-central2', 'Oklahoma', 'US-CENT-SWPP', 0.88, 372.23, corrected('gcp', 'US-MIDW-MISO')],
    ['us-east1', 'South Carolina', 'US-CAR-SCEG', 0.31, 575.77],
    ['us-east2', 'Georgia', 'US-SE-SOCO', 0.42, 340.42, LOCATED.gcp],
    ['us-east4', 'Northern Virginia', 'US-MIDA-PJM', 0.62, 323.05],
    ['us-east5', 'Columbus', 'US-MIDA-PJM', 0.62, 323.05],
    ['us-south1', 'Dallas', 'US-TEX-ERCO', 0.94, 302.95],
    ['us-west1', 'Oregon', 'US-NW-PACW', 0.87, 79.23],
    ['us-west2', 'Los Angeles', 'US-CAL-CISO', 0.63, 169.28],
    ['us-west3', 'Salt Lake City', 'US-NW-PACE', 0.33, 555.17],
    ['us-west4', 'Las Vegas', 'US-NW-NEVP', 0.64, 357.3],
  ] satisfies GoogleRow[]
).map(([region, location, zone, cfe, grid, mapping]: GoogleRow) => ({
  provider: 'gcp' as const,
  region,
  location,
  zone,
  mappingSource: mapping ?? CCF.gcp,
  providerFigure: { intensityGPerKwh: grid, cfe, year: 2024, source: GOOGLE_2024 },
}));

const AZURE = rows('azure', [
  ['australiacentral', 'Canberra', 'AU-NSW'],
  ['australiacentral2', 'Canberra', 'AU-NSW'],
  ['australiaeast', 'New South Wales', 'AU-NSW'],
  ['australiasoutheast', 'Victoria', 'AU-VIC'],
  ['austriaeast', 'Vienna', 'AT', LOCATED.azure],
  ['brazilsouth', 'São Paulo State', 'BR-CS'],
  ['brazilsoutheast', 'Rio', 'BR-CS'],
  ['canadacentral', 'Toronto', 'CA-ON'],
  ['canadaeast', 'Quebec City', 'CA-QC'],
  ['centralindia', 'Pune', 'IN-WE'],
  ['centralus', 'Iowa', 'US-MIDW-MISO'],
  ['chilecentral', 'Santiago', 'CL-SEN', LOCATED.azure],
  ['eastasia', 'Hong Kong', 'HK', LOCATED.azure],
  ['eastus', 'Virginia', 'US-MIDA-PJM'],
  ['eastus2', 'Virginia', 'US-MIDA-PJM'],
  ['francecentral', 'Paris', 'FR'],
  ['francesouth', 'Marseille', 'FR'],
  ['germanynorth', 'Berlin', 'DE'],
  ['germanywestcentral', 'Frankfurt', 'DE'],
  ['indonesiacentral', 'Jakarta', 'ID', LOCATED.azure],
  ['israelcentral', 'Israel', 'IL', LOCATED.azure],
  ['italynorth', 'Milan', 'IT-NO', LOCATED.azure],
  ['japaneast', 'Tokyo, Saitama', 'JP-TK'],
  ['japanwest', 'Osaka', 'JP-KN'],
  ['jioindiacentral', 'Nagpur', 'IN-WE', LOCATED.azure],
  ['jioindiawest', 'Jamnagar', 'IN-WE', LOCATED.azure],
  ['koreacentral', 'Seoul', 'KR'],
  ['koreasouth', 'Busan', 'KR'],
  ['malaysiawest', 'Kuala Lumpur', 'MY-WM', LOCATED.azure],
  ['mexicocentral', 'Querétaro State', 'MX', LOCATED.azure],
  ['newzealandnorth', 'Auckland', 'NZ', LOCATED.azure],
  ['northcentralus', 'Illinois', 'US-MIDW-MISO'],
  ['northeurope', 'Ireland', 'IE'],
  ['norwayeast', 'Oslo', 'NO-NO1'],
  ['norwaywest', 'Stavanger', 'NO-NO2'],
  ['polandcentral', 'Warsaw', 'PL', LOCATED.azure],
  ['qatarcentral', 'Doha', 'QA', LOCATED.azure],
  ['southafricanorth', 'Johannesburg', 'ZA'],
  ['southafricawest', 'Cape Town', 'ZA'],
  ['southcentralus', 'Texas', 'US-TEX-ERCO'],
  ['southeastasia', 'Singapore', 'SG', LOCATED.azure],
  ['southindia', 'Chennai', 'IN-SO'],
  ['spaincentral', 'Madrid', 'ES', LOCATED.azure],
  ['swedencentral', 'Gävle and Sandviken', 'SE-SE3'],
  ['switzerlandnorth', 'Zürich', 'CH'],
  ['switzerlandwest', 'Geneva', 'CH'],
  ['uaecentral', 'Abu Dhabi', 'AE', LOCATED.azure],
  ['uaenorth', 'Dubai', 'AE', LOCATED.azure],
  ['uksouth', 'London', 'GB'],
  ['ukwest', 'Cardiff', 'GB'],
  ['westcentralus', 'Wyoming', 'US-NW-PACE'],
  ['westeurope', 'Netherlands', 'NL'],
  ['westindia', 'Mumbai', 'IN-WE'],
  ['westus', 'California', 'US-CAL-CISO'],
  ['westus2', 'Washington', 'US-NW-GCPD', corrected('azure', 'US-NW-PACE')],
  ['westus3', 'Phoenix', 'US-SW-AZPS', corrected('azure', 'US-NW-PACE')],
]);

export const CLOUD_REGIONS: readonly CloudRegion[] = [...AWS, ...GCP, ...AZURE];
