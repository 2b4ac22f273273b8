/**
 * Seeded pseudo-random numbers for repeatable Monte Carlo (mulberry32: tiny, fast, good enough
 * for sampling input ranges; not for cryptography).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw from uniform draws in [0, 1) (Box–Muller, one of the pair). */
export function standardNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Inverse CDF of the triangular distribution (low, mode, high) at u in [0, 1). */
export function triangular(u: number, low: number, mode: number, high: number): number {
  if (high <= low) return mode;
  const split = (mode - low) / (high - low);
  return u < split
    ? low + Math.sqrt(u * (high - low) * (mode - low))
    : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
}

/** The q-quantile (0..1) of a sorted array, linearly interpolated. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/**
 * The q-quantile (0..1) of `values`, linearly interpolated as `quantileSorted` would give, in
 * linear time: selects the two order statistics in place (reorders `values`) instead of sorting.
 */
export function quantileSelect(values: Float64Array, q: number): number {
  const position = (values.length - 1) * q;
  const lower = Math.floor(position);
  const atLower = select(values, lower, 0, values.length - 1);
  if (lower + 1 >= values.length || position === lower) return atLower;
  // After selection everything right of `lower` is >= it: the next order statistic is their minimum.
  let next = Number.POSITIVE_INFINITY;
  for (let i = lower + 1; i < values.length; i++) if (values[i] < next) next = values[i];
  return atLower + (next - atLower) * (position - lower);
}

/** Hoare's quickselect with median-of-three pivots: puts the k-th smallest at index k. */
function select(a: Float64Array, k: number, left: number, right: number): number {
  let lo = left;
  let hi = right;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as pivot keeps sorted or constant inputs from going quadratic.
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : Math.max(x, z)) : x < z ? x : Math.max(y, z);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
