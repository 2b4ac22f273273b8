import { findCpuByModelName, UNKNOWN_CPU_TDP } from '../catalog/hardware.js';
import { issue } from '../errors.js';
import type { Component, Provenance } from '../records.js';
import {
  createNvidiaSmiSampler,
  listGpusWithNvidiaSmi,
  NvidiaSmiUnavailable,
  nvidiaSmiPath,
} from './samplers/nvidia-smi/index.js';
import {
  type GpuDevice,
  type NvmlSession,
  NvmlUnavailable,
  nvmlLibPath,
  openNvml,
} from './samplers/nvml/index.js';
import { createProcStatSampler, procRoot, readCpuInfo } from './samplers/procstat/index.js';
import { createRamEstimateSampler, RAM_W_PER_GB, readMemTotalGiB } from './samplers/ram/index.js';
import { createRaplSampler, powercapRoot, probeRapl, type RaplProbe } from './samplers/rapl/index.js';
import type { Sampler, SamplerId } from './types.js';

/**
 * Which sensors this machine offers, which one each component will use, and why: the one place
 * that decides the fallbacks (NVML → nvidia-smi; RAPL → utilisation × TDP; RAPL DRAM → installed
 * memory × W/GB). `empreinte doctor` prints it; `empreinte run` prints its warnings once, stores
 * them with the run, and opens the chosen samplers.
 */
export interface SensorCheck {
  sensor: 'nvml' | 'nvidia-smi' | 'rapl' | 'procstat' | 'cpuinfo' | 'meminfo';
  component: Component;
  ok: boolean;
  /** What was found (or, when not ok, what went wrong). */
  detail: string;
  fix?: string;
  /** The file, library or program the check used. */
  path: string;
}

export interface ComponentPlan {
  sensor: SamplerId | null;
  source: Provenance | null;
  /** True when the preferred sensor could not be used. */
  fallback: boolean;
  detail: string;
}

export interface CpuModel {
  modelName: string | undefined;
  packages: number;
  tdpWPerPackage: number;
  /** Hardware catalog id, or null when the TDP is the stated default. */
  hardwareId: string | null;
  tdpSource: string;
}

export interface SensorProbe {
  checks: SensorCheck[];
  plan: Record<Component, ComponentPlan>;
  /** One line per fallback or problem, with its fix: printed once when a run starts. */
  warnings: string[];
  gpus: GpuDevice[];
  cpu: CpuModel | undefined;
  memTotalGiB: number | undefined;
  rapl: RaplProbe;
  /** Open NVML session when NVML works (closed by `openSamplers` users or `closeProbe`). */
  nvml: NvmlSession | undefined;
}

export interface ProbeOptions {
  env?: NodeJS.ProcessEnv;
  /** Check every sensor, even those a working preferred sensor makes unnecessary (doctor). */
  checkAll?: boolean;
}

