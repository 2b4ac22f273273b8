import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chinchillaLoss,
  isoFlopFrontier,
  isoLossOptimal,
  lossOptimal,
  ruleOfThumb,
  scalingFit,
} from './scaling.js';

describe('Chinchilla scaling', () => {
  it('the closed-form optimum is the minimum of the loss along the iso-FLOP curve', () => {
    for (const id of ['hoffmann-2022', 'besiroglu-2024'] as const) {
      const fit = scalingFit(id);
      for (const budget of [1e20, 5.76e23, 1e26]) {
        const best = lossOptimal(budget, fit);
        assert.ok(Math.abs((6 * best.params * best.tokens) / budget - 1) < 1e-12);
        // A fine scan of N on the iso-FLOP curve finds nothing lower.
        for (let k = -200; k <= 200; k++) {
          const params = best.params * 10 ** (k / 100);
          assert.ok(
            chinchillaLoss(params, budget / (6 * params), fit) >= best.loss - 1e-12,
            `${id} ${budget} ${params}`,
          );
        }
      }
    }
  });

  it('the replication fit puts the optimum near 20 tokens per parameter (Chinchilla: 70B on 1.4T)', () => {
    const fit = scalingFit('besiroglu-2024');
    const best = lossOptimal(6 * 70e9 * 1.4e12, fit);
    const ratio = best.tokens / best.params;
    assert.ok(ratio > 15 && ratio < 30, `tokens per parameter ${ratio}`);
    assert.ok(best.params > 50e9 && best.params < 100e9);
  });

  it('the rule of thumb spends the budget at 20 tokens per parameter', () => {
    const thumb = ruleOfThumb(5.76e23);
    assert.ok(Math.abs(thumb.tokens / thumb.params - 20) < 1e-9);
    assert.ok(Math.abs(thumb.params / 69.3e9 - 1) < 0.01);
  });

  it('the frontier spans smaller and larger models around the optimum, sorted by size', () => {
    const frontier = isoFlopFrontier(1e23);
    assert.equal(frontier.length, 8);
    assert.equal(frontier.filter((p) => p.lossOptimal).length, 1);
    for (let i = 1; i < frontier.length; i++) assert.ok(frontier[i].params > frontier[i - 1].params);
  });

  it('the cheapest model reaching a given loss never needs more compute than the model itself', () => {
    for (const [params, tokens] of [
      [175e9, 300e9],
      [70e9, 2e12],
      [7e9, 2e12],
      [70e9, 1.4e12],
    ]) {
      const best = isoLossOptimal(params, tokens);
      const target = chinchillaLoss(params, tokens);
      assert.ok(Math.abs(best.loss - target) < 1e-9, `loss ${best.loss} vs ${target}`);
      assert.ok(best.computeFlop <= 6 * params * tokens * (1 + 1e-9));
    }
    // GPT-3 (175B on 300B tokens) was far from compute-optimal: a smaller model on more tokens does as well for much less.
    const gpt3 = isoLossOptimal(175e9, 300e9);
    assert.ok(gpt3.params < 175e9 && gpt3.tokens > 300e9 && gpt3.computeFlop < 0.5 * 6 * 175e9 * 300e9);
  });

  it('rejects unknown fits', () => {
    assert.throws(() => scalingFit('kaplan' as never), /--scaling-fit: 'kaplan'/);
  });
});
