import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  dcgmMetrics,
  keplerMetrics,
  scaphandreMetrics,
  serveExporter,
  sleep,
  startPrometheus,
  type TestPrometheus,
} from '../../test/helpers/prometheus.js';
import { isEmpreinteError } from '../errors.js';
import { channelQuery, energyFromPrometheus, windowsFor } from './prometheus.js';
import { SOURCES } from './prometheus-sources.js';

describe('PromQL for each exporter', () => {
  it('sums increase() per host and GPU after applying it, with the hosts as an anchored alternative', () => {
    const q = channelQuery(SOURCES.dcgm, SOURCES.dcgm.channels[0].counter!, 'counter', 60_000, {
      hosts: ['node-a', 'b.c'],
    });
    assert.equal(
      q,
      'sum by (Hostname,gpu,modelName,UUID) (increase(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{Hostname=~"(node-a|b\\\\.c)"}[60000ms]))',
    );
  });

  it('integrates Kepler and Scaphandre gauges with avg_over_time, Scaphandre hosts with or without a port', () => {
    const kepler = channelQuery(SOURCES.kepler, SOURCES.kepler.channels[1].power!, 'power', 30_000, {
      match: ['container_name="x"'],
    });
    assert.equal(
      kepler,
      'sum by (node_name) (avg_over_time(kepler_node_cpu_watts{zone="dram",container_name="x"}[30000ms]))',
    );
    const scaph = channelQuery(SOURCES.scaphandre, SOURCES.scaphandre.channels[0].power!, 'power', 15_000, {
      hosts: ['n1'],
    });
    assert.match(scaph, /instance=~"\(n1\)\(:\[0-9\]\+\)\?"/);
  });

  it('cuts the range into equal windows of at most the step, and never more than 10,000', () => {
    assert.deepEqual(windowsFor(0, 150_000, 60), { count: 3, stepMs: 50_000 });
    assert.deepEqual(windowsFor(0, 20_000, 60), { count: 1, stepMs: 20_000 });
    assert.equal(windowsFor(0, 30 * 86_400_000, 1).count, 10_000);
  });
});

describe('energy from a real Prometheus scraping DCGM-shaped exporters', () => {
  // node-a: two GPUs with the energy counter; node-b: one GPU with the power gauge only.
  const watts = { 'node-a': [200, 300], 'node-b': [250] };
  const t0 = Date.now();
  let prometheus: TestPrometheus;
  const exporters: { target: string; close(): Promise<void> }[] = [];
  let fromMs = 0;
  let toMs = 0;

  before(async () => {
    exporters.push(await serveExporter(dcgmMetrics('node-a', watts['node-a'], t0)));
    exporters.push(await serveExporter(dcgmMetrics('node-b', watts['node-b'], t0, { counter: false })));
    exporters.push(await serveExporter(keplerMetrics('node-k', 95, 12, t0)));
    exporters.push(await serveExporter(scaphandreMetrics(180)));
    prometheus = await startPrometheus(
      exporters.map((e) => e.target),
      0.5,
    );
    await prometheus.waitForScrapes(3);
    fromMs = Math.ceil(Date.now() / 1000) * 1000;
    toMs = fromMs + 6_000;
    await sleep(toMs - Date.now() + 1_500);
  });
  after(async () => {
    await prometheus?.stop();
    for (const e of exporters) await e.close();
  });

  it('finds each GPU of each host, by counter where there is one and by power otherwise, within 0.5% of the truth', async () => {
    const energy = await energyFromPrometheus({
      url: prometheus.url,
      fromMs,
      toMs,
      source: 'dcgm',
      hosts: ['node-a', 'node-b'],
      stepS: 2,
    });
    assert.equal(energy.windowCount, 3);
    const seconds = (toMs - fromMs) / 1000;
    const got = energy.channels.map((c) => [c.host, c.deviceIndex, c.method]).sort();
    assert.deepEqual(got, [
      ['node-a', 0, 'counter'],
      ['node-a', 1, 'counter'],
      ['node-b', 0, 'power'],
    ]);
    for (const c of energy.channels) {
      const truth = watts[c.host as keyof typeof watts][c.deviceIndex] * seconds;
      assert.ok(
        Math.abs(c.energyJ - truth) / truth < 0.005,
        `${c.host} gpu ${c.deviceIndex}: ${c.energyJ} J vs ${truth} J`,
      );
      assert.equal(c.coverage, 1);
      assert.equal(c.name, 'NVIDIA H100 80GB HBM3');
    }
  });

  it('reads Kepler per zone (packages to CPU, DRAM to RAM, both sockets) and Scaphandre in microwatts', async () => {
    const seconds = (toMs - fromMs) / 1000;
    const kepler = await energyFromPrometheus({
      url: prometheus.url,
      fromMs,
      toMs,
      source: 'kepler',
      hosts: ['node-k'],
      stepS: 2,
    });
    const by = Object.fromEntries(kepler.channels.map((c) => [c.component, c]));
    assert.deepEqual(Object.keys(by).sort(), ['cpu', 'ram']);
    assert.equal(by.cpu.method, 'counter');
    assert.ok(
      Math.abs(by.cpu.energyJ - 2 * 95 * seconds) <= 0.005 * 2 * 95 * seconds,
      `cpu ${by.cpu.energyJ} J`,
    );
    assert.ok(
      Math.abs(by.ram.energyJ - 2 * 12 * seconds) <= 0.005 * 2 * 12 * seconds,
      `ram ${by.ram.energyJ} J`,
    );
    assert.equal(kepler.source.provenance, 'measured:prometheus-kepler');
    const scaph = await energyFromPrometheus({
      url: prometheus.url,
      fromMs,
      toMs,
      source: 'scaphandre',
      hosts: ['127.0.0.1'],
      stepS: 2,
    });
    assert.equal(scaph.channels.length, 1);
    assert.equal(
      scaph.channels[0].host,
      '127.0.0.1',
      'the port of the instance label is not part of the host',
    );
    assert.equal(scaph.channels[0].method, 'power');
    assert.ok(
      Math.abs(scaph.channels[0].energyJ - 180 * seconds) <= 0.005 * 180 * seconds,
      `host ${scaph.channels[0].energyJ} J`,
    );
  });

  it('says which hosts have no series instead of counting them as zero', async () => {
    await assert.rejects(
      energyFromPrometheus({
        url: prometheus.url,
        fromMs,
        toMs,
        source: 'dcgm',
        hosts: ['node-a', 'node-z'],
        stepS: 2,
      }),
      (error: unknown) =>
        isEmpreinteError(error) && /node-z/.test(error.message) && /found: node-a/.test(error.message),
    );
    await assert.rejects(
      energyFromPrometheus({ url: prometheus.url, fromMs, toMs, source: 'kepler-container', stepS: 2 }),
      (error: unknown) => isEmpreinteError(error) && error.issues[0].path[0] === 'source',
    );
  });

  it('names --url when Prometheus cannot be reached', async () => {
    await assert.rejects(
      energyFromPrometheus({ url: 'http://127.0.0.1:1', fromMs, toMs, source: 'dcgm' }),
      (error: unknown) => isEmpreinteError(error) && error.issues[0].path[0] === 'url',
    );
  });
});
