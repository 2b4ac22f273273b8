import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCpuByModelName, UNKNOWN_CPU_TDP } from '../../../catalog/cpu-models.js';
import { type Message, msg } from '../../../messages/index.js';
import type { Provenance } from '../../../records.js';
import type { Channel, Reading, Sampler } from '../../types.js';
import { emptyReadings } from '../../types.js';
import { type Checked, type Choice, runCheck } from '../_probe.js';
import { parseUnsigned, SysFile } from '../_sysfile.js';

/**
 * CPU power modelled as utilisation × TDP when no RAPL counter can be read: utilisation from the
 * aggregate `cpu` line of /proc/stat (busy jiffies over all jiffies between two reads), TDP from
 * the CPU model in /proc/cpuinfo looked up in the hardware catalog.
 */
export function procRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.EMPREINTE_PROC_ROOT || '/proc';
}

export interface CpuInfo {
  /** `model name` of the first processor, as the kernel reports it. */
  modelName: string | undefined;
  /** Number of physical packages (distinct `physical id`), at least 1. */
  packages: number;
  /** Logical processors. */
  logicalCpus: number;
}

export function readCpuInfo(root = procRoot()): CpuInfo {
  const text = readFileSync(join(root, 'cpuinfo'), 'utf8');
  let modelName: string | undefined;
  const packageIds = new Set<string>();
  let logicalCpus = 0;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key === 'processor') logicalCpus++;
    else if (key === 'model name' && modelName === undefined) modelName = value;
    else if (key === 'physical id') packageIds.add(value);
  }
  return { modelName, packages: Math.max(1, packageIds.size), logicalCpus };
}

/** Cumulative jiffies of the aggregate `cpu` line: busy and total. */
export interface CpuTimes {
  busy: number;
  total: number;
}

const CPU_FIELDS = 8; // user nice system idle iowait irq softirq steal (guest is already in user)

/** Parses the first line of /proc/stat into `out` (no allocation). */
export function parseProcStat(buffer: Uint8Array, length: number, out: CpuTimes): CpuTimes {
  let eol = 0;
  while (eol < length && buffer[eol] !== 10) eol++;
  let offset = 3; // after "cpu"
  let total = 0;
  let idle = 0;
  // Old kernels have fewer fields: parsing stops at the end of the first line.
  for (let field = 0; field < CPU_FIELDS; field++) {
    const parsed = parseUnsigned(buffer, offset, eol);
    if (Number.isNaN(parsed.value)) break;
    if (field === 3 || field === 4) idle += parsed.value;
    total += parsed.value;
    offset = parsed.end;
  }
  out.busy = total - idle;
  out.total = total;
  return out;
}

export interface ProcStatOptions {
  root?: string;
  /** Package TDP, W, and how many packages; source says whether the TDP is catalogued or a default. */
  tdpWPerPackage: number;
  packages: number;
  source: Extract<Provenance, 'modelled:tdp-utilisation' | 'default:unknown-cpu-tdp'>;
  modelName?: string;
}

export function createProcStatSampler(options: ProcStatOptions): Sampler {
  const file = new SysFile(join(options.root ?? procRoot(), 'stat'), 512);
  const maxPowerW = options.tdpWPerPackage * options.packages;
  const channels: Channel[] = [
    {
      component: 'cpu',
      deviceIndex: 0,
      name: `${options.modelName ?? 'unknown CPU'}${options.packages > 1 ? ` ×${options.packages}` : ''} (utilisation × ${maxPowerW} W)`,
      source: options.source,
    },
  ];
  const readings: Reading[] = emptyReadings(channels);
  const now: CpuTimes = { busy: 0, total: 0 };
  let lastBusy = Number.NaN;
  let lastTotal = Number.NaN;
  let lastMs = Number.NaN;
  let energyJ = 0;
  return {
    id: 'procstat',
    channels,
    read(nowMs) {
      const reading = readings[0];
      file.read();
      parseProcStat(file.buffer, file.length, now);
      if (!Number.isNaN(lastTotal) && now.total > lastTotal) {
        const utilisation = Math.min(1, Math.max(0, (now.busy - lastBusy) / (now.total - lastTotal)));
        // Utilisation is the average over the interval, so power × interval is exact for the model.
        reading.powerW = utilisation * maxPowerW;
        energyJ += (reading.powerW * (nowMs - lastMs)) / 1000;
      }
      if (Number.isNaN(lastTotal) || now.total > lastTotal) {
        lastBusy = now.busy;
        lastTotal = now.total;
        lastMs = nowMs;
      }
      reading.energyJ = energyJ;
      return readings;
    },
    close() {
      file.close();
    },
  };
}

