import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isEmpreinteError } from './errors.js';
import { loadOptional } from './optional.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'empreinte-optional-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A resolve hook for which `pg` and OpenTelemetry are not installed, as for an estimation-only user. */
const HOOK = `export async function resolve(specifier, context, next) {
  if (specifier === 'pg' || specifier.startsWith('@opentelemetry/')) {
    const error = new Error("Cannot find package '" + specifier + "' imported from " + context.parentURL);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}`;

describe('optional peer dependencies', () => {
  it('names the package to install when a module of a feature cannot find it', async () => {
    // A module outside any node_modules that imports pg, as the PostgreSQL store does.
    const module = join(dir, 'needs-pg.mjs');
    writeFileSync(module, "import pg from 'pg';\nexport default pg;\n");
    await assert.rejects(
      loadOptional(() => import(pathToFileURL(module).href), {
        packages: ['pg'],
        field: 'db',
        feature: 'integrations.featurePostgres',
      }),
      (error: unknown) =>
        isEmpreinteError(error) &&
        error.issues[0].path[0] === 'db' &&
        error.message ===
          '--db: a PostgreSQL database needs the optional package pg; install it with: npm install pg',
    );
    // Other failures pass through unchanged.
    await assert.rejects(
      loadOptional(() => Promise.reject(new TypeError('boom')), {
        packages: ['pg'],
        field: 'db',
        feature: 'integrations.featurePostgres',
      }),
      /boom/,
    );
  });

  it('estimates without pg or OpenTelemetry installed; --otlp and a PostgreSQL URL say what to install', () => {
    writeFileSync(join(dir, 'hook.mjs'), HOOK);
    writeFileSync(
      join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hook.mjs')).href)});\n`,
    );
    const script = `
      const { estimateTraining, parseInput, trainingInputSchema, openStore } = await import('empreinte');
      const e = estimateTraining(parseInput(trainingInputSchema, { chipHours: 1000, powerW: 400, pue: 1, gridIntensity: 500 }));
      const out = { energyKwh: e.energyKwh.central };
      try { await openStore('postgres://u:p@127.0.0.1:1/db'); } catch (error) { out.pg = error.message; }
      const { startRunExporters } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/metrics/run-exporters.js')).href)});
      try { await startRunExporters({ otlp: 'http://127.0.0.1:4318' }); } catch (error) { out.otlp = error.message; }
      console.log(JSON.stringify(out));`;
    const result = spawnSync(
      process.execPath,
      ['--import', pathToFileURL(join(dir, 'register.mjs')).href, '--input-type=module', '-e', script],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout) as { energyKwh: number; pg: string; otlp: string };
    assert.equal(out.energyKwh, 400);
    assert.match(
      out.pg,
      /^--db: a PostgreSQL database needs the optional package pg; install it with: npm install pg$/,
    );
    assert.match(
      out.otlp,
      /^--otlp: pushing metrics over OTLP needs the optional package @opentelemetry\/.+; install it with: npm install @opentelemetry\/api @opentelemetry\/exporter-metrics-otlp-http/,
    );
  });
});
