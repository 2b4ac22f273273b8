import type { HardwareEntry, Source } from '../types.js';
import { ACCELERATOR_EMBODIED_SOURCE as EMBODIED, acceleratorEmbodied as embodied } from './embodied.js';

/**
 * AMD Instinct accelerators. AMD's datasheets print dense and sparse peaks side by side; the dense ones
 * are kept. `fp32` is the FP32 matrix peak (the vector peak is half), since that is what matrix
 * multiplications run at.
 */

const MI250X_DATASHEET: Source = {
  citation: 'AMD Instinct MI250X accelerator datasheet (OAM, 500 W, 128 GB HBM2e, 3.2768 TB/s)',
  year: 2021,
  url: 'https://www.amd.com/en/products/accelerators/instinct/mi200/mi250x.html',
};
const MI300X_DATASHEET: Source = {
  citation: 'AMD Instinct MI300X accelerator datasheet (OAM, 750 W, 192 GB HBM3, 5.3 TB/s)',
  year: 2023,
  url: 'https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html',
};
const MI300A_DATASHEET: Source = {
  citation:
    'AMD Instinct MI300A APU datasheet (24 Zen 4 cores and 228 compute units; 128 GB unified HBM3, 5.3 TB/s; 550 W TDP, up to 760 W liquid-cooled)',
  year: 2023,
  url: 'https://www.amd.com/en/products/accelerators/instinct/mi300/mi300a.html',
};
const MI325X_DATASHEET: Source = {
  citation: 'AMD Instinct MI325X accelerator datasheet (OAM, 1,000 W, 256 GB HBM3e, 6 TB/s)',
  year: 2024,
  url: 'https://www.amd.com/en/products/accelerators/instinct/mi300/mi325x.html',
};
const MI350_DATASHEET: Source = {
  citation:
    'AMD Instinct MI350 series datasheets (MI350X 1,000 W air-cooled; MI355X 1,400 W liquid-cooled; 288 GB HBM3e, 8 TB/s)',
  year: 2025,
  url: 'https://www.amd.com/en/products/accelerators/instinct/mi350.html',
};

const CHIPLETS =
  'Chiplet package: the die area used for the embodied estimate (all compute and I/O dies) is an approximation.';

