import type { HardwareEntry, Source } from '../types.js';
import { ACCELERATOR_EMBODIED_SOURCE as EMBODIED, acceleratorEmbodied as embodied } from './embodied.js';

/** Intel Gaudi and AWS Trainium/Inferentia accelerators, per chip. */

const GAUDI2_SOURCE: Source = {
  citation: 'Intel Gaudi 2 AI accelerator product brief (HL-225H OAM: 600 W, 96 GB HBM2e, 2.45 TB/s)',
  year: 2022,
  url: 'https://www.intel.com/content/www/us/en/products/details/processors/ai-accelerators/gaudi2.html',
};
const GAUDI3_SOURCE: Source = {
  citation:
    'Intel Gaudi 3 AI Accelerator white paper (HL-325L OAM: 900 W, 128 GB HBM2e, 3.7 TB/s; MME BF16/FP8 peaks)',
  year: 2024,
  url: 'https://www.intel.com/content/www/us/en/content-details/817486/intel-gaudi-3-ai-accelerator-white-paper.html',
};
const NEURON_TRN1: Source = {
  citation:
    'AWS Neuron documentation, Trainium architecture (per chip: 190 TFLOPS FP16/BF16, 47.5 TFLOPS FP32, 32 GB HBM, 820 GB/s)',
  year: 2022,
  url: 'https://awsdocs-neuron.readthedocs-hosted.com/en/latest/general/arch/neuron-hardware/trainium.html',
};
const NEURON_INF2: Source = {
  citation:
    'AWS Neuron documentation, Inferentia2 architecture (per chip: 190 TFLOPS FP16/BF16, 47.5 TFLOPS FP32, 32 GB HBM, 820 GB/s)',
  year: 2023,
  url: 'https://awsdocs-neuron.readthedocs-hosted.com/en/latest/general/arch/neuron-hardware/inferentia2.html',
};
const NEURON_TRN2: Source = {
  citation:
    'AWS Neuron documentation, Trainium2 architecture (per chip: 667 TFLOPS BF16, 1,299 TFLOPS FP8 dense, 96 GiB HBM, 2.9 TB/s)',
  year: 2024,
  url: 'https://awsdocs-neuron.readthedocs-hosted.com/en/latest/general/arch/neuron-hardware/trainium2.html',
};
const TRN3_SOURCE: Source = {
  citation:
    'AWS re:Invent 2025 announcement of Trainium3 (2.52 PFLOPS FP8 per chip), as compiled in Epoch AI’s ML hardware database',
  year: 2025,
  url: 'https://epoch.ai/data/machine-learning-hardware',
};
const SEMIANALYSIS_TDP: Source = {
  citation:
    'SemiAnalysis estimate as listed in Epoch AI, Machine Learning Hardware database (AWS publishes no chip power)',
  year: 2025,
  url: 'https://epoch.ai/data/machine-learning-hardware',
  licence: 'CC BY 4.0',
};
/** A100 SXM4 peak BF16 TFLOP/s per W (312 / 400): the contemporary yardstick for unpublished 7 nm-era chips. */
const A100_TFLOPS_PER_W = 312 / 400;
const A100_YARDSTICK: Source = {
  citation:
    'empreinte estimate: peak BF16 TFLOP/s at the A100 SXM4’s 312 TFLOPS / 400 W (NVIDIA A100 datasheet 2021); AWS publishes no chip power',
  year: 2022,
};
const ESTIMATED_POWER =
  'Uncertain: AWS publishes no chip power; tdpW is an estimate at the A100’s peak TFLOP/s per W (there is no measured figure to check it against).';
const DIE_ASSUMED =
  'Die area not published: assumed for the embodied estimate (its die term is a quarter to two fifths of the total, so a wrong area moves the figure by tens of percent).';

const TRN1_TDP = Math.round(190 / A100_TFLOPS_PER_W);

