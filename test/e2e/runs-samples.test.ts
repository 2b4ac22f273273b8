import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { createTestDatabase, pgSkip, type TestDatabase } from '../helpers/postgres.js';

/** `runs export --format samples-csv` and `runs import` through the built CLI, SQLite to PostgreSQL. */
const dir = mkdtempSync(join(tmpdir(), 'empreinte-runs-samples-'));
const databases: TestDatabase[] = [];
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const db of databases) await db.drop();
});

const HEADER = 'timestamp,host,component,device_index,power_w,energy_j,source';
const csv = [
  HEADER,
  '2026-01-01T00:00:01.000Z,node-a,gpu,0,300.5,300.5,measured:nvml-counter',
  '2026-01-01T00:00:01.000Z,node-a,cpu,0,80,80,measured:rapl',
  '2026-01-01T00:00:02.000Z,node-a,gpu,0,310.25,310.25,measured:nvml-counter',
  '2026-01-01T00:00:02.000Z,node-a,cpu,0,81,81,measured:rapl',
].join('\n');

describe('runs import and runs export --format samples-csv', () => {
  it('imports a CSV, prints {"id"} with --json, and exports the same rows', () => {
    const file = join(dir, 'in.csv');
    writeFileSync(file, `${csv}\n`);
    const db = join(dir, 'a.db');
    const imported = runCli([
      'runs',
      'import',
      file,
      '--name',
      'from csv',
      '--location',
      'FR',
      '--json',
      '--db',
      db,
    ]);
    assert.equal(imported.status, 0, imported.stderr);
    const { id } = JSON.parse(imported.stdout) as { id: string };
    assert.match(id, /^[0-9a-f-]{36}$/);
    const exported = runCli(['runs', 'export', id.slice(0, 8), '--format', 'samples-csv', '--db', db]);
    assert.equal(exported.status, 0, exported.stderr);
    assert.equal(exported.stdout, `${csv}\n`);
    const shown = JSON.parse(runCli(['runs', 'show', id, '--json', '--db', db]).stdout) as {
      name: string;
      energyKwh: { gpu: number };
      location: { id: string };
    };
    assert.equal(shown.name, 'from csv');
    assert.equal(shown.location.id, 'FR');
    assert.ok(Math.abs(shown.energyKwh.gpu * 3.6e6 - 610.75) < 1e-6);
  });

  it('refuses a bad row with exit 2 naming the line, and stores nothing', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, `${csv}\n2026-01-01T00:00:03.000Z,node-a,gpu,0,-5,1,measured:nvml-counter\n`);
    const db = join(dir, 'b.db');
    const result = runCli(['runs', 'import', file, '--db', db]);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /bad\.csv line 6: power_w '-5' is not a power in W/);
    assert.doesNotMatch(result.stderr, /at .*\.js/);
    assert.match(runCli(['runs', 'list', '--db', db]).stdout, /no run in/);
  });

  it('moves a run from SQLite to PostgreSQL', { skip: pgSkip() }, async () => {
    const pg = await createTestDatabase('empreinte_samples');
    databases.push(pg);
    const file = join(dir, 'move.csv');
    writeFileSync(file, `${csv}\n`);
    const sqlite = join(dir, 'c.db');
    const first = JSON.parse(runCli(['runs', 'import', file, '--json', '--db', sqlite]).stdout) as {
      id: string;
    };
    const out = join(dir, 'out.csv');
    assert.equal(
      runCli(['runs', 'export', first.id, '--format', 'samples-csv', '--output', out, '--db', sqlite]).status,
      0,
    );
    const moved = runCli(['runs', 'import', out, '--json', '--db', pg.url]);
    assert.equal(moved.status, 0, moved.stderr);
    const { id } = JSON.parse(moved.stdout) as { id: string };
    const back = runCli(['runs', 'export', id, '--format', 'samples-csv', '--db', pg.url]);
    assert.equal(back.stdout, readFileSync(out, 'utf8'));
  });
});
