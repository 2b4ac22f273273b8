import { randomUUID } from 'node:crypto';
import { arch, cpus, hostname, release, type } from 'node:os';
import { J_PER_KWH } from '../engine/units.js';
import { isEmpreinteError, userError } from '../errors.js';
import { type Message, msg, render } from '../messages/index.js';
import type { NewRun, NewRunHost, RunStatus, Sources, Store, SystemInfo } from '../records.js';
import { type Boundary, COMPONENTS } from '../records.js';
import { formatNumber } from '../report/format.js';
import type { RunReport } from '../report/run.js';
import {
  openRunStore,
  RunConflictError,
  resolveDbLocation,
  retryWhileLocked,
  sqliteIssue,
} from '../store/index.js';
import { packageVersion } from '../version.js';
import { type GridContext, resolveGridContext } from './grid-context.js';
import { isProcessAlive, processStartTime } from './process-identity.js';
import { closeProbe, openSamplers, probeSensors, type SensorProbe } from './sensors.js';
import { Tracker, type TrackerResult } from './tracker.js';

/**
 * One measured run from start to stored report, shared by `empreinte run` and the library's
 * `startTracking`: resolves location and PUE, opens the store (recovering runs whose tracker
 * died), probes the sensors, registers the run and starts the tracker; `finish` stops it and
 * records the outcome.
 */
export interface SessionOptions {
  /** The command measured (informational for the library). */
  command: string[];
  name?: string;
  runId?: string;
  /** Node name for multi-host runs; default: this machine's hostname. */
  host?: string;
  intervalS?: number;
  /** A store already open, or where to open one (`--db`, else EMPREINTE_DB, else ~/.empreinte). */
  db?: string | Store;
  location?: string;
  pue?: number;
  renewableShare?: number;
  gpus?: readonly number[];
  marksFile?: string;
  env?: NodeJS.ProcessEnv;
  /** A warning, in English, and as message data for a reader in another language. */
  onWarning?: (message: string, said?: Message) => void;
  /** `process`: the run is charged the command's share (the caller attaches it to the tracker). */
  boundary?: Boundary;
}

export interface Session {
  runId: string;
  host: string;
  store: Store;
  tracker: Tracker;
  probe: SensorProbe;
  /** g CO2e per kWh measured at the machines (PUE × grid intensity). */
  gCo2ePerKwh: number;
  /** Adds a line to the run's notes (and warns, as the session's own warnings do). */
  note(message: string | Message): void;
  finish(
    status: Exclude<RunStatus, 'running'>,
    exitCode: number | null,
    lang?: 'en' | 'fr',
  ): Promise<{ result: TrackerResult; report: RunReport }>;
}

export const DEFAULT_INTERVAL_S = 1;

function conflict(runId: string, host: string) {
  return userError('conflict', 'runId', 'store.hostTaken', {
    value: runId,
    host,
    accepted: msg('measure.hostTakenAccepted'),
  });
}

export async function startSession(options: SessionOptions): Promise<Session> {
  const env = options.env ?? process.env;
  const intervalS = options.intervalS ?? DEFAULT_INTERVAL_S;
  // What goes wrong during the run (store refusals, a sensor gone) also ends up in the summary's
  // notes: with --json the warnings are not printed as they come.
  const during: Note[] = [];
  const warn = (note: Note) => {
    during.push(note);
    if (typeof note === 'string') options.onWarning?.(note);
    else options.onWarning?.(render(note, 'en', 'flag'), note);
  };
  // Usage errors first, before anything is opened.
  const grid = resolveGridContext(options.location, options.pue);
  const ownStore = typeof options.db !== 'object';
  const { db } = options;
  // Other trackers may be starting on the same file: its locks are waited for, not failed on.
  const store =
    typeof db === 'object' ? db : await retryWhileLocked(() => openRunStore(resolveDbLocation(db, env)));
  const machine = hostname();
  const host = options.host ?? machine;
  let probe: SensorProbe | undefined;
  try {
    for (const id of await retryWhileLocked(() => store.recoverInterrupted(machine, isProcessAlive)))
      warn(msg('measure.runRecovered', { id }));
    probe = await probeSensors({ env });
    const samplers = await openSamplers(probe, { intervalS, gpus: options.gpus, env });
    for (const w of probe.warningMessages) warn(w);
    if (!options.location) warn(msg('measure.noLocation', { locationField: 'location' }));
    const runId = options.runId ?? randomUUID();
    // A host joins a run once: refused before anything is measured or written under its name.
    if ((await store.runHosts(runId)).some((h) => h.host === host)) {
      for (const sampler of samplers) sampler.close();
      throw conflict(runId, host);
    }
    const tracker = new Tracker({
      samplers,
      intervalS,
      runId,
      host,
      store,
      marksFile: options.marksFile,
      onWarning: warn,
      boundary: options.boundary,
    });
    // The first reading is the start of the run: its time is the run's start, to the millisecond.
    tracker.start();
    const run: RunContext = { store, ownStore, tracker, probe, runId, host, during, warn };
    await registerRun(run, options, grid, machine, intervalS);
    return {
      runId,
      host,
      store,
      tracker,
      probe,
      gCo2ePerKwh: grid.pue * grid.location.intensityGPerKwh,
      note: warn,
      finish: (status, exitCode, lang = 'en') => finishRun(run, status, exitCode, lang),
    };
  } catch (error) {
    if (probe) closeProbe(probe);
    if (ownStore) await store.close().catch(() => {});
    // A locked, full or read-only database is the user's to fix: a usage error naming --db.
    throw isEmpreinteError(error) ? error : (sqliteIssue(error, store.location) ?? error);
  }
}

