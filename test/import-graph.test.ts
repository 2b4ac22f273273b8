// What a command loads is part of its start-up time: each command here runs from the sources with
// a module hook that records every module loaded, and must leave out what it does not need.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'empreinte-imports-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Records ES modules (a resolve hook) and CommonJS ones (Module._load) into EMPREINTE_TRACE_FILE. */
const RECORDER = join(ROOT, 'test/fixtures/trace-imports/register.mjs');

/**
 * The modules a CLI command loads: ES modules as paths, relative to the repository inside it;
 * required ones as required (a package name), or as the path a relative require names (relative
 * to the repository inside it: the message tables, loaded on first use).
 */
function modulesOf(args: string[], env: NodeJS.ProcessEnv = {}): string[] {
  const log = join(dir, `${args.join('-').replace(/[^a-z0-9-]/gi, '')}.log`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', RECORDER, 'src/cli/main.ts', ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env, EMPREINTE_TRACE_FILE: log } },
  );
  assert.equal(result.status, 0, result.stderr);
  return readFileSync(log, 'utf8')
    .split('\n')
    .map((line) => {
      const path = line.startsWith('require ')
        ? line.slice('require '.length)
        : line.startsWith('import file://')
          ? fileURLToPath(line.slice('import '.length))
          : '';
      return path.startsWith(ROOT) ? path.slice(ROOT.length) : path;
    })
    .filter((m) => m !== '');
}

const matching = (modules: string[], pattern: RegExp) => modules.filter((m) => pattern.test(m));

/** One measured run of `node -e 0` into `db`, from the sources. */
function trackOneRun(db: string): void {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'run', '--db', db, '--', process.execPath, '-e', '0'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
}

