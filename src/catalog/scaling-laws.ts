import type { Source } from './types.js';

/**
 * Fitted language-model scaling laws, L(N, D) = E + A / N^alpha + B / D^beta, with N parameters
 * and D training tokens (Hoffmann et al. 2022, "Approach 3").
 */
export interface ScalingFit {
  id: 'hoffmann-2022' | 'besiroglu-2024';
  label: string;
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
  source: Source;
}

export const SCALING_FITS: readonly ScalingFit[] = [
  {
    id: 'hoffmann-2022',
    label: 'Chinchilla (Hoffmann et al. 2022), published fit',
    E: 1.69,
    A: 406.4,
    B: 410.7,
    alpha: 0.34,
    beta: 0.28,
    source: {
      citation:
        'Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models" (Chinchilla), arXiv 2203.15556, Section 3.3 (Approach 3): E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28',
      year: 2022,
      url: 'https://arxiv.org/abs/2203.15556',
    },
  },
  {
    id: 'besiroglu-2024',
    label: 'Chinchilla replication (Besiroglu et al. 2024), refit',
    E: 1.8172,
    A: 482.01,
    B: 2085.43,
    alpha: 0.3478,
    beta: 0.3658,
    source: {
      citation:
        'Besiroglu, Erdil, Barnett & You 2024, "Chinchilla Scaling: A replication attempt", arXiv 2404.10102: E = 1.8172, A = 482.01, B = 2085.43, α = 0.3478, β = 0.3658 (consistent with ~20 tokens per parameter)',
      year: 2024,
      url: 'https://arxiv.org/abs/2404.10102',
    },
  },
];

/** The rule of thumb: compute-optimal models see about 20 training tokens per parameter. */
export const CHINCHILLA_TOKENS_PER_PARAM = {
  value: 20,
  source: {
    citation:
      'Hoffmann et al. 2022, arXiv 2203.15556, Table 3 (compute-optimal sizes from Approaches 1 and 2: 10B parameters → 205.1B tokens, 67B → 1.5T, 175B → 3.7T; ~20 tokens per parameter)',
    year: 2022,
    url: 'https://arxiv.org/abs/2203.15556',
  } satisfies Source,
};

/** Non-embedding parameters of a transformer from its depth and width: N ≈ 12 · layers · d_model². */
export const PARAMS_FROM_SHAPE = {
  factor: 12,
  source: {
    citation:
      'Kaplan et al. 2020, "Scaling Laws for Neural Language Models", arXiv 2001.08361, Section 2.1: N ≈ 12 · n_layer · d_model²',
    year: 2020,
    url: 'https://arxiv.org/abs/2001.08361',
  } satisfies Source,
};
