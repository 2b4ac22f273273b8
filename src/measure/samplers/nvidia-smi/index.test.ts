import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FAKE_NVIDIA_SMI } from '../../../../test/fixtures/fake-nvml/build.js';
import { render } from '../../../messages/index.js';
import { createNvidiaSmiSampler, listGpusWithNvidiaSmi, NvidiaSmiUnavailable } from './index.js';

describe('nvidia-smi sampler (fake nvidia-smi script)', () => {
  it('lists GPUs and streams power.draw for the selected ones', async () => {
    process.env.FAKE_SMI_GPUS = '3';
    process.env.FAKE_SMI_WATTS = '212.5';
    try {
      const gpus = listGpusWithNvidiaSmi(FAKE_NVIDIA_SMI);
      assert.deepEqual(
        gpus.map((g) => [g.index, g.name, g.powerLimitW]),
        [
          [0, 'NVIDIA A100-SXM4-40GB', 400],
          [1, 'NVIDIA A100-SXM4-40GB', 400],
          [2, 'NVIDIA A100-SXM4-40GB', 400],
        ],
      );
      const sampler = await createNvidiaSmiSampler([gpus[0], gpus[2]], 0.1, FAKE_NVIDIA_SMI);
      assert.deepEqual(
        sampler.channels.map((c) => [c.deviceIndex, c.source]),
        [
          [0, 'measured:nvidia-smi'],
          [2, 'measured:nvidia-smi'],
        ],
      );
      assert.deepEqual(
        sampler.read(0).map((r) => r.powerW),
        [212.5, 212.5],
      );
      sampler.close();
    } finally {
      delete process.env.FAKE_SMI_GPUS;
      delete process.env.FAKE_SMI_WATTS;
    }
  });

  it('says what failed when nvidia-smi is missing or cannot reach the driver', () => {
    assert.throws(
      () => listGpusWithNvidiaSmi('/nonexistent/nvidia-smi'),
      (error: unknown) => {
        assert.ok(error instanceof NvidiaSmiUnavailable);
        assert.match(error.message, /not found/);
        assert.match(render(error.remedy), /EMPREINTE_NVIDIA_SMI/);
        return true;
      },
    );
    process.env.FAKE_SMI_FAIL = '1';
    try {
      assert.throws(
        () => listGpusWithNvidiaSmi(FAKE_NVIDIA_SMI),
        /couldn't communicate with the NVIDIA driver/,
      );
    } finally {
      delete process.env.FAKE_SMI_FAIL;
    }
  });
});
