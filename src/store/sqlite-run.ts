// The store a measured run writes to when its SQLite file is up to date, through the driver alone:
// `empreinte run` pays neither the query builder nor the migrations before it samples. The same
// tables, rows and transactions as the query-builder store (kysely-store.ts); what a run does not
// need (sample reads, charts, imports, calibrations) goes to that store, opened on first use.
import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type {
  CalibrationRunRecord,
  Component,
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
  SampleBatch,
  SampleReadOptions,
  SampleRecord,
  SampleTotal,
  Store,
  TickTotal,
} from '../records.js';
import { MIGRATION_NAMES, MIGRATION_TABLE } from './migration-names.js';
import { aggregateStatus, numOrNull, toHost, toRun } from './rows.js';
import { BUSY_TIMEOUT_MS } from './sqlite-list.js';
import { SqliteTickWriter } from './sqlite-tick.js';
import { RunConflictError } from './store-errors.js';
import type { RunHostsTable, RunsTable } from './tables.js';

const DONE = Promise.resolve();

/**
 * The run store of an existing, writable SQLite file with every migration of this version
 * applied; undefined otherwise (a new, older, newer, read-only or unreadable file): the
 * query-builder store then creates, migrates, refuses or explains it.
 */
export function openSqliteRunStore(path: string): SqliteRunStore | undefined {
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    sqlite = new BetterSqlite3(path, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    const applied = sqlite.prepare(`SELECT name FROM ${MIGRATION_TABLE}`).pluck().all() as string[];
    if (applied.length !== MIGRATION_NAMES.length || MIGRATION_NAMES.some((n) => !applied.includes(n))) {
      sqlite.close();
      return undefined;
    }
    // As openSqliteStore: WAL (already set by the migrating store: nothing is written) and NORMAL.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    return new SqliteRunStore(sqlite, path);
  } catch {
    sqlite?.close();
    return undefined;
  }
}

export class SqliteRunStore implements Store {
  readonly dialect = 'sqlite';
  private readonly openCounts = new Map<number, number>();
  private tickWriter: SqliteTickWriter | undefined;
  private full: Promise<Store> | undefined;

  constructor(
    readonly sqlite: BetterSqlite3.Database,
    readonly location: string,
  ) {}

  private get writer(): SqliteTickWriter {
    this.tickWriter ??= new SqliteTickWriter(this.sqlite, this.openCounts);
    return this.tickWriter;
  }

  /** The query-builder store on the same file, for what a run does not need. */
  private store(): Promise<Store> {
    this.full ??= import('./sqlite.js').then((m) => m.openSqliteStore(this.location));
    return this.full;
  }

  private all<T>(sql: string, ...params: unknown[]): T[] {
    return this.sqlite.prepare(sql).all(...params) as T[];
  }

  async createRun(run: NewRun, host: NewRunHost): Promise<void> {
    this.sqlite
      .transaction(() => {
        this.sqlite
          .prepare(
            `insert into runs (id, name, host, command, startedAt, endedAt, status, exitCode, location,
              intensityGPerKwh, intensitySource, pue, pueSource, renewableShare, intervalS, gpuEnergyJ, cpuEnergyJ, ramEnergyJ)
            values (?, ?, ?, ?, ?, null, 'running', null, ?, ?, ?, ?, ?, ?, ?, null, null, null) on conflict (id) do nothing`,
          )
          .run(
            run.id,
            run.name,
            run.host,
            JSON.stringify(run.command),
            run.startedAt,
            run.location,
            run.intensityGPerKwh,
            run.intensitySource,
            run.pue,
            run.pueSource,
            run.renewableShare,
            run.intervalS,
          );
        if (this.sqlite.prepare('select 1 from runHosts where runId = ? and host = ?').get(run.id, host.host))
          throw new RunConflictError(run.id, host.host);
        this.sqlite
          .prepare(
            `insert into runHosts (runId, host, machine, pid, pidStart, startedAt, endedAt, status, exitCode, sources,
              devices, notes, system, gpuEnergyJ, cpuEnergyJ, ramEnergyJ, boundary, machineGpuEnergyJ, machineCpuEnergyJ, machineRamEnergyJ)
            values (?, ?, ?, ?, ?, ?, null, 'running', null, ?, ?, ?, ?, null, null, null, ?, null, null, null)`,
          )
          .run(
            host.runId,
            host.host,
            host.machine,
            host.pid,
            host.pidStart,
            host.startedAt,
            JSON.stringify(host.sources),
            JSON.stringify(host.devices),
            JSON.stringify(host.notes),
            JSON.stringify(host.system),
            host.boundary ?? 'machine',
          );
        // A host joining a finished run makes it running again.
        this.sqlite.prepare("update runs set status = 'running', endedAt = null where id = ?").run(run.id);
      })
      .immediate();
  }

