import type { Component } from '../measure/types.js';
import type { SampleRecord } from './types.js';

/**
 * A run's power downsampled for a chart: per channel, the min, max and mean power of the samples
 * in each of `buckets` equal spans of the run. The answer's size depends on the chart's width,
 * not on the run's length; memory is the buckets, whatever the number of samples read.
 */
export interface PowerSeries {
  fromT: number;
  toT: number;
  bucketMs: number;
  /** Start of each bucket, epoch ms. */
  t: number[];
  channels: {
    host: string;
    component: Component;
    deviceIndex: number;
    /** Per bucket; null where the channel has no sample. */
    minW: (number | null)[];
    maxW: (number | null)[];
    meanW: (number | null)[];
  }[];
}

export async function downsample(
  samples: AsyncIterable<SampleRecord[]> | Iterable<SampleRecord[]>,
  fromT: number,
  toT: number,
  buckets: number,
): Promise<PowerSeries> {
  const bucketMs = Math.max(1, Math.ceil((toT - fromT + 1) / buckets));
  const count = Math.max(1, Math.ceil((toT - fromT + 1) / bucketMs));
  const channels = new Map<
    string,
    {
      host: string;
      component: Component;
      deviceIndex: number;
      min: Float64Array;
      max: Float64Array;
      sum: Float64Array;
      n: Uint32Array;
    }
  >();
  for await (const batch of samples) {
    for (const s of batch) {
      const key = `${s.host}\u0000${s.component}\u0000${s.deviceIndex}`;
      let c = channels.get(key);
      if (!c) {
        c = {
          host: s.host,
          component: s.component,
          deviceIndex: s.deviceIndex,
          min: new Float64Array(count).fill(Number.POSITIVE_INFINITY),
          max: new Float64Array(count).fill(Number.NEGATIVE_INFINITY),
          sum: new Float64Array(count),
          n: new Uint32Array(count),
        };
        channels.set(key, c);
      }
      const b = Math.min(count - 1, Math.max(0, Math.floor((s.t - fromT) / bucketMs)));
      if (s.powerW < c.min[b]) c.min[b] = s.powerW;
      if (s.powerW > c.max[b]) c.max[b] = s.powerW;
      c.sum[b] += s.powerW;
      c.n[b]++;
    }
  }
  const some = (n: Uint32Array, values: Float64Array) => Array.from(values, (v, i) => (n[i] > 0 ? v : null));
  return {
    fromT,
    toT,
    bucketMs,
    t: Array.from({ length: count }, (_, i) => fromT + i * bucketMs),
    channels: [...channels.values()]
      .sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0) || a.deviceIndex - b.deviceIndex)
      .map((c) => ({
        host: c.host,
        component: c.component,
        deviceIndex: c.deviceIndex,
        minW: some(c.n, c.min),
        maxW: some(c.n, c.max),
        meanW: Array.from(c.sum, (v, i) => (c.n[i] > 0 ? v / c.n[i] : null)),
      })),
  };
}
