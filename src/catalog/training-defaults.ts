import type { HardwareEntry, Range, Source } from './types.js';

/**
 * Defaults of the first-principles training model, each with its basis. They were calibrated on
 * the published runs of the model catalog (see the accuracy benchmark): utilisation from the
 * MFU the authors reported or that their chip-hours imply, power from measured system power.
 */
export interface SourcedRange extends Range {
  source: Source;
}

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
const BLOOM_LCA: Source = {
  citation:
    'Luccioni, Viguier & Ligozat 2023, "Estimating the Carbon Footprint of BLOOM, a 176B Parameter Language Model", JMLR 24(253), section 4.1 (embodied emissions amortised over a 6-year lifetime at 85% utilisation)',
  year: 2023,
  url: 'https://jmlr.org/papers/v24/23-0069.html',
};

/** Hardware classes of the utilisation model: each gets its own fitted offset. */
export type MfuClass = 'gpuLegacy' | 'gpuAmpere' | 'gpuHopper' | 'tpu';

/** TPUs; GPUs up to 2018 (Pascal, Volta); 2019-2021 (Ampere); 2022 on (Hopper and later, other recent accelerators). */
export function mfuClassOf(hardware: HardwareEntry): MfuClass {
  if (hardware.kind === 'tpu') return 'tpu';
  if (hardware.year <= 2018) return 'gpuLegacy';
  if (hardware.year <= 2021) return 'gpuAmpere';
  return 'gpuHopper';
}

const FIT: Source = {
  citation:
    'Weighted least squares of log(MFU) on the published runs of the training evidence catalog (src/catalog/training-evidence.ts, 91 runs of 34 families, distilled and embedding-heavy runs left out; MFU implied by 6·N_active·D over peak FLOP/s × published chip-hours), terms chosen among 24 candidates by leave-one-family-out error; regenerate with scripts/fit-training.ts',
  year: 2026,
};

/**
 * The fitted utilisation (goodput) model: log(MFU) = intercept + classOffset[class] + Σ perDecade[term] ·
 * term, the terms the spec names (src/engine/training-fit.ts: params log10(N_active / 1e9), chips
 * log10(chips / 256), moe log10(N_total / N_active), hopperParams the size on Hopper-class chips,
 * tokensPerParam log10(D / N_active / 20)), picked among the candidates of
 * src/engine/training-select.ts. Chips, when not given, from the training FLOP. Published
 * chip-hours include restarts, evaluation and idle reserved time, so this is goodput.
 */
export const MFU_MODEL = {
  spec: {
    features: ['params', 'chips', 'moe', 'hopperParams', 'tokensPerParam'],
    weighting: 'perFamily',
    ridge: 0,
  },
  intercept: -1.9228,
  classOffset: { gpuLegacy: -0.0247, gpuAmpere: 0.1247, gpuHopper: -0.442, tpu: 0.3421 },
  perDecade: { params: 0.4444, chips: -0.5019, moe: -0.2504, hopperParams: 0.6063, tokensPerParam: 0.2163 },
  chipsFromFlop: { a: -9.513, b: 0.5324 },
  source: FIT,
} as const;

/** How each candidate range rule and join reads in a citation (src/engine/range-select.ts). */
const RANGE_RULE_TEXT = {
  runs: 'conformal ranks in runs (Lei et al. 2018, JASA 113(523))',
  families: 'residual quantiles at a family-count level, ⌈0.9(F+1)⌉/F',
  components: 'variance components (Searle et al. 1992), t on families − 1 degrees of freedom',
};
const RANGE_JOIN_TEXT = {
  pooled: 'one range with or without the chip count',
  envelope: 'a range per condition, the chips-unknown one containing the other',
};

/** The method the chip-hours ranges were made by (rewritten by the fit script). */
const CHIP_HOURS_METHOD = { rule: 'components', join: 'pooled' } as const;

/**
 * The chip-hours ranges (90%), from the leave-one-family-out log residuals of the fit,
 * log(published / predicted): a family never calibrates its own error. One range per condition, the
 * chip count given (`withChips`) or not (`withoutChips`, never the narrower: knowing less cannot
 * make an estimate more certain), made by `method` (src/engine/range-select.ts), the narrowest
 * candidate whose leave-one-family-out coverage on the evidence reaches 90% per run, both as
 * published and with every run's chips withheld. `n`: the residuals the range was computed from.
 * `mfuFactor` is the spread of the MFU (mode 1), a triangle in log space, whose chip-hours have
 * those 5th and 95th percentiles, so the Monte Carlo carries the range into energy and CO2e.
 */
export const CHIP_HOURS_RESIDUALS = {
  coverage: 0.9,
  method: CHIP_HOURS_METHOD,
  withChips: { n: 91, logLow: -0.8401, logHigh: 0.6603, mfuFactor: { low: 0.3717, high: 3.3311 } },
  withoutChips: { n: 91, logLow: -0.8401, logHigh: 0.6603, mfuFactor: { low: 0.3717, high: 3.3311 } },
  source: {
    citation: `90% from the fit's leave-one-family-out residuals: ${RANGE_RULE_TEXT[CHIP_HOURS_METHOD.rule]}, ${RANGE_JOIN_TEXT[CHIP_HOURS_METHOD.join]}, the narrowest of six methods covering 90% of runs leave-one-family-out; ${FIT.citation}`,
    year: 2026,
  } satisfies Source,
};

/**
 * The ceiling of a utilisation: MFU is the model FLOP/s a run achieves over the chip's peak, so it
 * cannot exceed 1. The range's draws are censored there (a draw above it counts as 1): every
 * utilisation outside the range stays outside, so the chip-hours range keeps its coverage. A
 * certainty, not a record: the highest published MFU (54.2%) is a record the next run may beat.
 */
export const MFU_MAX = {
  value: 1,
  source: {
    citation:
      'Chowdhery et al. 2022, "PaLM: Scaling Language Modeling with Pathways", arXiv 2204.02311, section 4.1 (MFU: observed throughput over the theoretical maximum at peak FLOP/s); the highest published, 54.2% for 530B on 2,240 A100: Korthikanti et al. 2023, MLSys, arXiv 2205.05198',
    year: 2022,
    url: 'https://arxiv.org/abs/2204.02311',
  } satisfies Source,
};

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
