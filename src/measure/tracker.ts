import { type FSWatcher, watch } from 'node:fs';
import { type Message, msg, render } from '../messages/index.js';
import type { Boundary, Component, SampleBatch, Store } from '../records.js';
import { retryWhileLocked } from '../store/locked.js';
import { nowMs } from './clock.js';
import { Integrator } from './integrate.js';
import { type Mark, MarksFileReader, parseMarkLine } from './marks.js';
import type { Channel, Sampler } from './types.js';

/** The command's share of each channel, refreshed once per tick (boundary/index.ts). */
export interface ChannelShare {
  readonly share: Float64Array;
  update(): void;
}

/**
 * The measurement loop: reads every sampler at a fixed interval (the first reading at start, the
 * last at stop, so partial intervals count), integrates energy per channel, writes the tick's
 * samples to the store at once (a crash loses at most the interval in progress) and hands each
 * tick to listeners (status line, metrics). It does not format, resolve locations or report.
 */
export interface TrackerOptions {
  samplers: readonly Sampler[];
  intervalS: number;
  runId: string;
  host: string;
  store?: Store;
  /** File the measured program appends marks to (polled each tick and on change). */
  marksFile?: string;
  clock?: () => number;
  /** A warning, in English, and as message data for a reader in another language. */
  onWarning?: (message: string, said?: Message) => void;
  /**
   * `process`: samples, totals and ticks are the command's share (0 until `attachShare`), and the
   * machine's own energy goes beside them (`machineEnergyJ`). Default `machine`.
   */
  boundary?: Boundary;
}

export interface Tick {
  /** End of the interval, epoch ms. */
  t: number;
  intervalS: number;
  channels: readonly Channel[];
  /** Per channel, over the interval: energy J and average power W (reused arrays: copy to keep). */
  intervalJ: Float64Array;
  powerW: Float64Array;
  /** Since start, per component, J. */
  totalJ: Readonly<Record<Component, number>>;
  /** Sum of the channels' average power over the interval, W. */
  totalPowerW: number;
  elapsedS: number;
}

export type TickListener = (tick: Tick) => void;

export interface TrackerResult {
  startedAt: number;
  endedAt: number;
  durationS: number;
  energyJ: Record<Component, number>;
  peakPowerW: number;
  marks: Mark[];
  /** Samples that could not be written (after retries); 0 when the store kept everything. */
  lostSamples: number;
  /** With the `process` boundary: the whole machine's energy, per component, J. */
  machineEnergyJ?: Record<Component, number>;
}

export class Tracker {
  readonly channels: readonly Channel[];
  readonly samplers: readonly Sampler[];
  readonly marks: Mark[] = [];
  startedAt = Number.NaN;
  private readonly clock: () => number;
  private readonly integrator: Integrator;
  private readonly batch: SampleBatch;
  private readonly totals: Record<Component, number> = { gpu: 0, cpu: 0, ram: 0 };
  private readonly machineTotals: Record<Component, number> = { gpu: 0, cpu: 0, ram: 0 };
  /** The machine's energy and power per channel over the last interval (before any share). */
  private readonly machineJ: Float64Array;
  private readonly machineW: Float64Array;
  private share: ChannelShare | undefined;
  private readonly tick: Tick;
  private readonly listeners: TickListener[] = [];
  private readonly failed: SampleBatch[] = [];
  /** Writes to an asynchronous backend not settled yet: the run ends after them. */
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private lastT = Number.NaN;
  private peakW = 0;
  private lostSamples = 0;
  private marksReader: MarksFileReader | undefined;
  private watcher: FSWatcher | undefined;
  private stopped: Promise<TrackerResult> | undefined;
  private lastMarksPoll = 0;
  private warned = new Set<string>();

