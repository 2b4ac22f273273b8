import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApp } from '../app.js';

/** POST /api/v1/schedule with local-time CSV content and `timezone`, as the CLI's --timezone. */
describe('schedule API: timezone of CSV times without an offset', () => {
  const { app } = createApp({
    store: () => Promise.reject(new Error('no store needed')),
  });
  const csv =
    'time,intensity\n2023-03-26 00:00,10\n2023-03-26 01:00,20\n2023-03-26 03:00,5\n2023-03-26 04:00,40\n';
  const post = (body: unknown) =>
    app.request('/api/v1/schedule', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('reads the times in the zone given', async () => {
    const response = await post({
      series: [{ name: 'FR.csv', content: csv }],
      duration: '1h',
      timezone: 'Europe/Paris',
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { best: { start: string }; from: string };
    assert.equal(body.from, '2023-03-25T23:00:00Z');
    assert.equal(body.best.start, '2023-03-26T01:00:00Z');
  });

  it('answers 400 naming the field for a zone that is not an IANA name', async () => {
    const response = await post({
      series: [{ name: 'FR.csv', content: csv }],
      duration: '1h',
      timezone: 'Mars/X',
    });
    assert.equal(response.status, 400);
    assert.match(JSON.stringify(await response.json()), /timezone/);
  });
});
