import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Message, type MessageKey, msg } from '../../../messages/index.js';
import type { Channel, Reading, Sampler } from '../../types.js';
import { emptyReadings } from '../../types.js';
import type { Checked, Choice } from '../_probe.js';
import { SysFile } from '../_sysfile.js';

/**
 * CPU packages and DRAM through Linux powercap RAPL (Intel, and AMD Zen since Linux 5.11):
 * `intel-rapl:N` is package N (its `name` is `package-N`), `intel-rapl:N:M` its subdomains, of
 * which `dram` is the memory. `energy_uj` is a counter in µJ that wraps at `max_energy_range_uj`.
 * Since the PLATYPUS side channel (CVE-2020-8694, Nov 2020) kernels make `energy_uj` readable by
 * root only.
 */
export const DEFAULT_POWERCAP_ROOT = '/sys/class/powercap';

export function powercapRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.EMPREINTE_POWERCAP_ROOT || DEFAULT_POWERCAP_ROOT;
}

export interface RaplDomain {
  /** Directory of the domain (holds `name`, `energy_uj`, `max_energy_range_uj`). */
  dir: string;
  kind: 'package' | 'dram';
  packageIndex: number;
  maxEnergyRangeUj: number;
}

export interface RaplProbe {
  root: string;
  /** Readable domains: packages first, then DRAM. */
  domains: RaplDomain[];
  /** `energy_uj` files that exist but cannot be read (permission). */
  unreadable: string[];
  /** Why RAPL cannot be used at all, when it cannot. */
  problem?: Message;
  /** How to fix it, when it can be fixed. */
  fix?: Message;
}

const PACKAGE_DIR = /^intel-rapl:(\d+)$/;
const SUBDOMAIN_DIR = /^intel-rapl:(\d+):(\d+)$/;

function readText(path: string): string {
  return readFileSync(path, 'utf8').trim();
}

function isPermissionError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'EACCES' || code === 'EPERM';
}

/** Finds the package and DRAM domains and checks that their counters can be read. */
export function probeRapl(root = powercapRoot()): RaplProbe {
  const probe: RaplProbe = { root, domains: [], unreadable: [] };
  if (!existsSync(root)) {
    probe.problem = msg('measure.raplAbsent', { path: root });
    probe.fix = msg('measure.raplAbsentFix');
    return probe;
  }
  const packages = readdirSync(root)
    .filter((name) => PACKAGE_DIR.test(name))
    .sort((a, b) => Number(PACKAGE_DIR.exec(a)![1]) - Number(PACKAGE_DIR.exec(b)![1]));
  const drams: RaplDomain[] = [];
  for (const pkg of packages) {
    const dir = join(root, pkg);
    const name = safeName(dir);
    // `psys` (platform) overlaps the packages: counting it too would count the CPU twice.
    if (!name?.startsWith('package')) continue;
    const packageIndex = Number(/(\d+)$/.exec(name)?.[1] ?? PACKAGE_DIR.exec(pkg)![1]);
    addDomain(probe, probe.domains, dir, 'package', packageIndex);
    for (const sub of readdirSync(dir).filter((n) => SUBDOMAIN_DIR.test(n))) {
      if (safeName(join(dir, sub)) === 'dram') addDomain(probe, drams, join(dir, sub), 'dram', packageIndex);
    }
  }
  probe.domains.push(...drams);
  if (probe.domains.length === 0 && probe.unreadable.length === 0) {
    probe.problem = msg('measure.raplNoPackage', { path: root });
    probe.fix = msg('measure.raplNoPackageFix');
  } else if (probe.unreadable.length > 0) {
    probe.problem = msg('measure.raplRootOnly', {
      count: probe.unreadable.length,
      files: probe.unreadable.join(', '),
    });
    probe.fix = msg('measure.raplRootOnlyFix', { path: root });
  }
  return probe;
}

function safeName(dir: string): string | undefined {
  try {
    return readText(join(dir, 'name'));
  } catch {
    return undefined;
  }
}

function addDomain(
  probe: RaplProbe,
  list: RaplDomain[],
  dir: string,
  kind: RaplDomain['kind'],
  packageIndex: number,
) {
  const energyPath = join(dir, 'energy_uj');
  try {
    readText(energyPath);
  } catch (error) {
    if (isPermissionError(error)) probe.unreadable.push(energyPath);
    return;
  }
  let maxEnergyRangeUj = Number.NaN;
  try {
    maxEnergyRangeUj = Number(readText(join(dir, 'max_energy_range_uj')));
  } catch {
    // Without the range a wrap cannot be corrected; it is then detected and skipped (see read()).
  }
  list.push({ dir, kind, packageIndex, maxEnergyRangeUj });
}

