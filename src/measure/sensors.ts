import { issue } from '../errors.js';
import type { Component } from '../records.js';
import type { Choice } from './samplers/_probe.js';
import * as nvidiaSmi from './samplers/nvidia-smi/index.js';
import * as nvml from './samplers/nvml/index.js';
import * as procstat from './samplers/procstat/index.js';
import * as ram from './samplers/ram/index.js';
import * as rapl from './samplers/rapl/index.js';
import type { ComponentPlan, Sampler, SensorCheck } from './types.js';

/**
 * Which sensors this machine offers, which one each component will use, and why: the one place
 * that decides the fallbacks (NVML → nvidia-smi; RAPL → utilisation × TDP; RAPL DRAM → installed
 * memory × W/GB). Each sampler folder probes its own sensor and says what it can offer; this file
 * walks them in order of preference. `empreinte doctor` prints the result; `empreinte run` prints
 * its warnings once, stores them with the run, and opens the chosen samplers.
 */
export interface SensorProbe {
  checks: SensorCheck[];
  plan: Record<Component, ComponentPlan>;
  /** One line per fallback or problem, with its fix: printed once when a run starts. */
  warnings: string[];
  gpus: nvml.GpuDevice[];
  cpu: procstat.CpuModel | undefined;
  memTotalGiB: number | undefined;
  rapl: rapl.RaplProbe;
  /** Open NVML session when NVML works (closed by `openSamplers` users or `closeProbe`). */
  nvml: nvml.NvmlSession | undefined;
}

export interface ProbeOptions {
  env?: NodeJS.ProcessEnv;
  /** Check every sensor, even those a working preferred sensor makes unnecessary (doctor). */
  checkAll?: boolean;
}

const unmeasured = (fallback: boolean, detail: string, warnings: string[] = []): Choice => ({
  plan: { sensor: null, source: null, fallback, detail },
  warnings,
});
/** What a component falls back to when no sensor can measure it. */
const UNMEASURED: Record<Component, Choice> = {
  gpu: unmeasured(false, 'no NVIDIA GPU found'),
  cpu: unmeasured(true, 'neither RAPL nor /proc/stat is readable: CPU not measured', [
    'CPU: neither RAPL nor /proc/stat is readable; CPU energy is not measured (not counted as 0 W by mistake: it is absent).',
  ]),
  ram: unmeasured(true, 'no RAPL DRAM domain and no /proc/meminfo: RAM not measured'),
};

export async function probeSensors(options: ProbeOptions = {}): Promise<SensorProbe> {
  const env = options.env ?? process.env;
  // Every sensor, in the order doctor lists them; nvidia-smi only where NVML cannot be loaded.
  const gpu = await nvml.probe(env);
  const smi = !gpu.value || options.checkAll ? await nvidiaSmi.probe(env) : undefined;
  const { check: raplCheck, value: raplProbe } = rapl.probe(env);
  const cpu = await procstat.probeCpuModel(env);
  const stat = await procstat.probe(env);
  const mem = await ram.probe(env);
  const packages = raplProbe.domains.filter((d) => d.kind === 'package').length;
  // Per component, what each sensor offers, best first: the first offer is the plan.
  const offers: Record<Component, (Choice | undefined)[]> = {
    gpu: [nvml.choose(gpu.value), smi && nvidiaSmi.choose(smi.value, gpu.check)],
    cpu: [rapl.chooseCpu(raplProbe), procstat.choose(stat.value, cpu.value, raplProbe)],
    ram: [rapl.chooseRam(raplProbe), ram.choose(mem.value, packages)],
  };
  const warnings: string[] = [];
  const plan = {} as Record<Component, ComponentPlan>;
  for (const component of ['gpu', 'cpu', 'ram'] as const) {
    const chosen = offers[component].find((offer) => offer !== undefined) ?? UNMEASURED[component];
    plan[component] = chosen.plan;
    warnings.push(...chosen.warnings);
  }
  return {
    checks: [gpu.check, ...(smi ? [smi.check] : []), raplCheck, cpu.check, stat.check, mem.check],
    plan,
    warnings,
    gpus: plan.gpu.sensor === 'nvidia-smi' ? smi!.value! : (gpu.value?.devices ?? []),
    cpu: cpu.value,
    memTotalGiB: mem.value,
    rapl: raplProbe,
    nvml: gpu.value,
  };
}

/** Parses and checks `--gpus 0,2` against the GPUs found. */
export function selectGpus(probe: SensorProbe, list: readonly number[] | undefined): nvml.GpuDevice[] {
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
    samplers.push(
      await nvidiaSmi.createNvidiaSmiSampler(gpus, options.intervalS, nvidiaSmi.nvidiaSmiPath(env)),
    );
  }
  const domains = probe.rapl.domains.filter(
    (d) =>
      (d.kind === 'package' && probe.plan.cpu.sensor === 'rapl') ||
      (d.kind === 'dram' && probe.plan.ram.sensor === 'rapl'),
  );
  if (domains.length > 0) samplers.push(rapl.createRaplSampler(domains, options.intervalS));
  if (probe.plan.cpu.sensor === 'procstat' && probe.cpu) {
    samplers.push(
      procstat.createProcStatSampler({
        root: procstat.procRoot(env),
        tdpWPerPackage: probe.cpu.tdpWPerPackage,
        packages: probe.cpu.packages,
        source: probe.plan.cpu.source as 'modelled:tdp-utilisation' | 'default:unknown-cpu-tdp',
        modelName: probe.cpu.modelName,
      }),
    );
  }
  if (probe.plan.ram.sensor === 'ram' && probe.memTotalGiB !== undefined)
    samplers.push(ram.createRamEstimateSampler(probe.memTotalGiB));
  return samplers;
}

export function closeProbe(probe: SensorProbe): void {
  probe.nvml?.close();
  probe.nvml = undefined;
}
