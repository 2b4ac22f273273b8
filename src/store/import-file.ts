/**
 * `runs import FILE`: a samples CSV or a run's JSON export stored as a new run. The file is read
 * twice: once to check every row and learn the hosts and channels, then to write, in one
 * transaction (nothing stays of a file that fails half-way). Memory stays bounded: rows are
 * streamed, and samples go to the store in sealed chunks.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { J_PER_KWH } from '../engine/units.js';
import { userError } from '../errors.js';
import { type Message, msg } from '../messages/index.js';
import {
  type DeviceInfo,
  type EnergyTotalsJ,
  type ImportedRun,
  type MarkRecord,
  type NewRun,
  type Provenance,
  type SampleBatch,
  type Sources,
  type Store,
  type SystemInfo,
  unknownSystem,
} from '../records.js';
import type { RunReport } from '../report/run.js';
import { parseSamplesCsv, ticksOfCsv } from './samples-csv.js';

export interface ImportGrid {
  location: string | null;
  intensityGPerKwh: number;
  intensitySource: string;
  pue: number;
  pueSource: string;
}

export interface ImportOptions {
  name?: string;
  /** From `--location`; else the JSON's own, else `defaultGrid`. */
  grid?: ImportGrid;
  defaultGrid: () => ImportGrid;
}

export interface ImportResult {
  id: string;
  samples: number;
  hosts: number;
}

const SYSTEM: SystemInfo = unknownSystem('unknown', 'import');

/** The file's lines, read only once iteration starts (a stream opened early would run ahead). */
async function* lines(file: string): AsyncGenerator<string> {
  const reader = createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  yield* reader;
}

function firstCharacter(file: string): string {
  try {
    const head = Buffer.alloc(64);
    const fd = openSync(file, 'r');
    const n = readSync(fd, head, 0, 64, 0);
    closeSync(fd);
    return (
      head
        .subarray(0, n)
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trimStart()[0] ?? ''
    );
  } catch (error) {
    throw userError('invalid_file', 'file', 'store.file', {
      file,
      what: msg('store.unreadable', { cause: (error as Error).message }),
      value: file,
      accepted: msg('store.unreadableAccepted'),
    });
  }
}

export async function importRunFile(
  store: Store,
  file: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const id = randomUUID();
  if (firstCharacter(file) === '{') return importJson(store, file, id, options);
  return importCsv(store, file, id, options);
}

interface HostSeen {
  fromT: number;
  lastT: number;
  ticks: number;
  energyJ: EnergyTotalsJ;
  sources: Map<string, Set<string>>;
  devices: Map<string, DeviceInfo>;
}

