import { TEMPORAL_SHIFT_SOURCE } from '../../../catalog/recommendations.js';
import { SHIFT_DURATIONS_H, SHIFT_SAVINGS } from '../../../catalog/temporal-shift.js';
import { type TextKey, type TextLang, text } from '../../recommend-text.js';
import type { SweepRow } from '../../sweep/index.js';
import { scale } from '../evaluate.js';
import type { Candidate, Context } from '../types.js';

/** Shifting the run in time (deferred start, or paused and resumed) to cleaner hours of its grid. */
export function scheduleLevers(ctx: Context): Candidate[] {
  const { input, base, location, lang } = ctx;
  const hours =
    input.days !== undefined
      ? input.days * 24
      : input.chips !== undefined
        ? base.chipHours.central / input.chips
        : undefined;
  const lengthH = hours ?? SHIFT_DURATIONS_H[SHIFT_DURATIONS_H.length - 1];
  // The closest tabulated job length, on a log scale.
  let column = 0;
  for (let j = 1; j < SHIFT_DURATIONS_H.length; j++) {
    if (
      Math.abs(Math.log(lengthH / SHIFT_DURATIONS_H[j])) <
      Math.abs(Math.log(lengthH / SHIFT_DURATIONS_H[column]))
    )
      column = j;
  }
  const zone = location ? (location.zone ?? location.id.toUpperCase()) : 'world';
  const table = SHIFT_SAVINGS[zone];
  const duration = durationText(SHIFT_DURATIONS_H[column], lang);
  const out: Candidate[] = [];
  for (const [id, k, time] of [
    ['schedule-defer', 0, 'time.defer'],
    ['schedule-pause', 1, 'time.pause'],
  ] as const) {
    const share = table ? table[column][k] : median(Object.values(SHIFT_SAVINGS).map((z) => z[column][k]));
    const co2eKg = scale(base.co2eKg, 1 - share);
    // The total is the shifted operational part plus the unchanged embodied part, range by range
    // (subtracting the central saving from the low end could make it negative).
    const e = base.embodiedCo2eKg;
    const row: SweepRow = {
      ...base,
      co2eKg,
      totalCo2eKg: {
        low: co2eKg.low + e.low,
        central: co2eKg.central + e.central,
        high: co2eKg.high + e.high,
      },
    };
    const note = text(lang, table ? 'other.shift' : 'other.shiftMedian', { duration, zone });
    out.push({
      id,
      label: text(lang, id),
      row,
      change: { schedule: id === 'schedule-defer' ? 'defer-24h' : 'pause-resume-2x' },
      tradeOff: {
        time: text(lang, time as TextKey),
        other: [
          note,
          ...(id === 'schedule-pause' ? [text(lang, 'other.pause')] : []),
          ...(hours === undefined ? [text(lang, 'other.durationAssumed')] : []),
        ].join('; '),
      },
      sources: [TEMPORAL_SHIFT_SOURCE],
    });
  }
  return out;
}

function durationText(hours: number, lang: TextLang): string {
  if (hours < 24) return `${hours} h`;
  const days = hours / 24;
  return lang === 'fr' ? `${days} j` : `${days}-day`;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
