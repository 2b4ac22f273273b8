import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RAM_W_PER_GB } from '../src/measure/samplers/ram/index.js';
import { writerTolerance } from './fixtures/powercap/index.js';
import { type FakeMachine, fakeMachine } from './fixtures/proc/machine.js';
import { runCli } from './helpers/cli.js';

/** `empreinte run` end to end on fake hardware whose power is known. */
interface Shown {
  id: string;
  status: string;
  exitCode: number | null;
  durationS: number;
  energyKwh: { total: number; gpu: number; cpu: number; ram: number };
  sources: { gpu: string | null; cpu: string | null; ram: string | null };
  hosts: {
    host: string;
    durationS: number;
    energyKwh: number;
    devices: { component: string; deviceIndex: number; name: string }[];
  }[];
  phases: {
    label: string | null;
    energyKwh: number;
    tokens: number | null;
    energyJPerToken: number | null;
    durationS: number;
  }[];
  co2eKg: number;
  co2eMarketKg: number;
  peakPowerW: number;
  averagePowerW: number;
  estimate?: { hardware: string; differencePct: number };
  notes: string[];
}

const KWH = 3.6e6;
const within = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.abs(expected),
    `${what}: ${actual} vs ${expected} (±${tolerance * 100}%)`,
  );

/** A child that prints its run id, optionally writes marks, sleeps, and exits with a code. */
function child(seconds: number, code = 0, marks: string[] = []): string[] {
  const script = `
    const fs = require('node:fs');
    console.log('RUN_ID=' + process.env.EMPREINTE_RUN_ID);
    const marks = ${JSON.stringify(marks)};
    const step = ${seconds * 1000} / (marks.length + 1);
    marks.forEach((m, i) => setTimeout(() => fs.appendFileSync(process.env.EMPREINTE_MARKS, m + '\\n'), step * (i + 1)));
    setTimeout(() => process.exit(${code}), ${seconds * 1000});`;
  return [process.execPath, '-e', script];
}

function show(machine: FakeMachine, id: string): Shown {
  const result = machine.cli(['runs', 'show', id, '--json']);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Shown;
}

function runId(stdout: string): string {
  const id = /RUN_ID=(\S+)/.exec(stdout)?.[1];
  assert.ok(id, `the command saw EMPREINTE_RUN_ID: ${stdout}`);
  return id;
}