async function importCsv(
  store: Store,
  file: string,
  id: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const rows = () => parseSamplesCsv(lines(file), file);
  // First pass: every row checked, hosts and channels learnt, nothing written.
  const hosts = new Map<string, HostSeen>();
  const steps: number[] = [];
  let samples = 0;
  for await (const tick of ticksOfCsv(rows(), id, file, 1)) {
    let seen = hosts.get(tick.host);
    if (!seen) {
      seen = {
        fromT: Number.POSITIVE_INFINITY,
        lastT: Number.NEGATIVE_INFINITY,
        ticks: 0,
        energyJ: { gpu: 0, cpu: 0, ram: 0 },
        sources: new Map(),
        devices: new Map(),
      };
      hosts.set(tick.host, seen);
    } else if (steps.length < 10_000) steps.push((tick.t - seen.lastT) / 1000);
    seen.ticks++;
    seen.fromT = Math.min(seen.fromT, tick.t - tick.intervalS * 1000);
    seen.lastT = Math.max(seen.lastT, tick.t);
    for (let i = 0; i < tick.count; i++) {
      const component = tick.component[i];
      seen.energyJ[component] += tick.energyJ[i];
      const sources = seen.sources.get(component) ?? new Set<string>();
      sources.add(tick.source[i]);
      seen.sources.set(component, sources);
      const key = `${component}${tick.deviceIndex[i]}`;
      if (!seen.devices.has(key))
        seen.devices.set(key, {
          component,
          deviceIndex: tick.deviceIndex[i],
          name: key,
          source: tick.source[i] as Provenance,
        });
    }
    samples += tick.count;
  }
  if (samples === 0)
    throw userError('invalid_file', 'file', 'store.file', {
      file,
      what: msg('store.noSamples'),
      accepted: msg('store.noSamplesAccepted'),
    });
  steps.sort((a, b) => a - b);
  const intervalS = steps.length > 0 ? steps[Math.floor(steps.length / 2)] : 1;
  const startedAt = Math.min(...[...hosts.values()].map((h) => Math.floor(h.fromT)));
  const grid = options.grid ?? options.defaultGrid();
  const run: NewRun = {
    id,
    name: options.name ?? basename(file),
    host: [...hosts.keys()][0],
    command: ['import', basename(file)],
    startedAt,
    ...grid,
    renewableShare: null,
    intervalS: intervalS > 0 ? intervalS : 1,
  };
  const imported: ImportedRun = {
    run,
    marks: [],
    hosts: [...hosts].map(([host, seen]) => ({
      host: {
        runId: id,
        host,
        machine: host,
        pid: 0,
        pidStart: null,
        startedAt: Math.floor(seen.fromT),
        sources: sourcesOf(seen.sources),
        devices: [...seen.devices.values()],
        notes: [{ key: 'store.importedFrom', params: { file: basename(file) } } satisfies Message],
        system: SYSTEM,
      },
      finish: { endedAt: seen.lastT, status: 'completed', exitCode: null, energyJ: seen.energyJ },
    })),
  };
  // Second pass: the same rows, written in one transaction.
  await store.importRun(imported, ticksOfCsv(rows(), id, file, run.intervalS));
  return { id, samples, hosts: hosts.size };
}

function sourcesOf(seen: Map<string, Set<string>>): Sources {
  const pick = (c: string) => {
    const s = seen.get(c);
    return s ? ([...s].join('+') as Provenance) : null;
  };
  return { gpu: pick('gpu'), cpu: pick('cpu'), ram: pick('ram') };
}

type ReportHost = RunReport['hosts'][number];

/** What the JSON export (`runs show --json`) holds that an import needs: a part of its type. */
interface ReportJson
  extends Pick<RunReport, 'id' | 'name' | 'command' | 'startedAt' | 'endedAt' | 'energyKwh'>,
    Partial<Pick<RunReport, 'location' | 'pue' | 'renewableShare'>> {
  hosts: (Pick<
    ReportHost,
    'host' | 'startedAt' | 'endedAt' | 'durationS' | 'energyKwh' | 'sources' | 'devices'
  > &
    Partial<Pick<ReportHost, 'machine'>>)[];
  phases?: Pick<RunReport['phases'][number], 'label' | 'endedAt' | 'tokens'>[];
}

/**
 * A run's JSON export holds totals, not samples: each host becomes one sample per component
 * spanning its duration (a host's energy split by the run's component shares when there are
 * several hosts), and each labelled phase a mark at its end.
 */
async function importJson(
  store: Store,
  file: string,
  id: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const json = readReportJson(file);
  const { report } = json;
  const grid: ImportGrid =
    options.grid ??
    (report.location && report.pue
      ? {
          location: report.location.id,
          intensityGPerKwh: report.location.intensityGPerKwh,
          intensitySource: report.location.source,
          pue: report.pue.value,
          pueSource: report.pue.source,
        }
      : options.defaultGrid());
  const startedAt = json.time(report.startedAt, 'startedAt');
  const batches: SampleBatch[] = [];
  const hosts = report.hosts.map((_, i) => importedHost(json, i, id, file, batches));
  const marks: MarkRecord[] = (report.phases ?? [])
    .filter((p) => p.label !== null)
    .map((p) => ({
      runId: id,
      host: hosts[0].host.host,
      t: json.time(p.endedAt, 'phases.endedAt'),
      label: String(p.label),
      tokens: p.tokens ?? null,
    }));
  await store.importRun(
    {
      run: {
        id,
        name: options.name ?? report.name ?? basename(file),
        host: hosts[0].host.host,
        command: Array.isArray(report.command) ? report.command.map(String) : ['import', basename(file)],
        startedAt,
        ...grid,
        renewableShare: report.renewableShare ?? null,
        intervalS: 1,
      },
      hosts,
      marks,
    },
    batches,
  );
  return { id, samples: batches.reduce((s, b) => s + b.count, 0), hosts: hosts.length };
}

