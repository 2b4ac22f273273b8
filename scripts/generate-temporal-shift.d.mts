// Types of the generator's exports, for tests that recompute the table.
export const DURATIONS_H: number[];
export const DEFER_WINDOW_H: number;
export function parseHourly(text: string): { zone: string; values: Float64Array };
export function shiftSavings(
  values: Float64Array,
): { durationH: number; defer: number; interruptible: number }[];
