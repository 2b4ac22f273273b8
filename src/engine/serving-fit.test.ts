import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveHardware } from '../catalog/hardware.js';
import {
  ACCELERATOR_RESIDUALS,
  SERVING_COEFFICIENTS,
  SERVING_MODEL_VARIANT,
} from '../catalog/inference-defaults.js';
import { SERVING_EVIDENCE } from '../catalog/serving-evidence.js';
import {
  asServed,
  evidencePoints,
  fitServing,
  leaveOneFamilyOut,
  nelderMead,
  nestedLeaveOneFamilyOut,
  predict,
  SERVING_VARIANTS,
  selectVariant,
} from './serving-fit.js';
import { conformalLogInterval } from './uncertainty.js';

const rows = evidencePoints(SERVING_EVIDENCE);

describe('serving evidence', () => {
  it('cites a published data file for every set-up and holds physically possible figures', () => {
    assert.ok(SERVING_EVIDENCE.length >= 100 && rows.length >= 500);
    for (const e of SERVING_EVIDENCE) {
      assert.match(e.source.citation, /ML\.ENERGY.*(public\/data\/models\/|data\/llm_text_generation\/)/);
      const hw = resolveHardware(e.hardware, 'hardware').entry;
      for (const [batch, outputTokens, energyJ, stepMs, powerW] of e.points) {
        assert.ok(batch >= 1 && outputTokens > 0 && energyJ > 0 && stepMs > 0);
        assert.ok(powerW > 0 && powerW <= hw.tdpW * 1.05, `${e.model} on ${e.hardware}: ${powerW} W`);
        // Energy ≈ GPUs × power × time of the response (prefill included in the step time), within 25%.
        const implied = (e.gpus * powerW * (stepMs / 1000) * outputTokens) / batch;
        assert.ok(Math.abs(Math.log(implied / energyJ)) < Math.log(1.25), `${e.model} batch ${batch}`);
      }
    }
  });

  it('states key-value heads that agree with the KV cache, and the served state where there is one', () => {
    for (const e of SERVING_EVIDENCE) {
      if (e.stateBytesPerSequence !== undefined) {
        // Hybrids: only a few attention layers cache keys and values; the rest keep a fixed state.
        assert.equal(e.family, 'nemotron-h');
        assert.ok(e.stateBytesPerSequence > 1e8 && e.stateBytesPerSequence < 2e8, `${e.model}`);
        continue;
      }
      // Per layer: keys and values of 16 bits over the heads (head sizes 64 to 256), or one 576-wide latent.
      const perHead = e.kvBytesPerToken / (e.layers * e.kvHeads);
      assert.ok([256, 384, 512, 1024, 1152].includes(perHead), `${e.model}: ${perHead} bytes per head`);
      assert.equal(perHead === 1152, e.family === 'deepseek-v3', `${e.model}: latent attention`);
      if (e.paramsActiveB < e.paramsTotalB)
        assert.ok(e.moeLayers! > 0 && e.moeLayers! <= e.layers, `${e.model}`);
      else assert.equal(e.moeLayers, undefined);
    }
  });

  it('reads the set-up as served only for the variant that asks for it', () => {
    const deepseek = rows.find((r) => r.family === 'deepseek-v3' && r.gpus === 8)!;
    const dataParallel = rows.find(
      (r) => r.id.startsWith('Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8') && r.gpus === 8,
    )!;
    const nemotron = rows.find((r) => r.family === 'nemotron-h')!;
    const on = { ...SERVING_MODEL_VARIANT, servedMemory: true };
    const off = { ...SERVING_MODEL_VARIANT, servedMemory: false };
    assert.equal(asServed(deepseek, off), deepseek);
    assert.equal(deepseek.point.kvCopies, 1);
    assert.equal(asServed(deepseek, on).point.kvCopies, 8, 'the latent cache on each of the 8 GPUs');
    assert.equal(asServed(dataParallel, on).point.kvCopies, 1, 'data-parallel attention: one cache');
    assert.equal(asServed(dataParallel, on).point.sharedWeightCopies, 8);
    assert.ok(asServed(nemotron, on).point.stateBytesPerSequence > 1e8);
    assert.equal(nemotron.point.stateBytesPerSequence, 0);
    assert.ok(
      predict(asServed(nemotron, on), SERVING_COEFFICIENTS).stepS >
        predict(nemotron, SERVING_COEFFICIENTS).stepS,
    );
  });
});

