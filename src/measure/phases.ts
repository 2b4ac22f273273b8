import type { MarkRecord, TickTotal } from '../records.js';

/**
 * Phases from marks (the Zeus "window" idea, driven by the program): each mark closes the phase
 * that began at the previous mark (or at the start of the run). Energy of a phase is the sum of
 * the samples' energy, a sample that straddles a boundary being split in proportion of time
 * (its power is taken as constant over its interval).
 */
export interface Phase {
  /** The mark's label; null for the stretch after the last mark. */
  label: string | null;
  startedAt: number;
  endedAt: number;
  durationS: number;
  energyJ: number;
  tokens: number | null;
  energyJPerToken: number | null;
}

export function computePhases(
  marks: readonly MarkRecord[],
  ticks: readonly TickTotal[],
  runStart: number,
  runEnd: number,
): Phase[] {
  if (marks.length === 0) return [];
  const sorted = [...marks].sort((a, b) => a.t - b.t);
  const phases: Phase[] = [];
  // Sample times are stored to the millisecond: the phases span every sample, so they add up to the run.
  let start = runStart;
  let end = runEnd;
  for (const tick of ticks) {
    start = Math.min(start, tick.fromT ?? tick.t - tick.intervalS * 1000);
    end = Math.max(end, tick.t);
  }
  let from = start;
  for (const mark of sorted) {
    const to = Math.max(from, Math.min(mark.t, end));
    phases.push({
      label: mark.label,
      startedAt: from,
      endedAt: to,
      durationS: 0,
      energyJ: 0,
      tokens: mark.tokens,
      energyJPerToken: null,
    });
    from = to;
  }
  if (end > from) {
    phases.push({
      label: null,
      startedAt: from,
      endedAt: end,
      durationS: 0,
      energyJ: 0,
      tokens: null,
      energyJPerToken: null,
    });
  }
  let first = 0;
  for (const tick of ticks) {
    const end = tick.t;
    const start = tick.fromT ?? tick.t - tick.intervalS * 1000;
    const length = end - start;
    if (!(length > 0)) continue;
    while (first < phases.length && phases[first].endedAt <= start) first++;
    for (let p = first; p < phases.length && phases[p].startedAt < end; p++) {
      const overlap = Math.min(end, phases[p].endedAt) - Math.max(start, phases[p].startedAt);
      if (overlap > 0) phases[p].energyJ += (tick.energyJ * overlap) / length;
    }
  }
  for (const phase of phases) {
    phase.durationS = (phase.endedAt - phase.startedAt) / 1000;
    if (phase.tokens !== null && phase.tokens > 0) phase.energyJPerToken = phase.energyJ / phase.tokens;
  }
  return phases;
}
