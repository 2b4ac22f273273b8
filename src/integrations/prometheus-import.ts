import { randomUUID } from 'node:crypto';
import { userError } from '../errors.js';
import { msg } from '../messages/index.js';
import {
  type DeviceInfo,
  type EnergyTotalsJ,
  type SampleBatch,
  type Sources,
  type Store,
  unknownSystem,
} from '../records.js';
import { RunConflictError } from '../store/index.js';
import { type ChannelEnergy, type PrometheusEnergy, redactUrl } from './prometheus.js';

/**
 * Stores energy read from Prometheus as a run like a measured one: one host row per node, one
 * sample per window and channel (power = window energy / window length), provenance
 * `measured:prometheus-<source>`, status completed. `runs show`, exports and totals then work
 * unchanged; the run may share its id with runs measured by `empreinte run` on other hosts.
 */
export interface ImportRunOptions {
  runId?: string;
  name?: string;
  url: string;
  /** Grid and PUE in force, resolved by the caller (as `empreinte run` does). */
  location: string | null;
  intensityGPerKwh: number;
  intensitySource: string;
  pue: number;
  pueSource: string;
  renewableShare?: number;
  version?: string;
}

export async function storePrometheusRun(
  store: Store,
  energy: PrometheusEnergy,
  options: ImportRunOptions,
): Promise<string> {
  const runId = options.runId ?? randomUUID();
  const byHost = new Map<string, ChannelEnergy[]>();
  for (const c of energy.channels) byHost.set(c.host, [...(byHost.get(c.host) ?? []), c]);
  const stepS = energy.stepMs / 1000;
  const command = [
    'empreinte',
    'runs',
    'import-prometheus',
    '--url',
    redactUrl(options.url),
    '--source',
    energy.source.id,
  ];
  const hosts = [...byHost.keys()].sort();
  for (const host of hosts) {
    const channels = byHost.get(host)!;
    const sources = { gpu: null, cpu: null, ram: null } as Sources;
    for (const c of channels) sources[c.component] = energy.source.provenance;
    const devices: DeviceInfo[] = channels.map((c) => ({
      component: c.component,
      deviceIndex: c.deviceIndex,
      name: c.name ?? `${c.metric} (${c.component} ${c.deviceIndex})`,
      source: energy.source.provenance,
      ...(c.uuid ? { uuid: c.uuid } : {}),
    }));
    const system = unknownSystem('unknown (read from Prometheus)', options.version ?? 'unknown');
    const notes = [
      msg('integrations.readFrom', {
        url: redactUrl(options.url),
        reference: energy.source.reference,
        windows: energy.windowCount,
        stepS,
      }),
      ...energy.notes.filter((n) => n.params?.host === host),
    ];
    try {
      await store.createRun(
        {
          id: runId,
          name: options.name ?? null,
          host,
          command,
          startedAt: energy.fromMs,
          location: options.location,
          intensityGPerKwh: options.intensityGPerKwh,
          intensitySource: options.intensitySource,
          pue: options.pue,
          pueSource: options.pueSource,
          renewableShare: options.renewableShare ?? null,
          intervalS: stepS,
        },
        {
          runId,
          host,
          machine: host,
          pid: 0,
          pidStart: null,
          startedAt: energy.fromMs,
          sources,
          devices,
          notes,
          system,
        },
      );
    } catch (error) {
      if (error instanceof RunConflictError) {
        throw userError('conflict', 'runId', 'store.hostTaken', {
          value: runId,
          host,
          accepted: msg('integrations.hostTakenAccepted'),
        });
      }
      throw error;
    }
    for (const batch of hostBatches(runId, host, channels, stepS, energy.source.provenance))
      await store.appendSamples(batch);
    const totals: EnergyTotalsJ = { gpu: 0, cpu: 0, ram: 0 };
    for (const c of channels) totals[c.component] += c.energyJ;
    await store.finishHost(runId, host, {
      endedAt: energy.toMs,
      status: 'completed',
      exitCode: null,
      energyJ: totals,
    });
  }
  return runId;
}

/** One batch per window end: the channels of the host that have data in that window. */
function* hostBatches(
  runId: string,
  host: string,
  channels: ChannelEnergy[],
  stepS: number,
  provenance: string,
): Generator<SampleBatch> {
  const byT = new Map<number, { c: ChannelEnergy; j: number }[]>();
  for (const c of channels)
    for (const w of c.windows) byT.set(w.t, [...(byT.get(w.t) ?? []), { c, j: w.energyJ }]);
  for (const t of [...byT.keys()].sort((a, b) => a - b)) {
    const rows = byT.get(t)!;
    yield {
      runId,
      host,
      t,
      intervalS: stepS,
      count: rows.length,
      component: rows.map((r) => r.c.component),
      deviceIndex: Int32Array.from(rows.map((r) => r.c.deviceIndex)),
      powerW: Float64Array.from(rows.map((r) => r.j / stepS)),
      energyJ: Float64Array.from(rows.map((r) => r.j)),
      source: rows.map(() => provenance),
    };
  }
}
