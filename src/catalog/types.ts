/** Shared shapes of the catalogs. Every entry carries the source of its figures. */

export interface Source {
  /** Publication, table or page: "Patterson et al. 2021, arXiv 2104.10350, Table 4". */
  citation: string;
  /** Year of the publication or of the data. */
  year: number;
  url?: string;
  licence?: string;
}

export interface Range {
  low: number;
  central: number;
  high: number;
}

export type Precision = 'fp32' | 'tf32' | 'bf16' | 'fp8' | 'int8';
export const PRECISIONS: readonly Precision[] = ['fp32', 'tf32', 'bf16', 'fp8', 'int8'];

export interface HardwareEntry {
  /** Canonical id, lower-case and dashed: `nvidia-h100-sxm`. */
  id: string;
  kind: 'gpu' | 'tpu' | 'accelerator' | 'cpu';
  vendor: string;
  name: string;
  /** Family a bare name resolves through (`h100`); `flagship` marks the variant it picks. */
  family: string;
  flagship?: boolean;
  /** Other spellings users type (`H100-SXM`, `nvidia h100 80gb`). Matching ignores case, spaces and dashes. */
  aliases: string[];
  year: number;
  /** Board/module power limit (TDP or TBP), W. For CPUs, the package TDP. */
  tdpW: number;
  idleW?: number;
  memoryGb?: number;
  memoryBandwidthTbS?: number;
  /** Peak dense (no sparsity) throughput per precision, TFLOP/s. */
  peakTflops: Partial<Record<Precision, number>>;
  /** CPU cores, for CPUs. */
  cores?: number;
  /** Manufacturing (embodied) footprint of one chip with its share of the board, kg CO2e. */
  embodiedKgCo2e: Range;
  source: Source;
  /** Sources of individual fields where they differ from `source` (embodied, idle power...). */
  fieldSources?: Partial<Record<'embodiedKgCo2e' | 'idleW' | 'tdpW' | 'peakTflops' | 'memory', Source>>;
  notes?: string;
}

export interface ModelEntry {
  /** Canonical id: `llama-2-70b`. */
  id: string;
  name: string;
  org: string;
  year: number;
  aliases: string[];
  architecture: 'dense' | 'moe';
  paramsTotal: number;
  /** Parameters active per token (mixture-of-experts); equals paramsTotal for dense models. */
  paramsActive: number;
  /** Training tokens, where published. */
  tokens?: number;
  /** Hardware catalog id, where the hardware is in the catalog. */
  hardwareId?: string;
  /** Hardware as the authors named it. */
  hardwareLabel?: string;
  chips?: number;
  chipHours?: number;
  days?: number;
  /** Power per chip used by the authors (system power per accelerator where so stated), W. */
  powerWPerChip?: number;
  /** The PUE the publication applied to its energy (1 where it applied none). */
  pue?: number;
  /** The data centre's PUE where the publication applied another one (or none) to its figure. */
  sitePue?: number;
  /** The published power per chip already folds the data-centre PUE in (Meta's model cards). */
  powerIncludesPue?: boolean;
  /** What the published power or energy covers: the accelerators alone, or with their share of the servers. */
  powerBoundary?: 'accelerator' | 'system';
  /** IT energy the authors measured (before PUE), kWh, where they measured it rather than computed it. */
  itEnergyKwh?: number;
  /** Location-based grid intensity of the run, g/kWh. */
  intensityGPerKwh?: number;
  /** Market-based intensity (net of the operator's carbon-free energy purchases), g/kWh, where published. */
  marketIntensityGPerKwh?: number;
  /** Where it was trained, as published. */
  locationLabel?: string;
  /** Published energy and emissions. */
  energyKwh?: number;
  co2eKg?: number;
  /** Whether the published CO2e is location-based (grid average) or market-based (after PPAs/offsets). */
  co2eBasis?: 'location' | 'market' | 'unspecified';
  embodiedIncluded?: boolean;
  /** Fields computed from the published figures rather than printed in the publication (said in `notes`). */
  derived?: readonly (keyof ModelEntry)[];
  source: Source;
  notes?: string;
}

export interface LocationEntry {
  /** `fr`, `US-CAL-CISO`, `aws:eu-west-3`, `world`. */
  id: string;
  name: string;
  kind: 'world' | 'country' | 'zone' | 'cloud-region';
  intensityGPerKwh: number;
  /** Year of the intensity value. */
  year: number;
  source: Source;
  /** For cloud regions: the provider and the grid zone the region sits in. */
  provider?: 'aws' | 'gcp' | 'azure';
  zone?: string;
  aliases?: string[];
}

export interface PueEntry {
  /** `aws`, `gcp`, `azure`, `industry-average`, `hyperscale`. */
  id: string;
  label: string;
  pue: number;
  source: Source;
}

export interface EquivalenceEntry {
  id: string;
  label: { en: string; fr: string };
  /** What the factor divides: kg CO2e or kWh. */
  basis: 'co2eKg' | 'energyKwh';
  /** Amount of `basis` per one `unit` (e.g. 0.17 kg CO2e per passenger-km). */
  perUnit: number;
  unit: { en: string; fr: string };
  source: Source;
}
