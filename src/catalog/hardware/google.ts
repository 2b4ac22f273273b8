import type { HardwareEntry, Source } from '../types.js';
import { ACCELERATOR_EMBODIED_SOURCE as EMBODIED, acceleratorEmbodied as embodied } from './embodied.js';

/**
 * Google TPUs, per chip. Google publishes peaks, memory and (for v3 and v4) measured power, but no TDP
 * for the later chips: where power is missing it is estimated from peak TFLOP/s per W of the closest
 * generation and said so in `notes` and `fieldSources.tdpW`.
 */

const JOUPPI_2020: Source = {
  citation:
    'Jouppi et al. 2020, "A Domain-Specific Supercomputer for Training Deep Neural Networks", Communications of the ACM 63(7), Table 3 (TPUv2: 46 TFLOPS bf16, 16 GiB HBM, 700 GB/s, 280 W TDP)',
  year: 2020,
  url: 'https://dl.acm.org/doi/10.1145/3360307',
};
const CLOUD_TPU_V3: Source = {
  citation:
    'Google Cloud TPU documentation, TPU v3 system architecture (123 TFLOPS bf16, 32 GiB HBM, 900 GB/s; measured power per chip min/mean/max 123/220/262 W)',
  year: 2024,
  url: 'https://cloud.google.com/tpu/docs/v3',
};
const CLOUD_TPU_V4: Source = {
  citation:
    'Google Cloud TPU documentation, TPU v4 system architecture (275 TFLOPS bf16/int8, 32 GiB HBM2, 1,200 GB/s; measured power per chip min/mean/max 90/170/192 W)',
  year: 2024,
  url: 'https://cloud.google.com/tpu/docs/v4',
};
const CLOUD_TPU_V5E: Source = {
  citation: 'Google Cloud TPU documentation, TPU v5e (197 TFLOPS bf16, 394 TOPS int8, 16 GB HBM2, 819 GB/s)',
  year: 2024,
  url: 'https://cloud.google.com/tpu/docs/v5e',
};
const CLOUD_TPU_V5P: Source = {
  citation:
    'Google Cloud TPU documentation, TPU v5p (459 TFLOPS bf16, 918 TOPS int8, 95 GB HBM2e, 2,765 GB/s)',
  year: 2024,
  url: 'https://cloud.google.com/tpu/docs/v5p',
};
const CLOUD_TPU_V6E: Source = {
  citation:
    'Google Cloud TPU documentation, TPU v6e Trillium (918 TFLOPS bf16, 1,836 TOPS int8, 32 GB HBM, 1,640 GB/s)',
  year: 2024,
  url: 'https://cloud.google.com/tpu/docs/v6e',
};
const IRONWOOD_BLOG: Source = {
  citation:
    'Google Cloud blog, "Ironwood: the first Google TPU for the age of inference" (4,614 TFLOPS FP8 per chip, 192 GB HBM, 7.37 TB/s)',
  year: 2025,
  url: 'https://blog.google/products/google-cloud/ironwood-tpu-age-of-inference/',
};
const EPOCH_TDP: Source = {
  citation: 'Epoch AI, Machine Learning Hardware database (ml_hardware.csv), TDP column',
  year: 2025,
  url: 'https://epoch.ai/data/machine-learning-hardware',
  licence: 'CC BY 4.0',
};

/** TPU v4's measured peak TFLOP/s per W (275 / 192), used where Google publishes no power. */
const V4_TFLOPS_PER_W = 275 / 192;

const TPU_LCA =
  'Embodied covers the chip and its board only; Google’s own TPU life-cycle assessment (Schneider et al. 2025, arXiv 2502.01671) allocates the whole TPU machine (trays, networking) to each chip, so this figure is likely low.';
const DIE_ASSUMED =
  'Die area not published: the embodied estimate assumes one; its die term is a quarter to two fifths of the total, so a wrong area moves the figure by tens of percent.';

