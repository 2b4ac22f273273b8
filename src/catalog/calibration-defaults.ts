import type { Source } from './types.js';

/**
 * Constants of calibration from the user's own runs (`empreinte calibrate`), each with its source.
 *
 * Spread used when a calibration holds a single run (so it has no spread of its own), and the
 * narrowest range several runs may give: the GPU-to-GPU performance variation measured on
 * identical GPUs of the same clusters.
 */
export const SINGLE_RUN_SPREAD = {
  /** Largest average variation seen (22%): a single run's figure is taken as ×/÷ 1.22. */
  factor: 1.22,
  /** Average variation (8%): several runs never give a range narrower than ×/÷ 1.08. */
  floorFactor: 1.08,
  source: {
    citation:
      'Sinha et al. 2022, "Not All GPUs Are Created Equal: Characterizing Variability in Large-Scale, Accelerator-Rich Systems", SC22, arXiv 2208.11035 (8% average, 22% maximum performance variation between identical GPUs)',
    year: 2022,
    url: 'https://arxiv.org/abs/2208.11035',
  } satisfies Source,
};

/** One-sided 95% quantiles of Student's t (two-sided 90%) for 1..30 degrees of freedom; beyond, the normal's. */
export const STUDENT_T95 = {
  values: [
    6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753,
    1.746, 1.74, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697,
  ],
  beyond: 1.645,
  source: {
    citation:
      'NIST/SEMATECH e-Handbook of Statistical Methods, section 1.3.6.7.2, Critical values of the Student t distribution (column 0.95)',
    year: 2012,
    url: 'https://www.itl.nist.gov/div898/handbook/eda/section3/eda3672.htm',
  } satisfies Source,
};

/**
 * The 90% interval of a calibrated utilisation carried to a run of another shape (size, tokens,
 * chips) by the fitted model's slopes: log(achieved / transferred) on every ordered pair of published
 * sibling runs (same family, same hardware), each pair predicted by the committed terms fitted
 * without its family, split-conformal ranks in pairs (src/engine/calibration-transfer.ts). A test
 * recomputes it from the evidence.
 */
export const CALIBRATION_TRANSFER = {
  coverage: 0.9,
  low: -0.5471,
  high: 0.5471,
  pairs: 298,
  families: 12,
  source: {
    citation:
      'Leave-one-family-out errors of the utilisation fit’s transfer between published sibling runs of the training evidence catalog (src/catalog/training-evidence.ts: 298 ordered pairs in 12 families), split-conformal ranks (Lei et al. 2018, JASA 113(523))',
    year: 2026,
  } satisfies Source,
};

/**
 * The span of the published runs the utilisation fit's slopes were fitted on (the fitted runs of
 * src/catalog/training-evidence.ts, smallest and largest of each): a calibration is carried to
 * another run by those slopes only within it. A test recomputes it from the evidence.
 */
export const TRANSFER_DOMAIN = {
  /** Active parameters: Pythia 70M to PaLM 540B. */
  paramsActive: [7.04266e7, 5.4e11],
  /** Training tokens per active parameter. */
  tokensPerParam: [1.02857, 25000],
  chips: [8, 16384],
  /** Total over active parameters (mixture of experts). */
  totalPerActive: [1, 23.5294],
  source: {
    citation:
      'Smallest and largest of each term over the fitted runs of the training evidence catalog (src/catalog/training-evidence.ts, 91 runs of 34 families)',
    year: 2026,
  } satisfies Source,
} as const;
