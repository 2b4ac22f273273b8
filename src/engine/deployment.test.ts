import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TARGET_PEAK_UTILISATION } from '../catalog/inference-defaults.js';
import { findModel } from '../catalog/models.js';
import { EmpreinteError } from '../errors.js';
import { computeDeployment, resolveDeployment } from './deployment.js';
import { estimateDeployment } from './deployment-compare.js';
import { INFERENCE_METHODOLOGY_VERSION } from './inference.js';
import { parseInput } from './schemas/common.js';
import { deploymentInputSchema } from './schemas/inference.js';

const input = (raw: Record<string, unknown>) => parseInput(deploymentInputSchema, { draws: 100, ...raw });
const deploy = (raw: Record<string, unknown>) => estimateDeployment(input(raw));
const plain = { params: '8B', hardware: 'h100', location: 'fr', pue: 1.2 };

describe('deployment over a day', () => {
  it('spreads the daily requests over the hours of the profile, summing to the daily count', () => {
    for (const profile of [
      'flat',
      'working-hours',
      'evening-peak',
      '1,1,1,1,1,1,2,2,2,2,2,2,3,3,3,3,3,3,0,0,0,0,0,0',
    ]) {
      const e = deploy({ ...plain, requestsPerDay: 48_000, profile });
      const total = e.hourly.reduce((s, h) => s + h.requests, 0);
      assert.ok(Math.abs(total - 48_000) < 1e-6, `${profile}: ${total}`);
    }
    const working = deploy({ ...plain, requestsPerDay: 48_000, profile: 'working-hours' });
    assert.ok(working.hourly[10].requests > 5 * working.hourly[3].requests);
  });

  it('sizes replicas for the busiest hour at the target utilisation', () => {
    const e = deploy({ ...plain, requestsPerDay: 2_000_000, profile: 'working-hours' });
    const pool = e.pools[0];
    assert.match(pool.replicasSource, /^derived:busiest hour/);
    assert.ok(pool.replicas > 1);
    // One replica fewer would run the busiest hour above the target.
    const fewer = deploy({
      ...plain,
      requestsPerDay: 2_000_000,
      profile: 'working-hours',
      replicas: pool.replicas - 1,
    });
    assert.ok(
      fewer.pools[0].peakUtilisation > TARGET_PEAK_UTILISATION.value,
      `peak with one fewer ${fewer.pools[0].peakUtilisation}`,
    );
    assert.ok(pool.peakUtilisation <= TARGET_PEAK_UTILISATION.value, `peak ${pool.peakUtilisation}`);
  });

  it('lets idle power dominate at low traffic, and charges it to the few requests served', () => {
    const quiet = deploy({ ...plain, requestsPerDay: 20, replicas: 1 });
    const busy = deploy({ ...plain, requestsPerDay: 200_000, replicas: 1 });
    assert.ok(quiet.idleSharePct > 90, `idle share ${quiet.idleSharePct}`);
    assert.ok(busy.idleSharePct < quiet.idleSharePct);
    assert.ok(quiet.perRequest.energyWh.central > 50 * busy.perRequest.energyWh.central);
    const b = quiet.breakdownKwhPerYear;
    assert.ok(
      Math.abs(
        b.acceleratorActive + b.acceleratorIdle + b.host + b.facility - quiet.yearly.energyKwh.central,
      ) < 1e-6,
    );
  });

  it('gives yearly figures with ranges, market-based emissions and embodied emissions of the provisioned chips', () => {
    const e = deploy({ ...plain, requestsPerDay: 100_000, renewableShare: 0.6, replicas: 3 });
    const y = e.yearly;
    assert.ok(y.energyKwh.low <= y.energyKwh.central && y.energyKwh.central <= y.energyKwh.high);
    assert.ok(Math.abs(y.co2eMarketKg!.central - 0.4 * y.co2eKg.central) < 1e-9);
    const chips = e.pools[0].replicas * e.pools[0].gpusPerReplica;
    assert.equal(chips, 3);
    assert.ok(y.embodiedCo2eKg.central > 0);
    assert.ok(Math.abs(y.totalCo2eKg.central - (y.co2eKg.central + y.embodiedCo2eKg.central)) < 1e-9);
    assert.equal(e.methodologyVersion, INFERENCE_METHODOLOGY_VERSION);
  });
});

