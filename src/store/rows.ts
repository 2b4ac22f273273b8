// Stored rows to records, with no query builder: the store and the read-only run list share it.
import type { EnergyTotalsJ, RunHostRecord, RunRecord, RunStatus } from '../records.js';
import type { RunHostsTable, RunsTable } from './tables.js';

export const num = (value: unknown): number => Number(value);
export const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

export function totalsOf(row: {
  gpuEnergyJ: number | null;
  cpuEnergyJ: number | null;
  ramEnergyJ: number | null;
}): EnergyTotalsJ | null {
  if (row.gpuEnergyJ === null && row.cpuEnergyJ === null && row.ramEnergyJ === null) return null;
  return { gpu: num(row.gpuEnergyJ ?? 0), cpu: num(row.cpuEnergyJ ?? 0), ram: num(row.ramEnergyJ ?? 0) };
}

export function toRun(row: RunsTable): RunRecord {
  return {
    id: row.id,
    name: row.name,
    host: row.host,
    command: JSON.parse(row.command) as string[],
    startedAt: num(row.startedAt),
    endedAt: numOrNull(row.endedAt),
    status: row.status,
    exitCode: numOrNull(row.exitCode),
    location: row.location,
    intensityGPerKwh: numOrNull(row.intensityGPerKwh),
    intensitySource: row.intensitySource,
    pue: numOrNull(row.pue),
    pueSource: row.pueSource,
    renewableShare: numOrNull(row.renewableShare),
    intervalS: num(row.intervalS),
    energyJ: totalsOf(row),
  };
}

export function toHost(row: RunHostsTable): RunHostRecord {
  return {
    runId: row.runId,
    host: row.host,
    machine: row.machine,
    pid: num(row.pid),
    pidStart: row.pidStart,
    startedAt: num(row.startedAt),
    endedAt: numOrNull(row.endedAt),
    status: row.status,
    exitCode: numOrNull(row.exitCode),
    sources: JSON.parse(row.sources),
    devices: JSON.parse(row.devices),
    notes: JSON.parse(row.notes),
    system: JSON.parse(row.system),
    energyJ: totalsOf(row),
    boundary: row.boundary === 'process' ? 'process' : 'machine',
    machineEnergyJ: totalsOf({
      gpuEnergyJ: row.machineGpuEnergyJ,
      cpuEnergyJ: row.machineCpuEnergyJ,
      ramEnergyJ: row.machineRamEnergyJ,
    }),
  };
}

/** Status of a run from its hosts: running while any runs; then the worst outcome. */
export function aggregateStatus(statuses: readonly RunStatus[]): RunStatus {
  if (statuses.includes('running')) return 'running';
  if (statuses.includes('failed')) return 'failed';
  if (statuses.includes('interrupted')) return 'interrupted';
  return 'completed';
}