/** A run's JSON export, parsed and checked for what an import needs; `bad` and `time` word its faults. */
interface ReportFile {
  report: ReportJson;
  bad: (what: Message) => Error;
  time: (text: unknown, what: string) => number;
}

function readReportJson(file: string): ReportFile {
  let report: ReportJson;
  const bad = (what: Message) =>
    userError('invalid_file', 'file', 'store.file', { file, what, accepted: msg('store.jsonAccepted') });
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as ReportJson;
  } catch (error) {
    throw bad(msg('store.notJson', { cause: (error as Error).message }));
  }
  const time = (text: unknown, what: string) => {
    const ms = typeof text === 'string' ? Date.parse(text) : Number.NaN;
    if (!Number.isFinite(ms)) throw bad(msg('store.jsonTime', { name: what }));
    return ms;
  };
  if (
    typeof report !== 'object' ||
    report === null ||
    !Array.isArray(report.hosts) ||
    report.hosts.length === 0
  )
    throw bad(msg('store.jsonNoHosts'));
  const kwh = report.energyKwh;
  if (!kwh || ![kwh.gpu, kwh.cpu, kwh.ram].every((v) => Number.isFinite(v) && v >= 0))
    throw bad(msg('store.jsonEnergy'));
  return { report, bad, time };
}

/** Host `i` of the export: its record, its finish, and one sample per component into `batches`. */
function importedHost(json: ReportFile, i: number, id: string, file: string, batches: SampleBatch[]) {
  const { report, bad, time } = json;
  const h = report.hosts[i];
  const kwh = report.energyKwh;
  const total = kwh.gpu + kwh.cpu + kwh.ram;
  if (typeof h.host !== 'string' || h.host === '')
    throw bad(msg('store.jsonHostMissing', { name: `hosts[${i}].host` }));
  const hostStart = time(h.startedAt, `hosts[${i}].startedAt`);
  const durationS = Number(h.durationS);
  if (!(durationS >= 0)) throw bad(msg('store.jsonDuration', { name: `hosts[${i}].durationS` }));
  const hostJ = Number(h.energyKwh) * J_PER_KWH;
  const single = report.hosts.length === 1;
  const energyJ: EnergyTotalsJ = {
    gpu: single ? kwh.gpu * J_PER_KWH : total > 0 ? (hostJ * kwh.gpu) / total : 0,
    cpu: single ? kwh.cpu * J_PER_KWH : total > 0 ? (hostJ * kwh.cpu) / total : 0,
    ram: single ? kwh.ram * J_PER_KWH : total > 0 ? (hostJ * kwh.ram) / total : 0,
  };
  const end = hostStart + durationS * 1000;
  const intervalS = durationS > 0 ? durationS : 1;
  const components = (['gpu', 'cpu', 'ram'] as const).filter((c) => energyJ[c] > 0);
  if (components.length > 0)
    batches.push({
      runId: id,
      host: h.host,
      t: Math.round(end),
      intervalS,
      count: components.length,
      component: [...components],
      deviceIndex: new Int32Array(components.length),
      powerW: Float64Array.from(components.map((c) => energyJ[c] / intervalS)),
      energyJ: Float64Array.from(components.map((c) => energyJ[c])),
      source: components.map((c) => h.sources?.[c] ?? 'imported'),
    });
  return {
    host: {
      runId: id,
      host: h.host,
      machine: h.machine ?? h.host,
      pid: 0,
      pidStart: null,
      startedAt: hostStart,
      sources: h.sources ?? { gpu: null, cpu: null, ram: null },
      devices: Array.isArray(h.devices) ? h.devices : [],
      notes: [
        {
          key: 'store.importedTotals',
          params: { file: basename(file), run: String(report.id).slice(0, 36) },
        } satisfies Message,
      ],
      system: SYSTEM,
    },
    finish: {
      endedAt: h.endedAt === null ? Math.round(end) : time(h.endedAt, `hosts[${i}].endedAt`),
      status: 'completed' as const,
      exitCode: null,
      energyJ,
    },
  };
}
