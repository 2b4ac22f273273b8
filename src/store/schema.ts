/**
 * The database schema, dialect-neutral: the same Kysely migrations create it in SQLite and in
 * PostgreSQL. Column names follow the project's names (camelCase, units in names); times are epoch
 * milliseconds. Migrations are versioned and append-only: never edit one that has shipped, add the
 * next. Types used: text, integer, bigint, double precision (REAL affinity in SQLite).
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { SampleBatch } from '../records.js';
import { MIGRATION_TABLE } from './migration-names.js';
import { BulkWriter } from './samples.js';
import { refuseNewer } from './store-errors.js';
import type { Database } from './tables.js';

const DOUBLE = sql`double precision`;

export interface Migration {
  up(db: Kysely<unknown>): Promise<void>;
}

/** Versioned migrations, applied in key order. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-runs-samples-marks': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('runs')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text')
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('command', 'text', (c) => c.notNull())
        .addColumn('startedAt', 'bigint', (c) => c.notNull())
        .addColumn('endedAt', 'bigint')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('exitCode', 'integer')
        .addColumn('location', 'text')
        .addColumn('intensityGPerKwh', DOUBLE)
        .addColumn('intensitySource', 'text')
        .addColumn('pue', DOUBLE)
        .addColumn('pueSource', 'text')
        .addColumn('renewableShare', DOUBLE)
        .addColumn('intervalS', DOUBLE, (c) => c.notNull())
        .addColumn('gpuEnergyJ', DOUBLE)
        .addColumn('cpuEnergyJ', DOUBLE)
        .addColumn('ramEnergyJ', DOUBLE)
        .execute();
      await db.schema.createIndex('runs_startedAt').ifNotExists().on('runs').column('startedAt').execute();
      await db.schema
        .createTable('runHosts')
        .ifNotExists()
        .addColumn('runId', 'text', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('machine', 'text', (c) => c.notNull())
        .addColumn('pid', 'integer', (c) => c.notNull())
        .addColumn('pidStart', 'text')
        .addColumn('startedAt', 'bigint', (c) => c.notNull())
        .addColumn('endedAt', 'bigint')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('exitCode', 'integer')
        .addColumn('sources', 'text', (c) => c.notNull())
        .addColumn('devices', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('system', 'text', (c) => c.notNull())
        .addColumn('gpuEnergyJ', DOUBLE)
        .addColumn('cpuEnergyJ', DOUBLE)
        .addColumn('ramEnergyJ', DOUBLE)
        .addPrimaryKeyConstraint('runHosts_pk', ['runId', 'host'])
        .execute();
      await db.schema
        .createTable('samples')
        .ifNotExists()
        .addColumn('runId', 'text', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('t', 'bigint', (c) => c.notNull())
        .addColumn('intervalS', DOUBLE, (c) => c.notNull())
        .addColumn('component', 'text', (c) => c.notNull())
        .addColumn('deviceIndex', 'integer', (c) => c.notNull())
        .addColumn('powerW', DOUBLE, (c) => c.notNull())
        .addColumn('energyJ', DOUBLE, (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('samples_run_host_t')
        .ifNotExists()
        .on('samples')
        .columns(['runId', 'host', 't'])
        .execute();
      await db.schema
        .createTable('marks')
        .ifNotExists()
        .addColumn('runId', 'text', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('t', 'bigint', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('tokens', DOUBLE)
        .execute();
      await db.schema.createIndex('marks_run_t').ifNotExists().on('marks').columns(['runId', 't']).execute();
    },
  },
  '0002-calibrations': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('calibrations')
        .ifNotExists()
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('runId', 'text', (c) => c.notNull())
        .addColumn('hardware', 'text', (c) => c.notNull())
        .addColumn('precision', 'text', (c) => c.notNull())
        .addColumn('params', DOUBLE, (c) => c.notNull())
        .addColumn('activeParams', DOUBLE)
        .addColumn('tokens', DOUBLE, (c) => c.notNull())
        .addColumn('chips', 'integer', (c) => c.notNull())
        .addColumn('durationS', DOUBLE, (c) => c.notNull())
        .addColumn('gpuEnergyJ', DOUBLE, (c) => c.notNull())
        .addColumn('mfu', DOUBLE, (c) => c.notNull())
        .addColumn('powerWPerChip', DOUBLE, (c) => c.notNull())
        .addColumn('createdAt', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('calibrations_pk', ['name', 'runId'])
        .execute();
    },
  },
  '0003-compact-samples': {
    async up(db: Kysely<unknown>) {
      const pg = db.getExecutor().adapter instanceof PostgresAdapter;
      await db.schema
        .createTable('channels')
        .addColumn('id', 'integer', (c) =>
          pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
        )
        .addColumn('runId', 'text', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('component', 'text', (c) => c.notNull())
        .addColumn('deviceIndex', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('samples', 'bigint', (c) => c.notNull())
        .addColumn('energyJ', DOUBLE, (c) => c.notNull())
        .addColumn('firstT', 'bigint')
        .addColumn('lastT', 'bigint')
        .addColumn('fromT', DOUBLE)
        .addUniqueConstraint('channels_key', ['runId', 'host', 'component', 'deviceIndex', 'source'])
        .execute();
      await db.schema
        .createTable('sampleChunks')
        .addColumn('channelId', 'integer', (c) => c.notNull())
        .addColumn('firstT', 'bigint', (c) => c.notNull())
        .addColumn('lastT', 'bigint', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('data', pg ? 'bytea' : 'blob', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sampleChunks_channel_lastT')
        .on('sampleChunks')
        .columns(['channelId', 'lastT'])
        .execute();
      await db.schema
        .createTable('sampleHead')
        .addColumn('channelId', 'integer', (c) => c.notNull())
        .addColumn('t', 'bigint', (c) => c.notNull())
        .addColumn('intervalS', DOUBLE, (c) => c.notNull())
        .addColumn('powerW', DOUBLE, (c) => c.notNull())
        .addColumn('energyJ', DOUBLE, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sampleHead_channel_t')
        .on('sampleHead')
        .columns(['channelId', 't'])
        .execute();
      await db.schema
        .createTable('minuteTotals')
        .addColumn('runId', 'text', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('minute', 'bigint', (c) => c.notNull())
        .addColumn('energyJ', DOUBLE, (c) => c.notNull())
        .addColumn('ticks', 'integer', (c) => c.notNull())
        .addColumn('fromT', DOUBLE, (c) => c.notNull())
        .addColumn('lastT', 'bigint', (c) => c.notNull())
        .addColumn('peakW', DOUBLE)
        .addColumn('peakEnergyW', DOUBLE)
        .addColumn('peakAnyW', DOUBLE, (c) => c.notNull())
        .addPrimaryKeyConstraint('minuteTotals_pk', ['runId', 'host', 'minute'])
        .execute();
      await convertRowSamples(db);
      await db.schema.dropTable('samples').execute();
    },
  },
  '0004-process-boundary': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('runHosts')
        .addColumn('boundary', 'text', (c) => c.notNull().defaultTo('machine'))
        .execute();
      for (const column of ['machineGpuEnergyJ', 'machineCpuEnergyJ', 'machineRamEnergyJ'])
        await db.schema.alterTable('runHosts').addColumn(column, DOUBLE).execute();
    },
  },
  '0005-chunk-power-summaries': {
    async up(db: Kysely<unknown>) {
      for (const column of ['minPowerW', 'maxPowerW', 'sumPowerW'])
        await db.schema.alterTable('sampleChunks').addColumn(column, DOUBLE).execute();
    },
  },
};

/** Bookkeeping table: one row per applied migration. */
export { MIGRATION_TABLE };

