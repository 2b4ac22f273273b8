import type { TickTotal } from '../records.js';

/**
 * Peak power of a multi-node run: the hosts' trackers tick on their own clocks, so their ticks are
 * put in buckets one sampling interval long; in each bucket a host counts once (its highest
 * power there) and the hosts add up. Ticks shorter than half an interval (the last, partial one)
 * are left out: coarse counters make their power noisy.
 */
export function clusterPeakPowerW(ticks: readonly TickTotal[], intervalS: number): number | null {
  const bucketMs = intervalS * 1000;
  const perHost = new Map<number, Map<string, number>>();
  for (const tick of ticks) {
    if (!(tick.intervalS >= intervalS / 2)) continue;
    const bucket = Math.round(tick.t / bucketMs);
    const hosts = perHost.get(bucket) ?? new Map<string, number>();
    hosts.set(tick.host, Math.max(hosts.get(tick.host) ?? 0, tick.energyJ / tick.intervalS));
    perHost.set(bucket, hosts);
  }
  let peak: number | null = null;
  for (const hosts of perHost.values()) {
    let sum = 0;
    for (const w of hosts.values()) sum += w;
    if (peak === null || sum > peak) peak = sum;
  }
  return peak;
}