describe('what a command loads', () => {
  it('runs list: no zod, no estimator, no run report, no exporter', () => {
    const modules = modulesOf(['runs', 'list', '--json', '--db', join(dir, 'runs.db')]);
    assert.ok(matching(modules, /^src\/store\//).length > 0, 'the store is read');
    assert.deepEqual(matching(modules, /node_modules\/zod\//), []);
    // engine/units (number parsing for --lang's decimal comma) is the CLI's, not an estimator; so
    // are the flag tables of `runs import-prometheus` (engine/schemas/fields: plain objects, no zod)
    // and the precision names they list (catalog/types).
    assert.deepEqual(matching(modules, /^src\/engine\/(?!units\.ts$|schemas\/fields\.ts$)/), []);
    assert.deepEqual(matching(modules, /^src\/catalog\/(?!types\.ts$)/), []);
    assert.deepEqual(matching(modules, /^src\/measure\/run-report\.ts$/), []);
    assert.deepEqual(matching(modules, /^src\/report\/exports\/(?!formats\.ts$)/), []);
    assert.deepEqual(matching(modules, /@tgwf\/co2/), []);
    // The message tables load per area, when a message of theirs is said: none for a JSON listing
    // (help is said only when shown).
    assert.deepEqual(matching(modules, /^src\/messages\/(?!index\.ts$)/), []);
  });

  it('runs list of a SQLite file whose runs are finished: no query builder, no migrations', () => {
    const db = join(dir, 'finished.db');
    trackOneRun(db);
    const modules = modulesOf(['runs', 'list', '--json', '--db', db]);
    assert.ok(matching(modules, /better-sqlite3/).length > 0, 'the file is read');
    assert.deepEqual(matching(modules, /node_modules\/kysely\//), []);
    assert.deepEqual(matching(modules, /^src\/store\/(schema|kysely-store|sqlite)\.ts$/), []);
  });

  it('run into an up-to-date SQLite file: no query builder, no migrations, no estimator without a GPU', () => {
    const db = join(dir, 'tracked.db');
    trackOneRun(db); // creates and migrates the file
    // No GPU to read (whatever this machine has): nothing to compare with the estimator either.
    const modules = modulesOf(['run', '--db', db, '--', process.execPath, '-e', '0'], {
      EMPREINTE_NVML_LIB: join(dir, 'no-libnvidia-ml.so.1'),
      EMPREINTE_NVIDIA_SMI: join(dir, 'no-nvidia-smi'),
    });
    assert.ok(matching(modules, /^src\/store\/sqlite-run\.ts$/).length > 0, 'the driver writes the run');
    assert.deepEqual(matching(modules, /^src\/engine\/training\.ts$/), []);
    assert.deepEqual(matching(modules, /node_modules\/kysely\//), []);
    assert.deepEqual(matching(modules, /^src\/store\/(schema|kysely-store|sqlite|samples)\.ts$/), []);
    assert.deepEqual(matching(modules, /node_modules\/zod\//), []);
    // Its messages, the summary's labels and the estimator's notes; no help, said only when shown.
    assert.deepEqual(matching(modules, /^src\/messages\/(?!index|engine|measure|report)\w+\.ts$/), []);
    // The CPUs of the hardware catalog, for their power; no accelerator to look up.
    assert.ok(matching(modules, /^src\/catalog\/hardware\/cpus\.ts$/).length === 1, 'the CPUs are read');
    assert.deepEqual(matching(modules, /^src\/catalog\/hardware(\.ts|\/(nvidia|amd|google|other)\.ts)$/), []);
    // No driver library: the FFI library that would bind it stays unloaded.
    assert.deepEqual(matching(modules, /koffi/), []);
  });

  it('help of commands whose flags come from field tables: no zod, no store, no series reader', () => {
    for (const args of [['schedule'], ['run'], ['runs', 'import-prometheus'], ['calibrate']]) {
      const modules = modulesOf([...args, '--help']);
      const name = args.join(' ');
      assert.ok(matching(modules, /^src\/engine\/schemas\/fields\.ts$/).length > 0, `${name}: the tables`);
      assert.ok(matching(modules, /^src\/messages\/fields\.ts$/).length > 0, `${name}: their help, said`);
      assert.deepEqual(matching(modules, /node_modules\/(zod|kysely|better-sqlite3|pg)\//), [], name);
      // store/location.ts (where the database is: a path from the environment) is all of the store `runs` declares with.
      assert.deepEqual(matching(modules, /^src\/(store\/(?!location\.ts$)|server\/|measure\/)/), [], name);
      assert.deepEqual(matching(modules, /^src\/grid\/(read|series|formats\/(?!names\.ts$))/), [], name);
    }
  });

  it('estimate training at the world average: no zod, no store (kysely, SQLite), no exporter, no zone data', () => {
    const modules = modulesOf([
      'estimate',
      'training',
      '--params',
      '7B',
      '--tokens',
      '1T',
      '--hardware',
      'h100',
      '--json',
    ]);
    assert.ok(matching(modules, /^src\/engine\/training\.ts$/).length === 1, 'the estimator is loaded');
    // The ranges read the factors' written-out log-cumulants, never the script that generates them.
    assert.ok(matching(modules, /^src\/engine\/log-cumulants-table\.ts$/).length === 1, 'the table is read');
    assert.deepEqual(matching(modules, /^scripts\//), []);
    assert.deepEqual(matching(modules, /node_modules\/(kysely|better-sqlite3|pg)\//), []);
    assert.deepEqual(matching(modules, /node_modules\/zod\//), []);
    assert.deepEqual(matching(modules, /^src\/store\//), []);
    // The Ember world average only, not CO2.js's Electricity Maps years.
    assert.ok(matching(modules, /average-intensities/).length > 0, 'the world average is read');
    assert.deepEqual(matching(modules, /electricity-maps|^@tgwf\/co2\/data$/), []);
    assert.deepEqual(matching(modules, /^src\/report\/exports\//), []);
    // Messages: the estimator's notes only; not the CLI's nor the flags' help, said only when shown.
    assert.ok(matching(modules, /^src\/messages\/engine\.ts$/).length === 1, 'the notes are said');
    assert.deepEqual(matching(modules, /^src\/messages\/(?!index\.ts$|engine\.ts$)/), []);
  });
});
