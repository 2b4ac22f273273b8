import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type FakeMachine, fakeMachine } from '../fixtures/proc/machine.js';
import { CLI, runCli } from '../helpers/cli.js';
import {
  freePort,
  PROMTOOL_BIN,
  requireBinary,
  sleep,
  startPrometheus,
  type TestPrometheus,
} from '../helpers/prometheus.js';

/**
 * `empreinte run --metrics-port` scraped by a real Prometheus: the energy counter and power
 * gauge of a fake GPU drawing a known 250 W, read back through Prometheus' HTTP API, and the
 * live endpoint's text checked by promtool.
 */
describe('a real Prometheus scraping empreinte run --metrics-port', () => {
  const runId = 'metrics-e2e-1';
  let machine: FakeMachine;
  let prometheus: TestPrometheus;
  let port: number;
  let tracker: Promise<{ code: number | null; stderr: string }>;
  let liveText = '';
  let rate: number;
  let power: number;
  let done = '';

  before(async () => {
    machine = await fakeMachine({ gpus: 1, gpuWatts: 250, rapl: 'absent' });
    done = join(machine.dir, 'done');
    port = await freePort();
    prometheus = await startPrometheus([`127.0.0.1:${port}`], 0.5);
    const child = spawn(
      process.execPath,
      [
        CLI,
        'run',
        '--run-id',
        runId,
        '--node',
        'node-m',
        '--interval',
        '0.25',
        '--metrics-port',
        `127.0.0.1:${port}`,
        '--',
        process.execPath,
        '-e',
        // Runs until the test has read what it needs (or 60 s): no race with a slow machine.
        `const fs = require('node:fs'); setInterval(() => fs.existsSync(${JSON.stringify(done)}) && process.exit(0), 100); setTimeout(() => process.exit(0), 60000);`,
      ],
      {
        env: { ...process.env, ...machine.env, LANG: 'C', NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    tracker = new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
    // Wait until Prometheus holds 12 s of the counter (the CLI takes a moment to start): a rate over
    // 10 s of 0.5 s scrapes is off by one 0.25 s tick at most, 2.5%, however late a tick comes.
    const selector = `{run_id="${runId}",host="node-m",component="gpu",device="0"}`;
    for (const deadline = Date.now() + 45_000; ; await sleep(250)) {
      const rows = await prometheus.query(`count_over_time(empreinte_energy_joules_total${selector}[1m])`);
      if (Number(rows[0]?.value[1] ?? 0) >= 24) break;
      if (Date.now() > deadline) throw new Error(`no samples scraped: ${stderr}`);
    }
    liveText = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    rate = Number(
      (await prometheus.query(`rate(empreinte_energy_joules_total${selector}[10s])`))[0]?.value[1],
    );
    // The gauge of one tick is off where a tick was late between its clock and its counter
    // reading; the median of 20 scrapes is not.
    power = Number(
      (await prometheus.query(`quantile_over_time(0.5, empreinte_power_watts${selector}[10s])`))[0]?.value[1],
    );
    writeFileSync(done, '');
  });
  after(async () => {
    if (done) writeFileSync(done, '');
    await prometheus?.stop();
    machine?.stop();
  });

  it('exposes the energy counter whose rate Prometheus finds equal to the GPU power, and the power gauge', () => {
    assert.ok(Math.abs(rate - 250) <= 0.05 * 250, `rate ${rate} W`);
    assert.ok(Math.abs(power - 250) <= 0.01 * 250, `power ${power} W`);
  });

  it('serves text that promtool check metrics accepts', () => {
    requireBinary(PROMTOOL_BIN);
    assert.match(liveText, /^# TYPE empreinte_energy_joules_total counter$/m);
    assert.match(liveText, /^empreinte_co2e_grams_total\{run_id="metrics-e2e-1",host="node-m"\} [0-9.e-]+$/m);
    const check = spawnSync(PROMTOOL_BIN, ['check', 'metrics'], { input: liveText, encoding: 'utf8' });
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
  });

  it('ends with a scraped counter that matches the stored energy to within the last scrape', async () => {
    const { code, stderr } = await tracker;
    assert.equal(code, 0, stderr);
    assert.match(stderr, new RegExp(`metrics for Prometheus on http://127\\.0\\.0\\.1:${port}/metrics`));
    const shown = JSON.parse(runCli(['runs', 'show', runId, '--json'], { env: machine.env }).stdout) as {
      energyKwh: { gpu: number };
      endedAt: string;
    };
    const storedJ = shown.energyKwh.gpu * 3.6e6;
    // Every scrape, with the time Prometheus took it (an instant query of a range: a matrix).
    const scraped = (await prometheus.query(
      `empreinte_energy_joules_total{run_id="${runId}",component="gpu"}[1m]`,
    )) as unknown as { values: [number, string][] }[];
    const [lastS, last] = scraped[0].values.at(-1)!;
    const scrapedJ = Number(last);
    // After the last scrape the GPU drew 250 W until the run ended, and the counter it read was
    // the last tick's: up to one 0.25 s interval (half a second allowed for a late tick) older.
    const afterS = (Date.parse(shown.endedAt) - lastS * 1000) / 1000;
    assert.ok(
      scrapedJ <= storedJ + 1e-6 && storedJ - scrapedJ <= 250 * (afterS + 0.5) + 1,
      `scraped ${scrapedJ} J ${afterS.toFixed(2)} s before the end, stored ${storedJ} J`,
    );
  });
});
