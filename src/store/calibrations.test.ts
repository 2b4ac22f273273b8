import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../test/helpers/postgres.js';
import type { CalibrationRunRecord } from '../records.js';
import { openStore } from './index.js';
import { MIGRATION_TABLE, MIGRATIONS } from './schema.js';

/** The calibrations table on both backends, and the migration that adds it to an older database. */
const dir = mkdtempSync(join(tmpdir(), 'empreinte-calibrations-'));
const databases: TestDatabase[] = [];
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const db of databases) await db.drop();
});

const record = (runId: string, mfu: number, createdAt: number): CalibrationRunRecord => ({
  name: 'h100-lab',
  runId,
  hardware: 'nvidia-h100-sxm5-80gb',
  precision: 'bf16',
  params: 7e9,
  activeParams: null,
  tokens: 2e9,
  chips: 8,
  durationS: 3600.5,
  gpuEnergyJ: 1.5e10,
  mfu,
  powerWPerChip: 520.25,
  createdAt,
});

const BACKENDS = [
  { name: 'SQLite', skip: false as const, location: async () => join(dir, 'calibrations.db') },
  {
    name: 'PostgreSQL',
    skip: pgSkip(),
    async location() {
      const db = await createTestDatabase('empreinte_calib');
      databases.push(db);
      return db.url;
    },
  },
];

for (const backend of BACKENDS) {
  describe(`${backend.name} calibrations`, { skip: backend.skip }, () => {
    it('keeps one row per name and run, replaced when the run is calibrated again', async () => {
      const store = await openStore(await backend.location());
      try {
        await store.saveCalibrationRun(record('run-b', 0.3, 2_000));
        await store.saveCalibrationRun(record('run-a', 0.25, 1_000));
        await store.saveCalibrationRun({ ...record('run-x', 0.5, 3_000), name: 'other' });
        await store.saveCalibrationRun(record('run-b', 0.35, 4_000));
        const rows = await store.calibrationRuns('h100-lab');
        assert.deepEqual(
          rows.map((r) => [r.runId, r.mfu, r.createdAt]),
          [
            ['run-a', 0.25, 1_000],
            ['run-b', 0.35, 4_000],
          ],
        );
        assert.deepEqual(rows[0], record('run-a', 0.25, 1_000), 'every field read back with its type');
        assert.deepEqual(
          (await store.calibrationRuns()).map((r) => r.name),
          ['h100-lab', 'h100-lab', 'other'],
        );
        assert.deepEqual(await store.calibrationRuns('nobody'), []);
      } finally {
        await store.close();
      }
    });
  });
}

describe('the calibrations migration', () => {
  it('adds the table to a database made before it, keeping its runs', async () => {
    const path = join(dir, 'older.db');
    const sqlite = new BetterSqlite3(path);
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    // The layout as the first migration alone left it, with one run in it.
    await MIGRATIONS['0001-runs-samples-marks'].up(db);
    sqlite.exec(`CREATE TABLE ${MIGRATION_TABLE} (name text primary key, appliedAt bigint not null)`);
    sqlite.prepare(`INSERT INTO ${MIGRATION_TABLE} VALUES ('0001-runs-samples-marks', 1)`).run();
    sqlite
      .prepare(
        "INSERT INTO runs (id, host, command, startedAt, status, intervalS) VALUES ('old-run', 'a', '[]', 1, 'completed', 1)",
      )
      .run();
    await db.destroy();
    const store = await openStore(path);
    try {
      assert.equal((await store.findRun('old-run'))?.id, 'old-run');
      await store.saveCalibrationRun(record('old-run', 0.3, 5));
      assert.equal((await store.calibrationRuns('h100-lab')).length, 1);
    } finally {
      await store.close();
    }
  });
});
