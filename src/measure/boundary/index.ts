import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Message, msg } from '../../messages/index.js';
import { SysFile } from '../samplers/_sysfile.js';
import { type CpuTimes, parseProcStat } from '../samplers/procstat/index.js';
import type { Channel, Sampler } from '../types.js';
import { type LeftoverProcess, ProcessTree } from './proc-tree.js';

export { listPids } from './proc-tree.js';

/**
 * The command's own share of each channel, tick by tick (`empreinte run --boundary process`):
 * CPU channels by the CPU time of the command and its descendants over the machine's busy time
 * (both from /proc, in clock ticks), memory channels by their resident memory over the installed
 * memory, GPU channels by what NVML says of their processes (SM utilisation samples, else memory
 * held). A sensor that cannot tell processes apart charges its whole channel, and says so.
 */
export interface ShareSource {
  /** Per channel, the share of the interval that just ended, 0 to 1 (reused: read it at once). */
  readonly share: Float64Array;
  /** Reads the processes and the machine's CPU time; call once per tick, after the samplers. */
  update(): void;
  /** What the run should say about its boundary (sensors charged whole, processes left running). */
  notes(): Message[];
  close(): void;
}

export interface ProcessShareOptions {
  procRoot: string;
  /** The command's pid. */
  pid: number;
  /** The tracker's pid (it reaps the command). */
  selfPid?: number;
  samplers: readonly Sampler[];
  memTotalBytes: number | undefined;
  /** Orphans of the command are re-parented to the tracker. */
  subreaper?: boolean;
  /** The pids that ran before the command started (`listPids`, read just before it is spawned). */
  before?: ReadonlySet<number>;
  /** USER_HZ: clock ticks per second in /proc (100 on Linux). */
  ticksPerS?: number;
}

export function createProcessShare(options: ProcessShareOptions): ShareSource {
  const selfPid = options.selfPid ?? process.pid;
  const tree = new ProcessTree(
    options.procRoot,
    options.pid,
    selfPid,
    pageBytes(),
    options.subreaper,
    options.before,
  );
  const isMember = (pid: number) => tree.has(pid);
  const channels: Channel[] = options.samplers.flatMap((s) => s.channels);
  const share = new Float64Array(channels.length);
  const stat = new SysFile(join(options.procRoot, 'stat'), 4096);
  const times: CpuTimes = { busy: 0, total: 0 };
  const readBusy = () => {
    stat.read();
    return parseProcStat(stat.buffer, stat.length, times).busy;
  };
  let lastBusy = readBusy();
  let lastTree = tree.cpuTicks;
  const wholeGpu = new Set<string>();
  const ticksPerS = options.ticksPerS ?? 100;

  return {
    share,
    update() {
      const treeTicks = tree.update();
      const busy = readBusy();
      const dTree = treeTicks - lastTree;
      const dBusy = busy - lastBusy;
      lastTree = treeTicks;
      lastBusy = busy;
      // Coarse ticks: the command may count a tick the machine's line has not yet shown.
      const cpu = dTree <= 0 ? 0 : dBusy <= 0 ? 1 : Math.min(1, dTree / dBusy);
      const ram =
        options.memTotalBytes && options.memTotalBytes > 0
          ? Math.min(1, tree.rssBytes / options.memTotalBytes)
          : 0;
      let offset = 0;
      for (const sampler of options.samplers) {
        const n = sampler.channels.length;
        const gpu = sampler.channels[0]?.component === 'gpu';
        if (gpu && !(sampler.processShare?.(isMember, share, offset) ?? false)) {
          for (let i = 0; i < n; i++) share[offset + i] = 1;
          wholeGpu.add(sampler.id);
        }
        if (!gpu) {
          for (let i = 0; i < n; i++) share[offset + i] = sampler.channels[i].component === 'cpu' ? cpu : ram;
        }
        offset += n;
      }
    },
    notes() {
      const out: Message[] = [];
      for (const id of wholeGpu) out.push(msg('measure.wholeGpu', { sampler: id }));
      const left = tree.leftovers(ticksPerS);
      if (left.length > 0) out.push(leftoverNote(left));
      return out;
    },
    close() {
      tree.close();
      stat.close();
    },
  };
}

function leftoverNote(left: LeftoverProcess[]): Message {
  const shown = left
    .slice(0, 5)
    .map((p) => `${p.pid} ${p.command}, ${p.cpuS.toFixed(1)} s CPU`)
    .join('; ');
  const more = left.length > 5 ? msg('measure.leftoverMore', { count: left.length - 5 }) : '';
  const cpuS = left.reduce((sum, p) => sum + p.cpuS, 0);
  const params = { count: left.length, shown, more, cpuS: cpuS.toFixed(1) };
  return msg('measure.leftover', params);
}

let cachedPageBytes: number | undefined;

/** The kernel's page size: the tracker's resident bytes over its resident pages, as a power of two. */
export function pageBytes(): number {
  if (cachedPageBytes !== undefined) return cachedPageBytes;
  cachedPageBytes = 4096;
  try {
    const pages = Number(readFileSync('/proc/self/statm', 'utf8').split(' ')[1]);
    const ratio = process.memoryUsage.rss() / pages;
    if (pages > 0 && ratio > 0) cachedPageBytes = 2 ** Math.round(Math.log2(ratio));
  } catch {
    // Not Linux: the common page size.
  }
  return cachedPageBytes;
}

/**
 * Makes the tracker the reaper of the command's orphans (prctl PR_SET_CHILD_SUBREAPER), so that a
 * process the command leaves behind (a daemon that forks twice) stays in the tree. False where the
 * kernel or the C library does not allow it: such orphans are then followed only if seen before
 * their parent exits.
 */
export async function becomeSubreaper(): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  try {
    const { default: koffi } = await import('koffi');
    const libc = koffi.load('libc.so.6');
    const prctl = libc.func('int prctl(int option, ...)') as (...args: unknown[]) => number;
    const PR_SET_CHILD_SUBREAPER = 36;
    return prctl(PR_SET_CHILD_SUBREAPER, 'unsigned long', 1) === 0;
  } catch {
    return false;
  }
}
