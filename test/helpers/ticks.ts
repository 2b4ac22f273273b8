import type { TickSource } from '../../src/metrics/registry.js';
import type { Component } from '../../src/records.js';

/** A tracker stand-in for metric exporters: given channels, ticks pushed by hand. */
export function fakeTracker(channels: { component: Component; deviceIndex: number }[]) {
  const listeners = new Set<(tick: { intervalJ: Float64Array; powerW: Float64Array }) => void>();
  const source: TickSource = {
    channels,
    onTick(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    source,
    /** One interval of `seconds` with these average powers (W), one per channel. */
    tick(powerW: number[], seconds = 1) {
      const tick = {
        powerW: Float64Array.from(powerW),
        intervalJ: Float64Array.from(powerW.map((w) => w * seconds)),
      };
      for (const listener of listeners) listener(tick);
    },
    get listeners() {
      return listeners.size;
    },
  };
}
