import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  commPerStepS,
  computeInference,
  createInferenceOutput,
  decodeStep,
  type InferencePoint,
  memoryNeededBytes,
  sequenceBytesPerStep,
  weightBytesReadPerStep,
} from './inference-kernel.js';

/** An 8B dense model on an H100-like chip (figures as in its datasheet), a pure roofline (no engine overheads). */
const base: InferencePoint = {
  paramsTotal: 8e9,
  paramsActive: 8e9,
  weightBytesPerParam: 2,
  kvBytesPerToken: 131_072,
  kvCopies: 1,
  stateBytesPerSequence: 0,
  sharedWeightCopies: 1,
  gpus: 1,
  layers: 32,
  moeLayers: 0,
  expertShare: 1,
  peakFlopS: 989e12,
  memoryBandwidthBytesS: 3.35e12,
  tdpW: 700,
  idleW: 140,
  batch: 8,
  inputTokens: 500,
  cachedInputTokens: 0,
  cacheCostFraction: 0.1,
  outputTokens: 250,
  computeUtilisation: 0.4,
  prefillUtilisation: 0.4,
  bandwidthFraction: 0.6,
  kvBandwidthFraction: 0.6,
  layerOverheadS: 0,
  moeLayerOverheadS: 0,
  perSequenceS: 0,
  commPerLayerS: 0,
  acceleratorFactor: 1,
  memoryBoundPowerFraction: 0.65,
  computeBoundPowerFraction: 0.95,
  sequencePowerFraction: 0.65,
  fixedPowerFraction: 0.65,
  hostOverhead: 0.43,
  pue: 1.2,
};
const run = (change: Partial<InferencePoint> = {}, batch?: number) =>
  computeInference({ ...base, ...change }, createInferenceOutput(), batch);

describe('prefill and decode', () => {
  it('charges prefill to input tokens and decode to output tokens', () => {
    const a = run();
    const moreInput = run({ inputTokens: 1000 });
    const moreOutput = run({ outputTokens: 500 });
    assert.ok(
      Math.abs(moreInput.prefillJ / a.prefillJ - 2) < 1e-9,
      'prefill energy is proportional to input tokens',
    );
    assert.ok(moreInput.decodeJ > a.decodeJ, 'a longer context makes decode steps read more KV cache');
    assert.ok(moreInput.decodeJ < a.decodeJ * 1.1, '...but only a little at this batch');
    assert.equal(moreOutput.prefillJ, a.prefillJ);
    assert.ok(moreOutput.decodeJ > 1.9 * a.decodeJ, 'decode energy grows with output tokens');
    // Prefill is compute-bound: 2 · N_active FLOP per token at the utilisation.
    assert.ok(Math.abs(a.prefillS - (2 * 8e9 * 500) / (989e12 * 0.4)) < 1e-12);
    assert.equal(a.acceleratorJ, a.prefillJ + a.decodeJ);
  });

  it('is memory-bound at small batch: step time follows weight bytes, not batch', () => {
    const b1 = decodeStep(base, 1).stepS;
    const b8 = decodeStep(base, 8).stepS;
    assert.ok(b8 / b1 < 1.1, `step at batch 8 (${b8}) should be within 10% of batch 1 (${b1})`);
    const int8 = decodeStep({ ...base, weightBytesPerParam: 1 }, 1).stepS;
    assert.ok(Math.abs(b1 / int8 - 2) < 0.05, 'halving the weight bytes halves the step');
    assert.ok(decodeStep(base, 1).computeShare < 0.05);
    // So energy per request falls almost as 1/batch.
    const perRequest1 = run({}, 1).decodeJ;
    const perRequest8 = run({}, 8).decodeJ;
    assert.ok(
      perRequest1 / perRequest8 > 6,
      `batching 8 requests should cut decode energy per request > 6×, got ${perRequest1 / perRequest8}`,
    );
  });

  it('becomes compute-bound at large batch and then stops gaining from batching', () => {
    const huge = decodeStep({ ...base, kvBytesPerToken: 0 }, 4096);
    assert.equal(huge.computeShare, 1);
    const j2048 = run({ kvBytesPerToken: 0 }, 2048).decodeJ;
    const j4096 = run({ kvBytesPerToken: 0 }, 4096).decodeJ;
    assert.ok(
      Math.abs(j2048 / j4096 - 1) < 0.01,
      'compute-bound decode costs the same per token whatever the batch',
    );
  });

  it('keeps accelerator power between idle and TDP, higher in prefill than in memory-bound decode', () => {
    const a = run();
    assert.ok(a.decodePowerW > base.idleW && a.decodePowerW < base.tdpW);
    assert.ok(a.prefillPowerW > a.decodePowerW && a.prefillPowerW <= base.tdpW);
  });

  it('adds host and facility on top of the accelerator, so GPU-only figures can be compared', () => {
    const a = run();
    assert.ok(Math.abs(a.hostJ - 0.43 * a.acceleratorJ) < 1e-9);
    assert.ok(Math.abs(a.facilityJ - 0.2 * (a.acceleratorJ + a.hostJ)) < 1e-9);
    assert.ok(Math.abs(a.totalJ - (a.acceleratorJ + a.hostJ + a.facilityJ)) < 1e-9);
  });
});

