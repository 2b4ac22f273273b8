import type { SourcedRange } from './training-defaults.js';
import type { Source } from './types.js';

/**
 * Defaults of the inference (serving) model, each with its basis. The behavioural coefficients
 * (bandwidth and compute fractions, step overheads, collective latency, power fractions) are fitted
 * on published serving measurements (src/catalog/serving-evidence.ts), and the ranges come from the
 * fit's errors on model families it never saw (`npm run bench -- inference-accuracy`).
 */

const MLENERGY: Source = {
  citation:
    'Chung et al. 2025, "The ML.ENERGY Benchmark: Toward Automated Inference Energy Measurement and Optimization", arXiv 2505.06371 (NeurIPS 2025 Datasets & Benchmarks), leaderboard v3.0 data: Llama-3.1-8B-Instruct on one H100 SXM (vLLM), average GPU power 513 W at batch 16 rising to 690 W at batch 256 of a 700 W TDP; median inter-token latency 7.9 ms at batch 16',
  year: 2025,
  url: 'https://ml.energy/leaderboard',
};
const SPLITWISE: Source = {
  citation:
    'Patel et al. 2024, "Splitwise: Efficient Generative LLM Inference Using Phase Splitting", ISCA 2024, arXiv 2311.18677, section III (the prompt phase is compute-bound and draws close to full power; the token phase is memory-bound, under-uses compute and draws less)',
  year: 2024,
  url: 'https://arxiv.org/abs/2311.18677',
};
export const GOOGLE_2025: Source = {
  citation:
    'Elsworth et al. 2025, "Measuring the environmental impact of delivering AI at Google Scale", arXiv 2508.15734: median Gemini Apps text prompt 0.24 Wh = active accelerators 0.14 Wh + host CPU and DRAM 0.06 Wh + idle provisioned machines 0.02 Wh + data-centre overhead 0.02 Wh',
  year: 2025,
  url: 'https://arxiv.org/abs/2508.15734',
};
const DGX_H100: Source = {
  citation:
    'NVIDIA DGX H100 datasheet (2023): system power about 10.2 kW maximum for eight 700 W H100 GPUs, i.e. up to 0.82 W of CPU, memory, network, storage and fans per W of GPU',
  year: 2023,
  url: 'https://resources.nvidia.com/en-us-dgx-systems/ai-enterprise-dgx',
};
const VLLM: Source = {
  citation:
    'Kwon et al. 2023, "Efficient Memory Management for Large Language Model Serving with PagedAttention" (vLLM), SOSP 2023, arXiv 2309.06180; vLLM engine argument gpu_memory_utilization defaults to 0.9',
  year: 2023,
  url: 'https://docs.vllm.ai/en/latest/serving/engine_args.html',
};
const LLAMA3_ARCH: Source = {
  citation:
    'Llama Team, Meta 2024, "The Llama 3 Herd of Models", arXiv 2407.21783, Table 3 (8B: 32 layers, 8 KV heads of 128; 70B: 80 layers, 8 KV heads; 405B: 126 layers, 8 KV heads), giving 128 KiB, 320 KiB and 504 KiB of 16-bit KV cache per token',
  year: 2024,
  url: 'https://arxiv.org/abs/2407.21783',
};
const GPT3_ARCH: Source = {
  citation:
    'Brown et al. 2020, "Language Models are Few-Shot Learners", arXiv 2005.14165, Table 2.1 (multi-head attention, d_model ≈ 128 × layers, e.g. 96 layers × 12288): 4 · layers · d_model bytes of 16-bit KV cache per token',
  year: 2020,
  url: 'https://arxiv.org/abs/2005.14165',
};
const ANTHROPIC_CACHE: Source = {
  citation:
    'Anthropic, "Prompt caching" documentation (2024): cache reads are billed at 0.1× the base input-token price; OpenAI, "Prompt caching in the API" (October 2024): cached input tokens at a 50% discount. Prices are used as a proxy for the work a cached prefix still costs (stored KV loaded instead of recomputed)',
  year: 2024,
  url: 'https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching',
};
const LMSYS: Source = {
  citation:
    'Zheng et al. 2024, "LMSYS-Chat-1M: A Large-Scale Real-World LLM Conversation Dataset", ICLR 2024, arXiv 2309.11998, Table 1 (2.0 turns per conversation, 69.5 tokens per user prompt, 214.5 tokens per response on average)',
  year: 2024,
  url: 'https://arxiv.org/abs/2309.11998',
};
const assumption = (citation: string): Source => ({ citation: `Stated assumption: ${citation}`, year: 2026 });

