import { computeEquivalents } from '../engine/equivalents.js';
import { HOUR_S, J_PER_KWH } from '../engine/units.js';
import { type Message, type MessageKey, msg, type Params, render } from '../messages/index.js';
import type {
  MarkRecord,
  MinuteTotal,
  RunHostRecord,
  RunRecord,
  SampleTotal,
  Sources,
  Store,
  TickTotal,
} from '../records.js';
import { type Boundary, COMPONENTS, type Component } from '../records.js';
import type { EnergyKwh, RunReport } from '../report/run.js';
import { measuredCo2eKg, runFootprint } from '../report/run-footprint.js';
import { clusterPeakPowerW } from './cluster-power.js';
import { hostStatuses, reportedRunStatus } from './host-liveness.js';
import { computePhases } from './phases.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A note of the messages table in the reader's language, inputs named as CLI flags. */
const say = (lang: 'en' | 'fr', key: MessageKey, params?: Params) => render(msg(key, params), lang, 'flag');

export async function buildRunReport(
  store: Store,
  run: RunRecord,
  lang: 'en' | 'fr' = 'en',
  nowMs: number = Date.now(),
): Promise<RunReport> {
  // Totals kept as samples arrive: a few rows per host and minute, whatever the run's length.
  const [hosts, totals, minutes, marks, peak] = await Promise.all([
    store.runHosts(run.id),
    store.sampleTotals(run.id),
    store.minuteTotals(run.id),
    store.marks(run.id),
    store.peakPowerW(run.id),
  ]);
  const notes: string[] = [];
  const energyJ: Record<Component, number> = { gpu: 0, cpu: 0, ram: 0 };
  for (const row of totals) energyJ[row.component] += row.energyJ;
  const startedAt = Math.min(run.startedAt, ...hosts.map((h) => h.startedAt));
  const lastSample = Math.max(startedAt, ...totals.map((r) => r.lastT));
  const hostStatus = hostStatuses(
    hosts.map((h) => ({
      status: h.status,
      startedAt: h.startedAt,
      endedAt: h.endedAt,
      lastSampleAt: lastSampleOf(totals, h),
    })),
    run.intervalS,
    nowMs,
  );
  // A run still going (or cut short) ends, for now, at its last stored sample.
  const endedAt = run.endedAt ?? lastSample;
  const durationS = Math.max(0, (endedAt - startedAt) / 1000);
  const totalJ = energyJ.gpu + energyJ.cpu + energyJ.ram;
  const averagePowerW = durationS > 0 ? totalJ / durationS : 0;
  const { energyKwh, facilityEnergyKwh, co2eKg, co2eMarketKg } = runFootprint(energyJ, run);
  const pue = run.pue ?? 1;
  const intensity = run.intensityGPerKwh ?? 0;
  if (run.renewableShare === null) {
    notes.push(say(lang, 'measure.noRenewableShare'));
  }

  notes.push(...hostNotes(hosts, totals, hostStatus, lang));
  const phases = computePhases(
    marks,
    await phaseTicks(store, run.id, minutes, marks, startedAt, endedAt),
    startedAt,
    endedAt,
  );

  const report: RunReport = {
    id: run.id,
    name: run.name,
    status: reportedRunStatus(run.status, hostStatus),
    exitCode: run.exitCode,
    command: run.command,
    startedAt: iso(startedAt),
    endedAt: run.endedAt === null ? null : iso(run.endedAt),
    durationS,
    energyKwh,
    ...boundaryOf(hosts, totals),
    facilityEnergyKwh,
    co2eKg,
    co2eMarketKg,
    location: { id: run.location, intensityGPerKwh: intensity, source: run.intensitySource ?? 'unknown' },
    pue: { value: pue, source: run.pueSource ?? 'unknown' },
    renewableShare: run.renewableShare,
    averagePowerW,
    // Several hosts: the cluster's peak (hosts added up), not one host's. The peak leaves out
    // the short last interval (noisy); an average above it would then be a peak missed.
    peakPowerW: Math.max(
      averagePowerW,
      (hosts.length > 1 ? await clusterPeak(store, run.id, minutes, run.intervalS) : null) ?? peak ?? 0,
    ),
    sources: sourcesOf(hosts),
    hosts: hostReports(hosts, totals, hostStatus),
    ...phaseReports(phases, run),
    equivalents: computeEquivalents({ co2eKg, energyKwh: facilityEnergyKwh }, lang),
    notes,
  };
  const estimate = await compareWithEstimator(report, hosts, run, lang);
  if ('estimate' in estimate) report.estimate = estimate.estimate;
  else notes.push(estimate.note);
  return report;
}

/** The end of a host's last stored sample; null before its first. */
function lastSampleOf(totals: readonly SampleTotal[], h: RunHostRecord): number | null {
  const times = totals.filter((r) => r.host === h.host).map((r) => r.lastT);
  return times.length > 0 ? Math.max(...times) : null;
}

