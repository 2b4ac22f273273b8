import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { type FakeMachine, fakeMachine } from '../fixtures/proc/machine.js';
import { CLI, runCli } from '../helpers/cli.js';

/** `empreinte run --otlp URL` against a local OTLP/HTTP receiver that decodes the JSON it gets. */
interface Point {
  attributes: { key: string; value: { stringValue?: string } }[];
  asDouble?: number;
}
interface Body {
  resourceMetrics: {
    scopeMetrics: {
      metrics: { name: string; sum?: { dataPoints: Point[] }; gauge?: { dataPoints: Point[] } }[];
    }[];
  }[];
}

describe('empreinte run --otlp', () => {
  let machine: FakeMachine;
  const bodies: Body[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => {
      text += c;
    });
    req.on('end', () => {
      if (req.url === '/v1/metrics') bodies.push(JSON.parse(text) as Body);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  let url = '';
  before(async () => {
    machine = await fakeMachine({ gpus: 2, gpuWatts: [300, 100], rapl: 'absent' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => {
    server.close();
    machine?.stop();
  });

  it('pushes the run’s energy per GPU, whose last values equal what the store has', async () => {
    // Asynchronous: the receiver lives in this process and must answer while the CLI runs.
    const script = 'setTimeout(() => {}, 1500)';
    const args = [
      'run',
      '--run-id',
      'otlp-e2e',
      '--interval',
      '0.2',
      '--otlp',
      url,
      '--',
      process.execPath,
      '-e',
      script,
    ];
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...machine.env, LANG: 'C' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /cannot push/);
    assert.ok(bodies.length >= 1, 'at least the push at the end of the run');
    const last = bodies.at(-1)!;
    const energy = last.resourceMetrics[0].scopeMetrics
      .flatMap((s) => s.metrics)
      .find((m) => m.name === 'empreinte.energy')!;
    const gpuJ = energy
      .sum!.dataPoints.filter((p) =>
        p.attributes.some((a) => a.key === 'component' && a.value.stringValue === 'gpu'),
      )
      .filter((p) => p.attributes.some((a) => a.key === 'run_id' && a.value.stringValue === 'otlp-e2e'))
      .reduce((s, p) => s + (p.asDouble ?? 0), 0);
    const shown = JSON.parse(runCli(['runs', 'show', 'otlp-e2e', '--json'], { env: machine.env }).stdout) as {
      energyKwh: { gpu: number };
    };
    const storedJ = shown.energyKwh.gpu * 3.6e6;
    assert.ok(storedJ > 0);
    assert.ok(Math.abs(gpuJ - storedJ) <= 1e-9 * storedJ, `pushed ${gpuJ} J, stored ${storedJ} J`);
  });

  it('refuses a URL that is not http(s), with one line naming --otlp', () => {
    const result = runCli(['run', '--otlp', 'collector:4318', '--', 'true'], { env: machine.env });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--otlp: 'collector:4318' is not an http\(s\) URL/);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  });
});
