// Measured runs read back, for the CLI (`empreinte runs`), the HTTP API (`/runs`) and the library.
// Loads neither the run report nor the exporters: listing runs needs neither.
import { hostname } from 'node:os';
import { userError } from '../errors.js';
import { hostStatuses, reportedRunStatus } from '../measure/host-liveness.js';
import { isProcessAlive } from '../measure/process-identity.js';
import { msg } from '../messages/index.js';
import type { RunListOptions, RunRecord, SampleTotal, Store } from '../records.js';
import { openStore } from '../store/index.js';
import { listItem, type RunListItem } from './run-list.js';

export type { RunListItem };

/**
 * A stored run by id or unique prefix; else a usage error that names recent runs to copy (or says
 * none is stored yet), on the input `field` where the id came from one (`--run`), else on `id`.
 */
export async function findStoredRun(store: Store, id: string, field?: string): Promise<RunRecord> {
  const run = await store.findRun(id);
  if (run) return run;
  const recent = (await store.listRuns({ limit: 5 })).map((r) => r.id.slice(0, 8));
  const found = recent.length > 0;
  const key = found ? 'store.runNotStored' : 'store.noRunStored';
  const params = {
    value: id,
    store: store.location,
    accepted: found ? msg('store.acceptedRunId', { recent: recent.join(', ') }) : msg('store.acceptedNoRun'),
  };
  // A positional id has no flag to name; an input's (`--run`) is named before the sentence.
  if (field === undefined) throw userError('unknown_id', 'id', key, params);
  throw userError('unknown_id', field, 'store.fieldRunNotStored', { ...params, problem: msg(key, params) });
}

/**
 * Opens the run store at a resolved location and marks interrupted the runs whose tracker died on
 * this machine, so that they read as interrupted and their live streams end instead of waiting.
 */
export async function openRunStore(location: string): Promise<Store> {
  const store = await openStore(location);
  await store.recoverInterrupted(hostname(), isProcessAlive);
  return store;
}

async function heardStatus(
  store: Store,
  run: RunRecord,
  totals: SampleTotal[],
): Promise<RunRecord['status']> {
  const hosts = await store.runHosts(run.id);
  const beats = hosts.map((h) => {
    const times = totals.filter((r) => r.host === h.host).map((r) => r.lastT);
    return { ...h, lastSampleAt: times.length > 0 ? Math.max(...times) : null };
  });
  return reportedRunStatus(run.status, hostStatuses(beats, run.intervalS, Date.now()));
}

/** One line per run, newest first (`limit`: only that many); running runs add their samples up so far. */
export async function listRuns(store: Store, options: RunListOptions = {}): Promise<RunListItem[]> {
  const runs = await store.listRuns(options);
  const items: RunListItem[] = [];
  for (const run of runs) {
    let energy = run.energyJ;
    let end = run.endedAt;
    let status = run.status;
    if (!energy || end === null) {
      energy = { gpu: 0, cpu: 0, ram: 0 };
      const totals = await store.sampleTotals(run.id);
      for (const row of totals) {
        energy[row.component] += row.energyJ;
        end = Math.max(end ?? run.startedAt, row.lastT);
      }
      // As `runs show` and the API say it: a run none of whose hosts is still heard from is interrupted.
      if (status === 'running') status = await heardStatus(store, run, totals);
    }
    items.push(listItem(run, energy, end, status));
  }
  return items;
}