/**
 * Applies pending migrations, safely when several processes open the same database at once.
 * Each migration runs in one transaction that starts by claiming its row in the bookkeeping
 * table: the claim takes the write lock (SQLite) or the unique-key lock (PostgreSQL), so a
 * concurrent process waits, then finds the row claimed and skips. Schema changes are
 * transactional in both dialects, so a failed migration leaves nothing behind.
 */
export async function migrate(db: Kysely<unknown>): Promise<string[]> {
  await db.schema
    .createTable(MIGRATION_TABLE)
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('appliedAt', 'bigint', (c) => c.notNull())
    .execute();
  const bookkeeping = db as unknown as Kysely<{ [MIGRATION_TABLE]: { name: string; appliedAt: number } }>;
  const applied = new Set(
    (await bookkeeping.selectFrom(MIGRATION_TABLE).select('name').execute()).map((r) => r.name),
  );
  refuseNewer(applied);
  const done: string[] = [];
  for (const name of Object.keys(MIGRATIONS).sort()) {
    if (applied.has(name)) continue;
    await bookkeeping.transaction().execute(async (trx) => {
      const claim = await trx
        .insertInto(MIGRATION_TABLE)
        .values({ name, appliedAt: Date.now() })
        .onConflict((oc) => oc.column('name').doNothing())
        .executeTakeFirst();
      if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 0) return; // another process applied it
      await MIGRATIONS[name].up(trx as unknown as Kysely<unknown>);
      done.push(name);
    });
  }
  return done;
}

