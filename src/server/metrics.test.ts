import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApp } from './app.js';

const noStore = async () => {
  throw new Error('no store in these tests');
};

/** The value of one sample line of the Prometheus text. */
function sample(text: string, line: RegExp): number {
  const match = new RegExp(`^${line.source} (\\S+)$`, 'm').exec(text);
  assert.ok(match, `no ${line.source} in\n${text}`);
  return Number(match[1]);
}

describe('server metrics', () => {
  it('counts each answer once under its method, route pattern and status, refusals included', async () => {
    const { app, metrics } = createApp({ store: noStore, loopbackOnly: true });
    const local = { headers: { host: '127.0.0.1:8080' } };
    for (let i = 0; i < 3; i++) assert.equal((await app.request('/api/v1/hardware', local)).status, 200);
    assert.equal((await app.request('/api/v1/hardware', { method: 'DELETE', ...local })).status, 405);
    assert.equal((await app.request('/api/v1/nothing', local)).status, 404);
    const refused = await app.request('/api/v1/hardware', { headers: { host: 'evil.example' } });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('x-content-type-options'), 'nosniff');
    const text = await metrics.registry.metrics();
    const count = (labels: string) =>
      sample(text, new RegExp(`empreinte_http_requests_total\\{${labels}\\}`));
    assert.equal(count('method="GET",route="/api/v1/hardware",status="200"'), 3);
    assert.equal(count('method="DELETE",route="other",status="405"'), 1);
    assert.equal(count('method="GET",route="other",status="404"'), 1);
    assert.equal(count('method="GET",route="other",status="403"'), 1);
    const timed = sample(
      text,
      /empreinte_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/hardware",status="200"\}/,
    );
    assert.equal(timed, 3);
  });

  it('counts every request at each scrape, however many came between two', async () => {
    const { app, metrics } = createApp({ store: noStore });
    const counted = async () => {
      const text = await metrics.registry.metrics();
      const labels = 'method="GET",route="/api/v1/hardware",status="200"';
      return [
        sample(text, new RegExp(`empreinte_http_requests_total\\{${labels}\\}`)),
        sample(text, new RegExp(`empreinte_http_request_duration_seconds_count\\{${labels}\\}`)),
        sample(text, new RegExp(`empreinte_http_request_duration_seconds_bucket\\{le="\\+Inf",${labels}\\}`)),
      ];
    };
    for (let i = 0; i < 300; i++) await app.request('/api/v1/hardware');
    assert.deepEqual(await counted(), [300, 300, 300]);
    for (let i = 0; i < 5; i++) await app.request('/api/v1/hardware');
    assert.deepEqual(await counted(), [305, 305, 305]);
  });
});