export async function probeSensors(options: ProbeOptions = {}): Promise<SensorProbe> {
  const env = options.env ?? process.env;
  const checks: SensorCheck[] = [];
  const warnings: string[] = [];

  // GPUs: NVML first, nvidia-smi when NVML cannot be loaded.
  let nvml: NvmlSession | undefined;
  let gpus: GpuDevice[] = [];
  const libPath = nvmlLibPath(env);
  try {
    nvml = await openNvml(libPath);
    gpus = nvml.devices;
    const counters = gpus.filter((g) => g.counter).length;
    checks.push({
      sensor: 'nvml',
      component: 'gpu',
      ok: true,
      path: libPath,
      detail:
        gpus.length === 0
          ? 'NVML loaded; no GPU found'
          : `${gpus.length} GPU(s): ${gpus.map((g) => `${g.index} ${g.name}`).join(', ')}; energy counter on ${counters} of ${gpus.length}`,
    });
  } catch (error) {
    if (!(error instanceof NvmlUnavailable)) throw error;
    checks.push({
      sensor: 'nvml',
      component: 'gpu',
      ok: false,
      path: libPath,
      detail: error.message,
      fix: error.fix,
    });
  }
  let smiGpus: GpuDevice[] | undefined;
  const smiPath = nvidiaSmiPath(env);
  if (!nvml || options.checkAll) {
    try {
      smiGpus = listGpusWithNvidiaSmi(smiPath);
      checks.push({
        sensor: 'nvidia-smi',
        component: 'gpu',
        ok: true,
        path: smiPath,
        detail: `${smiGpus.length} GPU(s) report power.draw`,
      });
    } catch (error) {
      if (!(error instanceof NvidiaSmiUnavailable)) throw error;
      checks.push({
        sensor: 'nvidia-smi',
        component: 'gpu',
        ok: false,
        path: smiPath,
        detail: error.message,
        fix: error.fix,
      });
    }
  }
  let gpuPlan: ComponentPlan;
  if (nvml && gpus.length > 0) {
    const counter = gpus.every((g) => g.counter);
    gpuPlan = {
      sensor: 'nvml',
      source: counter ? 'measured:nvml-counter' : 'measured:nvml-power',
      fallback: !counter,
      detail: counter
        ? 'NVML energy counters'
        : 'NVML power readings integrated over time (no energy counter on some GPUs: pre-Volta)',
    };
  } else if (!nvml && smiGpus && smiGpus.length > 0) {
    gpus = smiGpus;
    gpuPlan = {
      sensor: 'nvidia-smi',
      source: 'measured:nvidia-smi',
      fallback: true,
      detail: 'nvidia-smi power.draw integrated over time',
    };
    const nvmlCheck = checks.find((c) => c.sensor === 'nvml')!;
    warnings.push(
      `GPU: NVML unavailable (${nvmlCheck.detail}); using nvidia-smi power.draw instead. Fix: ${nvmlCheck.fix}`,
    );
  } else {
    gpuPlan = { sensor: null, source: null, fallback: false, detail: 'no NVIDIA GPU found' };
  }

  // CPU and RAM: RAPL, else utilisation × TDP and installed memory × W/GB.
  const rapl = probeRapl(powercapRoot(env));
  const packages = rapl.domains.filter((d) => d.kind === 'package');
  const drams = rapl.domains.filter((d) => d.kind === 'dram');
  checks.push({
    sensor: 'rapl',
    component: 'cpu',
    ok: packages.length > 0 && rapl.unreadable.length === 0,
    path: rapl.root,
    detail:
      packages.length > 0
        ? `${packages.length} package(s), ${drams.length} DRAM domain(s) readable${rapl.problem ? `; ${rapl.problem}` : ''}`
        : (rapl.problem ?? 'no RAPL domain'),
    fix: rapl.fix,
  });
  const root = procRoot(env);
  let cpu: CpuModel | undefined;
  try {
    const info = readCpuInfo(root);
    const entry = info.modelName ? findCpuByModelName(info.modelName) : undefined;
    cpu = {
      modelName: info.modelName,
      packages: info.packages,
      tdpWPerPackage: entry?.tdpW ?? UNKNOWN_CPU_TDP.powerW,
      hardwareId: entry?.id ?? null,
      tdpSource: entry
        ? `catalog:${entry.id}`
        : `default: ${UNKNOWN_CPU_TDP.source.citation} (${UNKNOWN_CPU_TDP.source.year})`,
    };
    checks.push({
      sensor: 'cpuinfo',
      component: 'cpu',
      ok: entry !== undefined,
      path: `${root}/cpuinfo`,
      detail: entry
        ? `${info.modelName} ×${info.packages}: ${entry.tdpW} W TDP per package (catalog:${entry.id})`
        : `${info.modelName ?? 'unknown CPU model'} ×${info.packages} is not in the hardware catalog: ${UNKNOWN_CPU_TDP.powerW} W TDP assumed`,
      fix: entry ? undefined : 'only matters without RAPL; the figure is labelled default:unknown-cpu-tdp',
    });
  } catch (error) {
    checks.push({
      sensor: 'cpuinfo',
      component: 'cpu',
      ok: false,
      path: `${root}/cpuinfo`,
      detail: (error as Error).message,
    });
  }
  let statOk = false;
  try {
    const probe = createProcStatSampler({
      root,
      tdpWPerPackage: 1,
      packages: 1,
      source: 'modelled:tdp-utilisation',
    });
    probe.read(0);
    probe.close();
    statOk = true;
    checks.push({
      sensor: 'procstat',
      component: 'cpu',
      ok: true,
      path: `${root}/stat`,
      detail: 'CPU utilisation readable',
    });
  } catch (error) {
    checks.push({
      sensor: 'procstat',
      component: 'cpu',
      ok: false,
      path: `${root}/stat`,
      detail: (error as Error).message,
    });
  }
  let memTotalGiB: number | undefined;
  try {
    memTotalGiB = readMemTotalGiB(root);
    checks.push({
      sensor: 'meminfo',
      component: 'ram',
      ok: true,
      path: `${root}/meminfo`,
      detail: `${memTotalGiB.toFixed(1)} GiB installed`,
    });
  } catch (error) {
    checks.push({
      sensor: 'meminfo',
      component: 'ram',
      ok: false,
      path: `${root}/meminfo`,
      detail: (error as Error).message,
    });
  }

  let cpuPlan: ComponentPlan;
  if (packages.length > 0) {
    cpuPlan = {
      sensor: 'rapl',
      source: 'measured:rapl',
      fallback: false,
      detail: `RAPL energy counters of ${packages.length} package(s)`,
    };
  } else if (statOk && cpu) {
    const source: Provenance = cpu.hardwareId ? 'modelled:tdp-utilisation' : 'default:unknown-cpu-tdp';
    cpuPlan = {
      sensor: 'procstat',
      source,
      fallback: true,
      detail: `utilisation from /proc/stat × ${cpu.tdpWPerPackage * cpu.packages} W TDP (${cpu.tdpSource})`,
    };
    warnings.push(
      `CPU: ${rapl.problem ?? 'RAPL unavailable'}; CPU power is modelled as utilisation × TDP instead.${rapl.fix ? ` Fix: ${rapl.fix}` : ''}`,
    );
    if (!cpu.hardwareId) {
      warnings.push(
        `CPU: ${cpu.modelName ?? 'the CPU model'} is not in the hardware catalog; ${cpu.tdpWPerPackage} W TDP per package assumed (${cpu.tdpSource})`,
      );
    }
  } else {
    cpuPlan = {
      sensor: null,
      source: null,
      fallback: true,
      detail: 'neither RAPL nor /proc/stat is readable: CPU not measured',
    };
    warnings.push(
      'CPU: neither RAPL nor /proc/stat is readable; CPU energy is not measured (not counted as 0 W by mistake: it is absent).',
    );
  }
  let ramPlan: ComponentPlan;
  if (drams.length > 0) {
    ramPlan = {
      sensor: 'rapl',
      source: 'measured:rapl',
      fallback: false,
      detail: `RAPL DRAM counters of ${drams.length} package(s)`,
    };
  } else if (memTotalGiB !== undefined) {
    ramPlan = {
      sensor: 'ram',
      source: 'default:ram-w-per-gb',
      fallback: true,
      detail: `${memTotalGiB.toFixed(1)} GiB × ${RAM_W_PER_GB.value} W/GB (${RAM_W_PER_GB.source.citation})`,
    };
    if (packages.length > 0)
      warnings.push('RAM: no RAPL DRAM domain on this CPU; RAM power estimated from installed memory.');
  } else {
    ramPlan = {
      sensor: null,
      source: null,
      fallback: true,
      detail: 'no RAPL DRAM domain and no /proc/meminfo: RAM not measured',
    };
  }
  return {
    checks,
    plan: { gpu: gpuPlan, cpu: cpuPlan, ram: ramPlan },
    warnings,
    gpus,
    cpu,
    memTotalGiB,
    rapl,
    nvml,
  };
}

