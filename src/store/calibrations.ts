import type { Kysely } from 'kysely';
import type { CalibrationRunRecord } from '../records.js';
import type { Database } from './tables.js';

/** The calibrations table: one row per (name, run); writing a run again replaces its row. */
export async function writeCalibrationRun(db: Kysely<Database>, record: CalibrationRunRecord): Promise<void> {
  const { name, runId, ...figures } = record;
  await db
    .insertInto('calibrations')
    .values(record)
    .onConflict((oc) => oc.columns(['name', 'runId']).doUpdateSet(figures))
    .execute();
}

export async function readCalibrationRuns(
  db: Kysely<Database>,
  name?: string,
): Promise<CalibrationRunRecord[]> {
  let query = db.selectFrom('calibrations').selectAll();
  if (name !== undefined) query = query.where('name', '=', name);
  const rows = await query.orderBy('name').orderBy('createdAt').orderBy('runId').execute();
  // PostgreSQL returns bigint as text: every number goes through Number().
  return rows.map((r) => ({
    ...r,
    params: Number(r.params),
    activeParams: r.activeParams === null ? null : Number(r.activeParams),
    tokens: Number(r.tokens),
    chips: Number(r.chips),
    durationS: Number(r.durationS),
    gpuEnergyJ: Number(r.gpuEnergyJ),
    mfu: Number(r.mfu),
    powerWPerChip: Number(r.powerWPerChip),
    createdAt: Number(r.createdAt),
  }));
}
