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

/** Registered after tsx, so its `load` runs first and sees every module by its final URL. */
const RECORDER = `data:text/javascript,${encodeURIComponent(`
  import { register } from 'node:module';
  register('data:text/javascript,' + encodeURIComponent(\`
    import { appendFileSync } from 'node:fs';
    export async function load(url, context, next) {
      appendFileSync(process.env.EMPREINTE_IMPORT_LOG, url + '\\\\n');
      return next(url, context);
    }\`));
`)}`;

/** The modules a CLI command loads: paths relative to the repository, absolute outside it (node: built-ins left out). */
function modulesOf(args: string[]): string[] {
  const log = join(dir, `${args.join('-').replace(/[^a-z0-9-]/gi, '')}.log`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', RECORDER, 'src/cli/main.ts', ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, EMPREINTE_IMPORT_LOG: log } },
  );
  assert.equal(result.status, 0, result.stderr);
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file://'))
    .map((url) => fileURLToPath(url))
    .map((path) => (path.startsWith(ROOT) ? path.slice(ROOT.length) : path));
}

const matching = (modules: string[], pattern: RegExp) => modules.filter((m) => pattern.test(m));

describe('what a command loads', () => {
  it('runs list: no zod, no estimator, no run report, no exporter', () => {
    const modules = modulesOf(['runs', 'list', '--json', '--db', join(dir, 'runs.db')]);
    assert.ok(matching(modules, /^src\/store\//).length > 0, 'the store is read');
    assert.deepEqual(matching(modules, /node_modules\/zod\//), []);
    // engine/units (number parsing for --lang's decimal comma) is the CLI's, not an estimator.
    assert.deepEqual(matching(modules, /^src\/engine\/(?!units\.ts$)/), []);
    assert.deepEqual(matching(modules, /^src\/catalog\//), []);
    assert.deepEqual(matching(modules, /^src\/measure\/run-report\.ts$/), []);
    assert.deepEqual(matching(modules, /^src\/report\/exports\/(?!formats\.ts$)/), []);
    assert.deepEqual(matching(modules, /node_modules\/@tgwf\//), []);
  });

  it('estimate training: no zod, no store (kysely, SQLite), no exporter', () => {
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
    assert.deepEqual(matching(modules, /node_modules\/(kysely|better-sqlite3|pg)\//), []);
    assert.deepEqual(matching(modules, /node_modules\/zod\//), []);
    assert.deepEqual(matching(modules, /^src\/store\//), []);
    assert.deepEqual(matching(modules, /^src\/report\/exports\//), []);
  });
});