export const INFERENCE_SOURCES = {
  MLENERGY,
  SPLITWISE,
  GOOGLE_2025,
  DGX_H100,
  VLLM,
  LMSYS,
  ANTHROPIC_CACHE,
} as const;

const FITTED = (what: string): Source => ({
  citation: `Fitted by robust (soft-L1) least squares on log errors over the serving evidence catalog (${what}): 448 ML.ENERGY Leaderboard v3.0 (2025) measurements of vLLM on H100 and B200 for the fit, and 195 v2.0 (2024) ones on A100 and H100 beside them for the ranges (Chung et al. 2025, arXiv 2505.06371); reproduced by bench/inference-accuracy.bench.ts`,
  year: 2026,
  url: MLENERGY.url,
});

/**
 * The serving engine's behaviour, fitted on published measurements (src/catalog/serving-evidence.ts):
 * achieved bandwidth and compute fractions, prefill utilisation, a fixed time per layer and a time
 * per sequence in every decode step, the collective latency per layer and doubling of a split replica, and the power
 * fractions of the idle-to-TDP range. One set for every model and chip: it describes an optimised
 * engine (vLLM with continuous batching) at steady state.
 */
export const SERVING_COEFFICIENTS = {
  // Saturates at 1: the per-layer time below carries the rest of the weight-reading inefficiency.
  bandwidthFraction: 1,
  // Scattered KV pages, read sequence by sequence, reach a little less of the peak than the weights.
  kvBandwidthFraction: 0.9048,
  // Saturates at 1: decode's arithmetic is never what bounds a step here; the per-sequence time carries it.
  computeUtilisation: 1,
  prefillUtilisation: 1,
  layerOverheadS: 8.27e-5,
  // On top of every layer's: routing, token permutation and expert dispatch.
  moeLayerOverheadS: 5.663e-5,
  perSequenceS: 7.054e-5,
  commPerLayerS: 2.971e-5,
  memoryBoundPowerFraction: 0.7598,
  computeBoundPowerFraction: 1,
  // Per-sequence work (attention, sampling) keeps the chip as busy as streaming the weights does...
  sequencePowerFraction: 0.8048,
  // ...while launch gaps and all-reduce waits leave it closer to idle.
  fixedPowerFraction: 0.4377,
  source: FITTED('time coefficients on time per decode step, power fractions on average power per GPU'),
};

/**
 * Which of the model's optional refinements the coefficients above were fitted with (the one with
 * the smallest leave-one-family-out error; see the serving fit's nested cross-validation).
 */
export const SERVING_MODEL_VARIANT = {
  kvBandwidth: true,
  sequencePower: true,
  fixedPower: true,
  servedMemory: true,
  moeOverhead: true,
};

/**
 * Out-of-sample log residuals of accelerator energy per response, log(measured / estimated), each
 * family's points estimated by a fit that never saw that family (leave-one-family-out). The range
 * scales with how hard a set-up is (normalised conformal, src/engine/serving-range.ts): the cells
 * are the candidate chosen by leave-one-family-out interval score among those named before any was
 * scored (none, MoE or dense, one GPU or several, both, batch below or from 64) and those, each cell
 * its own interval, named after (Mondrian; chosen on all families, they fill `byCell`), each cell's scale
 * its median |residual|. `quantiles` (0, 5, … 100%) and `low`/`high` (the conformal 90% interval,
 * ranks ⌊644 · 0.05⌋ and ⌈644 · 0.95⌉) are of residual / scale: a set-up's range is central ×
 * e^(low · scale) to × e^(high · scale), and the Monte Carlo draws from the whole distribution.
 */