  /** Synchronous under the hood: when the promise is returned, the samples are committed. */
  appendSamples(batch: SampleBatch): Promise<void> {
    this.writer.append(batch);
    return DONE;
  }

  async addMark(mark: MarkRecord): Promise<void> {
    this.sqlite
      .prepare('insert into marks (runId, host, t, label, tokens) values (?, ?, ?, ?, ?)')
      .run(mark.runId, mark.host, mark.t, mark.label, mark.tokens);
  }

  async finishHost(runId: string, host: string, finish: HostFinish): Promise<void> {
    this.sqlite
      .transaction(() => {
        this.sqlite
          .prepare(
            'update runHosts set endedAt = ?, status = ?, exitCode = ?, gpuEnergyJ = ?, cpuEnergyJ = ?, ramEnergyJ = ? where runId = ? and host = ?',
          )
          .run(
            finish.endedAt,
            finish.status,
            finish.exitCode,
            finish.energyJ.gpu,
            finish.energyJ.cpu,
            finish.energyJ.ram,
            runId,
            host,
          );
        this.refreshRun(runId);
        // Nothing more comes from this host: its open chunks are sealed.
        this.writer.sealHost(runId, host);
      })
      .immediate();
  }

  /** Recomputes a run's status, end, exit code and totals from its hosts (as kysely-store.ts). */
  private refreshRun(runId: string): void {
    const hosts = this.all<RunHostsTable>('select * from runHosts where runId = ?', runId);
    const status = aggregateStatus(hosts.map((h) => h.status));
    const finished = status !== 'running';
    const exitCodes = hosts.map((h) => numOrNull(h.exitCode));
    const sum = (key: 'gpuEnergyJ' | 'cpuEnergyJ' | 'ramEnergyJ') =>
      finished ? hosts.reduce((total, h) => total + Number(h[key] ?? 0), 0) : null;
    this.sqlite
      .prepare(
        'update runs set status = ?, endedAt = ?, exitCode = ?, gpuEnergyJ = ?, cpuEnergyJ = ?, ramEnergyJ = ? where id = ?',
      )
      .run(
        status,
        finished ? Math.max(...hosts.map((h) => Number(h.endedAt ?? h.startedAt))) : null,
        finished
          ? (exitCodes.find((c) => c !== null && c !== 0) ?? exitCodes.find((c) => c !== null) ?? null)
          : null,
        sum('gpuEnergyJ'),
        sum('cpuEnergyJ'),
        sum('ramEnergyJ'),
        runId,
      );
  }

  async listRuns(options: RunListOptions = {}): Promise<RunRecord[]> {
    // A negative limit is none: SQLite's own way to say "all".
    const limit = options.limit ?? -1;
    const rows =
      options.status === undefined
        ? this.all<RunsTable>('select * from runs order by startedAt desc, id desc limit ?', limit)
        : this.all<RunsTable>(
            'select * from runs where status = ? order by startedAt desc, id desc limit ?',
            options.status,
            limit,
          );
    return rows.map(toRun);
  }

  async findRun(idOrPrefix: string): Promise<RunRecord | undefined> {
    const exact = this.all<RunsTable>('select * from runs where id = ?', idOrPrefix);
    if (exact.length > 0) return toRun(exact[0]);
    if (idOrPrefix.length < 4) return undefined;
    const rows = this.all<RunsTable>(
      'select * from runs where substr(id, 1, ?) = ? limit 2',
      idOrPrefix.length,
      idOrPrefix,
    );
    return rows.length === 1 ? toRun(rows[0]) : undefined;
  }

