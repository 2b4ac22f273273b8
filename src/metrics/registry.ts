import { Counter, Gauge, Registry } from 'prom-client';
import { J_PER_KWH } from '../engine/units.js';
import type { Component, RunRecord, Store } from '../records.js';
import { measuredCo2eKg } from '../report/run-footprint.js';

/**
 * The run metrics in Prometheus form, one naming for the tracker's own endpoint
 * (`empreinte run --metrics-port N`) and the server's `/metrics`: base units in names (watts,
 * joules, grams), `_total` on counters, snake_case labels (Prometheus naming conventions,
 * https://prometheus.io/docs/practices/naming/).
 *   empreinte_power_watts{run_id,host,component,device}          gauge, average over the last interval
 *   empreinte_energy_joules_total{run_id,host,component,device}  counter, energy at the machine (IT)
 *   empreinte_co2e_grams_total{run_id,host}                      counter, IT energy × PUE × grid intensity
 */
export const METRIC_NAMES = {
  power: 'empreinte_power_watts',
  energy: 'empreinte_energy_joules_total',
  co2e: 'empreinte_co2e_grams_total',
} as const;

const CHANNEL_LABELS = ['run_id', 'host', 'component', 'device'] as const;
const RUN_LABELS = ['run_id', 'host'] as const;

export interface RunMetrics {
  registry: Registry;
  power: Gauge<(typeof CHANNEL_LABELS)[number]>;
  energy: Counter<(typeof CHANNEL_LABELS)[number]>;
  co2e: Counter<(typeof RUN_LABELS)[number]>;
}

/** Creates the three run metrics in `registry` (a new one by default). */
export function createRunMetrics(registry: Registry = new Registry()): RunMetrics {
  return {
    registry,
    power: new Gauge({
      name: METRIC_NAMES.power,
      help: 'Average power of one device over the last sampling interval, W',
      labelNames: CHANNEL_LABELS,
      registers: [registry],
    }),
    energy: new Counter({
      name: METRIC_NAMES.energy,
      help: 'Energy used by one device since the run started, J (at the machine, before PUE)',
      labelNames: CHANNEL_LABELS,
      registers: [registry],
    }),
    co2e: new Counter({
      name: METRIC_NAMES.co2e,
      help: 'CO2e of the energy used since the run started, g (energy × PUE × grid intensity, location-based)',
      labelNames: RUN_LABELS,
      registers: [registry],
    }),
  };
}

/** What the metrics need from a tracker: its channels and a tick listener (measure/tracker.ts). */
export interface TickSource {
  readonly channels: readonly { component: Component; deviceIndex: number }[];
  onTick(listener: (tick: { intervalJ: Float64Array; powerW: Float64Array }) => void): () => void;
}

export interface RunLabels {
  runId: string;
  host: string;
  /** g CO2e per kWh measured at the machines (PUE × grid intensity). */
  gCo2ePerKwh: number;
}

/**
 * Feeds the metrics from every tick of a tracker; returns the function that stops listening.
 * The series exist at zero from the start, so that `increase()` sees the whole first interval.
 */
export function observeTracker(metrics: RunMetrics, tracker: TickSource, run: RunLabels): () => void {
  const labels = tracker.channels.map((c) => ({
    run_id: run.runId,
    host: run.host,
    component: c.component,
    device: String(c.deviceIndex),
  }));
  const runLabels = { run_id: run.runId, host: run.host };
  for (const l of labels) {
    metrics.energy.inc(l, 0);
    metrics.power.set(l, 0);
  }
  metrics.co2e.inc(runLabels, 0);
  return tracker.onTick((tick) => {
    let joules = 0;
    for (let i = 0; i < labels.length; i++) {
      const j = tick.intervalJ[i];
      if (j > 0) metrics.energy.inc(labels[i], j);
      metrics.power.set(labels[i], tick.powerW[i]);
      if (j > 0) joules += j;
    }
    if (joules > 0) metrics.co2e.inc(runLabels, (joules / J_PER_KWH) * run.gCo2ePerKwh);
  });
}

/**
 * For the server's `/metrics` (another process than the trackers): the power, energy and CO2e of
 * the runs still running, read from the store at each scrape, under the same names (without the
 * `device` label: power and energy are summed over a component's devices; power is the average over
 * each host's latest stored interval). Scrape either the trackers or the server for a
 * run, not both, or sums count it twice.
 */
export function registerStoredRunMetrics(registry: Registry, store: () => Promise<Store>): void {
  new Gauge({
    name: METRIC_NAMES.power,
    help: 'Average power over the latest stored interval, W, summed over the devices of a component; runs still running, from the store',
    labelNames: ['run_id', 'host', 'component'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      await forEachRunningRun(store, async (s, run) => {
        const lastByHost = new Map<string, number>();
        for (const row of await s.sampleTotals(run.id))
          lastByHost.set(row.host, Math.max(lastByHost.get(row.host) ?? -Infinity, row.lastT));
        for (const [host, lastT] of lastByHost) {
          const watts = new Map<Component, number>();
          for await (const batch of s.readSamples(run.id, { host, after: lastT - 1 }))
            for (const sample of batch)
              if (sample.t === lastT)
                watts.set(sample.component, (watts.get(sample.component) ?? 0) + sample.powerW);
          for (const [component, w] of watts) this.set({ run_id: run.id, host, component }, w);
        }
      });
    },
  });
  new Counter({
    name: METRIC_NAMES.energy,
    help: 'Energy used since the run started, J (at the machine, before PUE); runs still running, from the store',
    labelNames: ['run_id', 'host', 'component'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      await forEachRunningRun(store, async (s, run) => {
        for (const row of await s.sampleTotals(run.id)) {
          this.inc({ run_id: run.id, host: row.host, component: row.component }, row.energyJ);
        }
      });
    },
  });
  new Counter({
    name: METRIC_NAMES.co2e,
    help: 'CO2e of the energy used since the run started, g (energy × PUE × grid intensity); runs still running, from the store',
    labelNames: RUN_LABELS,
    registers: [registry],
    async collect() {
      this.reset();
      await forEachRunningRun(store, async (s, run) => {
        const byHost = new Map<string, number>();
        for (const row of await s.sampleTotals(run.id))
          byHost.set(row.host, (byHost.get(row.host) ?? 0) + row.energyJ);
        for (const [host, joules] of byHost)
          this.inc({ run_id: run.id, host }, measuredCo2eKg(joules, run) * 1000);
      });
    },
  });
}

/**
 * Each run still running, with the store. A run database that cannot be read (damaged, locked) leaves the run series out of the scrape
 * rather than failing it whole: the server's own metrics still answer, and the runs routes say why.
 */
async function forEachRunningRun(
  store: () => Promise<Store>,
  collect: (store: Store, run: RunRecord) => Promise<void>,
): Promise<void> {
  try {
    const s = await store();
    for (const run of await s.listRuns({ status: 'running' })) await collect(s, run);
  } catch {
    // Said by the runs routes (503) and the server log.
  }
}
