import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFakeNvml } from '../../../../test/fixtures/fake-nvml/build.js';
import { render } from '../../../messages/index.js';
import { LIBRARY_NOT_FOUND, libraryFindable, loadNvml } from './bindings.js';
import { NvmlUnavailable, openNvml } from './index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** NVML reads its configuration at init from the process environment. */
function withEnv<T>(vars: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return run().finally(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}

/** Reads the counters, waits, reads again; the time between the two reads lies within [minS, maxS]. */
async function measure(
  sampler: ReturnType<Awaited<ReturnType<typeof openNvml>>['createSampler']>,
  ms: number,
) {
  sampler.read(performance.now());
  const beforeStart = performance.now();
  const energyStart = sampler.read(beforeStart).map((r) => r.energyJ);
  const afterStart = performance.now();
  await sleep(ms);
  const beforeEnd = performance.now();
  const end = sampler.read(beforeEnd);
  const afterEnd = performance.now();
  return { minS: (beforeEnd - afterStart) / 1000, maxS: (afterEnd - beforeStart) / 1000, energyStart, end };
}

describe('NVML sampler (fake libnvidia-ml compiled from C)', () => {
  const lib = buildFakeNvml();

  it('lists GPUs with name, UUID and power limit, and uses the energy counter where supported', () =>
    withEnv(
      {
        FAKE_NVML_GPUS: '2',
        FAKE_NVML_WATTS: '250',
        FAKE_NVML_ENERGY_COUNTER: '1',
        FAKE_NVML_LIMIT_W: '700',
      },
      async () => {
        const nvml = await openNvml(lib);
        assert.equal(nvml.devices.length, 2);
        assert.deepEqual(nvml.devices[1], {
          index: 1,
          name: 'NVIDIA H100 80GB HBM3',
          uuid: 'GPU-fa4e0000-0000-4000-8000-000000000001',
          powerLimitW: 700,
          counter: true,
        });
        const sampler = nvml.createSampler();
        assert.deepEqual(
          sampler.channels.map((c) => c.source),
          ['measured:nvml-counter', 'measured:nvml-counter'],
        );
        const { minS, maxS, energyStart, end } = await measure(sampler, 600);
        sampler.close();
        const joules = end[0].energyJ! - energyStart[0]!;
        // The counter is above 2^32 mJ: the 64-bit value must be read whole.
        assert.ok(end[0].energyJ! > 2 ** 32 / 1000);
        // The fake counts 250 W by the same monotonic clock: the energy lies between 250 W times
        // the shortest and the longest the reads can be apart (less a millijoule of counter step).
        assert.ok(
          joules >= 250 * minS - 0.001 && joules <= 250 * maxS + 0.001,
          `${joules} J vs ${250 * minS} to ${250 * maxS} J`,
        );
      },
    ));

  it('falls back to power usage where the counter is not supported, per GPU', () =>
    withEnv(
      {
        FAKE_NVML_GPUS: '3',
        FAKE_NVML_WATTS: '100',
        FAKE_NVML_WATTS_2: '300',
        FAKE_NVML_ENERGY_COUNTER: '0',
      },
      async () => {
        const nvml = await openNvml(lib);
        const sampler = nvml.createSampler([0, 2]);
        assert.deepEqual(
          sampler.channels.map((c) => [c.deviceIndex, c.source]),
          [
            [0, 'measured:nvml-power'],
            [2, 'measured:nvml-power'],
          ],
        );
        const readings = sampler.read(0);
        assert.deepEqual(
          readings.map((r) => [r.powerW, r.energyJ]),
          [
            [100, undefined],
            [300, undefined],
          ],
        );
        sampler.close();
      },
    ));

  it('says why and how to fix it when the library cannot be loaded or initialised', async () => {
    await assert.rejects(openNvml('/nonexistent/libnvidia-ml.so.1'), (error: unknown) => {
      assert.ok(error instanceof NvmlUnavailable);
      assert.match(error.message, /cannot load \/nonexistent\/libnvidia-ml\.so\.1/);
      assert.match(render(error.remedy), /EMPREINTE_NVML_LIB/);
      return true;
    });
    await withEnv({ FAKE_NVML_INIT_ERROR: '9' }, () =>
      assert.rejects(openNvml(lib), (error: unknown) => {
        assert.ok(error instanceof NvmlUnavailable);
        assert.match(error.message, /nvmlInit_v2 failed: Driver Not Loaded/);
        return true;
      }),
    );
  });

  it('tells a missing driver library without the FFI library, with the loader failure koffi gives', async () => {
    const { default: koffi } = await import('koffi');
    const loaderSays = (path: string) => {
      try {
        koffi.load(path);
        return 'loaded';
      } catch (error) {
        return (error as Error).message;
      }
    };
    for (const missing of ['/nonexistent/libnvidia-ml.so.1', 'libempreinte-no-such-library.so.1']) {
      assert.equal(libraryFindable(missing), false, missing);
      assert.equal(loaderSays(missing), LIBRARY_NOT_FOUND, missing);
      await assert.rejects(loadNvml(missing), { message: LIBRARY_NOT_FOUND });
    }
    // What the loader finds is left to the loader: a path to a file, a name in its cache or directories.
    assert.equal(libraryFindable(lib), true);
    if (process.platform === 'linux') {
      assert.notEqual(libraryFindable('libc.so.6'), false);
      assert.equal(loaderSays('libc.so.6'), 'loaded');
      const dir = lib.slice(0, lib.lastIndexOf('/'));
      const name = lib.slice(lib.lastIndexOf('/') + 1);
      assert.equal(libraryFindable(name, { LD_LIBRARY_PATH: `/nonexistent:${dir}` }), true);
    }
  });
});