describe('empreinte run on fake hardware (NVML counters, RAPL package and DRAM)', () => {
  let machine: FakeMachine;
  before(async () => {
    machine = await fakeMachine({
      gpus: 2,
      gpuWatts: [300, 150],
      packageWatts: 100,
      dramWatts: 12,
      smallRange: true,
    });
  });
  after(() => machine.stop());

  it('passes stdio through, exits with the command’s code, and measures the known energy', () => {
    const result = runCli(
      ['run', '--interval', '0.2', '--name', 'fake', '--location', 'fr', '--', ...child(1.5)],
      {
        env: machine.env,
        input: '',
      },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^RUN_ID=[0-9a-f-]{36}\n$/, 'stdout is exactly the command’s');
    const run = show(machine, runId(result.stdout));
    assert.equal(run.status, 'completed');
    assert.equal(run.exitCode, 0);
    assert.deepEqual(run.sources, {
      gpu: 'measured:nvml-counter',
      cpu: 'measured:rapl',
      ram: 'measured:rapl',
    });
    const d = run.durationS;
    assert.ok(d > 1.4 && d < 4, `duration ${d}`);
    within(run.energyKwh.gpu * KWH, 450 * d, 0.02, 'GPU energy');
    within(run.energyKwh.cpu * KWH, 100 * d, writerTolerance(d), 'CPU energy (counter wrapping every 0.5 s)');
    within(run.energyKwh.ram * KWH, 12 * d, writerTolerance(d), 'DRAM energy');
    within(run.averagePowerW, 562, 0.02, 'average power (mostly the exact GPUs)');
    assert.ok(run.peakPowerW >= run.averagePowerW * 0.98);
    assert.equal(run.hosts.length, 1);
    assert.deepEqual(
      run.hosts[0].devices.map((x) => [x.component, x.deviceIndex]),
      [
        ['gpu', 0],
        ['gpu', 1],
        ['cpu', 0],
        ['ram', 0],
      ],
    );
    assert.ok(run.co2eKg > 0);
    assert.equal(run.co2eMarketKg, run.co2eKg, 'no renewable share: market = location');
    assert.match(result.stderr, /Run [0-9a-f-]+ "fake": completed \(exit 0\)/);
    assert.match(result.stderr, /CO2e, location-based/);
  });

  it('passes stdin to the command', () => {
    const result = runCli(
      ['run', '--interval', '0.5', '--', process.execPath, '-e', 'process.stdin.pipe(process.stdout)'],
      {
        env: machine.env,
        input: 'hello through empreinte\n',
      },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'hello through empreinte\n');
  });

  it('returns the command’s non-zero exit code and records the run as failed', () => {
    const result = runCli(['run', '--interval', '0.2', '--', ...child(0.3, 3)], { env: machine.env });
    assert.equal(result.status, 3);
    const run = show(machine, runId(result.stdout));
    assert.equal(run.status, 'failed');
    assert.equal(run.exitCode, 3);
  });

  it('exits 127 with a clear message when the command cannot start', () => {
    const result = runCli(['run', '--', 'no-such-command-empreinte'], { env: machine.env });
    assert.equal(result.status, 127);
    assert.match(
      result.stderr,
      /empreinte: error: cannot start the command: no-such-command-empreinte: command not found/,
    );
  });

  it('gives energy per phase and per token from the marks the program writes', () => {
    const marks = ['{"label":"epoch 1","tokens":1000000}', '{"label":"epoch 2","tokens":500000}'];
    const result = runCli(['run', '--interval', '0.1', '--', ...child(1.5, 0, marks)], { env: machine.env });
    assert.equal(result.status, 0, result.stderr);
    const run = show(machine, runId(result.stdout));
    assert.deepEqual(
      run.phases.map((p) => [p.label, p.tokens]),
      [
        ['epoch 1', 1000000],
        ['epoch 2', 500000],
        [null, null],
      ],
    );
    const sum = run.phases.reduce((s, p) => s + p.energyKwh, 0);
    within(sum, run.energyKwh.total, 1e-9, 'phases add up to the run');
    const first = run.phases[0];
    within(first.energyJPerToken!, (first.energyKwh * KWH) / 1_000_000, 1e-9, 'J per token');
    within(first.energyKwh * KWH, 562 * first.durationS, 0.05, 'phase energy follows its duration');
  });

  it('limits GPUs to --gpus and refuses an index that does not exist', () => {
    const result = runCli(['run', '--interval', '0.2', '--gpus', '1', '--', ...child(0.8)], {
      env: machine.env,
    });
    assert.equal(result.status, 0, result.stderr);
    const run = show(machine, runId(result.stdout));
    assert.deepEqual(
      run.hosts[0].devices.filter((x) => x.component === 'gpu').map((x) => x.deviceIndex),
      [1],
    );
    within(run.energyKwh.gpu * KWH, 150 * run.durationS, 0.03, 'only GPU 1 (150 W)');
    const bad = runCli(['run', '--gpus', '0,5', '--', 'true'], { env: machine.env });
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
    assert.match(bad.stderr, /--gpus: 5 is not a GPU index/);
  });

  it('rejects bad flags with one line naming the flag, before running anything', () => {
    for (const [args, flag] of [
      [['--interval', '0.05'], '--interval'],
      [['--interval', '61'], '--interval'],
      [['--pue', '0.5'], '--pue'],
      [['--location', 'atlantis'], '--location'],
      [['--gpus', 'a,b'], '--gpus'],
      [['--renewable-share', '2'], '--renewable-share'],
    ] as const) {
      const result = runCli(['run', ...args, '--', process.execPath, '-e', 'console.log("ran")'], {
        env: machine.env,
      });
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '', 'the command did not run');
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.ok(result.stderr.includes(flag), result.stderr);
    }
    const none = runCli(['run'], { env: machine.env });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /a command to measure is required/);
  });

  it('prints the summary as JSON on stderr with --json, leaving stdout to the command', () => {
    const result = runCli(
      ['run', '--json', '--interval', '0.2', '--renewable-share', '0.5', '--', ...child(0.4)],
      { env: machine.env },
    );
    assert.equal(result.status, 0, result.stderr);
    const summary = JSON.parse(result.stderr) as Shown;
    assert.equal(summary.id, runId(result.stdout));
    assert.ok(Math.abs(summary.co2eMarketKg - summary.co2eKg / 2) < 1e-12);
  });

  it('lists a run with the energy and CO2e its report gives, with a PUE and a renewable share', () => {
    const result = runCli(
      [
        'run',
        '--interval',
        '0.2',
        '--location',
        'pl',
        '--pue',
        '1.3',
        '--renewable-share',
        '0.4',
        '--',
        ...child(0.6),
      ],
      { env: machine.env },
    );
    assert.equal(result.status, 0, result.stderr);
    const id = runId(result.stdout);
    const shown = show(machine, id);
    const list = machine.cli(['runs', 'list', '--json']);
    assert.equal(list.status, 0, list.stderr);
    const listed = (
      JSON.parse(list.stdout) as Pick<Shown, 'id' | 'durationS' | 'energyKwh' | 'co2eKg'>[]
    ).find((r) => r.id === id);
    assert.ok(listed, 'the run is listed');
    within(shown.co2eMarketKg, shown.co2eKg * 0.6, 1e-12, 'market-based: net of the renewable share');
    assert.ok(shown.co2eKg > 0);
    assert.equal(listed.durationS, shown.durationS);
    assert.deepEqual(listed.energyKwh, shown.energyKwh);
    assert.equal(listed.co2eKg, shown.co2eKg, 'runs list and runs show give one CO2e');
  });
});

