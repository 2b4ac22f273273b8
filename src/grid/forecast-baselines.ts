/** Seasonal naive: each future point repeats the value `period` points earlier (or a multiple). */
export function seasonalNaive(history: ArrayLike<number>, horizon: number, period: number): Float64Array {
  const out = new Float64Array(horizon);
  const n = history.length;
  for (let h = 0; h < horizon; h++) out[h] = history[n + h - period * Math.ceil((h + 1) / period)];
  return out;
}
