import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { fakeTracker } from '../../test/helpers/ticks.js';
import { otlpMetricsUrl, startOtlpPush } from './otlp.js';

/** A stand-in OTLP/HTTP collector on 127.0.0.1 that keeps each JSON body it receives. */
async function collector() {
  const bodies: { path: string; contentType: string; json: OtlpRequest }[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      bodies.push({
        path: req.url ?? '',
        contentType: req.headers['content-type'] ?? '',
        json: JSON.parse(text),
      });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

interface OtlpRequest {
  resourceMetrics: {
    resource: { attributes: Attribute[] };
    scopeMetrics: { scope: { name: string }; metrics: OtlpMetric[] }[];
  }[];
}
interface Attribute {
  key: string;
  value: { stringValue?: string };
}
interface Point {
  attributes: Attribute[];
  asDouble?: number;
}
interface OtlpMetric {
  name: string;
  unit: string;
  sum?: { dataPoints: Point[]; isMonotonic: boolean; aggregationTemporality: number };
  gauge?: { dataPoints: Point[] };
}

const attrs = (list: Attribute[]) => Object.fromEntries(list.map((a) => [a.key, a.value.stringValue]));

describe('OTLP push', () => {
  it('posts cumulative energy, CO2e and power as OTLP JSON, and the last values when the run ends', async () => {
    const sink = await collector();
    const tracker = fakeTracker([
      { component: 'gpu', deviceIndex: 0 },
      { component: 'cpu', deviceIndex: 0 },
    ]);
    const push = startOtlpPush(
      tracker.source,
      { runId: 'r-otlp', host: 'node-a', gCo2ePerKwh: 100 },
      { url: sink.url, intervalMs: 60_000 },
    );
    assert.equal(push.url, `${sink.url}/v1/metrics`);
    tracker.tick([300, 60], 10);
    tracker.tick([200, 40], 10);
    await push.shutdown();
    await sink.close();

    assert.ok(sink.bodies.length >= 1, 'one push at shutdown');
    const last = sink.bodies.at(-1)!;
    assert.equal(last.path, '/v1/metrics');
    assert.match(last.contentType, /application\/json/);
    const resource = attrs(last.json.resourceMetrics[0].resource.attributes);
    assert.equal(resource['service.name'], 'empreinte');
    assert.equal(resource['host.name'], 'node-a');
    const metrics = new Map(
      last.json.resourceMetrics[0].scopeMetrics.flatMap((s) => s.metrics).map((m) => [m.name, m]),
    );

    const energy = metrics.get('empreinte.energy')!;
    assert.equal(energy.unit, 'J');
    assert.equal(energy.sum?.isMonotonic, true);
    assert.equal(energy.sum?.aggregationTemporality, 2, 'cumulative');
    const byDevice = Object.fromEntries(
      energy.sum!.dataPoints.map((p) => [attrs(p.attributes).component, [p.asDouble, attrs(p.attributes)]]),
    );
    assert.equal(byDevice.gpu[0], 5000);
    assert.equal(byDevice.cpu[0], 1000);
    assert.deepEqual(byDevice.gpu[1], { run_id: 'r-otlp', host: 'node-a', component: 'gpu', device: '0' });

    const co2e = metrics.get('empreinte.co2e')!;
    assert.equal(co2e.unit, 'g');
    // 6,000 J = 1/600 kWh × 100 g/kWh
    assert.ok(Math.abs((co2e.sum!.dataPoints[0].asDouble ?? 0) - 100 / 600) < 1e-12);

    const power = metrics.get('empreinte.power')!;
    assert.equal(power.unit, 'W');
    assert.deepEqual(power.gauge!.dataPoints.map((p) => p.asDouble).sort(), [200, 40].sort());
    assert.equal(tracker.listeners, 0, 'detached');
  });

  it('pushes periodically while the run goes on', async () => {
    const sink = await collector();
    const tracker = fakeTracker([{ component: 'gpu', deviceIndex: 0 }]);
    const push = startOtlpPush(
      tracker.source,
      { runId: 'r', host: 'h', gCo2ePerKwh: 1 },
      { url: `${sink.url}/custom/path`, intervalMs: 100 },
    );
    tracker.tick([100]);
    // Two pushes before the run ends (a pusher that sends only at shutdown never gets there);
    // waited for, as a busy machine may be slow to answer the first.
    const started = Date.now();
    while (sink.bodies.length < 2 && Date.now() - started < 5_000)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const during = sink.bodies.length;
    const tookMs = Date.now() - started;
    await push.shutdown();
    await sink.close();
    assert.ok(during >= 2, `${during} pushes in ${tookMs} ms at a 100 ms period`);
    assert.equal(sink.bodies[0].path, '/custom/path', 'a URL with a path is used as given');
  });

  it('warns once when the collector cannot be reached, and refuses a URL that is not http(s)', async () => {
    const warnings: string[] = [];
    const tracker = fakeTracker([{ component: 'gpu', deviceIndex: 0 }]);
    const push = startOtlpPush(
      tracker.source,
      { runId: 'r', host: 'h', gCo2ePerKwh: 1 },
      {
        url: 'http://127.0.0.1:1',
        intervalMs: 50,
        timeoutMs: 200,
        onWarning: (m) => warnings.push(m),
      },
    );
    tracker.tick([100]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await push.shutdown();
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /--otlp: cannot push metrics to http:\/\/127\.0\.0\.1:1\/v1\/metrics/);
    assert.throws(() => otlpMetricsUrl('collector:4318'), /--otlp: 'collector:4318' is not an http\(s\) URL/);
  });
});
