/** Seasonal naive: each future point repeats the value `period` points earlier (or a multiple). */
export function seasonalNaive(history: ArrayLike<number>, horizon: number, period: number): Float64Array {
  const out = new Float64Array(horizon);
  const n = history.length;
  for (let h = 0; h < horizon; h++) out[h] = history[n + h - period * Math.ceil((h + 1) / period)];
  return out;
}

/**
 * Seasonal naive corrected for the latest level: yesterday's profile shifted by how far the last
 * observed point is from its value one period earlier, the shift fading by `decay` per hour.
 * Intensity is strongly autocorrelated hour to hour, which plain seasonal naive ignores.
 */
export function levelAdjustedNaive(
  history: ArrayLike<number>,
  horizon: number,
  period: number,
  decay: number,
  perHour = 1,
): Float64Array {
  const n = history.length;
  const shift = history[n - 1] - history[n - 1 - period];
  const out = seasonalNaive(history, horizon, period);
  for (let h = 0; h < horizon; h++) out[h] = Math.max(0, out[h] + shift * decay ** ((h + 1) / perHour));
  return out;
}
