import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  dcgmMetrics,
  kepler07Metrics,
  keplerMetrics,
  scaphandreMetrics,
  serveExporter,
  sleep,
  startPrometheus,
  type TestPrometheus,
} from '../../test/helpers/prometheus.js';
import { isEmpreinteError } from '../errors.js';
import { channelQuery, energyFromPrometheus, windowsFor } from './prometheus.js';
import { type PrometheusSourceId, SOURCES } from './prometheus-sources.js';

describe('PromQL for each exporter', () => {
  it('sums increase() per host and GPU after applying it, with the hosts as an anchored alternative', () => {
    const q = channelQuery(SOURCES.dcgm, SOURCES.dcgm.channels[0].counters![0], 'counter', 60_000, {
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
  const watts = { 'node-a': [200, 300], 'node-b': [250], 'node-c': [220] };
  const t0 = Date.now();
  let prometheus: TestPrometheus;
  const exporters: { target: string; close(): Promise<void> }[] = [];
  let fromMs = 0;
  let toMs = 0;
  let lateStartMs = Number.POSITIVE_INFINITY;
  const read = (source: PrometheusSourceId, hosts?: string[]) =>
    energyFromPrometheus({ url: prometheus.url, fromMs, toMs, source, hosts, stepS: 2 });

  before(async () => {
    exporters.push(await serveExporter(dcgmMetrics('node-a', watts['node-a'], t0)));
    exporters.push(await serveExporter(dcgmMetrics('node-b', watts['node-b'], t0, { counter: false })));
    exporters.push(await serveExporter(keplerMetrics('node-k', 95, 12, t0)));
    exporters.push(await serveExporter(scaphandreMetrics(180)));
    // Newer dcgm-exporter releases: the host in `hostname`.
    exporters.push(
      await serveExporter(dcgmMetrics('node-c', watts['node-c'], t0, { hostLabel: 'hostname' })),
    );
    // Kepler 0.7: a counter per zone, the host in `instance` (here the scraped address).
    exporters.push(await serveExporter(kepler07Metrics('node-7', 70, 9, t0), '127.0.0.3'));
    // A Scaphandre that starts measuring 3 s into the run, in the middle of a 2 s window.
    exporters.push(
      await serveExporter(
        scaphandreMetrics(150, () => lateStartMs),
        '127.0.0.2',
      ),
    );
    prometheus = await startPrometheus(
      exporters.map((e) => e.target),
      0.5,
    );
    await prometheus.waitForScrapes(3);
    fromMs = Math.ceil(Date.now() / 1000) * 1000;
    lateStartMs = fromMs + 3_000;
    toMs = fromMs + 6_000;
    await sleep(toMs - Date.now() + 1_500);
  });
  after(async () => {
    await prometheus?.stop();
    for (const e of exporters) await e.close();
  });

  it('finds each GPU of each host, by counter where there is one and by power otherwise, within 0.5% of the truth', async () => {
    const energy = await read('dcgm', ['node-a', 'node-b']);
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
    const kepler = await read('kepler', ['node-k']);
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
    const scaph = await read('scaphandre', ['127.0.0.1']);
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

  it('reads the DCGM host from Hostname or hostname, whichever the exporter release writes', async () => {
    const energy = await read('dcgm', ['node-a', 'node-c']);
    const seconds = (toMs - fromMs) / 1000;
    assert.deepEqual(energy.channels.map((c) => [c.host, c.deviceIndex]).sort(), [
      ['node-a', 0],
      ['node-a', 1],
      ['node-c', 0],
    ]);
    const c = energy.channels.find((x) => x.host === 'node-c')!;
    assert.equal(c.method, 'counter');
    assert.ok(Math.abs(c.energyJ - 220 * seconds) < 0.005 * 220 * seconds, `${c.energyJ} J`);
    const all = await read('dcgm');
    assert.deepEqual([...new Set(all.channels.map((x) => x.host))].sort(), ['node-a', 'node-b', 'node-c']);
  });

  it("reads Kepler 0.7's per-zone counters, dynamic and idle together", async () => {
    const seconds = (toMs - fromMs) / 1000;
    const kepler = await read('kepler', ['127.0.0.3']);
    const by = Object.fromEntries(kepler.channels.map((c) => [c.component, c]));
    assert.deepEqual(Object.keys(by).sort(), ['cpu', 'ram']);
    assert.equal(by.cpu.metric, 'kepler_node_package_joules_total');
    assert.ok(Math.abs(by.cpu.energyJ - 70 * seconds) <= 0.005 * 70 * seconds, `cpu ${by.cpu.energyJ} J`);
    assert.ok(Math.abs(by.ram.energyJ - 9 * seconds) <= 0.005 * 9 * seconds, `ram ${by.ram.energyJ} J`);
  });

  it("counts no time before Scaphandre's first sample", async () => {
    const scaph = await read('scaphandre', ['127.0.0.2']);
    assert.equal(scaph.channels.length, 1);
    const [first] = await prometheus.query(
      `min_over_time(timestamp(scaph_host_power_microwatts{instance=~"127.0.0.2:.*"})[30s:100ms])`,
    );
    const firstSampleS = Number(first.value[1]);
    assert.ok(firstSampleS * 1000 >= lateStartMs, `first sample ${firstSampleS}`);
    // The truth: 150 W from the first sample to the end (the old count took the whole window: 4 s).
    const truth = 150 * (toMs / 1000 - firstSampleS);
    const got = scaph.channels[0].energyJ;
    assert.ok(Math.abs(got - truth) <= 0.02 * truth, `${got} J vs ${truth} J`);
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
