import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { resolveLocation } from '../catalog/locations.js';
import { estimateInference } from '../engine/inference.js';
import { isEmpreinteError } from '../errors.js';
import { EmpreinteFootprint, METADATA, type PluginParams } from './index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MANIFEST = join(ROOT, 'examples/if/manifest.yml');
const IF_RUN = join(ROOT, 'node_modules/@grnsft/if/build/if-run/index.js');

interface Node {
  pipeline: { compute: string[] };
  defaults?: PluginParams;
  inputs: PluginParams[];
  outputs?: PluginParams[];
}
interface Manifest {
  initialize: { plugins: Record<string, { method: string; path: string; config?: PluginParams }> };
  tree: { children: Record<string, Node> };
}

const manifest = parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
const plugin = manifest.initialize.plugins.empreinte;
/** What IF hands the plugin: the node's defaults under each observation. */
const inputsOf = (node: Node) => node.inputs.map((input) => ({ ...node.defaults, ...input }));

async function runExample(name: string): Promise<PluginParams[]> {
  const node = manifest.tree.children[name];
  return EmpreinteFootprint(plugin.config).execute(inputsOf(node));
}

const near = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

describe('Impact Framework plugin on the example manifest', () => {
  it('is declared as IF expects: method and path of the empreinte/if export, metadata with aggregation methods', async () => {
    assert.equal(plugin.method, 'EmpreinteFootprint');
    assert.equal(plugin.path, 'empreinte/if');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, { default: string }>;
    };
    assert.equal(pkg.exports['./if'].default, './dist/if/index.js');
    // The package resolves its own subpath (built output), as IF's require('empreinte/if') will.
    const specifier = 'empreinte/if';
    const built = (await import(specifier)) as { EmpreinteFootprint?: unknown };
    assert.equal(typeof built.EmpreinteFootprint, 'function');
    const instance = EmpreinteFootprint({});
    assert.equal(instance.metadata.kind, 'execute');
    for (const [name, meta] of Object.entries({ ...METADATA.inputs, ...METADATA.outputs })) {
      assert.ok(meta.unit && meta['aggregation-method'].time && meta['aggregation-method'].component, name);
    }
    assert.equal(METADATA.outputs.carbon.unit, 'gCO2e');
    assert.equal(METADATA.outputs.energy.unit, 'kWh');
  });

  it('training cluster: energy and carbon follow chips × duration, carbon = operational + embodied, in grams', async () => {
    const [full, half] = await runExample('training-cluster');
    near(Number(half.energy), Number(full.energy) / 2, '32 chips use half the energy of 64');
    near(Number(half.carbon), Number(full.carbon) / 2, 'and emit half');
    near(Number(full.carbon), Number(full['carbon-operational']) + Number(full['carbon-embodied']), 'carbon');
    assert.ok(
      Number(full['energy/low']) < Number(full.energy) && Number(full.energy) < Number(full['energy/high']),
    );
    // 64 accelerators for one hour, at the facility: between 300 W and 1.5 kW per chip all included.
    assert.ok(Number(full.energy) > 64 * 0.3 && Number(full.energy) < 64 * 1.5, `${full.energy} kWh`);
    const fr = resolveLocation('fr').intensityGPerKwh;
    near(
      Number(full['carbon-operational']),
      Number(full.energy) * fr,
      'operational = facility energy × the config location',
    );
    assert.equal(full.timestamp, '2025-03-01T00:00:00Z');
    assert.equal(full.duration, 3600);
  });

  it('measured run: carbon from the energy given, its PUE and its own location; energy out at the facility', async () => {
    const [out] = await runExample('measured-run');
    const de = resolveLocation('de').intensityGPerKwh;
    near(Number(out.energy), 42.5 * 1.1, 'IT energy × PUE');
    near(Number(out['carbon-operational']), 42.5 * 1.1 * de, 'carbon-operational');
    assert.equal(out.carbon, out['carbon-operational']);
    assert.equal(out['carbon-embodied'], undefined);
  });

  it('chat service: the inference estimator’s figures, converted from kg to g', async () => {
    const [out] = await runExample('chat-service');
    const direct = estimateInference({
      model: 'llama-2-70b',
      hardware: 'nvidia-h100-sxm5-80gb',
      gpus: 4,
      inputTokens: 1000,
      outputTokens: 300,
      requests: 20000,
      location: 'fr',
    });
    near(Number(out.energy), direct.energyKwh.central, 'energy');
    near(Number(out['carbon-operational']), direct.co2eKg.central * 1000, 'carbon-operational');
    near(Number(out['carbon-embodied']), direct.embodiedCo2eKg.central * 1000, 'carbon-embodied');
  });

  it('gives measured and estimated observations one boundary: operational carbon = energy × intensity', async () => {
    const plugin = EmpreinteFootprint({ 'grid/carbon-intensity': 300, pue: 1.4 });
    const [measured, estimated] = await plugin.execute([
      { timestamp: 't', duration: 3600, energy: 10 },
      { timestamp: 't', duration: 3600, hardware: 'nvidia-h100-sxm5-80gb', chips: 8 },
    ]);
    near(Number(measured.energy), 14, 'measured IT energy × PUE');
    for (const out of [measured, estimated])
      near(Number(out['carbon-operational']), Number(out.energy) * 300, 'carbon-operational');
  });

  it('names IF parameters in its errors, never CLI flags', async () => {
    for (const [input, field] of [
      [{ model: 'llama-2-70b', tokens: 1e9, 'grid/carbon-intensity': 5000 }, 'grid/carbon-intensity'],
      [{ requests: 10, model: 'llama-2-70b', 'output-tokens': -1 }, 'output-tokens'],
      [{ 'chip-hours': 5, 'power-w': 'x' }, 'power-w'],
      [{ energy: 'abc' }, 'energy'],
    ] as const) {
      await assert.rejects(EmpreinteFootprint({}).execute([input]), (error: unknown) => {
        assert.ok(isEmpreinteError(error));
        assert.equal(error.issues[0].path[0], field);
        assert.match(error.message, new RegExp(`^empreinte/if, input 0: ${field}: `));
        assert.doesNotMatch(error.message, /--/);
        return true;
      });
    }
  });

  it('loads with require() as IF does, on every Node the package accepts (require(esm) from 20.19)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    assert.equal(pkg.engines.node, '>=20.19');
    const [major, minor] = process.versions.node.split('.').map(Number);
    assert.ok(major > 20 || (major === 20 && minor >= 19), `this Node ${process.version} is below engines`);
    // A CommonJS caller, as IF's if-run (compiled to CommonJS) is.
    const loaded = spawnSync(
      process.execPath,
      ['-e', "const m = require('empreinte/if'); process.stdout.write(typeof m.EmpreinteFootprint)"],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(loaded.status, 0, loaded.stderr);
    assert.equal(loaded.stdout, 'function');
    assert.doesNotMatch(loaded.stderr, /ExperimentalWarning|ERR_REQUIRE/);
  });

  it('renames parameters through mapping, and names the input of a mistake', async () => {
    const mapped = EmpreinteFootprint({}, undefined, { energy: 'gpu/energy', carbon: 'gpu/carbon' });
    const [out] = await mapped.execute([
      { timestamp: 't', duration: 60, 'gpu/energy': 2, 'grid/carbon-intensity': 100 },
    ]);
    assert.equal(out['gpu/carbon'], 200);
    assert.equal(out.carbon, undefined);
    await assert.rejects(
      EmpreinteFootprint({}).execute([{ energy: 1 }, { hardware: 'nvidia-h1000', chips: 2, duration: 60 }]),
      (error: unknown) =>
        isEmpreinteError(error) &&
        /^empreinte\/if, input 1: /.test(error.message) &&
        /nvidia-h1000/.test(error.message),
    );
  });
});

