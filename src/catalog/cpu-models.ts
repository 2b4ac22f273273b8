import { SERVER_CPUS } from './hardware/cpus.js';
import { candidates } from './hardware-names.js';
import { createLookup, type Lookup } from './lookup.js';
import type { HardwareEntry, Source } from './types.js';

/**
 * The server CPUs of the catalog by the names `/proc/cpuinfo` gives them: what the tracker needs
 * of the hardware catalog, without its accelerators. No CPU name or alias is another entry's in
 * the whole catalog (a test checks), so this finds what the whole catalog's lookup finds.
 */
let lookup: Lookup<HardwareEntry> | undefined;
/** Built on first use: an estimate loads this module with the catalog, and never looks a CPU up. */
const cpus = () => {
  lookup ??= createLookup(SERVER_CPUS, 'hardware');
  return lookup;
};

/**
 * Used when a CPU is not in the catalog: CodeCarbon's global fallback TDP (`POWER_CONSTANT = 85` W in
 * codecarbon/external/hardware.py), so that our figures and CodeCarbon's agree on unknown machines.
 */
export const UNKNOWN_CPU_TDP: { powerW: number; source: Source } = {
  powerW: 85,
  source: {
    citation:
      'CodeCarbon, codecarbon/external/hardware.py: POWER_CONSTANT = 85 W, the default TDP for a CPU not found in its cpu_power.csv',
    year: 2024,
    url: 'https://github.com/mlco2/codecarbon/blob/master/codecarbon/external/hardware.py',
    licence: 'MIT',
  },
};

/** Marketing and counting words of /proc/cpuinfo model names. */
const CPUINFO_NOISE = [/\((r|tm)\)/gi, /\bcpu\b/gi, /@.*$/, /\b\d+-core\b/gi, /\bprocessor\b/gi];

/**
 * The catalog CPU behind a `/proc/cpuinfo` model name ("AMD EPYC 7763 64-Core Processor",
 * "Intel(R) Xeon(R) Platinum 8480+", "Intel(R) Xeon(R) CPU E5-2686 v4 @ 2.30GHz"); `undefined` if not listed.
 */
export function findCpuByModelName(modelName: string): HardwareEntry | undefined {
  let clean = modelName;
  for (const noise of CPUINFO_NOISE) clean = clean.replace(noise, ' ');
  clean = clean.replace(/\s+/g, ' ').trim();
  if (clean.length === 0) return undefined;
  for (const n of candidates(clean)) {
    const entry = cpus().find(n);
    if (entry) return entry;
  }
  // The model number alone ("7763", "8480+", "e5-2686 v4") as a last resort.
  const number = /\b(?:epyc|platinum|gold|silver|bronze|xeon)\s+(\S+(?:\s+v\d)?)\s*$/i.exec(clean)?.[1];
  return number ? cpus().find(number) : undefined;
}
