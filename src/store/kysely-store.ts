import { type Kysely, sql, type Transaction } from 'kysely';
import type { Component } from '../measure/types.js';
import { readCalibrationRuns, writeCalibrationRun } from './calibrations.js';
import type { Database, RunHostsTable, RunStatus, RunsTable } from './schema.js';
import type {
  CalibrationRunRecord,
  EnergyTotalsJ,
  HostFinish,
  MarkRecord,
  NewRun,
  NewRunHost,
  RunHostRecord,
  RunRecord,
  SampleBatch,
  SampleRecord,
  SampleTotal,
  Store,
  TickTotal,
} from './types.js';

export class RunConflictError extends Error {
  constructor(
    readonly runId: string,
    readonly host: string,
  ) {
    super(`run ${runId} already has a host named ${host}`);
    this.name = 'RunConflictError';
  }
}

const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

function totalsOf(row: {
  gpuEnergyJ: number | null;
  cpuEnergyJ: number | null;
  ramEnergyJ: number | null;
}): EnergyTotalsJ | null {
  if (row.gpuEnergyJ === null && row.cpuEnergyJ === null && row.ramEnergyJ === null) return null;
  return { gpu: num(row.gpuEnergyJ ?? 0), cpu: num(row.cpuEnergyJ ?? 0), ram: num(row.ramEnergyJ ?? 0) };
}

function toRun(row: RunsTable): RunRecord {
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

function toHost(row: RunHostsTable): RunHostRecord {
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
  };
}

/** Status of a run from its hosts: running while any runs; then the worst outcome. */
export function aggregateStatus(statuses: readonly RunStatus[]): RunStatus {
  if (statuses.includes('running')) return 'running';
  if (statuses.includes('failed')) return 'failed';
  if (statuses.includes('interrupted')) return 'interrupted';
  return 'completed';
}