export const OTHER_ACCELERATORS: readonly HardwareEntry[] = [
  {
    id: 'intel-gaudi2',
    kind: 'accelerator',
    vendor: 'Intel (Habana)',
    name: 'Gaudi 2 96GB (OAM)',
    family: 'gaudi2',
    flagship: true,
    aliases: ['gaudi2', 'gaudi 2', 'habana gaudi2', 'HL-225H'],
    year: 2022,
    tdpW: 600,
    memoryGb: 96,
    memoryBandwidthTbS: 2.45,
    peakTflops: { bf16: 432, fp8: 865 },
    embodiedKgCo2e: embodied({ tdpW: 600, dieMm2: 850, nodeNm: 7, memoryGb: 96 }),
    source: GAUDI2_SOURCE,
    fieldSources: { embodiedKgCo2e: EMBODIED },
    notes: `Matrix-engine (MME) peaks as given in the Gaudi 3 white paper's comparison table (BF16 432, FP8 865); Epoch AI lists 450 BF16. ${DIE_ASSUMED}`,
  },
  {
    id: 'intel-gaudi3',
    kind: 'accelerator',
    vendor: 'Intel (Habana)',
    name: 'Gaudi 3 128GB (OAM)',
    family: 'gaudi3',
    flagship: true,
    aliases: ['gaudi3', 'gaudi 3', 'habana gaudi3', 'HL-325L'],
    year: 2024,
    tdpW: 900,
    memoryGb: 128,
    memoryBandwidthTbS: 3.7,
    peakTflops: { bf16: 1835, fp8: 1835 },
    embodiedKgCo2e: embodied({ tdpW: 900, dieMm2: 1200, nodeNm: 5, memoryGb: 128 }),
    source: GAUDI3_SOURCE,
    fieldSources: { embodiedKgCo2e: EMBODIED },
    notes: `BF16 and FP8 are the matrix-engine peaks (1,835 TFLOPS in Intel's white paper; Epoch AI lists 1,678, the figure at the lower PCIe-card clock). Vector (TPC) BF16 is 28.7 TFLOPS; no FP32 matrix peak is recorded. A 600 W PCIe card (HL-338) also exists. Two 5 nm compute dies, taken as 1,200 mm².`,
  },
  {
    id: 'aws-trainium1',
    kind: 'accelerator',
    vendor: 'AWS',
    name: 'Trainium (Trn1) chip',
    family: 'trainium1',
    flagship: true,
    aliases: ['trainium1', 'trainium 1', 'trn1', 'aws trainium'],
    year: 2022,
    tdpW: TRN1_TDP,
    memoryGb: 32,
    memoryBandwidthTbS: 0.82,
    peakTflops: { fp32: 47.5, tf32: 190, bf16: 190, int8: 380 },
    embodiedKgCo2e: embodied({ tdpW: TRN1_TDP, dieMm2: 600, nodeNm: 7, memoryGb: 32 }),
    source: NEURON_TRN1,
    fieldSources: { embodiedKgCo2e: EMBODIED, tdpW: A100_YARDSTICK },
    notes: `${ESTIMATED_POWER} Trn1.32xlarge = 16 chips, 512 GB HBM, 13.1 TB/s in all. ${DIE_ASSUMED}`,
  },
  {
    id: 'aws-inferentia2',
    kind: 'accelerator',
    vendor: 'AWS',
    name: 'Inferentia2 chip',
    family: 'inferentia2',
    flagship: true,
    aliases: ['inferentia2', 'inferentia 2', 'inf2', 'aws inferentia2'],
    year: 2023,
    tdpW: TRN1_TDP,
    memoryGb: 32,
    memoryBandwidthTbS: 0.82,
    peakTflops: { fp32: 47.5, tf32: 190, bf16: 190, fp8: 190, int8: 380 },
    embodiedKgCo2e: embodied({ tdpW: TRN1_TDP, dieMm2: 600, nodeNm: 7, memoryGb: 32 }),
    source: NEURON_INF2,
    fieldSources: { embodiedKgCo2e: EMBODIED, tdpW: A100_YARDSTICK },
    notes: `${ESTIMATED_POWER} Same compute as a Trainium1 chip. ${DIE_ASSUMED}`,
  },
  {
    id: 'aws-trainium2',
    kind: 'accelerator',
    vendor: 'AWS',
    name: 'Trainium2 chip',
    family: 'trainium2',
    flagship: true,
    aliases: ['trainium2', 'trainium 2', 'trn2', 'aws trainium2'],
    year: 2024,
    tdpW: 500,
    memoryGb: 96,
    memoryBandwidthTbS: 2.9,
    peakTflops: { bf16: 667, fp8: 1299 },
    embodiedKgCo2e: embodied({ tdpW: 500, dieMm2: 1000, nodeNm: 5, memoryGb: 96 }),
    source: NEURON_TRN2,
    fieldSources: { embodiedKgCo2e: EMBODIED, tdpW: SEMIANALYSIS_TDP },
    notes: `Uncertain: 500 W is a SemiAnalysis estimate, not an AWS figure. ${DIE_ASSUMED}`,
  },
  {
    id: 'aws-trainium3',
    kind: 'accelerator',
    vendor: 'AWS',
    name: 'Trainium3 chip',
    family: 'trainium3',
    flagship: true,
    aliases: ['trainium3', 'trainium 3', 'trn3', 'aws trainium3'],
    year: 2025,
    tdpW: 700,
    memoryGb: 144,
    memoryBandwidthTbS: 4.9,
    peakTflops: { fp32: 183, tf32: 671, bf16: 671, fp8: 2517 },
    embodiedKgCo2e: embodied({ tdpW: 700, dieMm2: 1000, nodeNm: 3, memoryGb: 144 }),
    source: TRN3_SOURCE,
    fieldSources: { embodiedKgCo2e: EMBODIED, tdpW: SEMIANALYSIS_TDP },
    notes: `Uncertain: 700 W is a SemiAnalysis estimate (AWS hinted at liquid cooling above 1 kW for this generation); 144 GB HBM3e at 4.9 TB/s is from AWS's announcement and not checked against a stored source. ${DIE_ASSUMED}`,
  },
];
