import { userError } from '../errors.js';
import { type Lang, type Message, msg, render } from '../messages/index.js';
import type { Component } from '../records.js';
import type { Choice, ProbedCheck, ProbedPlan } from './samplers/_probe.js';
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
  /** The same, as message data: said in the reader's language, stored with the run. */
  warningMessages: Message[];
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
  /** The language of the details, fixes and warnings (English by default). */
  lang?: Lang;
}

const unmeasured = (fallback: boolean, detail: Message, warnings: Message[] = []): Choice => ({
  plan: { sensor: null, source: null, fallback, detail },
  warnings,
});
/** What a component falls back to when no sensor can measure it. */
const UNMEASURED: Record<Component, Choice> = {
  gpu: unmeasured(false, msg('measure.noGpu')),
  cpu: unmeasured(true, msg('measure.planNoCpu'), [msg('measure.warnNoCpu')]),
  ram: unmeasured(true, msg('measure.planNoRam')),
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
  // The samplers speak in messages: said here in the reader's language.
  const say = (message: Message) => render(message, options.lang, 'flag');
  const sayCheck = ({ detail, fix, ...check }: ProbedCheck): SensorCheck =>
    fix === undefined ? { ...check, detail: say(detail) } : { ...check, detail: say(detail), fix: say(fix) };
  const sayPlan = (p: ProbedPlan): ComponentPlan => ({ ...p, detail: say(p.detail) });
  const warningMessages: Message[] = [];
  const plan = {} as Record<Component, ComponentPlan>;
  for (const component of ['gpu', 'cpu', 'ram'] as const) {
    const chosen = offers[component].find((offer) => offer !== undefined) ?? UNMEASURED[component];
    plan[component] = sayPlan(chosen.plan);
    warningMessages.push(...chosen.warnings);
  }
  const checks = [gpu.check, ...(smi ? [smi.check] : []), raplCheck, cpu.check, stat.check, mem.check];
  return {
    checks: checks.map(sayCheck),
    plan,
    warnings: warningMessages.map(say),
    warningMessages,
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
    throw userError('invalid_value', 'gpus', 'measure.notGpuIndex', {
      missing: missing.join(','),
      value: list.join(','),
      accepted:
        found.length > 0 ? msg('measure.gpuIndices', { found: found.join(', ') }) : msg('measure.noGpuHere'),
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