export const GOOGLE_TPUS: readonly HardwareEntry[] = [
  {
    id: 'google-tpu-v2',
    kind: 'tpu',
    vendor: 'Google',
    name: 'TPU v2 (per chip)',
    family: 'tpu-v2',
    flagship: true,
    aliases: ['tpu-v2', 'tpuv2', 'tpu v2', 'TPUv2'],
    year: 2017,
    tdpW: 280,
    memoryGb: 16,
    memoryBandwidthTbS: 0.7,
    peakTflops: { bf16: 46 },
    embodiedKgCo2e: embodied({ tdpW: 280, dieMm2: 600, nodeNm: 16, memoryGb: 16 }),
    source: JOUPPI_2020,
    fieldSources: { embodiedKgCo2e: EMBODIED },
    notes: `Two TensorCores per chip. Patterson et al. 2021 give 221 W as the average measured power, not the TDP. Google Cloud docs round the peak to 45 TFLOPS and the bandwidth to 600 GB/s in places. ${DIE_ASSUMED}`,
  },
  {
    id: 'google-tpu-v3',
    kind: 'tpu',
    vendor: 'Google',
    name: 'TPU v3 (per chip)',
    family: 'tpu-v3',
    flagship: true,
    aliases: ['tpu-v3', 'tpuv3', 'tpu v3', 'TPUv3'],
    year: 2018,
    tdpW: 262,
    idleW: 123,
    memoryGb: 32,
    memoryBandwidthTbS: 0.9,
    peakTflops: { bf16: 123 },
    embodiedKgCo2e: embodied({ tdpW: 262, dieMm2: 700, nodeNm: 16, memoryGb: 32 }),
    source: CLOUD_TPU_V3,
    fieldSources: { embodiedKgCo2e: EMBODIED },
    notes:
      'tdpW holds the measured maximum power per chip and idleW the measured minimum (Google Cloud docs); Jouppi et al. 2020 give a 450 W design TDP, and Patterson et al. 2021 count 310 W of system power per chip for T5. Die 700 mm² is LLMCarbon’s figure, not Google’s.',
  },
  {
    id: 'google-tpu-v4',
    kind: 'tpu',
    vendor: 'Google',
    name: 'TPU v4 (per chip)',
    family: 'tpu-v4',
    flagship: true,
    aliases: ['tpu-v4', 'tpuv4', 'tpu v4', 'TPUv4'],
    year: 2021,
    tdpW: 192,
    idleW: 90,
    memoryGb: 32,
    memoryBandwidthTbS: 1.2,
    peakTflops: { bf16: 275, int8: 275 },
    embodiedKgCo2e: embodied({ tdpW: 192, dieMm2: 400, nodeNm: 7, memoryGb: 32 }),
    source: CLOUD_TPU_V4,
    fieldSources: { embodiedKgCo2e: EMBODIED },
    notes: `tdpW holds the measured maximum power per chip, idleW the measured minimum; the mean is 170 W (which some trackers list as TDP). The GLaM paper’s 326 W per chip is system-level. Die 400 mm² is LLMCarbon’s figure, not Google’s. ${TPU_LCA}`,
  },
  {
    id: 'google-tpu-v5e',
    kind: 'tpu',
    vendor: 'Google',
    name: 'TPU v5e (per chip)',
    family: 'tpu-v5e',
    flagship: true,
    aliases: ['tpu-v5e', 'tpuv5e', 'tpu v5e', 'TPUv5e', 'v5e', 'v5litepod'],
    year: 2023,
    tdpW: 140,
    memoryGb: 16,
    memoryBandwidthTbS: 0.819,
    peakTflops: { bf16: 197, int8: 394 },
    embodiedKgCo2e: embodied({ tdpW: 140, dieMm2: 325, nodeNm: 5, memoryGb: 16 }),
    source: CLOUD_TPU_V5E,
    fieldSources: { embodiedKgCo2e: EMBODIED, tdpW: EPOCH_TDP },
    notes: `Uncertain: Google publishes no power for v5e; 140 W and the 325 mm² die are Epoch AI’s figures. The node is assumed (5 nm class). ${TPU_LCA}`,
  },
  {
    id: 'google-tpu-v5p',
    kind: 'tpu',
    vendor: 'Google',
    name: 'TPU v5p (per chip)',
    family: 'tpu-v5p',
    flagship: true,
    aliases: ['tpu-v5p', 'tpuv5p', 'tpu v5p', 'TPUv5p', 'v5p'],
    year: 2023,
    tdpW: Math.round(459 / V4_TFLOPS_PER_W),
    memoryGb: 95,
    memoryBandwidthTbS: 2.765,
    peakTflops: { bf16: 459, int8: 918 },
    embodiedKgCo2e: embodied({
      tdpW: Math.round(459 / V4_TFLOPS_PER_W),
      dieMm2: 600,
      nodeNm: 5,
      memoryGb: 95,
    }),
    source: CLOUD_TPU_V5P,
    fieldSources: {
      embodiedKgCo2e: EMBODIED,
      tdpW: {
        citation:
          'empreinte estimate: 459 TFLOPS at TPU v4’s measured 275 TFLOPS / 192 W (Google Cloud TPU documentation, v4)',
        year: 2024,
      },
    },
    notes: `Uncertain: Google publishes no power figure for v5p; tdpW is an estimate at TPU v4’s peak TFLOP/s per W. Whether the bf16 peak is dense is not stated (taken as dense). ${DIE_ASSUMED} ${TPU_LCA}`,
  },
  {
    id: 'google-tpu-v6e',
    kind: 'tpu',
    vendor: 'Google',
    name: 'TPU v6e Trillium (per chip)',
    family: 'tpu-v6e',
    flagship: true,
    aliases: ['tpu-v6e', 'tpuv6e', 'tpu v6e', 'TPUv6e', 'trillium', 'v6e'],
    year: 2024,
    tdpW: Math.round(918 / ((197 / 140) * 1.67)),
    memoryGb: 32,
    memoryBandwidthTbS: 1.64,
    peakTflops: { bf16: 918, int8: 1836 },
    embodiedKgCo2e: embodied({
      tdpW: Math.round(918 / ((197 / 140) * 1.67)),
      dieMm2: 600,
      nodeNm: 5,
      memoryGb: 32,
    }),
    source: CLOUD_TPU_V6E,
    fieldSources: {
      embodiedKgCo2e: EMBODIED,
      tdpW: {
        citation:
          'empreinte estimate: Google states Trillium is 67% more energy-efficient than v5e (Google Cloud blog, "Introducing Trillium", 2024); applied to v5e at 197 TFLOPS / 140 W',
        year: 2024,
        url: 'https://cloud.google.com/blog/products/compute/introducing-trillium-6th-gen-tpus',
      },
    },
    notes: `Uncertain: Google publishes no power figure for v6e; tdpW is an estimate (v5e efficiency × 1.67, itself resting on Epoch’s 140 W for v5e). ${DIE_ASSUMED} ${TPU_LCA}`,
  },
  {
    id: 'google-tpu-v7-ironwood',
    kind: 'tpu',
    vendor: 'Google',
    name: 'TPU v7 Ironwood (per chip)',
    family: 'tpu-v7',
    flagship: true,
    aliases: ['tpu-v7', 'tpuv7', 'tpu v7', 'ironwood', 'TPU7x'],
    year: 2025,
    tdpW: 980,
    memoryGb: 192,
    memoryBandwidthTbS: 7.37,
    peakTflops: { bf16: 2307, fp8: 4614, int8: 4614 },
    embodiedKgCo2e: embodied({ tdpW: 980, dieMm2: 1200, nodeNm: 3, memoryGb: 192 }),
    source: IRONWOOD_BLOG,
    fieldSources: { embodiedKgCo2e: EMBODIED, tdpW: EPOCH_TDP },
    notes: `Google gives the FP8 peak; bf16 is taken as half of it. Uncertain: the 980 W is Epoch AI’s figure, not Google’s. ${DIE_ASSUMED}`,
  },
];