export function raplChannels(domains: readonly RaplDomain[]): Channel[] {
  return domains.map((d) => ({
    component: d.kind === 'package' ? 'cpu' : 'ram',
    deviceIndex: d.packageIndex,
    name: d.kind === 'package' ? `package-${d.packageIndex}` : `dram (package-${d.packageIndex})`,
    source: 'measured:rapl',
  }));
}

/**
 * Highest power assumed for one RAPL domain when deciding how often a counter must be read to
 * see every wrap: above any server package's TDP today (500 W for the largest EPYC and Xeon
 * parts), with margin.
 */
export const MAX_DOMAIN_POWER_W = 1000;

/** Longest gap between two reads that cannot miss a wrap, s. */
export function safeReadIntervalS(domains: readonly RaplDomain[]): number {
  let safe = Number.POSITIVE_INFINITY;
  for (const d of domains)
    if (d.maxEnergyRangeUj > 0) safe = Math.min(safe, d.maxEnergyRangeUj / 1e6 / MAX_DOMAIN_POWER_W);
  return safe;
}

/**
 * Reads the counters; energy is unwrapped into a cumulative joule count per domain. A counter
 * read less often than it can wrap would lose whole wraps (32-bit ranges wrap within seconds on
 * busy packages), so when `intervalS` is longer than the safe gap a timer reads in between.
 */
export function createRaplSampler(domains: readonly RaplDomain[], intervalS = 1): Sampler {
  const channels = raplChannels(domains);
  const files = domains.map((d) => new SysFile(join(d.dir, 'energy_uj'), 32));
  const readings: Reading[] = emptyReadings(channels);
  const lastRaw = new Float64Array(domains.length).fill(Number.NaN);
  const cumulativeJ = new Float64Array(domains.length);
  const update = () => {
    for (let i = 0; i < files.length; i++) {
      let raw: number;
      try {
        raw = files[i].readUnsigned();
      } catch {
        raw = Number.NaN;
      }
      if (Number.isNaN(raw)) {
        readings[i].energyJ = undefined;
        continue;
      }
      if (!Number.isNaN(lastRaw[i])) {
        let delta = raw - lastRaw[i];
        // The counter wrapped: it went past max_energy_range_uj back to 0.
        if (delta < 0)
          delta = Number.isNaN(domains[i].maxEnergyRangeUj) ? 0 : delta + domains[i].maxEnergyRangeUj;
        cumulativeJ[i] += delta / 1e6;
      }
      lastRaw[i] = raw;
      readings[i].energyJ = cumulativeJ[i];
    }
  };
  const safeS = safeReadIntervalS(domains);
  const timer = intervalS > safeS ? setInterval(update, Math.max(1, safeS * 1000)) : undefined;
  timer?.unref();
  return {
    id: 'rapl',
    channels,
    read() {
      update();
      return readings;
    },
    close() {
      if (timer) clearInterval(timer);
      for (const f of files) f.close();
    },
  };
}

/** Checks RAPL: which package and DRAM counters are readable (the probe comes back even when none is). */
export function probe(env: NodeJS.ProcessEnv): Checked<RaplProbe> & { value: RaplProbe } {
  const rapl = probeRapl(powercapRoot(env));
  const packages = rapl.domains.filter((d) => d.kind === 'package');
  const drams = rapl.domains.filter((d) => d.kind === 'dram');
  return {
    check: {
      sensor: 'rapl',
      component: 'cpu',
      ok: packages.length > 0 && rapl.unreadable.length === 0,
      path: rapl.root,
      detail:
        packages.length > 0
          ? msg(rapl.problem ? 'measure.raplReadableBut' : 'measure.raplReadable', {
              packages: packages.length,
              drams: drams.length,
              problem: rapl.problem,
            })
          : (rapl.problem ?? msg('measure.noRaplDomain')),
      ...(rapl.fix ? { fix: rapl.fix } : {}),
    },
    value: rapl,
  };
}

/** RAPL measures a component where one of its counters (package for the CPU, DRAM for the memory) is readable. */
function chooseDomains(rapl: RaplProbe, kind: RaplDomain['kind'], key: MessageKey): Choice | undefined {
  const count = rapl.domains.filter((d) => d.kind === kind).length;
  if (count === 0) return undefined;
  const detail = msg(key, { count });
  return { plan: { sensor: 'rapl', source: 'measured:rapl', fallback: false, detail }, warnings: [] };
}

export const chooseCpu = (rapl: RaplProbe): Choice | undefined =>
  chooseDomains(rapl, 'package', 'measure.planRapl');
export const chooseRam = (rapl: RaplProbe): Choice | undefined =>
  chooseDomains(rapl, 'dram', 'measure.planDram');
