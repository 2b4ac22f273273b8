import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * PostgreSQL for tests. CI exports EMPREINTE_TEST_PG_URL (scripts/start-postgres.sh); without it a
 * test file needing PostgreSQL fails in CI and is skipped, with the reason, on a developer machine.
 * Each test file gets a database of its own, dropped at the end, so files never see each other.
 */
export const PG_URL = process.env.EMPREINTE_TEST_PG_URL;

const MISSING =
  'EMPREINTE_TEST_PG_URL is not set: start PostgreSQL with `bash scripts/start-postgres.sh` and export ' +
  'EMPREINTE_TEST_PG_URL=postgres://empreinte:empreinte@127.0.0.1:5432/empreinte_test';

/**
 * `false` when PostgreSQL is configured; the skip reason on a developer machine without it.
 * In CI a missing URL throws, so that the test file fails instead of passing silently.
 */
export function pgSkip(): false | string {
  if (PG_URL) return false;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`CI=true but ${MISSING}`);
  return `skipped: ${MISSING}`;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates a fresh, empty database next to the one EMPREINTE_TEST_PG_URL names. */
export async function createTestDatabase(prefix = 'empreinte_t'): Promise<TestDatabase> {
  if (!PG_URL) throw new Error(MISSING);
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