export const ACCELERATOR_RESIDUALS = {
  cells: 'split' as const,
  /** Median |log error| of the set-ups served on one GPU and on several (tensor or expert parallel). */
  scales: { one: 0.2099, split: 0.306 },
  /** Median |log error| of all; the scale of a cell the calibration never met. */
  pooledScale: 0.2535,
  quantiles: [
    -2.3109, -1.2941, -0.9408, -0.7241, -0.5139, -0.3644, -0.164, 0.0541, 0.1845, 0.3628, 0.5711, 0.78,
    1.0536, 1.449, 1.7634, 2.0269, 2.2178, 2.4387, 2.7715, 3.0435, 7.9511,
  ],
  /** Conformal 90% interval of residual / scale (ranks ⌊644 · 0.05⌋ and ⌈644 · 0.95⌉). */
  low: -1.3069,
  high: 3.0536,
  coverage: 0.9,
  n: 643,
  /** Mondrian cells: each its own interval and quantiles of residual / scale (empty: the common ones). */
  byCell: {} as Record<string, { low: number; high: number; n: number; quantiles: readonly number[] }>,
  source: FITTED(
    'leave-one-family-out residuals of GPU energy per response, scaled by one GPU or several per replica',
  ),
};

/**
 * Transformer layers from the parameter count, where the architecture is not given: 32 at 8B,
 * growing as N^0.35 with N the geometric mean of total and active parameters (Llama 3 8B/70B/405B:
 * 32/80/126 layers; Qwen3 14B/32B: 40/64; the estimate gives 32/68/126 and 39/53).
 */
export const LAYERS = { at8B: 32, exponent: 0.35, source: LLAMA3_ARCH };
export function layersFor(paramsTotal: number, paramsActive: number): number {
  return Math.max(
    1,
    Math.round(LAYERS.at8B * (Math.sqrt(paramsTotal * paramsActive) / 8e9) ** LAYERS.exponent),
  );
}

/**
 * Routed experts per token over routed experts (k / E) of the catalog's mixture-of-experts models;
 * others use active / total parameters, which overstates k / E a little (the shared layers are active).
 */
const config = (model: string, year: number): Source => ({
  citation: `${model} model configuration (config.json: layers, key-value heads × head size, mixture-of-experts layers; 16-bit KV cache = 2 × 2 bytes × layers × KV heads × head size)`,
  year,
  url: `https://huggingface.co/${model}/blob/main/config.json`,
});

/**
 * Layers, 16-bit KV-cache bytes per token and key-value heads of the catalog models people serve,
 * from their published configurations (used when the model is named; estimated from parameters
 * otherwise), and the layers that are mixtures of experts. DeepSeek-V3 caches one 576-wide latent per
 * layer (multi-head latent attention: one "head" that tensor parallelism copies onto every GPU).
 */
export const SERVING_ARCHITECTURE: Record<
  string,
  { layers: number; kvBytesPerToken: number; kvHeads: number; moeLayers?: number; source: Source }
