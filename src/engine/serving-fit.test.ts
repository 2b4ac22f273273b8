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
  nestedStacked,
  predict,
  projectOntoSimplex,
  SERVING_VARIANTS,
  selectVariant,
  setCoefficients,
  stackingWeights,
  stackVariants,
} from './serving-fit.js';
import { calibrateRange, candidateById, rangeFor, selectRange } from './serving-range.js';

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

  it('sets every coefficient on a point at each evaluation of a fit', () => {
    const { source: _source, ...coefficients } = SERVING_COEFFICIENTS;
    const point = { ...rows[0].point };
    const blank = Object.fromEntries(Object.keys(coefficients).map((k) => [k, Number.NaN]));
    setCoefficients(Object.assign(point, blank), coefficients);
    for (const [key, value] of Object.entries(coefficients))
      assert.equal(point[key as keyof typeof point], value, key);
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
  const lofo = leaveOneFamilyOut(rows).map((r) => ({
    ...r,
    condition: { moe: r.row.moe, gpus: r.row.gpus, batch: r.row.batch },
  }));

  it('ships the range the interval score chooses, calibrated on the leave-one-family-out residuals', () => {
    const chosen = selectRange(lofo);
    assert.equal(chosen.id, ACCELERATOR_RESIDUALS.cells);
    const c = calibrateRange(lofo, chosen);
    assert.equal(c.normalised.n, ACCELERATOR_RESIDUALS.n);
    const near = (a: number, b: number, what: string) =>
      assert.ok(Math.abs(a / b - 1) < 0.01, `${what}: ${a}`);
    near(c.normalised.low, ACCELERATOR_RESIDUALS.low, 'low');
    near(c.normalised.high, ACCELERATOR_RESIDUALS.high, 'high');
    near(c.pooledScale, ACCELERATOR_RESIDUALS.pooledScale, 'pooled scale');
    for (const [cell, scale] of Object.entries(ACCELERATOR_RESIDUALS.scales))
      near(c.scales[cell], scale, `scale of ${cell}`);
    // Each cell's own interval where the choice is Mondrian, and only then.
    assert.deepEqual(
      Object.keys(ACCELERATOR_RESIDUALS.byCell).sort(),
      Object.keys(c.cellIntervals ?? {}).sort(),
    );
    for (const [cell, own] of Object.entries(c.cellIntervals ?? {})) {
      near(own.low, ACCELERATOR_RESIDUALS.byCell[cell].low, `low of ${cell}`);
      near(own.high, ACCELERATOR_RESIDUALS.byCell[cell].high, `high of ${cell}`);
    }
  });

  it('covers at least 85% of a family’s points with a 90% range built without that family', () => {
    let inside = 0;
    const chosen = candidateById(ACCELERATOR_RESIDUALS.cells);
    for (const family of new Set(lofo.map((r) => r.group))) {
      const c = calibrateRange(
        lofo.filter((o) => o.group !== family),
        chosen,
      );
      for (const r of lofo.filter((o) => o.group === family)) {
        const i = rangeFor(c, r.condition);
        if (r.residual >= i.low && r.residual <= i.high) inside++;
      }
    }
    assert.ok(inside / lofo.length >= 0.85, `coverage ${(inside / lofo.length).toFixed(3)}`);
    const width = (cell: keyof typeof ACCELERATOR_RESIDUALS.scales) =>
      Math.exp((ACCELERATOR_RESIDUALS.high - ACCELERATOR_RESIDUALS.low) * ACCELERATOR_RESIDUALS.scales[cell]);
    assert.ok(width('one') <= 3, `one GPU: high/low ${width('one')}`);
    assert.ok(width('split') > width('one') && width('split') <= 4, `several GPUs: ${width('split')}`);
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
    const { residuals, chosen, inner } = nestedLeaveOneFamilyOut(few);
    assert.equal(residuals.length, few.length);
    for (const family of ['deepseek-v3', 'llama-4', 'gpt-oss', 'mixtral']) {
      const others = few.filter((r) => r.family !== family);
      const variant = selectVariant(others);
      assert.deepEqual(chosen.get(family), variant, family);
      // The family's residuals are those of that variant fitted on the other families alone.
      const fit = fitServing(others, variant);
      for (const r of residuals.filter((o) => o.group === family))
        assert.ok(Math.abs(r.residual - Math.log(r.row.energyJ / predict(r.row, fit).energyJ)) < 1e-12);
      // What a range for it may be calibrated on: the other families only, each predicted without itself.
      const calibration = inner.get(family)!;
      assert.equal(calibration.length, others.length);
      assert.ok(calibration.every((o) => o.group !== family));
      const g = calibration[0];
      const without = fitServing(
        others.filter((r) => r.family !== g.group),
        variant,
      );
      assert.ok(
        Math.abs(g.residual - Math.log(g.row.energyJ / predict(asServed(g.row, variant), without).energyJ)) <
          1e-12,
      );
    }
  });
});

