// One line per run, as `runs list` and `GET /runs` give it; and the list read without the store
// (no query builder, no migrations) from a SQLite file whose runs are all settled.
import { hostname } from 'node:os';
import { userError } from '../errors.js';
import { msg } from '../messages/index.js';
import type { EnergyTotalsJ, RunListOptions, RunRecord } from '../records.js';
import { runFootprint } from '../report/run-footprint.js';
import { isUrl } from '../store/location.js';

export interface RunListItem {
  id: string;
  name: string | null;
  status: RunRecord['status'];
  exitCode: number | null;
  host: string;
  command: string[];
  startedAt: string;
  endedAt: string | null;
  durationS: number;
  energyKwh: { total: number; gpu: number; cpu: number; ram: number };
  co2eKg: number;
}

/** A run's line from its energy (J), the end of its last sample or its stored end, and its status. */
export function listItem(
  run: RunRecord,
  energy: EnergyTotalsJ,
  end: number | null,
  status: RunRecord['status'],
): RunListItem {
  const footprint = runFootprint(energy, run);
  const { total, gpu, cpu, ram } = footprint.energyKwh;
  return {
    id: run.id,
    name: run.name,
    status,
    exitCode: run.exitCode,
    host: run.host,
    command: run.command,
    startedAt: new Date(run.startedAt).toISOString(),
    endedAt: run.endedAt === null ? null : new Date(run.endedAt).toISOString(),
    durationS: Math.max(0, ((end ?? run.startedAt) - run.startedAt) / 1000),
    energyKwh: { gpu, cpu, ram, total },
    co2eKg: footprint.co2eKg,
  };
}

/**
 * The list straight from a SQLite file when every run in it is settled (see `readSettledRuns`);
 * undefined when the store must open it: PostgreSQL, a file to migrate or to create, a run still
 * going or one whose tracker died on this machine.
 */
export async function settledRunList(
  location: string,
  options: RunListOptions = {},
): Promise<RunListItem[] | undefined> {
  if (isUrl(location)) return undefined;
  const { readSettledRuns } = await import('../store/sqlite-list.js');
  return readSettledRuns(location, hostname(), options.limit)?.map((run) =>
    listItem(run, run.energyJ as EnergyTotalsJ, run.endedAt, run.status),
  );
}

/**
 * A listing's limit as typed (the CLI's `--limit`, the API's `?limit=`): a whole number >= 1. One
 * past anything a store could hold lists the same runs as the largest safe integer, which it becomes.
 */
export function parseRunLimit(text: string, field: string | (string | number)[]): number {
  const value = Number(text);
  if (/^\d+$/.test(text) && value >= 1) return Math.min(value, Number.MAX_SAFE_INTEGER);
  throw userError('invalid_value', field, 'cli.error.notAccepted', {
    value: text.slice(0, 40),
    accepted: msg('engine.integerAtLeast1'),
  });
}