  constructor(private readonly options: TrackerOptions) {
    this.clock = options.clock ?? nowMs;
    this.samplers = options.samplers;
    this.channels = options.samplers.flatMap((s) => s.channels);
    const n = this.channels.length;
    this.integrator = new Integrator(n);
    this.machineJ = new Float64Array(n);
    this.machineW = new Float64Array(n);
    const processBoundary = options.boundary === 'process';
    this.batch = {
      runId: options.runId,
      host: options.host,
      t: 0,
      intervalS: 0,
      count: n,
      component: this.channels.map((c) => c.component),
      deviceIndex: Int32Array.from(this.channels.map((c) => c.deviceIndex)),
      powerW: new Float64Array(n),
      energyJ: new Float64Array(n),
      source: this.channels.map((c) => c.source),
      machineEnergyJ: processBoundary ? { gpu: 0, cpu: 0, ram: 0 } : undefined,
    };
    this.tick = {
      t: 0,
      intervalS: 0,
      channels: this.channels,
      // With the process boundary, listeners see the command's share, as the store does.
      intervalJ: processBoundary ? this.batch.energyJ : this.integrator.intervalJ,
      powerW: processBoundary ? this.batch.powerW : this.integrator.intervalW,
      totalJ: this.totals,
      totalPowerW: 0,
      elapsedS: 0,
    };
  }

