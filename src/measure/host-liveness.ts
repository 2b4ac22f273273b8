import type { HostStatus, RunStatus } from '../records.js';

/**
 * Which hosts of a multi-node run are still heard from. Every tracker writes one batch of
 * samples per interval, so a host's last sample is its heartbeat: a host the store still has as
 * `running` whose last sample is more than a few intervals older than what the run's other hosts
 * (or the clock) show has stopped — its machine died, lost the network or was killed without
 * a chance to finish. Its samples stay and count; nothing is written back (it may come back:
 * a tracker that lost the database keeps its batches and retries).
 */

/** Silence, in sampling intervals, after which a host is stopped (and never under STALE_MIN_MS). */
export const STALE_INTERVALS = 5;
export const STALE_MIN_MS = 3_000;

export interface HostBeat {
  status: RunStatus;
  startedAt: number;
  endedAt: number | null;
  /** Time of its last stored sample (epoch ms); null before the first. */
  lastSampleAt: number | null;
}

export function staleAfterMs(intervalS: number): number {
  return Math.max(STALE_MIN_MS, STALE_INTERVALS * intervalS * 1000);
}

/**
 * Status of each host. The reference is the most recent sign of life of any other host (its end
 * when it finished) or `nowMs`, whichever is later; the clock alone catches a lone host whose
 * tracker died on another machine.
 */
export function hostStatuses(hosts: readonly HostBeat[], intervalS: number, nowMs: number): HostStatus[] {
  const heard = hosts.map((h) => h.endedAt ?? h.lastSampleAt ?? h.startedAt);
  const limit = staleAfterMs(intervalS);
  return hosts.map((h, i) => {
    if (h.status !== 'running') return h.status;
    const others = heard.filter((_, j) => j !== i);
    const reference = Math.max(nowMs, ...others);
    return reference - heard[i] > limit ? 'stopped' : 'running';
  });
}

/**
 * The run's status as reported: the stored one, except that a run whose hosts have all either
 * finished or stopped will not finish by itself: it is interrupted.
 */
export function reportedRunStatus(stored: RunStatus, statuses: readonly HostStatus[]): RunStatus {
  if (stored !== 'running' || statuses.length === 0) return stored;
  if (statuses.includes('running')) return 'running';
  return 'interrupted';
}
