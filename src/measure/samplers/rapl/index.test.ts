import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  createFakePowercap,
  makeRootOnly,
  startCounterWriter,
  withoutFileCapabilities,
  writerTolerance,
} from '../../../../test/fixtures/powercap/index.js';
import { render } from '../../../messages/index.js';
import { createRaplSampler, probeRapl } from './index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const writeCounter = (path: string, value: number) => writeFileSync(path, `${value}\n`);

describe('RAPL sampler', () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('finds every package and its dram subdomain, and skips core and psys', () => {
    const fake = createFakePowercap([{ watts: 100, dramWatts: 10 }, { watts: 80 }], { psys: true });
    dirs.push(fake.root);
    const probe = probeRapl(fake.root);
    assert.equal(probe.problem, undefined);
    assert.deepEqual(
      probe.domains.map((d) => [d.kind, d.packageIndex]),
      [
        ['package', 0],
        ['package', 1],
        ['dram', 0],
      ],
    );
    const sampler = createRaplSampler(probe.domains);
    assert.deepEqual(
      sampler.channels.map((c) => [c.component, c.name, c.source]),
      [
        ['cpu', 'package-0', 'measured:rapl'],
        ['cpu', 'package-1', 'measured:rapl'],
        ['ram', 'dram (package-0)', 'measured:rapl'],
      ],
    );
    sampler.close();
  });

  it('unwraps the counter at max_energy_range_uj', () => {
    const fake = createFakePowercap([{ watts: 1, maxEnergyRangeUj: 1_000_000, startUj: 990_000 }]);
    dirs.push(fake.root);
    const [file] = fake.energyFiles;
    writeCounter(file, 990_000);
    const sampler = createRaplSampler(probeRapl(fake.root).domains);
    assert.equal(sampler.read(0)[0].energyJ, 0);
    writeCounter(file, 999_000);
    assert.ok(Math.abs(sampler.read(1)[0].energyJ! - 0.009) < 1e-12);
    writeCounter(file, 10_000); // wrapped: 1_000 µJ to the top, then 10_000: 11_000 µJ more
    assert.ok(Math.abs(sampler.read(2)[0].energyJ! - 0.02) < 1e-12);
    sampler.close();
  });

  it('measures the known energy of counters advancing with the clock, across wraps', async () => {
    // 50 W with a 20 J range: the counter wraps every 0.4 s.
    const fake = createFakePowercap([
      { watts: 50, dramWatts: 5, maxEnergyRangeUj: 20_000_000, startUj: 19_000_000 },
    ]);
    dirs.push(fake.root);
    const writer = await startCounterWriter(fake.counters);
    try {
      const sampler = createRaplSampler(probeRapl(fake.root).domains);
      const t0 = performance.now();
      const first = sampler.read(t0).map((r) => r.energyJ!);
      for (let i = 0; i < 15; i++) {
        await sleep(100);
        sampler.read(performance.now());
      }
      const last = sampler.read(performance.now()).map((r) => r.energyJ!);
      const seconds = (performance.now() - t0) / 1000;
      sampler.close();
      const pkg = last[0] - first[0];
      const dram = last[1] - first[1];
      assert.ok(
        Math.abs(pkg - 50 * seconds) / (50 * seconds) < writerTolerance(seconds),
        `package ${pkg} J vs ${50 * seconds} J`,
      );
      assert.ok(
        Math.abs(dram - 5 * seconds) / (5 * seconds) < writerTolerance(seconds),
        `dram ${dram} J vs ${5 * seconds} J`,
      );
    } finally {
      writer.stop();
    }
  });

  it('reads in between when the interval is longer than the counter can go without wrapping twice', async () => {
    // 100 W with a 20 J range wraps every 0.2 s; the tracker reads once in 1.2 s.
    const fake = createFakePowercap([{ watts: 100, maxEnergyRangeUj: 20_000_000, startUj: 5_000_000 }]);
    dirs.push(fake.root);
    const writer = await startCounterWriter(fake.counters);
    try {
      const sampler = createRaplSampler(probeRapl(fake.root).domains, 1.2);
      const t0 = performance.now();
      const first = sampler.read(t0)[0].energyJ!;
      await sleep(1200);
      const last = sampler.read(performance.now())[0].energyJ!;
      const seconds = (performance.now() - t0) / 1000;
      sampler.close();
      assert.ok(
        Math.abs(last - first - 100 * seconds) / (100 * seconds) < writerTolerance(seconds),
        `${last - first} J vs ${100 * seconds} J`,
      );
    } finally {
      writer.stop();
    }
  });

  it('reports a missing powercap tree with a fix', () => {
    const probe = probeRapl('/nonexistent/powercap');
    assert.equal(probe.domains.length, 0);
    assert.match(render(probe.problem!), /does not exist/);
    assert.match(render(probe.fix!), /modprobe/);
  });

  // Since the CVE-2020-8694 fix, energy_uj is readable by root only. The probe runs in a child
  // process that cannot bypass file modes (see makeRootOnly): the kernel refuses with EACCES.
  it('reports root-only energy counters once, with the chmod fix', () => {
    const fake = createFakePowercap([{ watts: 100, dramWatts: 10 }]);
    dirs.push(fake.root);
    makeRootOnly(fake.energyFiles);
    const module = fileURLToPath(new URL('./index.ts', import.meta.url));
    const script = `import { probeRapl } from ${JSON.stringify(module)}; console.log(JSON.stringify(probeRapl(${JSON.stringify(fake.root)})));`;
    const [command, args] = withoutFileCapabilities(process.execPath, [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      script,
    ]);
    const result = spawnSync(command, args, { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const probe = JSON.parse(result.stdout);
    assert.equal(probe.domains.length, 0);
    assert.deepEqual(probe.unreadable, fake.energyFiles);
    assert.match(render(probe.problem), /CVE-2020-8694/);
    assert.match(render(probe.fix), /sudo chmod o\+r .*energy_uj/);
  });
});