describe('engine overheads and split replicas', () => {
  it('adds a per-layer, a per-sequence and, on a split replica, a per-layer collective time to every step', () => {
    const plain = decodeStep(base, 16).stepS;
    const engine = { ...base, layerOverheadS: 1e-4, perSequenceS: 5e-5, commPerLayerS: 3e-5 };
    assert.ok(Math.abs(decodeStep(engine, 16).stepS - (plain + 32 * 1e-4 + 16 * 5e-5)) < 1e-12);
    assert.equal(commPerStepS(engine), 0, 'one accelerator: no collectives');
    // Four accelerators share the reads; each layer's all-reduce costs two latency steps (log2 4).
    const split = { ...engine, gpus: 4 };
    assert.ok(Math.abs(commPerStepS(split) - 32 * 3e-5 * 2) < 1e-15);
    const memoryS = (16e9 + 16 * 750 * 131_072 * 0.5) / 4;
    assert.ok(
      decodeStep(split, 16).stepS > memoryS / (3.35e12 * 0.6),
      'collectives keep a split step above its share of the reads',
    );
    assert.ok(decodeStep(split, 16).stepS > decodeStep(engine, 16).stepS / 4 + commPerStepS(split) * 0.99);
  });

  it('reads the KV cache at its own achieved bandwidth', () => {
    const batch = 64;
    const kvBytes = batch * 625 * 131_072; // context: 500 input + half of 250 output tokens
    const slower = { ...base, kvBandwidthFraction: 0.3 };
    const extraS = kvBytes / (3.35e12 * 0.3) - kvBytes / (3.35e12 * 0.6);
    assert.ok(Math.abs(decodeStep(slower, batch).stepS - decodeStep(base, batch).stepS - extraS) < 1e-12);
    // The weights' fraction leaves the KV reads alone.
    const weightsOnly = { ...base, bandwidthFraction: 0.3 };
    const weightExtraS = 16e9 / (3.35e12 * 0.3) - 16e9 / (3.35e12 * 0.6);
    assert.ok(
      Math.abs(decodeStep(weightsOnly, batch).stepS - decodeStep(base, batch).stepS - weightExtraS) < 1e-12,
    );
  });

  it('draws power as the time-weighted mean of each part of the step', () => {
    const engine = { ...base, layerOverheadS: 1e-4, perSequenceS: 5e-5, commPerLayerS: 3e-5, gpus: 2 };
    const batch = 16;
    const tied = decodeStep(engine, batch);
    // Overheads at the memory-bound fraction: the plain interpolation by compute share.
    const plain = 0.65 + (0.95 - 0.65) * tied.computeShare;
    assert.ok(Math.abs(tied.powerFraction - plain) < 1e-12);
    const own = decodeStep({ ...engine, sequencePowerFraction: 0.9, fixedPowerFraction: 0.2 }, batch);
    assert.equal(own.stepS, tied.stepS, 'power fractions do not change time');
    const sequenceS = 5e-5 * batch;
    const fixedS = 32 * 1e-4 + commPerStepS(engine);
    const expected = plain + ((0.9 - 0.65) * sequenceS + (0.2 - 0.65) * fixedS) / tied.stepS;
    assert.ok(Math.abs(own.powerFraction - expected) < 1e-12);
    const energy = computeInference(
      { ...engine, sequencePowerFraction: 0.9, fixedPowerFraction: 0.2 },
      createInferenceOutput(),
      batch,
    );
    assert.ok(Math.abs(energy.decodePowerW - (140 + 560 * expected)) < 1e-9);
  });

  it('scales accelerator energy (not time) by the drawn model-error factor', () => {
    const a = run();
    const b = run({ acceleratorFactor: 1.5 });
    assert.ok(Math.abs(b.acceleratorJ / a.acceleratorJ - 1.5) < 1e-12);
    assert.equal(b.replicaS, a.replicaS);
  });
});