describe('empreinte run fallbacks', () => {
  it('uses nvidia-smi when NVML cannot be loaded, and says so once', async () => {
    const machine = await fakeMachine({ gpuSensor: 'nvidia-smi', gpus: 2, gpuWatts: 250, rapl: 'readable' });
    try {
      const result = runCli(['run', '--interval', '0.2', '--', ...child(1.2)], { env: machine.env });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr.match(/NVML unavailable/g)?.length, 1, result.stderr);
      assert.match(result.stderr, /EMPREINTE_NVML_LIB/);
      const run = show(machine, runId(result.stdout));
      assert.equal(run.sources.gpu, 'measured:nvidia-smi');
      within(run.energyKwh.gpu * KWH, 500 * run.durationS, 0.03, 'GPU energy from power.draw');
    } finally {
      machine.stop();
    }
  });

  it('models CPU as utilisation × TDP and RAM from MemTotal without RAPL, labelled as such', async () => {
    const machine = await fakeMachine({
      gpuSensor: 'none',
      rapl: 'absent',
      busyFraction: 0.5,
      cpuModel: 'Some Unlisted CPU 9000',
      packages: 2,
      memTotalKb: 32 * 1024 * 1024,
    });
    try {
      const result = runCli(['run', '--interval', '0.2', '--', ...child(1.2)], { env: machine.env });
      assert.equal(result.status, 0, result.stderr);
      const run = show(machine, runId(result.stdout));
      assert.deepEqual(run.sources, {
        gpu: null,
        cpu: 'default:unknown-cpu-tdp',
        ram: 'default:ram-w-per-gb',
      });
      assert.equal(run.energyKwh.gpu, 0);
      assert.ok(
        run.notes.some((n) => /not in the hardware catalog/.test(n)),
        run.notes.join('\n'),
      );
      const { UNKNOWN_CPU_TDP } = await import('../src/catalog/hardware.js');
      within(
        run.energyKwh.cpu * KWH,
        0.5 * 2 * UNKNOWN_CPU_TDP.powerW * run.durationS,
        Math.max(0.05, writerTolerance(run.durationS)),
        'CPU modelled energy',
      );
      within(run.energyKwh.ram * KWH, 32 * RAM_W_PER_GB.value * run.durationS, 0.01, 'RAM estimate');
    } finally {
      machine.stop();
    }
  });
});