> = {
  'llama-2-7b': {
    layers: 32,
    kvBytesPerToken: 524_288,
    kvHeads: 32,
    source: config('meta-llama/Llama-2-7b-hf', 2023),
  },
  'llama-2-13b': {
    layers: 40,
    kvBytesPerToken: 819_200,
    kvHeads: 40,
    source: config('meta-llama/Llama-2-13b-hf', 2023),
  },
  'llama-2-70b': {
    layers: 80,
    kvBytesPerToken: 327_680,
    kvHeads: 8,
    source: config('meta-llama/Llama-2-70b-hf', 2023),
  },
  'llama-3-8b': {
    layers: 32,
    kvBytesPerToken: 131_072,
    kvHeads: 8,
    source: config('meta-llama/Meta-Llama-3-8B', 2024),
  },
  'llama-3-70b': {
    layers: 80,
    kvBytesPerToken: 327_680,
    kvHeads: 8,
    source: config('meta-llama/Meta-Llama-3-70B', 2024),
  },
  'llama-3.1-8b': {
    layers: 32,
    kvBytesPerToken: 131_072,
    kvHeads: 8,
    source: config('meta-llama/Llama-3.1-8B', 2024),
  },
  'llama-3.1-70b': {
    layers: 80,
    kvBytesPerToken: 327_680,
    kvHeads: 8,
    source: config('meta-llama/Llama-3.1-70B', 2024),
  },
  'llama-3.1-405b': {
    layers: 126,
    kvBytesPerToken: 516_096,
    kvHeads: 8,
    source: config('meta-llama/Llama-3.1-405B', 2024),
  },
  'llama-3.2-1b': {
    layers: 16,
    kvBytesPerToken: 32_768,
    kvHeads: 8,
    source: config('meta-llama/Llama-3.2-1B', 2024),
  },
  'llama-3.2-3b': {
    layers: 28,
    kvBytesPerToken: 114_688,
    kvHeads: 8,
    source: config('meta-llama/Llama-3.2-3B', 2024),
  },
  'llama-3.3-70b': {
    layers: 80,
    kvBytesPerToken: 327_680,
    kvHeads: 8,
    source: config('meta-llama/Llama-3.3-70B-Instruct', 2024),
  },
  'llama-4-scout': {
    layers: 48,
    kvBytesPerToken: 196_608,
    kvHeads: 8,
    moeLayers: 48,
    source: config('meta-llama/Llama-4-Scout-17B-16E', 2025),
  },
  'llama-4-maverick': {
    layers: 48,
    kvBytesPerToken: 196_608,
    kvHeads: 8,
    moeLayers: 24,
    source: config('meta-llama/Llama-4-Maverick-17B-128E', 2025),
  },
  'gemma-2-2b': {
    layers: 26,
    kvBytesPerToken: 106_496,
    kvHeads: 4,
    source: config('google/gemma-2-2b', 2024),
  },
  'gemma-2-9b': {
    layers: 42,
    kvBytesPerToken: 344_064,
    kvHeads: 8,
    source: config('google/gemma-2-9b', 2024),
  },
  'gemma-2-27b': {
    layers: 46,
    kvBytesPerToken: 376_832,
    kvHeads: 16,
    source: config('google/gemma-2-27b', 2024),
  },
  'gemma-3-12b': {
    layers: 48,
    kvBytesPerToken: 393_216,
    kvHeads: 8,
    source: config('google/gemma-3-12b-it', 2025),
  },
  'gemma-3-27b': {
    layers: 62,
    kvBytesPerToken: 507_904,
    kvHeads: 16,
    source: config('google/gemma-3-27b-it', 2025),
  },
  'mistral-large-2': {
    layers: 88,
    kvBytesPerToken: 360_448,
    kvHeads: 8,
    source: config('mistralai/Mistral-Large-Instruct-2407', 2024),
  },
  'starcoder2-15b': {
    layers: 40,
    kvBytesPerToken: 81_920,
    kvHeads: 4,
    source: config('bigcode/starcoder2-15b', 2024),
  },
  'deepseek-v3': {
    layers: 61,
    kvBytesPerToken: 70_272,
    kvHeads: 1,
    moeLayers: 58,
    source: config('deepseek-ai/DeepSeek-V3', 2024),
  },
};

const LLAMA4_CARD: Source = {
  citation:
    'Meta 2025, Llama 4 model card (Scout: 16 experts, Maverick: 128 experts; one routed expert and one shared expert per token)',
  year: 2025,
  url: 'https://github.com/meta-llama/llama-models/blob/main/models/llama4/MODEL_CARD.md',
};
export const MOE_ROUTING: Record<string, { experts: number; active: number; source: Source }> = {
  'deepseek-v3': {
    experts: 256,
    active: 8,
    source: {
      citation:
        'DeepSeek-AI 2024, "DeepSeek-V3 Technical Report", arXiv 2412.19437, section 4.2 (256 routed experts, 8 per token, 1 shared)',
      year: 2024,
      url: 'https://arxiv.org/abs/2412.19437',
    },
  },
  'llama-4-scout': {
    experts: 16,
    active: 1,
    source: LLAMA4_CARD,
  },
  'llama-4-maverick': {
    experts: 128,
    active: 1,
    source: LLAMA4_CARD,
  },
  'olmoe-1b-7b': {
    experts: 64,
    active: 8,
    source: {
      citation:
        'Muennighoff et al. 2024, "OLMoE: Open Mixture-of-Experts Language Models", arXiv 2409.02060, Table 1 (64 experts, 8 active)',
      year: 2024,
      url: 'https://arxiv.org/abs/2409.02060',
    },
  },
};

