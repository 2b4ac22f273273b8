import type { Component, DeviceInfo, Provenance } from '../records.js';

/**
 * What a sampler is (the run records it fills are in src/records.ts). A sampler exposes channels
 * (one GPU, one CPU package, the memory) and fills one reading per channel on each `read()`: a
 * cumulative energy counter where the hardware has one (preferred), else an instantaneous power.
 */
export type SamplerId = 'nvml' | 'nvidia-smi' | 'rapl' | 'procstat' | 'ram';

/** A sampler's channel is a device of the run record. */
export type Channel = DeviceInfo;

/**
 * One reading. Samplers keep and refill the same objects on every call, so the hot loop
 * allocates nothing: read the fields before the next `read()`.
 */
export interface Reading {
  /** Cumulative energy since an arbitrary origin, J (differences are what count); undefined without a counter. */
  energyJ: number | undefined;
  /** Power now (or averaged by the sensor over its own short window), W. */
  powerW: number | undefined;
  source: Provenance;
}

export interface Sampler {
  readonly id: SamplerId;
  readonly channels: readonly Channel[];
  /** Fills one reading per channel, in channel order. `nowMs` is the tracker's clock. */
  read(nowMs: number): readonly Reading[];
  /**
   * Where the sensor tells processes apart (NVML): the share of each channel's use due to the
   * processes `isMember` accepts, since the previous call, 0 to 1, written at `out[offset + i]`.
   * False when it cannot tell (the caller then charges the whole channel and says so).
   */
  processShare?(isMember: (pid: number) => boolean, out: Float64Array, offset: number): boolean;
  close(): void;
}

export function emptyReadings(channels: readonly Channel[]): Reading[] {
  return channels.map((c) => ({ energyJ: undefined, powerW: undefined, source: c.source }));
}

/** One sensor checked on this machine: what `empreinte doctor` lists. */
export interface SensorCheck {
  sensor: 'nvml' | 'nvidia-smi' | 'rapl' | 'procstat' | 'cpuinfo' | 'meminfo';
  component: Component;
  ok: boolean;
  /** What was found (or, when not ok, what went wrong). */
  detail: string;
  fix?: string;
  /** The file, library or program the check used. */
  path: string;
}

/** How one component will be measured, and whether that is a fallback. */
export interface ComponentPlan {
  sensor: SamplerId | null;
  source: Provenance | null;
  /** True when the preferred sensor could not be used. */
  fallback: boolean;
  detail: string;
}