describe('fitting the serving model', () => {
  it('minimises with Nelder–Mead (Rosenbrock’s valley)', () => {
    const { x } = nelderMead((v) => (1 - v[0]) ** 2 + 100 * (v[1] - v[0] ** 2) ** 2, [-1.2, 1], {
      maxEvaluations: 5000,
      tolerance: 1e-14,
    });
    assert.ok(Math.abs(x[0] - 1) < 1e-3 && Math.abs(x[1] - 1) < 1e-3, `${x}`);
  });

  it('ships the coefficients a fresh fit on the evidence gives', () => {
    const fit = fitServing(rows);
    for (const [key, value] of Object.entries(fit)) {
      const stored = SERVING_COEFFICIENTS[key as keyof typeof fit];
      if (stored === 0) assert.equal(value, 0, `${key}: a refinement that is off`);
      else assert.ok(Math.abs(value / stored - 1) < 0.01, `${key}: fitted ${value}, shipped ${stored}`);
    }
  });

  it('estimates today’s engine better than the unfitted datasheet-level guesses did', () => {
    const guess = {
      ...SERVING_COEFFICIENTS,
      bandwidthFraction: 0.6,
      kvBandwidthFraction: 0.6,
      computeUtilisation: 0.4,
      prefillUtilisation: 0.4,
      layerOverheadS: 0,
      perSequenceS: 0,
      commPerLayerS: 0,
      memoryBoundPowerFraction: 0.65,
      computeBoundPowerFraction: 0.95,
      sequencePowerFraction: 0.65,
      fixedPowerFraction: 0.65,
    };
    const medianAbsLog = (c: typeof guess) => {
      const e = rows
        .filter((r) => r.fitted)
        .map((r) => Math.abs(Math.log(predict(asServed(r, SERVING_MODEL_VARIANT), c).energyJ / r.energyJ)))
        .sort((a, b) => a - b);
      return e[Math.floor(e.length / 2)];
    };
    assert.ok(medianAbsLog(SERVING_COEFFICIENTS) < medianAbsLog(guess));
  });
});

describe('ranges from errors on unseen model families', () => {
  const lofo = leaveOneFamilyOut(rows);

  it('ships the conformal interval of the leave-one-family-out residuals', () => {
    const interval = conformalLogInterval(
      lofo.map((r) => r.residual),
      0.9,
    );
    assert.equal(interval.n, ACCELERATOR_RESIDUALS.n);
    assert.ok(Math.abs(interval.low - ACCELERATOR_RESIDUALS.low) < 0.01, `low ${interval.low}`);
    assert.ok(Math.abs(interval.high - ACCELERATOR_RESIDUALS.high) < 0.01, `high ${interval.high}`);
  });

  it('covers at least 85% of a family’s points with a 90% range built without that family', () => {
    let inside = 0;
    for (const family of new Set(lofo.map((r) => r.group))) {
      const i = conformalLogInterval(
        lofo.filter((o) => o.group !== family).map((o) => o.residual),
        0.9,
      );
      inside += lofo.filter((r) => r.group === family && r.residual >= i.low && r.residual <= i.high).length;
    }
    assert.ok(inside / lofo.length >= 0.85, `coverage ${(inside / lofo.length).toFixed(3)}`);
    assert.ok(Math.exp(ACCELERATOR_RESIDUALS.high - ACCELERATOR_RESIDUALS.low) <= 3.2, 'range high/low');
  });
});

describe('choosing among the model variants', () => {
  it('offers every combination of the five refinements once', () => {
    assert.equal(new Set(SERVING_VARIANTS.map((v) => JSON.stringify(v))).size, 32);
  });

  it('ties a refinement that is off to its plain counterpart', () => {
    const plain = fitServing(
      rows.filter((r) => r.family === 'llama-4' || r.family === 'gpt-oss'),
      {
        kvBandwidth: false,
        sequencePower: false,
        fixedPower: false,
        servedMemory: false,
        moeOverhead: false,
      },
    );
    assert.equal(plain.kvBandwidthFraction, plain.bandwidthFraction);
    assert.equal(plain.sequencePowerFraction, plain.memoryBoundPowerFraction);
    assert.equal(plain.fixedPowerFraction, plain.memoryBoundPowerFraction);
    assert.equal(plain.moeLayerOverheadS, 0, 'no time of its own for a mixture-of-experts layer');
  });

  it('ships the variant leave-one-family-out prefers on all the evidence', () => {
    assert.deepEqual(selectVariant(rows), SERVING_MODEL_VARIANT);
  });

  it('chooses the variant without the family it is judged on (nested cross-validation)', () => {
    const few = rows.filter((r) => ['deepseek-v3', 'llama-4', 'gpt-oss', 'mixtral'].includes(r.family));
    const { residuals, chosen } = nestedLeaveOneFamilyOut(few);
    assert.equal(residuals.length, few.length);
    for (const family of ['deepseek-v3', 'llama-4', 'gpt-oss', 'mixtral']) {
      const others = few.filter((r) => r.family !== family);
      const variant = selectVariant(others);
      assert.deepEqual(chosen.get(family), variant, family);
      // The family's residuals are those of that variant fitted on the other families alone.
      const fit = fitServing(others, variant);
      for (const r of residuals.filter((o) => o.group === family))
        assert.ok(Math.abs(r.residual - Math.log(r.row.energyJ / predict(r.row, fit).energyJ)) < 1e-12);
    }
  });
});
