import type { Range } from '../catalog/types.js';

/**
 * Triangles in log space, for factors whose range spans several-fold (a utilisation, a calibrated
 * chip power): a triangle in value with its mode at the central value cannot put its 5th percentile
 * far below the mode without reaching zero, a triangle in log space can, on either side.
 */

/** The root of an increasing function on [lo, hi], by bisection. */
export function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  for (let i = 0; i < 200; i++) {
    const m = (a + b) / 2;
    if (f(m) < 0) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

/**
 * The triangle in log space, mode at the central value, whose 5th and 95th percentiles are the
 * range's low and high: what the Monte Carlo draws and the log-cumulants describe.
 */
export function logTriangleMatching(range: Range): Range {
  const { central } = range;
  const down = Math.log(central / range.low);
  const up = Math.log(range.high / central);
  // Triangle on [-a, b] with mode 0: q05 = -a + √(0.05·a·(a+b)), q95 = b - √(0.05·b·(a+b)).
  const aFor = (b: number) => bisect((a) => a - Math.sqrt(0.05 * a * (a + b)) - down, 0, 100 * (down + up));
  const b = bisect((b) => b - Math.sqrt(0.05 * b * (aFor(b) + b)) - up, 0, 100 * (down + up));
  return { low: central * Math.exp(-aFor(b)), central, high: central * Math.exp(b) };
}
