import type { HardwareEntry, Range, Source } from './types.js';

/**
 * Defaults of the first-principles training model, each with its basis. They were calibrated on
 * the published runs of the model catalog (see the accuracy benchmark): utilisation from the
 * MFU the authors reported or that their chip-hours imply, power from measured system power.
 */
export interface SourcedRange extends Range {
  source: Source;
}

const PALM: Source = {
  citation:
    'Chowdhery et al. 2022, "PaLM: Scaling Language Modeling with Pathways", arXiv 2204.02311, Table 3 (model FLOPs utilisation: GPT-3 on V100 21.3%, Gopher on TPU v3 32.5%, Megatron-Turing NLG on A100 30.2%, PaLM on TPU v4 46.2%)',
  year: 2022,
  url: 'https://arxiv.org/abs/2204.02311',
};
const LLAMA3: Source = {
  citation:
    'Llama Team, Meta 2024, "The Llama 3 Herd of Models", arXiv 2407.21783, Table 4 (BF16 MFU 38-43% on H100 at 8k-16k GPUs)',
  year: 2024,
  url: 'https://arxiv.org/abs/2407.21783',
};
const PATTERSON: Source = {
  citation:
    'Patterson et al. 2021, "Carbon Emissions and Large Neural Network Training", arXiv 2104.10350, Table 4 (measured system power per accelerator, host included: TPU v3 245-310 W of 450 W TDP; V100 330 W; P100 296 W)',
  year: 2021,
  url: 'https://arxiv.org/abs/2104.10350',
};
const CLOUD_TPU_POWER: Source = {
  citation:
    'Google Cloud TPU documentation, system architecture (measured chip power, TPU v3: min 123 W, mean 220 W, max 262 W; TPU v4: 90/170/192 W); the catalog TDP of a TPU is its measured maximum',
  year: 2024,
  url: 'https://cloud.google.com/tpu/docs/system-architecture-tpu-vm',
};
const NARAYANAN: Source = {
  citation:
    'Narayanan et al. 2021, "Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM", SC21, Table 1 (per-GPU throughput rises from 44% of peak at 1.7B parameters to 52% at 1T)',
  year: 2021,
  url: 'https://arxiv.org/abs/2104.04473',
};
const BLOOM_LCA: Source = {
  citation:
    'Luccioni, Viguier & Ligozat 2023, "Estimating the Carbon Footprint of BLOOM, a 176B Parameter Language Model", JMLR 24(253), section 4.1 (embodied emissions amortised over a 6-year lifetime at 85% utilisation)',
  year: 2023,
  url: 'https://jmlr.org/papers/v24/23-0069.html',
};

/** Model FLOPs utilisation by hardware generation, before the scale adjustment. */
export const MFU_DEFAULTS = {
  /** Pascal/Volta GPUs and earlier. */
  gpuLegacy: { low: 0.13, central: 0.22, high: 0.35, source: PALM },
  /** Ampere-generation GPUs (A100, A10, A40, L4...). */
  gpuAmpere: { low: 0.18, central: 0.42, high: 0.62, source: PALM },
  /** Hopper and later GPUs and other recent accelerators, BF16 peak. */
  gpuHopper: { low: 0.2, central: 0.35, high: 0.48, source: LLAMA3 },
  /** TPUs. */
  tpu: { low: 0.25, central: 0.38, high: 0.55, source: PALM },
} satisfies Record<string, SourcedRange>;

export function mfuDefaultFor(hardware: HardwareEntry): SourcedRange & { id: keyof typeof MFU_DEFAULTS } {
  if (hardware.kind === 'tpu') return { id: 'tpu', ...MFU_DEFAULTS.tpu };
  if (hardware.year <= 2018) return { id: 'gpuLegacy', ...MFU_DEFAULTS.gpuLegacy };
  if (hardware.year <= 2021) return { id: 'gpuAmpere', ...MFU_DEFAULTS.gpuAmpere };
  return { id: 'gpuHopper', ...MFU_DEFAULTS.gpuHopper };
}

/**
 * Small models reach lower utilisation (smaller matrices, more communication per FLOP): a factor
 * from 0.9 at 100M parameters rising linearly in log10 to 1 at 100B and above. Kept mild: the
 * published runs show a wide spread at every size (LLaMA 7B reached 43% on A100).
 */
export const MFU_SCALE = { minFactor: 0.9, fromParams: 1e8, toParams: 1e11, source: NARAYANAN };

export function mfuScaleFactor(params: number): number {
  const { minFactor, fromParams, toParams } = MFU_SCALE;
  const x =
    (Math.log10(Math.max(params, 1)) - Math.log10(fromParams)) /
    (Math.log10(toParams) - Math.log10(fromParams));
  return minFactor + (1 - minFactor) * Math.min(1, Math.max(0, x));
}

/**
 * Average accelerator power during training as a fraction of its TDP (chip only). GPUs: chosen so
 * that chip and host together match the system power per chip Patterson et al. measured (V100:
 * 330 W for a 300 W TDP) and the TDP-based accounting of Meta and BigScience (A100: 400 W). TPUs:
 * the catalog TDP is the measured maximum, and the measured mean sits at 84-89% of it.
 */
export const POWER_FRACTION = {
  gpu: { low: 0.6, central: 0.78, high: 0.95, source: PATTERSON },
  tpu: { low: 0.7, central: 0.84, high: 0.95, source: CLOUD_TPU_POWER },
} satisfies Record<string, SourcedRange>;

/**
 * Host share (CPU, RAM, network, storage) per accelerator, as a fraction of accelerator power.
 * TPU: Patterson's system power per chip (245-310 W on TPU v3) over the 220 W chip mean.
 */
export const HOST_OVERHEAD = {
  gpu: { low: 0.12, central: 0.27, high: 0.45, source: PATTERSON },
  tpu: { low: 0.1, central: 0.3, high: 0.45, source: PATTERSON },
} satisfies Record<string, SourcedRange>;

export function powerDefaultsFor(hardware: HardwareEntry | undefined): {
  fraction: SourcedRange;
  host: SourcedRange;
} {
  const kind = hardware?.kind === 'tpu' ? 'tpu' : 'gpu';
  return { fraction: POWER_FRACTION[kind], host: HOST_OVERHEAD[kind] };
}

/** Service life over which manufacturing emissions are amortised, and the share of it in use. */
export const SERVICE_LIFE_YEARS: SourcedRange = { low: 4, central: 6, high: 6, source: BLOOM_LCA };
export const LIFETIME_UTILISATION = { value: 0.85, source: BLOOM_LCA };

/** Uncertainty kept on a location's yearly average intensity (year-to-year and hour-to-hour variation). */
export const INTENSITY_SPREAD = {
  low: 0.85,
  high: 1.15,
  source: {
    citation:
      'Stated assumption: ±15% around a zone’s yearly average, the typical year-to-year change of national averages in Ember’s data',
    year: 2025,
  } satisfies Source,
};

/** Uncertainty kept on a default (not user-given) PUE. */
export const PUE_SPREAD = {
  low: 0.9,
  high: 1.15,
  source: {
    citation:
      'Stated assumption: default PUE ranges from -10% to +15% around the provider or industry figure',
    year: 2025,
  } satisfies Source,
};