/** Each component's sources over the hosts, joined with `+` where hosts differ. */
function sourcesOf(hosts: readonly RunHostRecord[]): Sources {
  const sources = {} as Sources;
  for (const c of COMPONENTS) {
    const found = [...new Set(hosts.map((h) => h.sources[c]).filter((s) => s !== null))];
    sources[c] = (found.length > 0 ? found.join('+') : null) as Sources[Component];
  }
  return sources;
}

/** The hosts' own notes (named where there are several), and which hosts stopped being heard from. */
function hostNotes(
  hosts: readonly RunHostRecord[],
  totals: readonly SampleTotal[],
  hostStatus: readonly RunReport['hosts'][number]['status'][],
  lang: 'en' | 'fr',
): string[] {
  const notes: string[] = [];
  for (const h of hosts)
    for (const stored of h.notes) {
      const note = typeof stored === 'string' ? stored : render(stored as Message, lang, 'flag');
      notes.push(hosts.length > 1 ? say(lang, 'measure.hostNote', { host: h.host, note }) : note);
    }
  hosts.forEach((h, i) => {
    if (hostStatus[i] !== 'stopped') return;
    const last = lastSampleOf(totals, h);
    notes.push(
      say(lang, 'measure.hostStopped', {
        host: h.host,
        since: iso(last ?? h.startedAt),
        pid: h.pid,
        machine: h.machine,
      }),
    );
  });
  return notes;
}

function hostReports(
  hosts: readonly RunHostRecord[],
  totals: readonly SampleTotal[],
  hostStatus: readonly RunReport['hosts'][number]['status'][],
): RunReport['hosts'] {
  return hosts.map((h, i) => {
    const own = totals.filter((r) => r.host === h.host);
    const end = h.endedAt ?? Math.max(h.startedAt, ...own.map((r) => r.lastT));
    const j = own.reduce((s, r) => s + r.energyJ, 0);
    const last = lastSampleOf(totals, h);
    return {
      host: h.host,
      status: hostStatus[i],
      exitCode: h.exitCode,
      machine: h.machine,
      pid: h.pid,
      lastSampleAt: last === null ? null : iso(last),
      startedAt: iso(h.startedAt),
      endedAt: h.endedAt === null ? null : iso(h.endedAt),
      durationS: Math.max(0, (end - h.startedAt) / 1000),
      energyKwh: j / J_PER_KWH,
      sources: h.sources,
      devices: h.devices,
    };
  });
}

/** The phases' energy and CO2e, and the tokens of those that count them with the energy per token. */
function phaseReports(
  phases: ReturnType<typeof computePhases>,
  run: RunRecord,
): Pick<RunReport, 'phases' | 'tokens' | 'energyJPerToken'> {
  const tokenPhases = phases.filter((p) => p.tokens !== null);
  const tokens = tokenPhases.length > 0 ? tokenPhases.reduce((s, p) => s + (p.tokens ?? 0), 0) : null;
  const tokenEnergyJ = tokenPhases.reduce((s, p) => s + p.energyJ, 0);
  return {
    phases: phases.map((p) => ({
      label: p.label,
      startedAt: iso(p.startedAt),
      endedAt: iso(p.endedAt),
      durationS: p.durationS,
      energyKwh: p.energyJ / J_PER_KWH,
      co2eKg: measuredCo2eKg(p.energyJ, run),
      tokens: p.tokens,
      energyJPerToken: p.energyJPerToken,
    })),
    tokens,
    energyJPerToken: tokens !== null && tokens > 0 ? tokenEnergyJ / tokens : null,
  };
}

/** The run's boundary and, with `process`, the machines' energy (a `machine` host's is its samples'). */
function boundaryOf(
  hosts: readonly RunHostRecord[],
  totals: readonly { host: string; component: Component; energyJ: number }[],
): { boundary: Boundary; machineEnergyKwh?: EnergyKwh } {
  if (!hosts.some((h) => h.boundary === 'process')) return { boundary: 'machine' };
  const j: Record<Component, number> = { gpu: 0, cpu: 0, ram: 0 };
  for (const h of hosts) {
    if (h.boundary === 'process') {
      for (const c of COMPONENTS) j[c] += h.machineEnergyJ?.[c] ?? 0;
    } else {
      for (const r of totals) if (r.host === h.host) j[r.component] += r.energyJ;
    }
  }
  return {
    boundary: 'process',
    machineEnergyKwh: {
      total: (j.gpu + j.cpu + j.ram) / J_PER_KWH,
      gpu: j.gpu / J_PER_KWH,
      cpu: j.cpu / J_PER_KWH,
      ram: j.ram / J_PER_KWH,
    },
  };
}

const MINUTE_MS = 60_000;
const minuteRange = (minute: number, marginMs = 0) => ({
  from: minute * MINUTE_MS - marginMs,
  to: (minute + 1) * MINUTE_MS - 1 + marginMs,
});

/**
 * What phases are computed from: each host's minute as one span, except the minutes that a phase
 * boundary cuts, read tick by tick (a tick straddling a boundary is split in proportion of time).
 * The result is the same as from every tick, read from a few rows per boundary.
 */
