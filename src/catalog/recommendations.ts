import type { Range, Source } from './types.js';

/** Published effects of the levers `recommend` proposes, each with its source. */

export const ZEUS: Source = {
  citation:
    'You, Chung & Chowdhury 2023, "Zeus: Understanding and Optimizing GPU Energy Consumption of DNN Training", USENIX NSDI 2023: GPU power limit (and batch size) trade training time for energy along a measured Pareto frontier; 15.3%–75.8% better energy efficiency across workloads',
  year: 2023,
  url: 'https://www.usenix.org/conference/nsdi23/presentation/you',
};

/** GPU power capping: energy saved on the accelerators, at a small cost in time. */
export const POWER_CAP = {
  /** Share of accelerator energy saved. */
  acceleratorEnergySaving: 0.137,
  source: {
    citation:
      'McDonald et al. 2022, "Great Power, Great Responsibility: Recommendations for Reducing Energy for Training Language Models", Findings of NAACL 2022: a 150 W cap on 250 W V100s lowered training energy by 13.7% on average for large language models, with a marginal increase in training time',
    year: 2022,
    url: 'https://aclanthology.org/2022.findings-naacl.151',
  } satisfies Source,
};

/** End-to-end training speed-ups from lower precision (not the ratio of peak FLOP/s). */
export const PRECISION_SPEEDUP = {
  /** FP32 to mixed precision (FP16/BF16 tensor cores). */
  mixed: {
    low: 2,
    central: 2.5,
    high: 3,
    source: {
      citation:
        'PyTorch, "Automatic Mixed Precision" recipe (Carilli): 2–3× speed-up on Tensor Core GPUs (Volta, Turing, Ampere)',
      year: 2020,
      url: 'https://pytorch.org/tutorials/recipes/recipes/amp_recipe.html',
    } satisfies Source,
  } satisfies Range & { source: Source },
  /** BF16 to FP8 (Hopper and later). */
  fp8: {
    low: 1.28,
    central: 1.28,
    high: 1.75,
    source: {
      citation:
        'Peng et al. 2023, "FP8-LM: Training FP8 Large Language Models", arXiv 2310.18313: GPT-175B on H100 ran 75% faster than BF16 Megatron-LM and 37% faster than NVIDIA Transformer Engine FP8, i.e. Transformer Engine FP8 ≈ 1.75/1.37 = 1.28× BF16',
      year: 2023,
      url: 'https://arxiv.org/abs/2310.18313',
    } satisfies Source,
  } satisfies Range & { source: Source },
};

/** Hyper-parameter search on a small proxy, transferred to the full model (μTransfer). */
export const MU_TRANSFER = {
  /** Tuning cost as a share of one full training run. */
  tuningShareOfRun: 0.07,
  source: {
    citation:
      'Yang et al. 2022, "Tensor Programs V: Tuning Large Neural Networks via Zero-Shot Hyperparameter Transfer", arXiv 2203.03466: tuning a 40M proxy outperformed the published 6.7B GPT-3 with a tuning cost of 7% of its pre-training',
    year: 2022,
    url: 'https://arxiv.org/abs/2203.03466',
  } satisfies Source,
};

/** Carbon-aware scheduling savings (see temporal-shift.ts for the table). */
export const TEMPORAL_SHIFT_SOURCE: Source = {
  citation:
    'Computed by empreinte (scripts/generate-temporal-shift.mjs) from Electricity Maps 2023 hourly life-cycle intensity of 16 zones (ODbL 1.0); consistent with Sukprasert et al. 2024, "On the Limitations of Carbon-Aware Temporal and Spatial Workload Shifting in the Cloud", EuroSys 2024 (savings shrink for long jobs)',
  year: 2023,
  url: 'https://www.electricitymaps.com/data-portal',
  licence: 'ODbL 1.0',
};
