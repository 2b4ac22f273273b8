import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { englishIn } from '../../test/helpers/english.js';
import { MESSAGES } from '../messages/index.js';
import { saidSource, sourceIn, sourceOf } from './provenance.js';

describe('provenance labels said in words', () => {
  it('carry their English text and their message; a face says them in French', () => {
    const said = saidSource('source.measuredEnergy', { origin: 'catalog:olmo-7b' });
    assert.equal(said.source, 'catalog:olmo-7b (measured)');
    assert.deepEqual(said.sourceMessage, {
      key: 'source.measuredEnergy',
      params: { origin: 'catalog:olmo-7b' },
    });
    assert.equal(sourceIn(said, 'fr'), 'catalog:olmo-7b (mesurée)');
    // Citations after the words are data: in `source` once, the same in every language.
    const cited = saidSource('source.layersEstimate', {}, '; Kaplan et al. 2020');
    assert.equal(cited.source, 'default:estimated from parameters; Kaplan et al. 2020');
    assert.deepEqual(cited.sourceMessage, { key: 'source.layersEstimate', params: {} });
    assert.equal(sourceIn(cited, 'fr'), 'default:estimé d’après les paramètres; Kaplan et al. 2020');
    // A label with no message (ids, citations) is data: the same in every language.
    assert.equal(sourceIn({ source: 'catalog:olmo-7b' }, 'fr'), 'catalog:olmo-7b');
    assert.deepEqual(sourceOf({ source: 'user' }), { source: 'user' });
    assert.deepEqual(sourceOf(said), said);
  });

  it('have no English word in their French', () => {
    const keys = Object.keys(MESSAGES).filter((key) => key.startsWith('source.'));
    assert.ok(keys.length >= 10, `${keys.length} labels`);
    for (const key of keys) {
      const french = (MESSAGES as Record<string, readonly [string, string]>)[key][1];
      // The tag (`default:`) and the placeholders are data; what is left is said in French.
      const words = french.replace(/\{\w+\}/g, ' ').replace(/^(?:default|catalog|derived):/, '');
      assert.deepEqual(englishIn(words), [], `${key}: ${french}`);
    }
  });
});
