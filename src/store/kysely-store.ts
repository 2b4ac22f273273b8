import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type {
  CalibrationRunRecord,
  Component,
  EnergyTotalsJ,
  HostFinish,
  ImportedRun,
  MarkRecord,
  MinuteTotal,
  NewRun,
  NewRunHost,
  PowerSeries,
  RunHostRecord,
  RunListOptions,
  RunRecord,
  RunStatus,
  SampleBatch,
  SampleReadOptions,
  SampleRecord,
  SampleTotal,
  Store,
  TickTotal,
} from '../records.js';
import { readCalibrationRuns, writeCalibrationRun } from './calibrations.js';
import { aggregateStatus, num, numOrNull, toHost, toRun } from './rows.js';
import {
  BulkWriter,
  channelId,
  readSamples,
  runIntervalS,
  sealChannel,
  sealHost,
  upsertMinute,
} from './samples.js';
import { storedPowerSeries } from './series.js';
import { RunConflictError } from './store-errors.js';
import type { Database, MinuteTotalsTable } from './tables.js';
import { CHUNK_SAMPLES, type ChannelKey, channelKey, foldMinute, summarise } from './tick-rows.js';

/** The store over any Kysely dialect; backends may override `appendSamples` with a faster path. */
export class KyselyStore implements Store {
  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
    readonly location: string,
  ) {}

  async createRun(run: NewRun, host: NewRunHost): Promise<void> {
    await this.db.transaction().execute((trx) => insertRunAndHost(trx, run, host));
  }

  /** Channel ids of this writer, by channel key (a channel's row never changes id). */
  protected readonly channelIds = new Map<string, number>();
  /** Rows in each channel's open chunk, as this writer knows them. */
  protected readonly openCounts = new Map<number, number>();
  private readonly runIntervals = new Map<string, number>();
  /** Ticks of one store are written one after the other (sealing counts on it). */
  private writing: Promise<void> = Promise.resolve();

  protected async runInterval(runId: string): Promise<number> {
    let interval = this.runIntervals.get(runId);
    if (interval === undefined) {
      interval = await runIntervalS(this.db, runId);
      this.runIntervals.set(runId, interval);
    }
    return interval;
  }

  protected async resolveChannel(key: ChannelKey): Promise<number> {
    const k = channelKey(key);
    let id = this.channelIds.get(k);
    if (id === undefined) {
      id = await channelId(this.db, key);
      this.channelIds.set(k, id);
    }
    return id;
  }

  /**
   * One tick: its samples go to their channels' open chunks, the channels' totals and the host's
   * minute row, in one transaction; a full open chunk is sealed in the same transaction.
   */
  appendSamples(batch: SampleBatch): Promise<void> {
    if (batch.count === 0) return Promise.resolve();
    // Read now: the caller may refill the batch as soon as this returns.
    const tick = cloneBatch(batch);
    const write = this.writing.then(() => this.writeTick(tick));
    this.writing = write.catch(() => {});
    return write;
  }

  private async writeTick(batch: SampleBatch): Promise<void> {
    const ids = await this.tickChannels(batch);
    const minute = foldMinute(
      undefined,
      batch.runId,
      batch.host,
      summarise(batch),
      await this.runInterval(batch.runId),
    );
    await this.loadOpenCounts(ids);
    const tick: TickWrite = {
      batch,
      ids,
      minute,
      fromT: batch.t - batch.intervalS * 1000,
      toSeal: ids.filter((id) => (this.openCounts.get(id) ?? 0) + 1 >= CHUNK_SAMPLES),
    };
    if (this.dialect === 'postgres') await writePostgresTick(this.db, tick);
    else await writeTickStatements(this.db, tick);
    for (const id of ids) {
      const n = (this.openCounts.get(id) ?? 0) + 1;
      this.openCounts.set(id, n >= CHUNK_SAMPLES ? 0 : n);
    }
  }

  /** The channel id of each sample of the tick, in order. */
  private async tickChannels(batch: SampleBatch): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < batch.count; i++) {
      ids.push(
        await this.resolveChannel({
          runId: batch.runId,
          host: batch.host,
          component: batch.component[i],
          deviceIndex: batch.deviceIndex[i],
          source: batch.source[i],
        }),
      );
    }
    return ids;
  }

  /** Counts the rows of the open chunk of each channel this writer has not seen yet. */
  private async loadOpenCounts(ids: number[]): Promise<void> {
    for (const id of new Set(ids)) {
      if (!this.openCounts.has(id)) {
        const row = await this.db
          .selectFrom('sampleHead')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('channelId', '=', id)
          .executeTakeFirst();
        this.openCounts.set(id, Number(row?.n ?? 0));
      }
    }
  }

  async importRun(
    imported: ImportedRun,
    samples: AsyncIterable<SampleBatch> | Iterable<SampleBatch>,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const { host } of imported.hosts) await insertRunAndHost(trx, imported.run, host);
      const writer = new BulkWriter(trx);
      for await (const batch of samples) await writer.add(batch);
      await writer.finish();
      for (const mark of imported.marks) await trx.insertInto('marks').values(mark).execute();
      for (const { host, finish } of imported.hosts)
        await finishHostIn(trx, imported.run.id, host.host, finish, this.dialect);
    });
  }

  async addMark(mark: MarkRecord): Promise<void> {
    await this.db.insertInto('marks').values(mark).execute();
  }

  async finishHost(runId: string, host: string, finish: HostFinish): Promise<void> {
    await this.writing;
    await this.db.transaction().execute(async (trx) => {
      await finishHostIn(trx, runId, host, finish, this.dialect);
      // Nothing more comes from this host: its open chunks are sealed.
      await sealHost(trx, runId, host);
    });
    this.openCounts.clear();
  }

  async listRuns(options: RunListOptions = {}): Promise<RunRecord[]> {
    const { limit, status } = options;
    const rows = await this.db
      .selectFrom('runs')
      .selectAll()
      .$if(status !== undefined, (query) => query.where('status', '=', status as RunStatus))
      .orderBy('startedAt', 'desc')
      .orderBy('id', 'desc')
      .$if(limit !== undefined, (query) => query.limit(limit as number))
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
      .selectFrom('channels')
      .select((eb) => [
        'host',
        'component',
        eb.fn.sum<number>('energyJ').as('energyJ'),
        eb.fn.min<number>('firstT').as('firstT'),
        eb.fn.max<number>('lastT').as('lastT'),
        eb.fn.min<number>('fromT').as('fromT'),
      ])
      .where('runId', '=', runId)
      .where('samples', '>', 0)
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

  async minuteTotals(runId: string): Promise<MinuteTotal[]> {
    const rows = await this.db
      .selectFrom('minuteTotals')
      .selectAll()
      .where('runId', '=', runId)
      .orderBy('minute')
      .orderBy('host')
      .execute();
    return rows.map((r) => ({
      host: r.host,
      minute: num(r.minute),
      energyJ: num(r.energyJ),
      ticks: num(r.ticks),
      fromT: num(r.fromT),
      lastT: num(r.lastT),
      peakW: numOrNull(r.peakW),
      peakEnergyW: numOrNull(r.peakEnergyW),
      peakAnyW: num(r.peakAnyW),
    }));
  }

  powerSeries(runId: string, buckets: number): Promise<PowerSeries> {
    return storedPowerSeries(this.db, runId, buckets);
  }

  readSamples(runId: string, options?: SampleReadOptions): AsyncIterable<SampleRecord[]> {
    return readSamples(this.db, runId, options);
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

  async tickTotals(runId: string, range?: { from: number; to: number }): Promise<TickTotal[]> {
    const ticks: TickTotal[] = [];
    const open = new Map<string, TickTotal>();
    const options = range ? { after: range.from - 1, until: range.to, batch: 16_384 } : { batch: 16_384 };
    for await (const batch of this.readSamples(runId, options)) {
      for (const s of batch) {
        // Samples come in time order: a host's tick is complete once a later time shows up.
        let tick = open.get(s.host);
        if (tick && tick.t !== s.t) {
          ticks.push(tick);
          tick = undefined;
        }
        if (!tick) {
          tick = { host: s.host, t: s.t, intervalS: s.intervalS, energyJ: 0 };
          open.set(s.host, tick);
        }
        tick.intervalS = Math.max(tick.intervalS, s.intervalS);
        tick.energyJ += s.energyJ;
      }
    }
    ticks.push(...open.values());
    return ticks.sort((a, b) => a.t - b.t || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
  }

  async peakPowerW(runId: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('minuteTotals')
      .select((eb) => [eb.fn.max<number>('peakW').as('peakW'), eb.fn.max<number>('peakAnyW').as('peakAnyW')])
      .where('runId', '=', runId)
      .executeTakeFirst();
    // Very short intervals (the last, partial one) give noisy power from coarse counters.
    return numOrNull(row?.peakW) ?? numOrNull(row?.peakAnyW);
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
        .selectFrom('channels')
        .select((eb) => [
          'component',
          eb.fn.sum<number>('energyJ').as('energyJ'),
          eb.fn.max<number>('lastT').as('lastT'),
        ])
        .where('runId', '=', row.runId)
        .where('host', '=', row.host)
        .where('samples', '>', 0)
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
        if (Number(updated.numUpdatedRows) > 0) {
          await refreshRun(trx, row.runId, this.dialect);
          await sealHost(trx, row.runId, row.host);
        }
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

/** One tick to write: its samples' channel ids, the minute row it folds into, the channels to seal. */
interface TickWrite {
  batch: SampleBatch;
  ids: number[];
  minute: MinuteTotalsTable;
  /** When the tick's interval began, ms. */
  fromT: number;
  toSeal: number[];
}

/**
 * PostgreSQL: one statement, hence one round trip and atomic: the open rows, the channels' totals
 * and the minute's row. A full chunk is sealed right after, in a transaction of its own.
 */
async function writePostgresTick(
  db: Kysely<Database>,
  { batch, ids, minute, fromT, toSeal }: TickWrite,
): Promise<void> {
  const perChannel = new Map<number, { n: number; e: number }>();
  ids.forEach((id, i) => {
    const sum = perChannel.get(id) ?? { n: 0, e: 0 };
    sum.n++;
    sum.e += batch.energyJ[i];
    perChannel.set(id, sum);
  });
  const D = sql.raw('double precision');
  const head = sql.join(
    ids.map(
      (id, i) =>
        sql`(${id}::integer, ${batch.t}::bigint, ${batch.intervalS}::${D}, ${batch.powerW[i]}::${D}, ${batch.energyJ[i]}::${D})`,
    ),
  );
  const channels = sql.join(
    [...perChannel].map(([id, { n, e }]) => sql`(${id}::integer, ${n}::integer, ${e}::${D})`),
  );
  const m = minute;
  const keep = (c: string) => sql.raw(`greatest("minuteTotals"."${c}", excluded."${c}")`);
  await sql`with
    head as (
      insert into "sampleHead" ("channelId", "t", "intervalS", "powerW", "energyJ") values ${head}),
    chan as (
      update "channels" as c set
        "samples" = c."samples" + v.n,
        "energyJ" = c."energyJ" + v.e,
        "firstT" = least(c."firstT", ${batch.t}::bigint),
        "lastT" = greatest(c."lastT", ${batch.t}::bigint),
        "fromT" = least(c."fromT", ${fromT}::${D})
      from (values ${channels}) as v(id, n, e)
      where c."id" = v.id),
    minute as (
      insert into "minuteTotals" ("runId", "host", "minute", "energyJ", "ticks", "fromT", "lastT", "peakW", "peakEnergyW", "peakAnyW")
      values (${m.runId}, ${m.host}, ${m.minute}::bigint, ${m.energyJ}::${D}, ${m.ticks}::integer, ${m.fromT}::${D},
        ${m.lastT}::bigint, ${m.peakW}::${D}, ${m.peakEnergyW}::${D}, ${m.peakAnyW}::${D})
      on conflict ("runId", "host", "minute") do update set
        "energyJ" = "minuteTotals"."energyJ" + excluded."energyJ",
        "ticks" = "minuteTotals"."ticks" + excluded."ticks",
        "fromT" = least("minuteTotals"."fromT", excluded."fromT"),
        "lastT" = greatest("minuteTotals"."lastT", excluded."lastT"),
        "peakW" = ${keep('peakW')},
        "peakEnergyW" = ${keep('peakEnergyW')},
        "peakAnyW" = ${keep('peakAnyW')})${machineUpdate(batch, true)}
    select 1`.execute(db);
  if (toSeal.length > 0)
    await db.transaction().execute(async (trx) => {
      for (const id of toSeal) await sealChannel(trx, id);
    });
}

/** Any other dialect: one statement per table in one transaction, full chunks sealed in it. */
async function writeTickStatements(
  db: Kysely<Database>,
  { batch, ids, minute, fromT, toSeal }: TickWrite,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sampleHead')
      .values(
        ids.map((channelId, i) => ({
          channelId,
          t: batch.t,
          intervalS: batch.intervalS,
          powerW: batch.powerW[i],
          energyJ: batch.energyJ[i],
        })),
      )
      .execute();
    for (let i = 0; i < ids.length; i++) {
      await sql`update "channels" set
          "samples" = "samples" + 1,
          "energyJ" = "energyJ" + ${batch.energyJ[i]},
          "firstT" = coalesce(min("firstT", ${batch.t}), ${batch.t}),
          "lastT" = coalesce(max("lastT", ${batch.t}), ${batch.t}),
          "fromT" = coalesce(min("fromT", ${fromT}), ${fromT})
        where "id" = ${ids[i]}`.execute(trx);
    }
    await upsertMinute(trx, minute);
    const machine = machineUpdate(batch, false);
    if (batch.machineEnergyJ) await machine.execute(trx);
    for (const id of toSeal) await sealChannel(trx, id);
  });
}

/**
 * Adds a tick's machine energy (under `--boundary process`) to its host's row: as one more
 * common table expression of PostgreSQL's tick statement, or as a statement of its own.
 */
function machineUpdate(batch: SampleBatch, asCte: boolean): RawBuilder<unknown> {
  const machine = batch.machineEnergyJ;
  if (!machine) return sql``;
  const update = sql`update "runHosts" set
      "machineGpuEnergyJ" = coalesce("machineGpuEnergyJ", 0) + ${machine.gpu},
      "machineCpuEnergyJ" = coalesce("machineCpuEnergyJ", 0) + ${machine.cpu},
      "machineRamEnergyJ" = coalesce("machineRamEnergyJ", 0) + ${machine.ram}
    where "runId" = ${batch.runId} and "host" = ${batch.host}`;
  return asCte
    ? sql`,
        machine as (${update})`
    : update;
}

/** The run's row (if this host is the first) and this host's row. */
async function insertRunAndHost(trx: Transaction<Database>, run: NewRun, host: NewRunHost): Promise<void> {
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
      boundary: host.boundary ?? 'machine',
      machineGpuEnergyJ: null,
      machineCpuEnergyJ: null,
      machineRamEnergyJ: null,
    })
    .execute();
  // A host joining a finished run makes it running again.
  await trx.updateTable('runs').set({ status: 'running', endedAt: null }).where('id', '=', run.id).execute();
}

async function finishHostIn(
  trx: Transaction<Database>,
  runId: string,
  host: string,
  finish: HostFinish,
  dialect: Store['dialect'],
): Promise<void> {
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
  await refreshRun(trx, runId, dialect);
}

export function cloneBatch(batch: SampleBatch): SampleBatch {
  return {
    ...batch,
    machineEnergyJ: batch.machineEnergyJ && { ...batch.machineEnergyJ },
    component: batch.component.slice(0, batch.count),
    deviceIndex: batch.deviceIndex.slice(0, batch.count),
    powerW: batch.powerW.slice(0, batch.count),
    energyJ: batch.energyJ.slice(0, batch.count),
    source: batch.source.slice(0, batch.count),
  };
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