describe('customer-service preset', () => {
  it('grows the input of each turn with the conversation, and adds the turns up per conversation', () => {
    const e = deploy({ preset: 'customer-service', location: 'fr' });
    assert.equal(e.requestsPerDay, 5000 * 5);
    const turns = e.perTurn!;
    assert.equal(turns.length, 5);
    for (let k = 1; k < turns.length; k++) {
      assert.ok(turns[k].inputTokens > turns[k - 1].inputTokens);
      assert.ok(turns[k].energyWh > turns[k - 1].energyWh, 'a later turn costs more');
    }
    assert.ok(Math.abs(e.perConversation!.energyWh.central - 5 * e.perRequest.energyWh.central) < 1e-9);
    assert.match(e.inputs.turns.source, /^preset:customer-service/);
    assert.match(e.inputs.hardware.source, /^preset:customer-service/);
  });

  it('lets every preset value be overridden', () => {
    const e = deploy({
      preset: 'customer-service',
      conversationsPerDay: 100,
      turns: 2,
      retrievedTokens: 0,
      profile: 'flat',
    });
    assert.equal(e.requestsPerDay, 200);
    assert.equal(e.inputs.turns.source, 'user');
    assert.equal(e.perTurn![0].inputTokens, 800 + 70);
  });

  it('cuts the energy of serving with prompt caching', () => {
    const base = deploy({ preset: 'customer-service', replicas: 4 });
    const cached = deploy({ preset: 'customer-service', replicas: 4, promptCaching: 'on' });
    assert.ok(cached.breakdownKwhPerYear.acceleratorActive < base.breakdownKwhPerYear.acceleratorActive);
    assert.ok(cached.perTurn![4].energyWh < base.perTurn![4].energyWh);
    assert.ok(cached.perTurn![4].cachedInputTokens > 0);
  });

  it('amortises the published training footprint of a catalog model and says when serving overtakes it', () => {
    const e = deploy({ preset: 'customer-service', model: 'llama-2-7b', location: 'fr' });
    const published = findModel('llama-2-7b')!.co2eKg!;
    const t = e.training!;
    assert.equal(t.co2eKg, published);
    assert.equal(t.amortisedCo2eKgPerYear, published / t.lifetimeYears);
    assert.ok(
      Math.abs(t.servingOvertakesTrainingAfterDays! - (published / e.yearly.co2eKg.central) * 365) < 1e-6,
    );
    const given = deploy({ preset: 'customer-service', trainingCo2eKg: 1000, trainingLifetimeYears: 2 });
    assert.equal(given.training!.amortisedCo2eKgPerYear, 500);
  });
});

describe('comparisons', () => {
  it('gives each option its saving against the baseline', () => {
    // Enough traffic for several replicas: at a single replica, a second pool only adds idle power.
    const e = deploy({
      preset: 'customer-service',
      conversationsPerDay: 400_000,
      location: 'pl',
      compare: [
        'params=70B',
        'weights-bits=4',
        'location=fr',
        'response-cache=0.3',
        'route=0.7:3B',
        'batch=64',
        'hardware=l40s',
        'prompt-caching=on',
      ],
    });
    const byId = Object.fromEntries(e.comparisons!.map((c) => [c.id, c]));
    assert.ok(byId['params=70B'].co2eSavingPct < 0, 'a bigger model costs more');
    assert.ok(byId['location=fr'].co2eSavingPct > 50, 'a low-carbon grid saves most of the emissions');
    assert.ok(byId['response-cache=0.3'].energySavingPct > 0);
    assert.ok(byId['route=0.7:3B'].energySavingPct > 0, 'routing most traffic to a small model saves energy');
    assert.ok(byId['prompt-caching=on'].energySavingPct > 0);
    for (const c of e.comparisons!) {
      const expected = (100 * (e.yearly.co2eKg.central - c.co2eKg.central)) / e.yearly.co2eKg.central;
      assert.ok(Math.abs(c.co2eSavingPct - expected) < 1e-9, c.id);
    }
  });

  it('routes a share of the traffic to a second pool', () => {
    const scenario = resolveDeployment(input({ ...plain, requestsPerDay: 100_000 }), {
      share: 0.6,
      serving: { params: 3e9 },
      label: 'small',
    });
    assert.deepEqual(
      scenario.pools.map((p) => p.share),
      [0.4, 0.6],
    );
    const e = computeDeployment(scenario, 100);
    assert.equal(e.pools.length, 2);
  });

  it('rejects an unknown option or a bad value, naming --compare', () => {
    const bad = (compare: string[]) => () => deploy({ ...plain, requestsPerDay: 10, compare });
    const named = (e: unknown) =>
      e instanceof EmpreinteError && e.issues[0].path[0] === 'compare' && /--compare/.test(e.message);
    assert.throws(bad(['colour=blue']), named);
    assert.throws(bad(['batch=zero']), named);
    assert.throws(bad(['route=2:3B']), named);
    assert.throws(bad(['model']), named);
  });
});

describe('deployment inputs', () => {
  it('requires some traffic, and a profile of 24 weights', () => {
    assert.throws(
      () => deploy(plain),
      (e: unknown) => e instanceof EmpreinteError && e.issues[0].path[0] === 'requestsPerDay',
    );
    assert.throws(
      () => deploy({ ...plain, requestsPerDay: 10, profile: '1,2,3' }),
      (e: unknown) => e instanceof EmpreinteError && e.issues[0].path[0] === 'profile',
    );
    assert.throws(
      () => deploy({ ...plain, requestsPerDay: 10, profile: 'weekend' }),
      (e: unknown) => e instanceof EmpreinteError && e.issues[0].path[0] === 'profile',
    );
  });
});
