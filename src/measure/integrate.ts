import type { Reading } from './types.js';

/**
 * Turns successive readings into energy per interval, channel by channel, for intervals of any
 * length:
 * - a counter (energyJ) gives the exact energy as a difference;
 * - a power gives the trapezoid (P_prev + P_now) / 2 · Δt (the first interval, with no previous
 *   power, uses P_now · Δt);
 * - a missing reading holds the last power for a power channel, and defers to the next
 *   difference for a counter channel (which then covers the gap exactly).
 * A counter that goes backwards (driver reload) is not trusted for that interval: the last
 * power is held instead.
 * State lives in typed arrays sized once: stepping allocates nothing.
 */
export class Integrator {
  /** Energy of the last interval, J. */
  readonly intervalJ: Float64Array;
  /** Average power over the last interval, W. */
  readonly intervalW: Float64Array;
  /** Energy since start, J. */
  readonly totalJ: Float64Array;
  private readonly lastMs: Float64Array;
  private readonly lastEnergyJ: Float64Array;
  private readonly lastPowerW: Float64Array;
  private readonly counter: Uint8Array;

  constructor(readonly size: number) {
    this.intervalJ = new Float64Array(size);
    this.intervalW = new Float64Array(size);
    this.totalJ = new Float64Array(size);
    this.lastMs = new Float64Array(size).fill(Number.NaN);
    this.lastEnergyJ = new Float64Array(size).fill(Number.NaN);
    this.lastPowerW = new Float64Array(size).fill(Number.NaN);
    this.counter = new Uint8Array(size);
  }

  /** Records the first reading of a channel at `tMs` (no energy yet). */
  begin(channel: number, tMs: number, reading: Reading): void {
    this.lastMs[channel] = tMs;
    if (reading.energyJ !== undefined) {
      this.lastEnergyJ[channel] = reading.energyJ;
      this.counter[channel] = 1;
    }
    if (reading.powerW !== undefined) this.lastPowerW[channel] = reading.powerW;
    this.intervalJ[channel] = 0;
    this.intervalW[channel] = reading.powerW ?? 0;
  }

  /** Integrates the interval from the previous reading to `tMs`; returns its energy, J. */
  step(channel: number, tMs: number, reading: Reading): number {
    const dtS = (tMs - this.lastMs[channel]) / 1000;
    if (!(dtS > 0)) {
      this.intervalJ[channel] = 0;
      return 0;
    }
    const lastPower = this.lastPowerW[channel];
    const held = Number.isNaN(lastPower) ? 0 : lastPower * dtS;
    let energy: number;
    if (reading.energyJ !== undefined) {
      if (Number.isNaN(this.lastEnergyJ[channel])) {
        // First counter value after start (or after a counter appeared): it becomes the baseline.
        energy = reading.powerW !== undefined ? reading.powerW * dtS : held;
      } else {
        energy = reading.energyJ - this.lastEnergyJ[channel];
        if (energy < 0) energy = held;
      }
      this.lastEnergyJ[channel] = reading.energyJ;
      this.counter[channel] = 1;
      this.lastPowerW[channel] = energy / dtS;
    } else if (reading.powerW !== undefined) {
      energy = Number.isNaN(lastPower) ? reading.powerW * dtS : ((lastPower + reading.powerW) / 2) * dtS;
      this.lastPowerW[channel] = reading.powerW;
    } else if (this.counter[channel] === 1) {
      // The next counter difference will include this interval (lastMs stays at the last reading).
      this.intervalJ[channel] = 0;
      this.intervalW[channel] = Number.isNaN(lastPower) ? 0 : lastPower;
      return 0;
    } else {
      energy = held;
    }
    this.lastMs[channel] = tMs;
    this.intervalJ[channel] = energy;
    this.intervalW[channel] = energy / dtS;
    this.totalJ[channel] += energy;
    return energy;
  }
}