describe('prompt caching and mixture-of-experts', () => {
  it('charges cached prefix tokens a fraction of a fresh token', () => {
    const fresh = run({ inputTokens: 2000 });
    const cached = run({ inputTokens: 500, cachedInputTokens: 1500 });
    assert.ok(cached.prefillJ < fresh.prefillJ);
    const expected = (500 + 1500 * 0.1) / 2000;
    assert.ok(Math.abs(cached.prefillJ / fresh.prefillJ - expected) < 1e-9);
    // The cached tokens are still context: decode reads their KV cache.
    assert.ok(Math.abs(cached.decodeJ - fresh.decodeJ) < 1e-9);
  });

  it('reads only the active experts at batch 1 and nearly all of them at large batch', () => {
    const moe = {
      ...base,
      paramsTotal: 117e9,
      paramsActive: 5.1e9,
      expertShare: 5.1 / 117,
      weightBytesPerParam: 0.5,
    };
    assert.ok(Math.abs(weightBytesReadPerStep(moe, 1) - 5.1e9 * 0.5) < 1);
    assert.ok(weightBytesReadPerStep(moe, 8) > weightBytesReadPerStep(moe, 1));
    assert.ok(weightBytesReadPerStep(moe, 512) > 0.99 * 117e9 * 0.5);
    assert.equal(weightBytesReadPerStep(base, 3), 8e9 * 2);
  });

  it('reads the expected number of routed experts, E · (1 − (1 − k/E)^B), beside the shared weights', () => {
    // gpt-oss-120b-like: 117B total, 5.1B active, 4 of 128 experts per token, 1-byte weights.
    const moe = {
      ...base,
      paramsTotal: 117e9,
      paramsActive: 5.1e9,
      expertShare: 4 / 128,
      weightBytesPerParam: 1,
    };
    const routed = (117e9 - 5.1e9) / (1 - 4 / 128);
    const perExpert = routed / 128;
    const shared = 117e9 - routed;
    assert.ok(
      Math.abs(weightBytesReadPerStep(moe, 1) - 5.1e9) < 1,
      'one token reads exactly the active parameters',
    );
    for (const batch of [8, 64, 256]) {
      const experts = 128 * (1 - (1 - 4 / 128) ** batch);
      const expected = shared + experts * perExpert;
      assert.ok(Math.abs(weightBytesReadPerStep(moe, batch) / expected - 1) < 1e-12, `batch ${batch}`);
    }
    // At batch 64 most experts are touched: far more than k per token, which a k-only model would read.
    assert.ok(weightBytesReadPerStep(moe, 64) > 10 * weightBytesReadPerStep(moe, 1));
  });

  it('sizes memory for the weights plus the KV cache of a full batch at its longest context', () => {
    assert.equal(memoryNeededBytes(base), 16e9 + 8 * 750 * 131_072);
    // ...with every copy of the cache and each sequence's recurrent state.
    assert.equal(
      memoryNeededBytes({ ...base, kvCopies: 2, stateBytesPerSequence: 1e8 }),
      16e9 + 8 * (750 * 131_072 * 2 + 1e8),
    );
  });
});

describe('memory as the architecture is served', () => {
  const memoryS = (p: InferencePoint, batch: number) => {
    const context = p.cachedInputTokens + p.inputTokens + p.outputTokens / 2;
    return (
      weightBytesReadPerStep(p, batch) / (p.gpus * p.memoryBandwidthBytesS * p.bandwidthFraction) +
      (batch * sequenceBytesPerStep(p, context)) / (p.gpus * p.memoryBandwidthBytesS * p.kvBandwidthFraction)
    );
  };

  it('reads and writes back each sequence’s recurrent state every step, whatever the context', () => {
    const hybrid = { ...base, stateBytesPerSequence: 1.5e8 };
    assert.equal(sequenceBytesPerStep(hybrid, 1000), 1000 * 131_072 + 3e8);
    assert.equal(sequenceBytesPerStep(hybrid, 0), 3e8, 'a fixed state, not a growing cache');
    const added = decodeStep(hybrid, 64).stepS - decodeStep(base, 64).stepS;
    const expected = (64 * 3e8) / (3.35e12 * 0.6);
    assert.ok(Math.abs(added / expected - 1) < 1e-9, `${added} s against ${expected} s`);
    assert.ok(Math.abs(decodeStep(hybrid, 64).stepS - memoryS(hybrid, 64)) < 1e-12);
  });

  it('reads every copy of the KV cache that a split replica keeps', () => {
    const split = { ...base, gpus: 8, inputTokens: 4000 };
    assert.equal(sequenceBytesPerStep({ ...split, kvCopies: 8 }, 100), 8 * sequenceBytesPerStep(split, 100));
    assert.ok(decodeStep({ ...split, kvCopies: 8 }, 64).stepS > decodeStep(split, 64).stepS);
  });

  it('reads the weights outside the routed experts once per data-parallel copy, the experts once', () => {
    const moe = { ...base, paramsTotal: 117e9, paramsActive: 5.1e9, expertShare: 4 / 128 };
    const routed = (117e9 - 5.1e9) / (1 - 4 / 128);
    const shared = (117e9 - routed) * 2;
    const copies = { ...moe, sharedWeightCopies: 4 };
    for (const batch of [1, 64]) {
      assert.ok(
        Math.abs(weightBytesReadPerStep(copies, batch) - weightBytesReadPerStep(moe, batch) - 3 * shared) < 1,
      );
    }
    assert.equal(weightBytesReadPerStep({ ...base, sharedWeightCopies: 2 }, 8), 2 * 16e9);
  });

  it('adds a fixed time per mixture-of-experts layer to every step', () => {
    const moe = { ...base, moeLayers: 24, moeLayerOverheadS: 4e-5 };
    const added = decodeStep(moe, 16).stepS - decodeStep(base, 16).stepS;
    assert.ok(Math.abs(added - 24 * 4e-5) < 1e-12);
    assert.equal(decodeStep({ ...base, moeLayers: 24 }, 16).stepS, decodeStep(base, 16).stepS);
  });
});
