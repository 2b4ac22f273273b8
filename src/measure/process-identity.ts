import { readFileSync } from 'node:fs';

/**
 * Tells a live tracker from a dead one across processes: the pid, plus the kernel start time of
 * the process (field 22 of /proc/<pid>/stat, clock ticks since boot) so that a recycled pid is
 * not mistaken for the tracker. Always the real /proc: EMPREINTE_PROC_ROOT only fakes sensors.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

export function isProcessAlive(pid: number, startTime: string | null): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (startTime === null) return true;
  const now = processStartTime(pid);
  return now === null || now === startTime;
}