/** The store over any Kysely dialect; backends may override `appendSamples` with a faster path. */
export class KyselyStore implements Store {
  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
    readonly location: string,
  ) {}

  async createRun(run: NewRun, host: NewRunHost): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('runs')
        .values({
          id: run.id,
          name: run.name,
          host: run.host,
          command: JSON.stringify(run.command),
          startedAt: run.startedAt,
          endedAt: null,
          status: 'running',
          exitCode: null,
          location: run.location,
          intensityGPerKwh: run.intensityGPerKwh,
          intensitySource: run.intensitySource,
          pue: run.pue,
          pueSource: run.pueSource,
          renewableShare: run.renewableShare,
          intervalS: run.intervalS,
          gpuEnergyJ: null,
          cpuEnergyJ: null,
          ramEnergyJ: null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const existing = await trx
        .selectFrom('runHosts')
        .select('host')
        .where('runId', '=', run.id)
        .where('host', '=', host.host)
        .executeTakeFirst();
      if (existing) throw new RunConflictError(run.id, host.host);
      await trx
        .insertInto('runHosts')
        .values({
          runId: host.runId,
          host: host.host,
          machine: host.machine,
          pid: host.pid,
          pidStart: host.pidStart,
          startedAt: host.startedAt,
          endedAt: null,
          status: 'running',
          exitCode: null,
          sources: JSON.stringify(host.sources),
          devices: JSON.stringify(host.devices),
          notes: JSON.stringify(host.notes),
          system: JSON.stringify(host.system),
          gpuEnergyJ: null,
          cpuEnergyJ: null,
          ramEnergyJ: null,
        })
        .execute();
      // A host joining a finished run makes it running again.
      await trx
        .updateTable('runs')
        .set({ status: 'running', endedAt: null })
        .where('id', '=', run.id)
        .execute();
    });
  }

  async appendSamples(batch: SampleBatch): Promise<void> {
    if (batch.count === 0) return;
    const rows = [];
    for (let i = 0; i < batch.count; i++) {
      rows.push({
        runId: batch.runId,
        host: batch.host,
        t: batch.t,
        intervalS: batch.intervalS,
        component: batch.component[i],
        deviceIndex: batch.deviceIndex[i],
        powerW: batch.powerW[i],
        energyJ: batch.energyJ[i],
        source: batch.source[i],
      });
    }
    await this.db.insertInto('samples').values(rows).execute();
  }

  async addMark(mark: MarkRecord): Promise<void> {
    await this.db.insertInto('marks').values(mark).execute();
  }

  async finishHost(runId: string, host: string, finish: HostFinish): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('runHosts')
        .set({
          endedAt: finish.endedAt,
          status: finish.status,
          exitCode: finish.exitCode,
          gpuEnergyJ: finish.energyJ.gpu,
          cpuEnergyJ: finish.energyJ.cpu,
          ramEnergyJ: finish.energyJ.ram,
        })
        .where('runId', '=', runId)
        .where('host', '=', host)
        .execute();
      await refreshRun(trx, runId, this.dialect);
    });
  }

  async listRuns(): Promise<RunRecord[]> {
    const rows = await this.db
      .selectFrom('runs')
      .selectAll()
      .orderBy('startedAt', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toRun);
  }

  async findRun(idOrPrefix: string): Promise<RunRecord | undefined> {
    const exact = await this.db
      .selectFrom('runs')
      .selectAll()
      .where('id', '=', idOrPrefix)
      .executeTakeFirst();
    if (exact) return toRun(exact);
    if (idOrPrefix.length < 4) return undefined;
    const rows = await this.db
      .selectFrom('runs')
      .selectAll()
      .where(sql<string>`substr(${sql.ref('id')}, 1, ${idOrPrefix.length})`, '=', idOrPrefix)
      .limit(2)
      .execute();
    return rows.length === 1 ? toRun(rows[0]) : undefined;
  }

  async runHosts(runId: string): Promise<RunHostRecord[]> {
    const rows = await this.db
      .selectFrom('runHosts')
      .selectAll()
      .where('runId', '=', runId)
      .orderBy('startedAt')
      .execute();
    return rows.map(toHost);
  }

  async sampleTotals(runId: string): Promise<SampleTotal[]> {
    const rows = await this.db
      .selectFrom('samples')
      .select((eb) => [
        'host',
        'component',
        eb.fn.sum<number>('energyJ').as('energyJ'),
        eb.fn.min<number>('t').as('firstT'),
        eb.fn.max<number>('t').as('lastT'),
        eb.fn.min<number>(sql<number>`${sql.ref('t')} - ${sql.ref('intervalS')} * 1000`).as('fromT'),
      ])
      .where('runId', '=', runId)
      .groupBy(['host', 'component'])
      .execute();
    return rows.map((r) => ({
      host: r.host,
      component: r.component as Component,
      energyJ: num(r.energyJ),
      firstT: num(r.firstT),
      lastT: num(r.lastT),
      fromT: num(r.fromT),
    }));
  }

  async samples(runId: string, after?: { host: string; t: number }): Promise<SampleRecord[]> {
    let query = this.db.selectFrom('samples').selectAll().where('runId', '=', runId);
    // Served by the (runId, host, t) index: a live stream reads only what is new.
    if (after) query = query.where('host', '=', after.host).where('t', '>', after.t);
    const rows = await query.orderBy('t').orderBy('host').execute();
    return rows.map((r) => ({
      ...r,
      t: num(r.t),
      intervalS: num(r.intervalS),
      deviceIndex: num(r.deviceIndex),
      powerW: num(r.powerW),
      energyJ: num(r.energyJ),
    }));
  }

  async marks(runId: string): Promise<MarkRecord[]> {
    const rows = await this.db
      .selectFrom('marks')
      .selectAll()
      .where('runId', '=', runId)
      .orderBy('t')
      .execute();
    return rows.map((r) => ({ ...r, t: num(r.t), tokens: numOrNull(r.tokens) }));
  }

  async tickTotals(runId: string): Promise<TickTotal[]> {
    const rows = await this.db
      .selectFrom('samples')
      .select((eb) => [
        'host',
        't',
        eb.fn.max<number>('intervalS').as('intervalS'),
        eb.fn.sum<number>('energyJ').as('energyJ'),
      ])
      .where('runId', '=', runId)
      .groupBy(['host', 't'])
      .orderBy('t')
      .execute();
    return rows.map((r) => ({
      host: r.host,
      t: num(r.t),
      intervalS: num(r.intervalS),
      energyJ: num(r.energyJ),
    }));
  }

  async peakPowerW(runId: string, minIntervalS = 0): Promise<number | null> {
    const peak = async (min: number) => {
      const ticks = this.db
        .selectFrom('samples')
        .select((eb) => ['host', 't', eb.fn.sum<number>('powerW').as('totalW')])
        .where('runId', '=', runId)
        .where('intervalS', '>=', min)
        .groupBy(['host', 't'])
        .as('ticks');
      const row = await this.db
        .selectFrom(ticks)
        .select((eb) => eb.fn.max<number>('ticks.totalW').as('peakW'))
        .executeTakeFirst();
      return numOrNull(row?.peakW);
    };
    // Very short intervals (the last, partial one) give noisy power from coarse counters.
    return (await peak(minIntervalS)) ?? (minIntervalS > 0 ? peak(0) : null);
  }

  async recoverInterrupted(
    machine: string,
    isAlive: (pid: number, pidStart: string | null) => boolean,
  ): Promise<string[]> {
    const running = await this.db
      .selectFrom('runHosts')
      .selectAll()
      .where('status', '=', 'running')
      .where('machine', '=', machine)
      .execute();
    const recovered: string[] = [];
    for (const row of running) {
      if (isAlive(num(row.pid), row.pidStart)) continue;
      const totals = await this.db
        .selectFrom('samples')
        .select((eb) => [
          'component',
          eb.fn.sum<number>('energyJ').as('energyJ'),
          eb.fn.max<number>('t').as('lastT'),
        ])
        .where('runId', '=', row.runId)
        .where('host', '=', row.host)
        .groupBy('component')
        .execute();
      const energy: EnergyTotalsJ = { gpu: 0, cpu: 0, ram: 0 };
      let endedAt = num(row.startedAt);
      for (const t of totals) {
        energy[t.component as Component] = num(t.energyJ);
        endedAt = Math.max(endedAt, num(t.lastT));
      }
      await this.db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('runHosts')
          .set({
            status: 'interrupted',
            endedAt,
            gpuEnergyJ: energy.gpu,
            cpuEnergyJ: energy.cpu,
            ramEnergyJ: energy.ram,
          })
          .where('runId', '=', row.runId)
          .where('host', '=', row.host)
          .where('status', '=', 'running')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) > 0) await refreshRun(trx, row.runId, this.dialect);
      });
      recovered.push(row.runId);
    }
    return recovered;
  }

  saveCalibrationRun(record: CalibrationRunRecord): Promise<void> {
    return writeCalibrationRun(this.db, record);
  }

  calibrationRuns(name?: string): Promise<CalibrationRunRecord[]> {
    return readCalibrationRuns(this.db, name);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** Recomputes a run's status, end, exit code and totals from its hosts. */
async function refreshRun(
  trx: Transaction<Database>,
  runId: string,
  dialect: Store['dialect'],
): Promise<void> {
  // PostgreSQL (read committed): lock the run's row first, so that of two hosts finishing at once
  // the second waits and then reads the first one's committed row. SQLite's write lock already does.
  if (dialect === 'postgres')
    await trx.selectFrom('runs').select('id').where('id', '=', runId).forUpdate().execute();
  const hosts = await trx.selectFrom('runHosts').selectAll().where('runId', '=', runId).execute();
  const status = aggregateStatus(hosts.map((h) => h.status));
  const finished = status !== 'running';
  const exitCodes = hosts.map((h) => numOrNull(h.exitCode));
  const sum = (key: 'gpuEnergyJ' | 'cpuEnergyJ' | 'ramEnergyJ') =>
    finished ? hosts.reduce((total, h) => total + num(h[key] ?? 0), 0) : null;
  await trx
    .updateTable('runs')
    .set({
      status,
      endedAt: finished ? Math.max(...hosts.map((h) => num(h.endedAt ?? h.startedAt))) : null,
      exitCode: finished
        ? (exitCodes.find((c) => c !== null && c !== 0) ?? exitCodes.find((c) => c !== null) ?? null)
        : null,
      gpuEnergyJ: sum('gpuEnergyJ'),
      cpuEnergyJ: sum('cpuEnergyJ'),
      ramEnergyJ: sum('ramEnergyJ'),
    })
    .where('id', '=', runId)
    .execute();
}