/** Parses and checks `--gpus 0,2` against the GPUs found. */
export function selectGpus(probe: SensorProbe, list: readonly number[] | undefined): GpuDevice[] {
  if (!list) return probe.gpus;
  const found = probe.gpus.map((g) => g.index);
  const missing = list.filter((i) => !found.includes(i));
  if (missing.length > 0) {
    throw issue('invalid_value', 'gpus', `--gpus: ${missing.join(',')} is not a GPU index on this machine`, {
      value: list.join(','),
      accepted: found.length > 0 ? `indices among ${found.join(', ')}` : 'no GPU was found on this machine',
    });
  }
  return probe.gpus.filter((g) => list.includes(g.index));
}

/** Opens the samplers the plan chose; the NVML session passes to its sampler. */
export async function openSamplers(
  probe: SensorProbe,
  options: { intervalS: number; gpus?: readonly number[]; env?: NodeJS.ProcessEnv },
): Promise<Sampler[]> {
  const env = options.env ?? process.env;
  const gpus = selectGpus(probe, options.gpus);
  const samplers: Sampler[] = [];
  if (probe.plan.gpu.sensor === 'nvml' && probe.nvml) {
    samplers.push(probe.nvml.createSampler(gpus.map((g) => g.index)));
    probe.nvml = undefined;
  } else if (probe.plan.gpu.sensor === 'nvidia-smi' && gpus.length > 0) {
    samplers.push(await createNvidiaSmiSampler(gpus, options.intervalS, nvidiaSmiPath(env)));
  }
  const domains = probe.rapl.domains.filter(
    (d) =>
      (d.kind === 'package' && probe.plan.cpu.sensor === 'rapl') ||
      (d.kind === 'dram' && probe.plan.ram.sensor === 'rapl'),
  );
  if (domains.length > 0) samplers.push(createRaplSampler(domains, options.intervalS));
  if (probe.plan.cpu.sensor === 'procstat' && probe.cpu) {
    samplers.push(
      createProcStatSampler({
        root: procRoot(env),
        tdpWPerPackage: probe.cpu.tdpWPerPackage,
        packages: probe.cpu.packages,
        source: probe.plan.cpu.source as 'modelled:tdp-utilisation' | 'default:unknown-cpu-tdp',
        modelName: probe.cpu.modelName,
      }),
    );
  }
  if (probe.plan.ram.sensor === 'ram' && probe.memTotalGiB !== undefined)
    samplers.push(createRamEstimateSampler(probe.memTotalGiB));
  return samplers;
}

export function closeProbe(probe: SensorProbe): void {
  probe.nvml?.close();
  probe.nvml = undefined;
}