export const AMD_GPUS: readonly HardwareEntry[] = [
  {
    id: 'amd-mi250x',
    kind: 'gpu',
    vendor: 'AMD',
    name: 'Instinct MI250X 128GB',
    family: 'mi250x',
    flagship: true,
    aliases: ['mi250x', 'instinct mi250x', 'AMD Instinct MI250X'],
    year: 2021,
    tdpW: 500,
    memoryGb: 128,
    memoryBandwidthTbS: 3.2768,
    peakTflops: { fp32: 95.7, bf16: 383, int8: 383 },
    embodiedKgCo2e: embodied({ tdpW: 500, dieMm2: 1448, nodeNm: 6, memoryGb: 128 }),
    source: MI250X_DATASHEET,
    fieldSources: { embodiedKgCo2e: EMBODIED },
    notes: `Two graphics compute dies (2 × 724 mm², TSMC N6) per package; the OS sees two GPUs. fp32 is the matrix peak (vector 47.9). No TF32 or FP8. 500 W typical board power, 560 W peak. ${CHIPLETS}`,
  },
  {
    id: 'amd-mi300x',
    kind: 'gpu',
    vendor: 'AMD',
    name: 'Instinct MI300X 192GB',
    family: 'mi300x',
    flagship: true,
    aliases: ['mi300x', 'instinct mi300x', 'AMD Instinct MI300X', 'mi300x-192gb'],
    year: 2023,
    tdpW: 750,
    memoryGb: 192,
    memoryBandwidthTbS: 5.3,
    peakTflops: { fp32: 163.4, tf32: 653.7, bf16: 1307.4, fp8: 2614.9, int8: 2614.9 },
    embodiedKgCo2e: embodied({ tdpW: 750, dieMm2: 2400, nodeNm: 5, memoryGb: 192 }),
    source: MI300X_DATASHEET,
    fieldSources: { embodiedKgCo2e: EMBODIED },
    notes: `fp32 is the matrix peak (vector 81.7). Eight 5 nm compute dies on four 6 nm I/O dies, about 2,400 mm² of silicon in all. ${CHIPLETS}`,
  },
  {
    id: 'amd-mi300a',
    kind: 'gpu',
    vendor: 'AMD',
    name: 'Instinct MI300A APU 128GB',
    family: 'mi300a',
    flagship: true,
    aliases: ['mi300a', 'instinct mi300a', 'AMD Instinct MI300A'],
    year: 2023,
    tdpW: 550,
    memoryGb: 128,
    memoryBandwidthTbS: 5.3,
    peakTflops: { fp32: 122.6, tf32: 490.3, bf16: 980.6, fp8: 1961.2, int8: 1961.2 },
    embodiedKgCo2e: embodied({ tdpW: 550, dieMm2: 2400, nodeNm: 5, memoryGb: 128 }),
    source: MI300A_DATASHEET,
    fieldSources: { embodiedKgCo2e: EMBODIED },
    notes: `CPU and GPU in one package sharing the HBM3 (El Capitan; also in the Alps system). Six compute dies and three Zen 4 CPU dies on four I/O dies, about 2,400 mm² of silicon in all. 550 W is the rated TDP; liquid-cooled systems run up to 760 W. ${CHIPLETS}`,
  },
  {
    id: 'amd-mi325x',
    kind: 'gpu',
    vendor: 'AMD',
    name: 'Instinct MI325X 256GB',
    family: 'mi325x',
    flagship: true,
    aliases: ['mi325x', 'instinct mi325x', 'AMD Instinct MI325X'],
    year: 2024,
    tdpW: 1000,
    memoryGb: 256,
    memoryBandwidthTbS: 6,
    peakTflops: { fp32: 163.4, tf32: 653.7, bf16: 1307.4, fp8: 2614.9, int8: 2614.9 },
    embodiedKgCo2e: embodied({ tdpW: 1000, dieMm2: 2400, nodeNm: 5, memoryGb: 256 }),
    source: MI325X_DATASHEET,
    fieldSources: { embodiedKgCo2e: EMBODIED },
    notes: `The MI300X compute dies with HBM3e: same peaks. Uncertain: one tracker lists INT8 as 2,600. ${CHIPLETS}`,
  },
  {
    id: 'amd-mi350x',
    kind: 'gpu',
    vendor: 'AMD',
    name: 'Instinct MI350X 288GB',
    family: 'mi350x',
    flagship: true,
    aliases: ['mi350x', 'instinct mi350x', 'AMD Instinct MI350X'],
    year: 2025,
    tdpW: 1000,
    memoryGb: 288,
    memoryBandwidthTbS: 8,
    peakTflops: { bf16: 2307.2, fp8: 4614.4, int8: 4614.4 },
    embodiedKgCo2e: embodied({ tdpW: 1000, dieMm2: 1600, nodeNm: 3, memoryGb: 288 }),
    source: MI350_DATASHEET,
    fieldSources: { embodiedKgCo2e: EMBODIED },
    notes: `Air-cooled variant of the MI355X silicon at lower clocks. FP32 matrix peak not recorded. ${CHIPLETS} (eight 3 nm compute dies on two 6 nm I/O dies, taken as 1,600 mm²).`,
  },
  {
    id: 'amd-mi355x',
    kind: 'gpu',
    vendor: 'AMD',
    name: 'Instinct MI355X 288GB',
    family: 'mi355x',
    flagship: true,
    aliases: ['mi355x', 'instinct mi355x', 'AMD Instinct MI355X', 'mi355'],
    year: 2025,
    tdpW: 1400,
    idleW: 238,
    memoryGb: 288,
    memoryBandwidthTbS: 8,
    peakTflops: { bf16: 2516.6, fp8: 5033.2, int8: 5033.2 },
    embodiedKgCo2e: embodied({ tdpW: 1400, dieMm2: 1600, nodeNm: 3, memoryGb: 288 }),
    source: MI350_DATASHEET,
    fieldSources: {
      embodiedKgCo2e: EMBODIED,
      idleW: {
        citation:
          'GitHub ROCm issue (legacy-rocm-build #5219): MI355 idles at 238 W, which AMD called in line with expectations (user report)',
        year: 2025,
      },
    },
    notes: `Liquid-cooled. FP32 matrix peak not recorded. idleW is one user report. ${CHIPLETS} (taken as 1,600 mm²).`,
  },
];