/** The sample rows of the first layout, one row a sample. */
interface RowSample {
  runId: string;
  host: string;
  t: number;
  intervalS: number;
  component: 'gpu' | 'cpu' | 'ram';
  deviceIndex: number;
  powerW: number;
  energyJ: number;
  source: string;
}

/**
 * Moves the samples of the first layout (a row each) into channels, chunks and totals, one host
 * of one run at a time, a page of rows at a time (memory stays bounded whatever the database).
 */
async function convertRowSamples(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as unknown as Kysely<{ samples: RowSample }>;
  const writer = new BulkWriter(untyped as unknown as Kysely<Database>, false);
  const hosts = await db.selectFrom('samples').select(['runId', 'host']).distinct().execute();
  const PAGE = 50_000;
  for (const { runId, host } of hosts) {
    let cursor = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const rows = await db
        .selectFrom('samples')
        .selectAll()
        .where('runId', '=', runId)
        .where('host', '=', host)
        .where('t', '>', cursor)
        .orderBy('t')
        .orderBy('intervalS')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) break;
      // A full page may end in the middle of a tick: keep that tick for the next page.
      const lastT = Number(rows[rows.length - 1].t);
      const whole = rows.length === PAGE ? rows.filter((r) => Number(r.t) < lastT) : rows;
      const take = whole.length > 0 ? whole : rows;
      for (const batch of ticksOf(take)) await writer.add(batch);
      cursor = Number(take[take.length - 1].t);
    }
  }
  await writer.finish();
}

/** Rows of one host in time order, grouped into one batch per tick (and interval length). */
function* ticksOf(rows: RowSample[]): Generator<SampleBatch> {
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (
      j < rows.length &&
      Number(rows[j].t) === Number(rows[i].t) &&
      Number(rows[j].intervalS) === Number(rows[i].intervalS)
    )
      j++;
    const tick = rows.slice(i, j);
    yield {
      runId: tick[0].runId,
      host: tick[0].host,
      t: Number(tick[0].t),
      intervalS: Number(tick[0].intervalS),
      count: tick.length,
      component: tick.map((r) => r.component),
      deviceIndex: Int32Array.from(tick.map((r) => Number(r.deviceIndex))),
      powerW: Float64Array.from(tick.map((r) => Number(r.powerW))),
      energyJ: Float64Array.from(tick.map((r) => Number(r.energyJ))),
      source: tick.map((r) => r.source),
    };
    i = j;
  }
}
