import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import {
  dcgmMetrics,
  serveExporter,
  sleep,
  startPrometheus,
  type TestPrometheus,
} from '../helpers/prometheus.js';

/**
 * `empreinte runs import-prometheus` end to end: two nodes' DCGM-shaped exporters with known GPU
 * power, scraped by a real Prometheus, imported as a run and read back with `runs show`.
 */
interface Shown {
  id: string;
  name: string | null;
  status: string;
  durationS: number;
  energyKwh: { total: number; gpu: number; cpu: number };
  co2eKg: number;
  peakPowerW: number;
  averagePowerW: number;
  sources: { gpu: string | null; cpu: string | null };
  notes: string[];
  hosts: {
    host: string;
    status: string;
    energyKwh: number;
    devices: { deviceIndex: number; name: string; uuid?: string }[];
  }[];
}

describe('runs import-prometheus against a real Prometheus', () => {
  const watts = { 'node-a': [400, 300], 'node-b': [350] };
  const dir = mkdtempSync(join(tmpdir(), 'empreinte-import-'));
  const env = { EMPREINTE_DB: join(dir, 'empreinte.db'), HOME: dir };
  const exporters: { target: string; close(): Promise<void> }[] = [];
  let prometheus: TestPrometheus;
  let from = '';
  let to = '';

  before(async () => {
    const t0 = Date.now();
    exporters.push(await serveExporter(dcgmMetrics('node-a', watts['node-a'], t0)));
    exporters.push(await serveExporter(dcgmMetrics('node-b', watts['node-b'], t0)));
    // A third node scraped too, not part of the run.
    exporters.push(await serveExporter(dcgmMetrics('node-z', [700], t0)));
    prometheus = await startPrometheus(
      exporters.map((e) => e.target),
      0.5,
    );
    await prometheus.waitForScrapes(3);
    const fromMs = Math.ceil(Date.now() / 1000) * 1000;
    from = new Date(fromMs).toISOString();
    to = new Date(fromMs + 8_000).toISOString();
    await sleep(fromMs + 8_000 - Date.now() + 1_500);
  });
  after(async () => {
    await prometheus?.stop();
    for (const e of exporters) await e.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the run with each host’s GPU energy from the DCGM counter, within 0.5% of the truth', () => {
    const args = [
      'runs',
      'import-prometheus',
      '--url',
      prometheus.url,
      '--from',
      from,
      '--to',
      to,
      '--hosts',
      'node-a,node-b',
    ];
    const result = runCli(
      [...args, '--source', 'dcgm', '--step', '2', '--name', 'llm-finetune', '--location', 'fr', '--json'],
      { env },
    );
    assert.equal(result.status, 0, result.stderr);
    const imported = JSON.parse(result.stdout) as Shown;
    const shown = JSON.parse(runCli(['runs', 'show', imported.id, '--json'], { env }).stdout) as Shown;
    assert.deepEqual(shown.energyKwh, imported.energyKwh);
    // Each host says where its figures came from, in the reader's language.
    assert.ok(
      shown.notes.some((n) => /node-a.*read from Prometheus .*: 4 windows of 2 s/.test(n)),
      shown.notes.join('\n'),
    );
    const french = JSON.parse(
      runCli(['runs', 'show', imported.id, '--json', '--lang', 'fr'], { env }).stdout,
    ) as Shown;
    assert.ok(
      french.notes.some((n) => /node-a.*lu dans Prometheus .*: 4 fenêtres de 2 s/.test(n)),
      french.notes.join('\n'),
    );
    assert.ok(!french.notes.some((n) => n.includes('read from')), french.notes.join('\n'));
    assert.equal(shown.status, 'completed');
    assert.equal(shown.name, 'llm-finetune');
    assert.equal(shown.sources.gpu, 'measured:prometheus-dcgm');
    assert.equal(shown.sources.cpu, null);
    assert.equal(shown.durationS, 8);
    const truthKwh = (host: keyof typeof watts) => (watts[host].reduce((s, w) => s + w, 0) * 8) / 3.6e6;
    const byHost = Object.fromEntries(shown.hosts.map((h) => [h.host, h]));
    assert.deepEqual(Object.keys(byHost).sort(), ['node-a', 'node-b'], 'node-z is not in the run');
    for (const host of ['node-a', 'node-b'] as const) {
      const got = byHost[host].energyKwh;
      assert.ok(
        Math.abs(got - truthKwh(host)) <= 0.005 * truthKwh(host),
        `${host}: ${got} kWh vs ${truthKwh(host)} kWh`,
      );
      assert.equal(byHost[host].status, 'completed');
    }
    assert.deepEqual(
      byHost['node-a'].devices.map((d) => [d.deviceIndex, d.name, d.uuid]),
      [
        [0, 'NVIDIA H100 80GB HBM3', 'GPU-node-a-0'],
        [1, 'NVIDIA H100 80GB HBM3', 'GPU-node-a-1'],
      ],
    );
    assert.ok(Math.abs(shown.energyKwh.gpu - shown.hosts.reduce((s, h) => s + h.energyKwh, 0)) < 1e-12);
    assert.ok(shown.co2eKg > 0);
    // Constant power on every GPU: the cluster's peak is its average, all hosts added up.
    const clusterW = [...watts['node-a'], ...watts['node-b']].reduce((s, w) => s + w, 0);
    assert.ok(
      Math.abs(shown.peakPowerW - clusterW) <= 0.01 * clusterW,
      `peak ${shown.peakPowerW} W vs ${clusterW} W`,
    );
    assert.ok(
      Math.abs(shown.averagePowerW - clusterW) <= 0.01 * clusterW,
      `average ${shown.averagePowerW} W`,
    );
  });

  it('gives a Markdown summary for a CI job, with the hosts', () => {
    const list = JSON.parse(runCli(['runs', 'list', '--json'], { env }).stdout) as { id: string }[];
    const md = runCli(['runs', 'show', list[0].id, '--format', 'markdown'], { env });
    assert.equal(md.status, 0, md.stderr);
    assert.match(md.stdout, /^### /);
    assert.match(md.stdout, /measured:prometheus-dcgm/);
    assert.match(md.stdout, /\| node-a \|/);
    assert.match(md.stdout, /\| node-b \|/);
  });

  it('refuses bad flags with one line naming the flag, before any query', () => {
    const base = ['runs', 'import-prometheus', '--url', prometheus.url, '--from', from];
    const cases: [string[], RegExp][] = [
      [
        ['--source', 'nvml'],
        /--source: 'nvml' is not a supported exporter \(expected dcgm, kepler, kepler-container, scaphandre\)/,
      ],
      [['--to', 'yesterday'], /--to: 'yesterday' is not an ISO 8601 date and time/],
      [['--match', 'zone=package'], /--match: 'zone=package' is not a PromQL label matcher/],
      [
        ['--hosts', 'node-a,node-q'],
        /--hosts: no DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION or DCGM_FI_DEV_POWER_USAGE series for node-q/,
      ],
    ];
    for (const [extra, message] of cases) {
      // A flag given twice is an error of its own, so `--to` appears once: the bad one, or the good one.
      const args = extra.includes('--to') ? [...base, ...extra] : [...base, '--to', to, ...extra];
      const result = runCli(args, { env });
      assert.equal(result.status, 2, `${extra.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    }
  });
});