/** The CPU model and its TDP, for the utilisation × TDP model. */
export interface CpuModel {
  modelName: string | undefined;
  packages: number;
  tdpWPerPackage: number;
  /** Hardware catalog id, or null when the TDP is the stated default. */
  hardwareId: string | null;
  tdpSource: string;
}

/** Checks /proc/cpuinfo: the CPU model, and its TDP from the hardware catalog (a stated default otherwise). */
export function probeCpuModel(env: NodeJS.ProcessEnv): Promise<Checked<CpuModel>> {
  const root = procRoot(env);
  return runCheck({ sensor: 'cpuinfo', component: 'cpu', path: `${root}/cpuinfo` }, () => {
    const info = readCpuInfo(root);
    const entry = info.modelName ? findCpuByModelName(info.modelName) : undefined;
    return {
      value: {
        modelName: info.modelName,
        packages: info.packages,
        tdpWPerPackage: entry?.tdpW ?? UNKNOWN_CPU_TDP.powerW,
        hardwareId: entry?.id ?? null,
        tdpSource: entry
          ? `catalog:${entry.id}`
          : `default: ${UNKNOWN_CPU_TDP.source.citation} (${UNKNOWN_CPU_TDP.source.year})`,
      },
      ok: entry !== undefined,
      detail: entry
        ? msg('measure.cpuKnown', {
            cpu: info.modelName,
            packages: info.packages,
            tdp: entry.tdpW,
            source: `catalog:${entry.id}`,
          })
        : msg('measure.cpuUnknown', {
            cpu: info.modelName ?? msg('measure.unknownCpuModel'),
            packages: info.packages,
            tdp: UNKNOWN_CPU_TDP.powerW,
          }),
      fix: entry ? undefined : msg('measure.cpuUnknownFix'),
    };
  });
}

/** Checks /proc/stat: one reading of the CPU utilisation. */
export function probe(env: NodeJS.ProcessEnv): Promise<Checked<true>> {
  const root = procRoot(env);
  return runCheck({ sensor: 'procstat', component: 'cpu', path: `${root}/stat` }, () => {
    const sampler = createProcStatSampler({
      root,
      tdpWPerPackage: 1,
      packages: 1,
      source: 'modelled:tdp-utilisation',
    });
    sampler.read(0);
    sampler.close();
    return { value: true, detail: msg('measure.procstatOk') };
  });
}

/** The fallback without RAPL: utilisation × TDP, with why RAPL could not be used. */
export function choose(
  statOk: boolean | undefined,
  cpu: CpuModel | undefined,
  rapl: { problem?: Message; fix?: Message },
): Choice | undefined {
  if (!statOk || !cpu) return undefined;
  const source: Provenance = cpu.hardwareId ? 'modelled:tdp-utilisation' : 'default:unknown-cpu-tdp';
  const problem = rapl.problem ?? msg('measure.raplUnavailable');
  const warnings = [
    rapl.fix
      ? msg('measure.warnProcstatFix', { problem, fix: rapl.fix })
      : msg('measure.warnProcstat', { problem }),
  ];
  if (!cpu.hardwareId) {
    warnings.push(
      msg('measure.warnCpuUnknown', {
        cpu: cpu.modelName ?? msg('measure.theCpuModel'),
        tdp: cpu.tdpWPerPackage,
        source: cpu.tdpSource,
      }),
    );
  }
  return {
    plan: {
      sensor: 'procstat',
      source,
      fallback: true,
      detail: msg('measure.planProcstat', { tdp: cpu.tdpWPerPackage * cpu.packages, source: cpu.tdpSource }),
    },
    warnings,
  };
}