/** What a started run's end needs. */
interface RunContext {
  store: Store;
  ownStore: boolean;
  tracker: Tracker;
  probe: SensorProbe;
  runId: string;
  host: string;
  during: Note[];
  warn: (note: Note) => void;
}

/** What happened during a run: text as written, or a message said in the reader's language. */
type Note = string | Message;

/** The run's and this host's rows, from the first reading on; the tracker stops if they cannot be written. */
async function registerRun(
  run: RunContext,
  options: SessionOptions,
  grid: GridContext,
  machine: string,
  intervalS: number,
): Promise<void> {
  const { store, tracker, probe, runId, host } = run;
  const startedAt = Math.round(tracker.startedAt);
  const sources = {} as Sources;
  for (const c of COMPONENTS) sources[c] = probe.plan[c].source;
  const newRun: NewRun = {
    id: runId,
    name: options.name ?? null,
    host,
    command: options.command,
    startedAt,
    location: grid.location.id,
    intensityGPerKwh: grid.location.intensityGPerKwh,
    intensitySource: grid.locationSource,
    pue: grid.pue,
    pueSource: grid.pueSource,
    renewableShare: options.renewableShare ?? null,
    intervalS,
  };
  const newHost: NewRunHost = {
    runId,
    host,
    machine,
    pid: process.pid,
    pidStart: processStartTime(process.pid),
    startedAt,
    sources,
    devices: tracker.channels.map((c) => ({ ...c })),
    notes: probe.warningMessages,
    system: systemInfo(probe),
    boundary: options.boundary ?? 'machine',
  };
  try {
    await retryWhileLocked(() => store.createRun(newRun, newHost));
  } catch (error) {
    tracker.abort();
    throw error instanceof RunConflictError ? conflict(runId, host) : error;
  }
}

function systemInfo(probe: SensorProbe): SystemInfo {
  return {
    os: `${type()} ${release()}`,
    arch: arch(),
    cpuModel: probe.cpu?.modelName ?? cpus()[0]?.model ?? null,
    logicalCpus: cpus().length || null,
    cpuPackages: probe.cpu?.packages ?? null,
    memTotalGiB: probe.memTotalGiB ?? null,
    nodeVersion: process.version,
    empreinteVersion: packageVersion(),
  };
}

/** Stops the tracker, records the outcome and builds the report (loaded now, not before sampling). */
async function finishRun(
  run: RunContext,
  status: Exclude<RunStatus, 'running'>,
  exitCode: number | null,
  lang: 'en' | 'fr',
): Promise<{ result: TrackerResult; report: RunReport }> {
  const { store, runId, host, warn } = run;
  const result = await run.tracker.stop();
  closeProbe(run.probe);
  // A store that fails now (disk full, locked) must not cost the command's exit code or
  // the summary: the samples already written stay, and the run reads as interrupted.
  let recorded = true;
  // Other trackers may be ending on the same file: its locks are waited for, a while.
  const finish = { endedAt: Math.round(result.endedAt), status, exitCode, energyJ: result.energyJ };
  try {
    await retryWhileLocked(() => store.finishHost(runId, host, finish));
  } catch (error) {
    recorded = false;
    // After a refused COMMIT, the driver's own rollback error hides the cause.
    const message = (error as Error).message;
    const reason = /cannot rollback/i.test(message) ? msg('measure.writeRefused') : message;
    warn(msg('measure.endNotRecorded', { runId, location: store.location, reason }));
  }
  if (result.lostSamples > 0)
    warn(msg('measure.samplesLost', { count: result.lostSamples, location: store.location }));
  const { buildRunReport } = await import('./run-report.js');
  const report = await retryWhileLocked(async () =>
    buildRunReport(store, (await store.findRun(runId))!, lang),
  );
  for (const note of run.during) {
    const text = typeof note === 'string' ? note : render(note, lang, 'flag');
    if (!report.notes.includes(text)) report.notes.push(text);
  }
  // The summary says what happened to the command, whatever the store could keep.
  // Its duration too: the stored run ends at its last stored sample, long before the command.
  if (!recorded) Object.assign(report, { status, exitCode, durationS: result.durationS });
  if (!recorded || result.lostSamples > 0) {
    const kwh = (result.energyJ.gpu + result.energyJ.cpu + result.energyJ.ram) / J_PER_KWH;
    const counted = { durationS: formatNumber(result.durationS, lang), kwh: formatNumber(kwh, lang) };
    report.notes.push(render(msg('measure.trackerCounted', counted), lang, 'flag'));
  }
  if (run.ownStore) await store.close().catch(() => {});
  return { result, report };
}
