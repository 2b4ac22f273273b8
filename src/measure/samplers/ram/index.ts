import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Source } from '../../../catalog/types.js';
import { msg } from '../../../messages/index.js';
import type { Channel, Reading, Sampler } from '../../types.js';
import { emptyReadings } from '../../types.js';
import { type Checked, type Choice, runCheck } from '../_probe.js';
import { procRoot } from '../procstat/index.js';

/**
 * Memory power estimated from the installed capacity when RAPL has no DRAM domain:
 * MemTotal (GiB) × a constant power per GiB. The figure does not follow activity; it is stated
 * as a default and labelled so (`default:ram-w-per-gb`).
 */
export const RAM_W_PER_GB: { value: number; source: Source } = {
  value: 0.3725,
  source: {
    citation:
      'Lannelongue, Grealey & Inouye, "Green Algorithms: Quantifying the Carbon Footprint of Computation", Advanced Science 8(12), 2100707, memory power 0.3725 W/GB (after Karyakin & Salem, DaMoN 2017); CodeCarbon uses 3 W per 8 GB = 0.375 W/GB',
    year: 2021,
    url: 'https://doi.org/10.1002/advs.202100707',
  },
};

/** MemTotal from /proc/meminfo, GiB. */
export function readMemTotalGiB(root = procRoot()): number {
  const text = readFileSync(join(root, 'meminfo'), 'utf8');
  const match = /^MemTotal:\s+(\d+)\s*kB/m.exec(text);
  if (!match) throw new Error(`${join(root, 'meminfo')} has no MemTotal line`);
  return Number(match[1]) / 1024 / 1024;
}

export function createRamEstimateSampler(memTotalGiB: number, wPerGiB = RAM_W_PER_GB.value): Sampler {
  const powerW = memTotalGiB * wPerGiB;
  const channels: Channel[] = [
    {
      component: 'ram',
      deviceIndex: 0,
      name: `${memTotalGiB.toFixed(1)} GiB installed × ${wPerGiB} W/GiB`,
      source: 'default:ram-w-per-gb',
    },
  ];
  const readings: Reading[] = emptyReadings(channels);
  let lastMs = Number.NaN;
  let energyJ = 0;
  return {
    id: 'ram',
    channels,
    read(nowMs) {
      // Constant power: energy is exact as power × elapsed time.
      if (!Number.isNaN(lastMs)) energyJ += (powerW * (nowMs - lastMs)) / 1000;
      lastMs = nowMs;
      readings[0].energyJ = energyJ;
      readings[0].powerW = powerW;
      return readings;
    },
    close() {},
  };
}

/** Checks /proc/meminfo: the installed memory. */
export function probe(env: NodeJS.ProcessEnv): Promise<Checked<number>> {
  const root = procRoot(env);
  return runCheck({ sensor: 'meminfo', component: 'ram', path: `${root}/meminfo` }, () => {
    const memTotalGiB = readMemTotalGiB(root);
    return {
      value: memTotalGiB,
      detail: msg('measure.memInstalled', { gib: Number(memTotalGiB.toFixed(1)) }),
    };
  });
}

/** The fallback without a RAPL DRAM counter: installed memory × W/GB (said only where RAPL measures the CPU). */
export function choose(memTotalGiB: number | undefined, raplPackages: number): Choice | undefined {
  if (memTotalGiB === undefined) return undefined;
  return {
    plan: {
      sensor: 'ram',
      source: 'default:ram-w-per-gb',
      fallback: true,
      detail: msg('measure.planRam', {
        gib: Number(memTotalGiB.toFixed(1)),
        wPerGb: RAM_W_PER_GB.value,
        source: RAM_W_PER_GB.source.citation,
      }),
    },
    warnings: raplPackages > 0 ? [msg('measure.warnRam')] : [],
  };
}
