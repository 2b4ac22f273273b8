// The migrations' names without their code (which needs the query builder): enough to tell
// whether a database is up to date before deciding to load the store. A test keeps this list
// equal to the keys of MIGRATIONS in schema.ts.

export const MIGRATION_TABLE = 'empreinte_migration';

export const MIGRATION_NAMES: readonly string[] = [
  '0001-runs-samples-marks',
  '0002-calibrations',
  '0003-compact-samples',
  '0004-process-boundary',
  '0005-chunk-power-summaries',
];