describe('stacking the variants rather than choosing one', () => {
  it('projects onto the simplex', () => {
    assert.deepEqual(Array.from(projectOntoSimplex([2, 0, 0])), [1, 0, 0]);
    const w = Array.from(projectOntoSimplex([0.5, 0.2, -0.3]));
    assert.ok(Math.abs(w[0] - 0.65) < 1e-12 && Math.abs(w[1] - 0.35) < 1e-12 && w[2] === 0, `${w}`);
  });

  it('weighs two predictors biased alike in opposite directions equally, and drops a useless one', () => {
    const n = 200;
    const high = Array.from({ length: n }, (_, i) => 0.3 + 0.02 * Math.sin(i));
    const low = Array.from({ length: n }, (_, i) => -0.3 + 0.02 * Math.cos(i));
    const useless = Array.from({ length: n }, (_, i) => 2 + Math.sin(7 * i));
    const [a, b, c] = stackingWeights([high, low, useless]);
    assert.ok(Math.abs(a - 0.5) < 0.01 && Math.abs(b - 0.5) < 0.01, `${a}, ${b}`);
    assert.ok(c < 1e-3, `${c}`);
    assert.ok(Math.abs(a + b + c - 1) < 1e-12);
    // A predictor without error takes all the weight.
    const exact = new Array(n).fill(0);
    assert.deepEqual(
      stackingWeights([high, exact, low]).map((v) => Math.round(v * 1e6) / 1e6),
      [0, 1, 0],
    );
  });

  it('stacks without the family it is judged on (nested cross-validation)', () => {
    const names = ['deepseek-v3', 'llama-4', 'gpt-oss'];
    const few = rows.filter((r) => names.includes(r.family));
    const fits = new Map();
    const { residuals, weights, inner } = nestedStacked(few, fits);
    assert.equal(residuals.length, few.length);
    for (const family of names) {
      const others = few.filter((r) => r.family !== family);
      const own = stackVariants(others, fits);
      assert.deepEqual(weights.get(family), own.weights, family);
      assert.equal(inner.get(family)!.length, others.length);
      assert.ok(inner.get(family)!.every((o) => o.group !== family));
      // The family's residuals: the weighted mean of log estimates of variants fitted on the others alone.
      const fitted = SERVING_VARIANTS.map((v, k) => (own.weights[k] > 0 ? fitServing(others, v) : undefined));
      for (const r of residuals.filter((o) => o.group === family)) {
        let log = 0;
        own.weights.forEach((w, k) => {
          if (w > 0) log += w * Math.log(predict(asServed(r.row, SERVING_VARIANTS[k]), fitted[k]!).energyJ);
        });
        assert.ok(Math.abs(r.residual - (Math.log(r.row.energyJ) - log)) < 1e-9, r.row.id);
      }
    }
  });
});
