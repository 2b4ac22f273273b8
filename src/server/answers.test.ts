import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readTrainingFlags } from '../engine/schemas/training-flags.js';
import { estimateTrainingCalibrated } from '../services/calibrate-estimate.js';
import { createApp } from './app.js';
import { notesIn } from './route.js';

/**
 * The answer sent is JSON.stringify's value (same members, same order, same figures), written in
 * ASCII: no character past U+007F (those are escaped).
 */
async function assertSent(response: Response, expected: unknown, what: string): Promise<void> {
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  assert.equal(JSON.stringify(JSON.parse(text)), JSON.stringify(expected), what);
  assert.doesNotMatch(text, /[\u0080-\uffff]/, what);
  assert.equal(Number(response.headers.get('content-length') ?? bytes.length), bytes.length, what);
}
const noStore = async () => {
  throw new Error('no store in these tests');
};

const TRAINING_BODIES = Array.from({ length: 40 }, (_, i) => ({
  params: `${1 + (i % 9) * 7.3}B`,
  tokens: `${0.1 + i * 0.137}T`,
  hardware: ['h100', 'a100', 'tpu-v5p', 'mi300x'][i % 4],
  ...(i % 3 === 0 ? { chips: 8 * (1 + i) } : {}),
  ...(i % 5 === 1 ? { location: ['fr', 'de', 'aws:eu-west-3', 'us'][i % 4] } : {}),
  ...(i % 7 === 2 ? { pue: 1.1 + i / 100 } : {}),
}));

describe('API answers', () => {
  const { app } = createApp({ store: noStore, cacheEntries: 0 });
  const post = (path: string, body: string, type = 'application/json') =>
    app.request(path, { method: 'POST', body, headers: { 'content-type': type } });

  it('sends the value of JSON.stringify of the estimate, for many bodies, in both languages', async () => {
    for (const body of TRAINING_BODIES) {
      for (const lang of ['en', 'fr'] as const) {
        const response = await post(`/api/v1/estimate/training?lang=${lang}`, JSON.stringify(body));
        assert.equal(response.status, 200);
        const expected = notesIn(
          await estimateTrainingCalibrated(readTrainingFlags(body)!, { lang, store: noStore }),
          lang,
        );
        await assertSent(response, expected, `${lang} ${JSON.stringify(body)}`);
      }
    }
  });

  it('says an English training estimate as the engine does: notesIn changes nothing of it', async () => {
    const bodies = [
      ...TRAINING_BODIES,
      { model: 'llama-2-7b' },
      { model: 'llama-2-7b', location: 'fr' },
      { model: 'llama-2-7b', chips: 512, pue: 1.3 },
      { params: '7B', tokens: '2T', hardware: 'h100', renewableShare: 0.5 },
    ];
    for (const body of bodies) {
      const estimate = await estimateTrainingCalibrated(readTrainingFlags(body)!, {
        lang: 'en',
        store: noStore,
      });
      assert.deepEqual(notesIn(estimate, 'en'), estimate, JSON.stringify(body));
      assert.ok(estimate.notes.length > 0 || estimate.noteMessages.length === 0, JSON.stringify(body));
    }
  });

  it('sends the same answer again from the cache of answers', async () => {
    const cached = createApp({ store: noStore }).app;
    const body = JSON.stringify(TRAINING_BODIES[3]);
    const sent: Response[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await cached.request('/api/v1/estimate/training', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      sent.push(response);
    }
    const expected = notesIn(
      await estimateTrainingCalibrated(readTrainingFlags(TRAINING_BODIES[3])!, {
        lang: 'en',
        store: noStore,
      }),
      'en',
    );
    for (const [i, response] of sent.entries()) await assertSent(response, expected, `request ${i + 1}`);
  });

  it('carries the security headers on answers, errors, 404s, 405s and the OpenAPI document', async () => {
    const responses = [
      await post('/api/v1/estimate/training', '{"params":"7B","tokens":"1T","hardware":"h100"}'),
      await post('/api/v1/estimate/training', '{"params":"seven"}'),
      await post('/api/v1/estimate/training', '{}', 'text/plain'),
      await app.request('/api/v1/estimate/training'),
      await app.request('/nothing/here'),
      await app.request('/openapi.json'),
      await app.request('/api/v1/hardware'),
    ];
    assert.deepEqual(
      responses.map((r) => r.status),
      [200, 400, 415, 405, 404, 200, 200],
    );
    for (const response of responses) {
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', String(response.status));
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer', String(response.status));
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/, String(response.status));
      assert.equal(typeof (await response.json()), 'object');
    }
  });
});