async function phaseTicks(
  store: Store,
  runId: string,
  minutes: readonly MinuteTotal[],
  marks: readonly MarkRecord[],
  runStart: number,
  runEnd: number,
): Promise<TickTotal[]> {
  if (marks.length === 0) return [];
  let start = runStart;
  let end = runEnd;
  for (const m of minutes) {
    start = Math.min(start, m.fromT);
    end = Math.max(end, m.lastT);
  }
  const boundaries: number[] = [];
  let from = start;
  for (const mark of [...marks].sort((a, b) => a.t - b.t)) {
    from = Math.max(from, Math.min(mark.t, end));
    boundaries.push(from);
  }
  const ticks: TickTotal[] = [];
  const cut = new Map<number, Set<string>>();
  for (const m of minutes) {
    if (boundaries.some((b) => m.fromT < b && b < m.lastT)) {
      const hosts = cut.get(m.minute) ?? new Set<string>();
      hosts.add(m.host);
      cut.set(m.minute, hosts);
    } else {
      ticks.push({
        host: m.host,
        t: m.lastT,
        intervalS: (m.lastT - m.fromT) / 1000,
        fromT: m.fromT,
        energyJ: m.energyJ,
      });
    }
  }
  for (const [minute, hosts] of cut) {
    for (const tick of await store.tickTotals(runId, minuteRange(minute)))
      if (hosts.has(tick.host) && Math.floor(tick.t / MINUTE_MS) === minute) ticks.push(tick);
  }
  return ticks.sort((a, b) => a.t - b.t);
}

/**
 * Peak power of a multi-node run (cluster-power.ts), from the minute rows: a minute's bound is
 * the sum over hosts of their highest tick near it; minutes are read tick by tick in decreasing
 * order of bound until no bound beats the best exact peak found.
 */
async function clusterPeak(
  store: Store,
  runId: string,
  minutes: readonly MinuteTotal[],
  intervalS: number,
): Promise<number | null> {
  const intervalMs = intervalS * 1000;
  const reach = Math.max(1, Math.ceil(intervalMs / MINUTE_MS));
  const peaks = new Map<string, Map<number, number>>();
  for (const m of minutes) {
    if (m.peakEnergyW === null) continue;
    const host = peaks.get(m.host) ?? new Map<number, number>();
    host.set(m.minute, m.peakEnergyW);
    peaks.set(m.host, host);
  }
  const candidates = [...new Set(minutes.map((m) => m.minute))].map((minute) => {
    let bound = 0;
    for (const host of peaks.values()) {
      let highest = 0;
      for (let k = -reach; k <= reach; k++) highest = Math.max(highest, host.get(minute + k) ?? 0);
      bound += highest;
    }
    return { minute, bound };
  });
  candidates.sort((a, b) => b.bound - a.bound);
  let best: number | null = null;
  for (const { minute, bound } of candidates) {
    if (best !== null && bound <= best) break;
    const exact = clusterPeakPowerW(
      await store.tickTotals(runId, minuteRange(minute, intervalMs)),
      intervalS,
    );
    if (exact !== null && (best === null || exact > best)) best = exact;
  }
  return best;
}

async function compareWithEstimator(
  report: RunReport,
  hosts: RunHostRecord[],
  run: RunRecord,
  lang: 'en' | 'fr',
): Promise<{ estimate: NonNullable<RunReport['estimate']> } | { note: string }> {
  const noted = (key: MessageKey, params?: Params) => ({ note: say(lang, key, params) });
  const gpus = hosts.flatMap((h) =>
    h.devices.filter((d) => d.component === 'gpu').map((d) => ({ host: h, device: d })),
  );
  if (gpus.length === 0) return noted('measure.noGpuMeasured');
  const names = [...new Set(gpus.map((g) => g.device.name))];
  if (names.length > 1) return noted('measure.severalGpus', { names: names.join(', ') });
  // The hardware catalog loads for a run with a GPU: a machine without one never reads it.
  const { catalogGpu } = await import('../catalog/hardware.js');
  const hardware = catalogGpu(names[0]);
  if (!hardware) return noted('measure.gpuNotInCatalog', { name: names[0] });
  const chipHours = report.hosts.reduce((sum, h) => {
    const count = gpus.filter((g) => g.host.host === h.host).length;
    return sum + (count * h.durationS) / HOUR_S;
  }, 0);
  if (!(chipHours > 0)) return noted('measure.runTooShort');
  // Loaded only for a run it can compare with: a machine without a GPU never needs the estimator.
  const { estimateTraining } = await import('../engine/training.js');
  const estimate = estimateTraining(
    {
      hardware,
      chipHours,
      pue: run.pue ?? undefined,
      location: run.location ?? undefined,
      renewableShare: run.renewableShare ?? undefined,
    },
    lang,
  );
  const expected = estimate.energyKwh.central;
  return {
    estimate: {
      hardware,
      chipHours,
      estimatedEnergyKwh: estimate.energyKwh,
      measuredEnergyKwh: report.facilityEnergyKwh,
      differencePct: expected > 0 ? (100 * (report.facilityEnergyKwh - expected)) / expected : 0,
      method:
        'estimateTraining, accounting mode: chip-hours × TDP × power fraction × (1 + host overhead) × PUE',
    },
  };
}
