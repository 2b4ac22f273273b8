import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

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
});
