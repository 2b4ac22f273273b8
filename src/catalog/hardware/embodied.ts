import type { Range, Source } from '../types.js';

/**
 * Manufacturing footprint of one accelerator or CPU, from its parts, when no vendor figure exists
 * for that very product. Three terms:
 *
 *   logic dies:  die area (cm²) × carbon per area of the process node (LLMCarbon, Faiz et al. 2024)
 *   memory:      on-package/on-board DRAM (GB) × kg CO2e per GB (CCF, from the Dell R740 LCA)
 *   the rest:    substrate, board, power delivery and cooler, proportional to the board power (kg per W),
 *                calibrated so that an H100 SXM5 80GB comes out at NVIDIA's own 164 kg per GPU
 *
 * Checked against figures it was not fitted to: A100 SXM4 80GB gives 146 kg (Boavizta via EcoLogits:
 * 143 kg); B200 gives 334 kg (282 kg from NVIDIA's 0.66 → 0.50 g CO2e per exaFLOP, HGX H100 → HGX B200).
 *
 * Range: low = central / 1.7, high = central × 1.7. 1.7 is the ratio between the two published
 * full-card figures for the same H100 (ADEME/Lees-Perasso 273 kg, NVIDIA 164 kg), kept symmetric in
 * log space because nothing says which side the truth lies on.
 */

/** kg CO2e per cm² of logic die, by node (nm). LLMCarbon's table; 3 nm is extrapolated (+0.2 per node). */
export const CARBON_PER_AREA_KG_PER_CM2: Readonly<Record<number, number>> = {
  16: 1.0,
  14: 1.0,
  12: 1.2,
  10: 1.4,
  8: 1.5,
  7: 1.6,
  6: 1.7,
  5: 1.8,
  4: 1.8,
  3: 2.0,
};

/** DRAM: 533 kg CO2e for 384 GB of DIMMs in the Dell PowerEdge R740 LCA, as used by CCF. */
export const MEMORY_KG_PER_GB = 533 / 384;

/** NVIDIA HGX H100 product carbon footprint: 164 kg CO2e per GPU (via EcoLogits). */
export const H100_ANCHOR_KG = 164;
const H100 = { tdpW: 700, dieMm2: 814, nodeNm: 4, memoryGb: 80 };

/** kg CO2e per W of board power for everything that is neither logic die nor memory. */
export const REST_KG_PER_W =
  (H100_ANCHOR_KG -
    (H100.dieMm2 / 100) * CARBON_PER_AREA_KG_PER_CM2[H100.nodeNm] -
    H100.memoryGb * MEMORY_KG_PER_GB) /
  H100.tdpW;

/** Spread of published full-card figures for one product (273 / 164 for the H100). */
export const EMBODIED_SPREAD = 1.7;

export interface ComponentSpec {
  /** Board/module power, W. */
  tdpW: number;
  /** Total logic silicon (all compute and I/O dies), mm². */
  dieMm2: number;
  nodeNm: number;
  /** DRAM on the package or board, GB (0 for CPUs: their DIMMs belong to the server). */
  memoryGb: number;
}

function carbonPerArea(nodeNm: number): number {
  const known = CARBON_PER_AREA_KG_PER_CM2[nodeNm];
  if (known !== undefined) return known;
  // Nearest listed node.
  const nodes = Object.keys(CARBON_PER_AREA_KG_PER_CM2).map(Number);
  const nearest = nodes.reduce((a, b) => (Math.abs(b - nodeNm) < Math.abs(a - nodeNm) ? b : a));
  return CARBON_PER_AREA_KG_PER_CM2[nearest];
}

/** Central estimate of a card from its parts, kg CO2e. */
export function componentKg(spec: ComponentSpec): number {
  return (
    (spec.dieMm2 / 100) * carbonPerArea(spec.nodeNm) +
    spec.memoryGb * MEMORY_KG_PER_GB +
    spec.tdpW * REST_KG_PER_W
  );
}

/** `{low, central, high}` around a central value, rounded to whole kilograms. */
export function spread(central: number, factor = EMBODIED_SPREAD): Range {
  return {
    low: Math.round(central / factor),
    central: Math.round(central),
    high: Math.round(central * factor),
  };
}

/** Accelerator embodied range from its parts. */
export function acceleratorEmbodied(spec: ComponentSpec): Range {
  return spread(componentKg(spec));
}

/**
 * Boavizta's CPU model: (die area cm² + 0.491) × 1.97 kg CO2e/cm² + 9.14 kg (package and base).
 * The DIMMs and the server are not included: they belong to the host.
 */
export function cpuEmbodied(dieMm2: number): Range {
  return spread((dieMm2 / 100 + 0.491) * 1.97 + 9.14);
}

export const ACCELERATOR_EMBODIED_SOURCE: Source = {
  citation:
    'empreinte component model: die area × carbon per area by node (Faiz et al. 2024, "LLMCarbon", ICLR 2024, arXiv 2309.14393) + DRAM GB × 1.39 kg/GB (Cloud Carbon Footprint coefficients, from the Dell PowerEdge R740 LCA: 533 kg for 384 GB) + board power × kg/W calibrated on NVIDIA HGX H100 PCF (164 kg CO2e per GPU, as used by EcoLogits 2025); range ÷/× 1.7 = ADEME/Lees-Perasso 2026 H100 LCA (273 kg) over NVIDIA (164 kg)',
  year: 2025,
  url: 'https://arxiv.org/abs/2309.14393',
};

export const CPU_EMBODIED_SOURCE: Source = {
  citation:
    'Boavizta API CPU manufacture model: (die cm² + 0.491) × 1.97 kg CO2e/cm² + 9.14 kg (from Umweltbundesamt "Green Cloud Computing" 2021); range ÷/× 1.7 as for accelerators',
  year: 2021,
  url: 'https://doc.api.boavizta.org/Explanations/components/cpu/',
  licence: 'AGPL-3.0 (method description)',
};