  /** Listeners get every tick; returns a function that removes the listener. */
  onTick(listener: TickListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** The command's share from now on (`process` boundary): before it, the command is charged nothing. */
  attachShare(share: ChannelShare): void {
    this.share = share;
  }

  /** Takes the first reading now and starts the loop. */
  start(): void {
    const t = this.clock();
    this.startedAt = t;
    this.lastT = t;
    let channel = 0;
    for (const sampler of this.options.samplers) {
      const readings = sampler.read(t);
      for (let i = 0; i < readings.length; i++) this.integrator.begin(channel++, t, readings[i]);
    }
    if (this.options.marksFile) {
      this.marksReader = new MarksFileReader(this.options.marksFile);
      try {
        this.watcher = watch(this.options.marksFile, () => void this.pollMarks());
        this.watcher.unref();
      } catch {
        // Polling each tick still reads the marks.
      }
    }
    this.schedule(t + this.options.intervalS * 1000);
  }

  private schedule(targetMs: number): void {
    const delay = Math.max(1, targetMs - this.clock());
    this.timer = setTimeout(() => {
      this.sample(this.clock());
      // Aim at a fixed grid; after a long pause (suspend, overload) restart from now.
      const next = targetMs + this.options.intervalS * 1000;
      this.schedule(next > this.clock() ? next : this.clock() + this.options.intervalS * 1000);
    }, delay);
    this.timer.unref();
  }

  /** One tick: read, integrate, store, notify. */
  private sample(t: number): void {
    const dtS = (t - this.lastT) / 1000;
    if (!(dtS > 0)) return;
    let channel = 0;
    let totalPowerW = 0;
    for (const sampler of this.options.samplers) {
      let readings: ReturnType<Sampler['read']>;
      try {
        readings = sampler.read(t);
      } catch (error) {
        this.warnOnce(
          `${sampler.id}`,
          msg('measure.readingFailed', { sampler: sampler.id, cause: (error as Error).message }),
        );
        channel += sampler.channels.length;
        continue;
      }
      for (let i = 0; i < readings.length; i++, channel++) {
        if (readings[i].energyJ === undefined && readings[i].powerW === undefined) this.noReading(channel, t);
        this.machineJ[channel] = this.integrator.step(channel, t, readings[i]);
        this.machineW[channel] = this.integrator.intervalW[channel];
      }
    }
    const machine = this.batch.machineEnergyJ;
    if (machine) this.applyShare(machine);
    for (let c = 0; c < this.channels.length; c++) {
      const energy = machine ? this.batch.energyJ[c] : this.machineJ[c];
      const power = machine ? this.batch.powerW[c] : this.machineW[c];
      this.totals[this.channels[c].component] += energy;
      this.batch.energyJ[c] = energy;
      this.batch.powerW[c] = power;
      totalPowerW += power;
    }
    this.lastT = t;
    // A very short (last, partial) interval gives noisy power from coarse counters: not a peak.
    if (totalPowerW > this.peakW && (dtS >= this.options.intervalS / 2 || this.peakW === 0))
      this.peakW = totalPowerW;
    this.batch.t = Math.round(t);
    this.batch.intervalS = dtS;
    this.write();
    // fs.watch reports appends at once; polling too (once a second) covers file systems without it.
    if (t - this.lastMarksPoll >= 1000) this.pollMarks();
    const tick = this.tick;
    tick.t = t;
    tick.intervalS = dtS;
    tick.totalPowerW = totalPowerW;
    tick.elapsedS = (t - this.startedAt) / 1000;
    for (const listener of this.listeners) listener(tick);
  }

  /** The batch gets the command's share of each channel; `machine` the whole machine's energy. */
  private applyShare(machine: Record<Component, number>): void {
    machine.gpu = 0;
    machine.cpu = 0;
    machine.ram = 0;
    const share = this.share;
    if (share) {
      try {
        share.update();
      } catch (error) {
        this.warnOnce('share', msg('measure.shareFailed', { cause: (error as Error).message }));
      }
    }
    for (let c = 0; c < this.channels.length; c++) {
      const f = share ? share.share[c] : 0;
      this.batch.energyJ[c] = this.machineJ[c] * f;
      this.batch.powerW[c] = this.machineW[c] * f;
      const component = this.channels[c].component;
      machine[component] += this.machineJ[c];
      this.machineTotals[component] += this.machineJ[c];
    }
  }

  private write(): void {
    const store = this.options.store;
    if (!store) return;
    // Kept batches first, in order; the first refusal ends this tick's writes (a locked database
    // costs one short wait per tick, not one per kept batch).
    while (this.failed.length > 0) {
      if (!this.send(store, this.failed[0])) {
        this.keep(cloneBatch(this.batch));
        return;
      }
      this.failed.shift();
    }
    // SQLite writes synchronously, so the reused batch can go as it is; an asynchronous backend
    // gets its own copy, kept for a retry if the write fails later.
    const payload = store.dialect === 'sqlite' ? this.batch : cloneBatch(this.batch);
    if (!this.send(store, payload)) this.keep(payload === this.batch ? cloneBatch(payload) : payload);
  }

  /** Hands a batch to the store; false when it failed at once (the caller keeps it for the next tick). */
  private send(store: Store, batch: SampleBatch): boolean {
    try {
      const written = store.appendSamples(batch);
      // SQLite fails synchronously or not at all: no promise handler to allocate each tick.
      if (store.dialect !== 'sqlite') {
        const settled: Promise<void> = written
          .catch((error: unknown) => {
            this.storeError(store, error);
            this.keep(batch);
          })
          .finally(() => this.inFlight.delete(settled));
        this.inFlight.add(settled);
      }
      return true;
    } catch (error) {
      this.storeError(store, error);
      return false;
    }
  }

  private storeError(store: Store, error: unknown): void {
    this.warnOnce(
      'store',
      msg('measure.storeFailed', { location: store.location, cause: (error as Error).message }),
    );
  }

  private keep(batch: SampleBatch): void {
    if (this.failed.length >= 100_000) this.lostSamples += batch.count;
    else this.failed.push(batch);
  }

  /** Records a mark now (library use), or at `t`. */
  mark(label: string, tokens?: number | null, t = this.clock()): Mark {
    const mark: Mark = { t, label, tokens: tokens ?? null };
    this.addMark(mark);
    return mark;
  }

  private addMark(mark: Mark): void {
    this.marks.push(mark);
    const store = this.options.store;
    if (!store) return;
    const record = {
      runId: this.options.runId,
      host: this.options.host,
      t: Math.round(mark.t),
      label: mark.label,
      tokens: mark.tokens,
    };
    store.addMark(record).catch((error: unknown) => {
      this.warnOnce(
        'marks',
        msg('measure.markFailed', { label: mark.label, cause: (error as Error).message }),
      );
    });
  }

  private pollMarks(final = false): void {
    const reader = this.marksReader;
    if (!reader) return;
    this.lastMarksPoll = this.clock();
    let lines: string[];
    try {
      lines = reader.poll();
      if (final) lines = [...lines, ...reader.rest()];
    } catch {
      return;
    }
    if (lines.length === 0) return;
    const seenAt = this.clock();
    for (const line of lines) {
      const parsed = parseMarkLine(line, seenAt);
      if ('mark' in parsed) this.addMark(parsed.mark);
      else this.warnOnce(`mark:${parsed.error}`, msg('measure.markIgnored', { cause: parsed.error }));
    }
  }

  /** A sensor that stops answering (GPU reset, device removed) must not go unnoticed. */
  private noReading(channel: number, t: number): void {
    const c = this.channels[channel];
    this.warnOnce(
      `no-reading:${channel}`,
      msg('measure.noReading', {
        channel: `${c.component} ${c.deviceIndex} (${c.name})`,
        since: new Date(t).toISOString(),
      }),
    );
  }

  /** Warnings are said in English and given as data: the tracker has no reader's language. */
  private warnOnce(key: string, message: Message): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.options.onWarning?.(render(message, 'en', 'flag'), message);
  }

