import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

// Self-reference by package name resolves through package.json "exports", as a user's import would.
describe('package exports', () => {
  it('every subpath of the exports map resolves to a built module', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    for (const subpath of Object.keys(pkg.exports)) {
      if (subpath.endsWith('.json')) continue;
      const specifier = subpath === '.' ? 'empreinte' : `empreinte/${subpath.slice(2)}`;
      const module = (await import(specifier)) as Record<string, unknown>;
      assert.ok(Object.keys(module).length > 0, `${specifier} exports nothing`);
    }
  });

  it('the main entry exposes the library API', async () => {
    const api = (await import('empreinte')) as Record<string, unknown>;
    for (const name of [
      'estimateTraining',
      'estimateInference',
      'estimateDeployment',
      'recommend',
      'startTracking',
      'planSchedule',
      'EmpreinteError',
    ]) {
      assert.equal(typeof api[name], 'function', name);
    }
    // The SDK integrations live on their own subpaths, typed against the SDK they wrap.
    const openai = (await import('empreinte/openai')) as Record<string, unknown>;
    assert.equal(typeof openai.withFootprint, 'function');
    const aiSdk = (await import('empreinte/ai-sdk')) as Record<string, unknown>;
    assert.equal(typeof aiSdk.footprintMiddleware, 'function');
    const data = (await import('empreinte/data')) as Record<string, unknown>;
    assert.ok(Array.isArray(data.HARDWARE) && Array.isArray(data.MODELS));
  });

  it('an estimate through the public API matches the CLI contract', async () => {
    const { estimateTraining, parseInput, trainingInputSchema } = (await import(
      'empreinte'
    )) as unknown as typeof import('../src/index.js');
    const e = estimateTraining(
      parseInput(trainingInputSchema, { chipHours: 1000, powerW: 400, pue: 1, gridIntensity: 500 }),
    );
    assert.equal(e.energyKwh.central, 400);
    assert.equal(e.co2eKg.central, 200);
  });

  it('types resolve for a TypeScript user under moduleResolution node10 (typesVersions) and nodenext', () => {
    const dir = mkdtempSync(join(tmpdir(), 'empreinte-types-'));
    try {
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(ROOT, join(dir, 'node_modules', 'empreinte'), 'dir');
      writeFileSync(
        join(dir, 'use.ts'),
        [
          "import { estimateTraining } from 'empreinte';",
          "import { HARDWARE } from 'empreinte/data';",
          "import { EmpreinteFootprint } from 'empreinte/if';",
          'export const used = [estimateTraining, HARDWARE, EmpreinteFootprint];',
          '// @ts-expect-error: typed, not any',
          'export const wrong: string = HARDWARE.length;',
          '',
        ].join('\n'),
      );
      for (const [resolution, module] of [
        ['node10', 'commonjs'],
        ['nodenext', 'nodenext'],
      ]) {
        const config = {
          compilerOptions: {
            moduleResolution: resolution,
            module,
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          files: ['use.ts'],
        };
        writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
        const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], {
          encoding: 'utf8',
          timeout: 120_000,
        });
        assert.equal(tsc.status, 0, `${resolution}: ${tsc.stdout}${tsc.stderr}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
