import type { Range, Source } from '../types.js';

/**
 * Manufacturing footprint of one accelerator or CPU. Where the vendor published a product carbon
 * footprint (NVIDIA HGX H100 and HGX B200) it is used as is; otherwise it is estimated from parts,
 * with factors taken from those two footprints (cradle-to-gate, ISO 14067, per GPU of an 8-GPU board):
 *
 *   H100: 164 kg = memory 42% + integrated circuits 25% + the rest (thermal 18%, board, ...) 33%
 *   B200: 284 kg = memory 49% + integrated circuits 28% + the rest 23%
 *
 *   memory:  GB of HBM/GDDR × kg per GB            (0.86 and 0.77 kg/GB: mean 0.82)
 *   logic:   die cm² × kg per cm² at 4-5 nm        (5.0 and 5.0 kg/cm²), scaled to other nodes by the
 *            relative carbon per area of LLMCarbon (Faiz et al. 2024)
 *   rest:    board power W × kg per W              (0.077 and 0.065 kg/W: mean 0.071)
 *
 * Checked against figures it was not fitted to: A100 SXM4 80GB comes out at 131 kg (Falk et al. 2025
 * primary LCA: 127.6 kg cradle-to-gate; Boavizta: 143 kg).
 *
 * Range: low = central / 1.7, high = central × 1.7. 1.7 is the ratio between the two published
 * full-card figures for the same H100 (ADEME/Lees-Perasso 2026: 273 kg; NVIDIA: 164 kg), kept
 * symmetric in log space because nothing says on which side the truth lies.
 */

/**
 * LLMCarbon's carbon per area by node relative to 4 nm: it lists 16 nm 1.0, 12 nm 1.2, 7 nm 1.6 and 4 nm
 * 1.8 kg/cm²; 10, 8 and 6 nm are interpolated, 5 nm taken as 4 nm (same N5 family), 3 nm extrapolated.
 */
export const RELATIVE_CARBON_PER_AREA: Readonly<Record<number, number>> = {
  16: 1.0 / 1.8,
  14: 1.0 / 1.8,
  12: 1.2 / 1.8,
  10: 1.4 / 1.8,
  8: 1.5 / 1.8,
  7: 1.6 / 1.8,
  6: 1.7 / 1.8,
  5: 1,
  4: 1,
  3: 2.0 / 1.8,
};

/** One GPU's share of an NVIDIA HGX product carbon footprint, and how it splits. */
interface Footprint {
  kgPerGpu: number;
  memoryShare: number;
  icShare: number;
  memoryGb: number;
  dieCm2: number;
  tdpW: number;
}
/** NVIDIA HGX H100 PCF summary (2025): 1,312 kg for the 8-GPU board. */
export const HGX_H100: Footprint = {
  kgPerGpu: 164,
  memoryShare: 0.42,
  icShare: 0.25,
  memoryGb: 80,
  dieCm2: 8.14,
  tdpW: 700,
};
/** NVIDIA HGX B200 PCF summary (2025): 2,274 kg for the 8-GPU board (die area: two reticle-size dies, assumed). */
export const HGX_B200: Footprint = {
  kgPerGpu: 284,
  memoryShare: 0.49,
  icShare: 0.28,
  memoryGb: 180,
  dieCm2: 16,
  tdpW: 1000,
};

const mean = (f: (p: Footprint) => number) => (f(HGX_H100) + f(HGX_B200)) / 2;
export const MEMORY_KG_PER_GB = mean((p) => (p.kgPerGpu * p.memoryShare) / p.memoryGb);
export const LOGIC_KG_PER_CM2 = mean((p) => (p.kgPerGpu * p.icShare) / p.dieCm2);
export const REST_KG_PER_W = mean((p) => (p.kgPerGpu * (1 - p.memoryShare - p.icShare)) / p.tdpW);

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

function relativeCarbonPerArea(nodeNm: number): number {
  const known = RELATIVE_CARBON_PER_AREA[nodeNm];
  if (known !== undefined) return known;
  // Nearest listed node.
  const nodes = Object.keys(RELATIVE_CARBON_PER_AREA).map(Number);
  const nearest = nodes.reduce((a, b) => (Math.abs(b - nodeNm) < Math.abs(a - nodeNm) ? b : a));
  return RELATIVE_CARBON_PER_AREA[nearest];
}

/** Central estimate of a card from its parts, kg CO2e. */
export function componentKg(spec: ComponentSpec): number {
  return (
    (spec.dieMm2 / 100) * LOGIC_KG_PER_CM2 * relativeCarbonPerArea(spec.nodeNm) +
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

/** A vendor's own product carbon footprint, with the same spread as the model. */
export function publishedEmbodied(kg: number): Range {
  return spread(kg);
}

export const ACCELERATOR_EMBODIED_SOURCE: Source = {
  citation:
    'empreinte component model calibrated on NVIDIA’s HGX H100 and HGX B200 product carbon footprint summaries (2025): memory 0.82 kg CO2e/GB, logic 5.0 kg/cm² at 4-5 nm scaled by node as in Faiz et al. 2024 (LLMCarbon, arXiv 2309.14393), rest 0.071 kg/W of board power; range ÷/× 1.7 = ADEME/Lees-Perasso 2026 H100 LCA (273 kg) over NVIDIA (164 kg)',
  year: 2025,
  url: 'https://images.nvidia.com/aem-dam/Solutions/documents/HGX-H100-PCF-Summary.pdf',
};

export const HGX_H100_PCF_SOURCE: Source = {
  citation:
    'NVIDIA HGX H100 Product Carbon Footprint summary (ISO 14067, cradle-to-gate): 1,312 kg CO2e per 8-GPU board, 164 kg per GPU; range ÷/× 1.7 (ADEME/Lees-Perasso 2026: 273 kg per H100)',
  year: 2025,
  url: 'https://images.nvidia.com/aem-dam/Solutions/documents/HGX-H100-PCF-Summary.pdf',
};

export const HGX_B200_PCF_SOURCE: Source = {
  citation:
    'NVIDIA HGX B200 Product Carbon Footprint summary (ISO 14067, cradle-to-gate): 2,274 kg CO2e per 8-GPU board, 284 kg per GPU; range ÷/× 1.7 as for the H100',
  year: 2025,
  url: 'https://images.nvidia.com/aem-dam/Solutions/documents/HGX-B200-PCF-Summary.pdf',
};

export const CPU_EMBODIED_SOURCE: Source = {
  citation:
    'Boavizta API CPU manufacture model: (die cm² + 0.491) × 1.97 kg CO2e/cm² + 9.14 kg (from Umweltbundesamt "Green Cloud Computing" 2021); range ÷/× 1.7 as for accelerators',
  year: 2021,
  url: 'https://doc.api.boavizta.org/Explanations/components/cpu/',
  licence: 'AGPL-3.0 (method description)',
};