  /** Energy so far per component, J. */
  get energyJ(): Readonly<Record<Component, number>> {
    return this.totals;
  }

  /** Stops without a last reading and without writing anything more (a run that could not be registered). */
  abort(): void {
    if (this.timer) clearTimeout(this.timer);
    this.stopped ??= Promise.reject(new Error('tracker aborted'));
    this.stopped.catch(() => {});
    this.watcher?.close();
    this.marksReader?.close();
    for (const sampler of this.options.samplers) sampler.close();
  }

  /** Takes the last reading now (the last partial interval), stops the loop and closes the samplers. */
  stop(): Promise<TrackerResult> {
    this.stopped ??= this.finish();
    return this.stopped;
  }

  private async finish(): Promise<TrackerResult> {
    if (this.timer) clearTimeout(this.timer);
    const t = this.clock();
    this.sample(t);
    this.pollMarks(true);
    this.watcher?.close();
    this.marksReader?.close();
    for (const sampler of this.options.samplers) {
      try {
        sampler.close();
      } catch {
        // Closing a sensor must not lose the run.
      }
    }
    const store = this.options.store;
    if (store) {
      // Let asynchronous writes (PostgreSQL) settle, then retry what failed one last time,
      // waiting a while for a database another process holds locked.
      await Promise.all(this.inFlight);
      const deadline = Date.now() + FINAL_WRITE_WAIT_MS;
      for (const batch of this.failed.splice(0)) {
        if (!(await writeBefore(store, batch, deadline))) this.lostSamples += batch.count;
      }
    }
    return {
      startedAt: this.startedAt,
      endedAt: this.lastT,
      durationS: (this.lastT - this.startedAt) / 1000,
      energyJ: { ...this.totals },
      peakPowerW: this.peakW,
      marks: [...this.marks],
      lostSamples: this.lostSamples,
      machineEnergyJ: this.batch.machineEnergyJ ? { ...this.machineTotals } : undefined,
    };
  }
}

/** How long the last writes of a run may wait for a lock held by another process (wall clock). */
const FINAL_WRITE_WAIT_MS = 10_000;

/** Writes a batch, retrying while the database is locked and `deadline` (epoch ms) is not passed. */
async function writeBefore(store: Store, batch: SampleBatch, deadline: number): Promise<boolean> {
  try {
    // Only a lock goes away by waiting; a full disk or a lost connection does not.
    await retryWhileLocked(() => store.appendSamples(batch), deadline - Date.now());
    return true;
  } catch {
    return false;
  }
}

function cloneBatch(batch: SampleBatch): SampleBatch {
  return {
    ...batch,
    machineEnergyJ: batch.machineEnergyJ && { ...batch.machineEnergyJ },
    component: [...batch.component],
    deviceIndex: batch.deviceIndex.slice(),
    powerW: batch.powerW.slice(),
    energyJ: batch.energyJ.slice(),
    source: [...batch.source],
  };
}
