import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLOUD_PROVIDERS } from './cloud-regions.js';
import { defaultPue, PUE_DEFAULTS } from './pue.js';

describe('PUE defaults', () => {
  it('are physically possible and cited with their year', () => {
    assert.equal(new Set(PUE_DEFAULTS.map((e) => e.id)).size, PUE_DEFAULTS.length);
    for (const e of PUE_DEFAULTS) {
      assert.ok(e.pue >= 1 && e.pue < 2.5, `${e.id}: ${e.pue}`);
      assert.ok(e.source.year >= 2020 && e.source.year <= 2026, e.id);
      assert.ok(e.source.citation.includes(String(e.pue)), `${e.id} cites ${e.pue}`);
      assert.match(e.source.url ?? '', /^https:\/\//, e.id);
    }
  });

  it('use the industry average when the operator is unknown', () => {
    const average = defaultPue();
    assert.equal(average.id, 'industry-average');
    assert.match(average.source.citation, /Uptime Institute/);
    assert.equal(defaultPue('some-colo'), average);
    assert.equal(defaultPue(''), average);
  });

  it('have a fleet figure for each cloud provider, found by id or company name', () => {
    for (const provider of CLOUD_PROVIDERS) assert.equal(defaultPue(provider).id, provider);
    assert.equal(defaultPue('Google').id, 'gcp');
    assert.equal(defaultPue('Microsoft').id, 'azure');
    assert.equal(defaultPue('AMAZON').id, 'aws');
    assert.equal(defaultPue('meta').id, 'meta');
    // Hyperscale fleets beat the industry average.
    for (const provider of CLOUD_PROVIDERS) assert.ok(defaultPue(provider).pue < defaultPue().pue);
  });
});
