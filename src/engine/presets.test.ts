import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CUSTOMER_SERVICE, conversationRequests, hourlyShares, PROFILES } from './presets.js';

describe('traffic profiles', () => {
  it('has 24 hourly weights per profile, and shares that sum to 1', () => {
    for (const [name, profile] of Object.entries(PROFILES)) {
      assert.equal(profile.weights.length, 24, name);
      const shares = hourlyShares(profile.weights);
      assert.ok(Math.abs(shares.reduce((s, x) => s + x, 0) - 1) < 1e-12, name);
      assert.ok(profile.source.citation.length > 10, `${name} has a source`);
    }
  });

  it('puts the working-hours peak in the day and the trough at night', () => {
    const shares = hourlyShares(PROFILES['working-hours'].weights);
    assert.ok(shares[10] >= 5 * shares[3]);
  });
});

describe('hourly traffic shares', () => {
  it('are relative weights: huge weights give the same shares as small ones, never zero traffic', () => {
    const small = [1, 2, ...Array(22).fill(1)];
    const shares = hourlyShares(small.map((w) => w * 1e307));
    assert.deepEqual(shares, hourlyShares(small));
    assert.ok(Math.abs(shares.reduce((s, w) => s + w, 0) - 1) < 1e-12);
    assert.ok(Math.abs(shares[1] - 2 / 25) < 1e-15);
  });
});

describe('customer-service conversations', () => {
  const c = {
    turns: 4,
    tokensPerTurn: 70,
    replyTokens: 215,
    systemPromptTokens: 800,
    retrievedTokens: 1500,
    promptCaching: false,
  };

  it('re-sends the conversation so far: input grows by one exchange per turn', () => {
    const requests = conversationRequests(c);
    assert.equal(requests.length, 4);
    assert.equal(requests[0].inputTokens, 800 + 1500 + 70);
    for (let k = 1; k < 4; k++) assert.equal(requests[k].inputTokens - requests[k - 1].inputTokens, 70 + 215);
    assert.ok(requests.every((r) => r.outputTokens === 215 && r.cachedInputTokens === 0));
  });

  it('with prompt caching, serves the system prompt and history from the cache', () => {
    const cached = conversationRequests({ ...c, promptCaching: true });
    const plain = conversationRequests(c);
    for (let k = 0; k < 4; k++) {
      assert.equal(cached[k].inputTokens + cached[k].cachedInputTokens, plain[k].inputTokens, 'same context');
      assert.equal(
        cached[k].inputTokens,
        1500 + 70,
        'only the retrieved passages and the new message are fresh',
      );
    }
  });

  it('cites or states every preset value', () => {
    for (const [key, v] of Object.entries(CUSTOMER_SERVICE)) assert.ok(v.source.citation.length > 10, key);
  });
});