  async runHosts(runId: string): Promise<RunHostRecord[]> {
    return this.all<RunHostsTable>('select * from runHosts where runId = ? order by startedAt', runId).map(
      toHost,
    );
  }

  async sampleTotals(runId: string): Promise<SampleTotal[]> {
    return this.all<SampleTotal>(
      `select host, component, sum(energyJ) as energyJ, min(firstT) as firstT, max(lastT) as lastT, min(fromT) as fromT
        from channels where runId = ? and samples > 0 group by host, component`,
      runId,
    );
  }

  async minuteTotals(runId: string): Promise<MinuteTotal[]> {
    return this.all<MinuteTotal>(
      `select host, minute, energyJ, ticks, fromT, lastT, peakW, peakEnergyW, peakAnyW
        from minuteTotals where runId = ? order by minute, host`,
      runId,
    );
  }

  async marks(runId: string): Promise<MarkRecord[]> {
    return this.all<MarkRecord>(
      'select runId, host, t, label, tokens from marks where runId = ? order by t',
      runId,
    );
  }

  async peakPowerW(runId: string): Promise<number | null> {
    const [row] = this.all<{ peakW: number | null; peakAnyW: number | null }>(
      'select max(peakW) as peakW, max(peakAnyW) as peakAnyW from minuteTotals where runId = ?',
      runId,
    );
    // Very short intervals (the last, partial one) give noisy power from coarse counters.
    return row?.peakW ?? row?.peakAnyW ?? null;
  }

  async recoverInterrupted(
    machine: string,
    isAlive: (pid: number, pidStart: string | null) => boolean,
  ): Promise<string[]> {
    const running = this.all<RunHostsTable>(
      "select * from runHosts where status = 'running' and machine = ?",
      machine,
    );
    const recovered: string[] = [];
    for (const row of running) {
      if (isAlive(Number(row.pid), row.pidStart)) continue;
      const totals = this.all<{ component: Component; energyJ: number; lastT: number }>(
        `select component, sum(energyJ) as energyJ, max(lastT) as lastT from channels
          where runId = ? and host = ? and samples > 0 group by component`,
        row.runId,
        row.host,
      );
      const energy = { gpu: 0, cpu: 0, ram: 0 };
      let endedAt = Number(row.startedAt);
      for (const t of totals) {
        energy[t.component] = Number(t.energyJ);
        endedAt = Math.max(endedAt, Number(t.lastT));
      }
      this.sqlite
        .transaction(() => {
          const updated = this.sqlite
            .prepare(
              `update runHosts set status = 'interrupted', endedAt = ?, gpuEnergyJ = ?, cpuEnergyJ = ?, ramEnergyJ = ?
                where runId = ? and host = ? and status = 'running'`,
            )
            .run(endedAt, energy.gpu, energy.cpu, energy.ram, row.runId, row.host);
          if (updated.changes > 0) {
            this.refreshRun(row.runId);
            this.writer.sealHost(row.runId, row.host);
          }
        })
        .immediate();
      recovered.push(row.runId);
    }
    return recovered;
  }

  async *readSamples(runId: string, options?: SampleReadOptions): AsyncIterable<SampleRecord[]> {
    yield* (await this.store()).readSamples(runId, options);
  }

  async powerSeries(runId: string, buckets: number): Promise<PowerSeries> {
    return (await this.store()).powerSeries(runId, buckets);
  }

  async tickTotals(runId: string, range?: { from: number; to: number }): Promise<TickTotal[]> {
    return (await this.store()).tickTotals(runId, range);
  }

  async importRun(
    run: ImportedRun,
    samples: AsyncIterable<SampleBatch> | Iterable<SampleBatch>,
  ): Promise<void> {
    return (await this.store()).importRun(run, samples);
  }

  async saveCalibrationRun(record: CalibrationRunRecord): Promise<void> {
    return (await this.store()).saveCalibrationRun(record);
  }

  async calibrationRuns(name?: string): Promise<CalibrationRunRecord[]> {
    return (await this.store()).calibrationRuns(name);
  }

  async close(): Promise<void> {
    const full = this.full;
    this.full = undefined;
    if (full) await (await full).close();
    if (this.sqlite.open) this.sqlite.close();
  }
}