/** Host (CPU, DRAM, network share) energy per unit of accelerator energy, in serving. */
export const INFERENCE_HOST_OVERHEAD: SourcedRange = {
  low: 0.2,
  central: 0.43,
  high: 0.82,
  source: {
    citation: `${GOOGLE_2025.citation} (host / accelerator = 0.06 / 0.14 = 0.43); high: ${DGX_H100.citation}`,
    year: 2025,
    url: GOOGLE_2025.url,
  },
};

/** Idle power as a fraction of TDP, for chips whose catalog entry has no measured idle power. */
export const IDLE_FRACTION_OF_TDP = {
  value: 0.2,
  source: assumption(
    'idle power = 0.2 × TDP where not measured, as measured on the H100 SXM (140 W of 700 W) and T4 (14 W of 70 W) of the hardware catalog',
  ),
};

/** Share of accelerator memory the serving engine may fill with weights and KV cache. */
export const USABLE_MEMORY_FRACTION = { value: 0.9, source: VLLM };

/** Relative cost of a prompt token served from a prefix cache. */
export const CACHE_COST_FRACTION: SourcedRange = {
  low: 0.05,
  central: 0.1,
  high: 0.5,
  source: ANTHROPIC_CACHE,
};

/**
 * KV-cache bytes per token when the architecture is not given. Grouped-query attention (catalog models
 * from 2024 on, and models given by --params): 128 KiB at 8B active parameters, scaling as N^0.4 (fits Llama 3 8B/70B/405B within 25%).
 * Multi-head attention (earlier models): 4 · L · d bytes with d = 128 L and N = 12 L d², so
 * L = (N / 196608)^(1/3).
 */
export const KV_CACHE = {
  gqa: { bytesAt8B: 131_072, exponent: 0.4, source: LLAMA3_ARCH },
  mha: { source: GPT3_ARCH },
  /** Catalog models released before this year are assumed to use multi-head attention (LLaMA 1, Llama 2 7B/13B, GPT-3, BLOOM, OPT do; Llama 2 70B already used grouped-query attention, so its KV cache is overestimated). */
  gqaFromYear: 2024,
};

export function kvBytesPerToken(paramsActive: number, attention: 'gqa' | 'mha'): number {
  if (attention === 'gqa') return KV_CACHE.gqa.bytesAt8B * (paramsActive / 8e9) ** KV_CACHE.gqa.exponent;
  const layers = (paramsActive / 196_608) ** (1 / 3);
  return 4 * layers * (128 * layers);
}

/** Request shape when not given. */
export const REQUEST_DEFAULTS = {
  inputTokens: {
    value: 500,
    source: assumption(
      '500 input tokens per request: a short system prompt plus the user message and a little history',
    ),
  },
  outputTokens: { value: 250, source: { ...LMSYS, citation: `${LMSYS.citation}; rounded up to 250` } },
  batch: {
    value: 32,
    source: assumption(
      '32 sequences decoded together: a moderately loaded online service; latency targets keep batches below the engine maximum',
    ),
  },
  weightsBits: {
    value: 16,
    source: assumption('16-bit (BF16/FP16) weights unless --weights-bits says otherwise'),
  },
  requests: {
    value: 1000,
    source: assumption('totals are given for 1,000 requests unless --requests says otherwise'),
  },
};

/** Peak-hour load a deployment is sized for, as a share of its replicas' capacity (headroom for bursts). */
export const TARGET_PEAK_UTILISATION = {
  value: 0.7,
  source: assumption(
    'replicas are sized so that the busiest hour uses 70% of their capacity; Google reports idle reserve capacity worth 0.02 of 0.24 Wh per prompt (Elsworth et al. 2025)',
  ),
};

/** Years over which a model's training footprint is spread when amortised over its serving. */
export const TRAINING_AMORTISATION_YEARS = {
  value: 1,
  source: assumption('a served model is replaced by a newer one after about a year'),
};