describe('the real if-run (@grnsft/if) on the example manifest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'empreinte-if-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads empreinte/if and writes the same outputs as the plugin called directly', async () => {
    assert.ok(existsSync(IF_RUN), `${IF_RUN} is missing: npm ci installs @grnsft/if (a dev dependency)`);
    assert.ok(
      existsSync(join(ROOT, 'dist/if/index.js')),
      'dist/if/index.js is missing: build first (npm test does)',
    );
    // IF requires the plugin by package name from its own folder: NODE_PATH points at the shipped
    // folder holding `empreinte` (a link to this repository), as the README's command does.
    const result = spawnSync(
      process.execPath,
      [IF_RUN, '--manifest', MANIFEST, '--output', join(dir, 'out')],
      {
        encoding: 'utf8',
        env: { ...process.env, NODE_PATH: join(ROOT, 'examples/if/modules'), NO_COLOR: '1' },
        timeout: 120_000,
      },
    );
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    const out = parse(readFileSync(join(dir, 'out.yaml'), 'utf8')) as Manifest & {
      execution: { status: string };
    };
    assert.equal(out.execution.status, 'success');
    for (const name of Object.keys(manifest.tree.children)) {
      const expected = await runExample(name);
      const got = out.tree.children[name].outputs!;
      assert.equal(got.length, expected.length, name);
      for (const [i, row] of got.entries()) {
        for (const key of [
          'energy',
          'energy/low',
          'energy/high',
          'carbon-operational',
          'carbon-embodied',
          'carbon',
        ]) {
          if (expected[i][key] === undefined) assert.equal(row[key], undefined, `${name}[${i}].${key}`);
          else near(Number(row[key]), Number(expected[i][key]), `${name}[${i}].${key}`);
        }
      }
    }
  });
});
