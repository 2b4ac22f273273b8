import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildFakeNvml } from './fixtures/fake-nvml/build.js';
import { CLI, runCli } from './helpers/cli.js';

/** `empreinte run --boundary process` end to end, on real processes (and fake GPUs). */
interface Report {
  id: string;
  boundary: 'machine' | 'process';
  durationS: number;
  energyKwh: { total: number; gpu: number; cpu: number; ram: number };
  machineEnergyKwh?: { total: number; gpu: number; cpu: number; ram: number };
  notes: string[];
}

const dir = mkdtempSync(join(tmpdir(), 'empreinte-boundary-'));
const env: NodeJS.ProcessEnv = {
  EMPREINTE_DB: join(dir, 'runs.db'),
  EMPREINTE_PROC_ROOT: '/proc',
  EMPREINTE_NVML_LIB: join(dir, 'no-libnvidia-ml.so.1'),
  EMPREINTE_NVIDIA_SMI: join(dir, 'no-nvidia-smi'),
  HOME: dir,
};

function run(args: string[], extra: NodeJS.ProcessEnv = {}): Report {
  const result = runCli(['run', '--json', ...args], { env: { ...env, ...extra } });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stderr) as Report;
}

const BUSY = 'const end = Date.now() + 2000; while (Date.now() < end) {}';

describe('empreinte run --boundary process', () => {
  let load: ChildProcess;
  before(() => {
    // Other work on the machine: a busy loop that is not the command's.
    load = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  });
  after(() => load.kill('SIGKILL'));

  it('is a usage error with an unknown boundary', () => {
    const result = runCli(['run', '--boundary', 'container', '--', 'true'], { env });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--boundary: 'container' is not a boundary \(expected machine or process\)/);
  });

  it('charges an idle command far less CPU than the machine used, a busy one its CPU time', () => {
    const idle = run(['--boundary', 'process', '--', 'sleep', '2']);
    assert.equal(idle.boundary, 'process');
    const machine = idle.machineEnergyKwh!;
    assert.ok(machine.cpu > 0, 'the machine used CPU energy');
    assert.ok(idle.energyKwh.cpu < 0.05 * machine.cpu, `idle: ${idle.energyKwh.cpu} of ${machine.cpu} kWh`);
    assert.ok(idle.energyKwh.ram < machine.ram, 'sleep holds a sliver of the memory');

    // The truth for the busy command: its own CPU time over the machine's busy time while it ran.
    const cpuFile = join(dir, 'cpu.json');
    const busy = run([
      '--boundary',
      'process',
      '--',
      process.execPath,
      '-e',
      `const busy = () => { const f = require('fs').readFileSync('/proc/stat', 'utf8').split('\\n')[0].trim().split(/\\s+/).slice(1, 9).map(Number); return f.reduce((a, b) => a + b, 0) - f[3] - f[4]; };
       const from = busy(); const cpu0 = process.cpuUsage(); ${BUSY};
       const usage = process.cpuUsage(cpu0);
       require('fs').writeFileSync(${JSON.stringify(cpuFile)}, JSON.stringify({ cpuS: (usage.user + usage.system) / 1e6, machineS: (busy() - from) / 100 }))`,
    ]);
    const measured = JSON.parse(readFileSync(cpuFile, 'utf8')) as { cpuS: number; machineS: number };
    const truth = measured.cpuS / measured.machineS;
    const share = busy.energyKwh.cpu / busy.machineEnergyKwh!.cpu;
    assert.ok(busy.energyKwh.cpu > 10 * idle.energyKwh.cpu, 'the busy command is charged far more');
    // The run's window also holds the command's start and end (slow on a loaded machine): its share is lower.
    assert.ok(share > 0.5 * truth && share < 1.3 * truth + 0.02, `share ${share}, truth ${truth}`);
  });

  it('follows what the command leaves running, and says so', () => {
    const report = run([
      '--boundary',
      'process',
      '--',
      'sh',
      '-c',
      `(${JSON.stringify(process.execPath)} -e "const end = Date.now() + 3000; while (Date.now() < end) {}" &) ; sleep 1.5`,
    ]);
    const note = report.notes.find((n) => /still run after it ended/.test(n));
    assert.ok(note, report.notes.join('\n'));
    const orphanS = Number(/1 process\(es\) started by the command .*node, ([0-9.]+) s CPU/.exec(note!)?.[1]);
    assert.ok(orphanS >= 0.1, `the orphan's busy loop is charged: ${note}`);
    // The orphan's 1.5 s of busy loop are charged although its parent shell had exited at once.
    const idle = run(['--boundary', 'process', '--', 'sleep', '1.5']);
    assert.ok(
      report.energyKwh.cpu > 10 * idle.energyKwh.cpu,
      `${report.energyKwh.cpu} vs ${idle.energyKwh.cpu}`,
    );
  });

  it('charges each GPU by the command’s share of its use, and stores both figures', () => {
    const procs = join(dir, 'gpu-procs');
    writeFileSync(procs, '');
    const gpuEnv = {
      EMPREINTE_NVML_LIB: buildFakeNvml(),
      FAKE_NVML_GPUS: '1',
      FAKE_NVML_WATTS: '300',
      FAKE_NVML_PROCS_FILE: procs,
    };
    // The command says which pid it runs as; another job's process uses the GPU beside it.
    const report = run(
      [
        '--boundary',
        'process',
        '--',
        'sh',
        '-c',
        `echo "0 $$ 80 1000" > ${procs}; echo "0 1 20 1000" >> ${procs}; sleep 2`,
      ],
      gpuEnv,
    );
    const share = report.energyKwh.gpu / report.machineEnergyKwh!.gpu;
    assert.ok(share > 0.7 && share <= 0.8 + 1e-9, `GPU share ${share}`);
    // The fake GPU draws 300 W all along: the machine's figure is that power over the run.
    const machineJ = report.machineEnergyKwh!.gpu * 3.6e6;
    assert.ok(report.durationS >= 2, `${report.durationS} s`);
    assert.ok(
      Math.abs(machineJ - 300 * report.durationS) < 0.03 * 300 * report.durationS,
      `machine GPU ${machineJ} J in ${report.durationS} s`,
    );
    // Read back from the store, as `runs show` does.
    const shown = runCli(['runs', 'show', report.id, '--json'], { env: { ...env, ...gpuEnv } });
    const stored = JSON.parse(shown.stdout) as Report;
    assert.equal(stored.boundary, 'process');
    assert.ok(Math.abs(stored.machineEnergyKwh!.gpu - report.machineEnergyKwh!.gpu) < 1e-12);
    assert.ok(Math.abs(stored.energyKwh.gpu - report.energyKwh.gpu) < 1e-12);
    // The default stays the whole machine, as CodeCarbon measures.
    const whole = run(['--', 'sleep', '0.5'], gpuEnv);
    assert.equal(whole.boundary, 'machine');
    assert.equal(whole.machineEnergyKwh, undefined);
  });

  it('keeps the share and the machine figures of every tick when the tracker is killed', async () => {
    const procs = join(dir, 'gpu-procs-kill');
    writeFileSync(procs, '');
    const gpuEnv = {
      ...env,
      EMPREINTE_NVML_LIB: buildFakeNvml(),
      FAKE_NVML_GPUS: '1',
      FAKE_NVML_WATTS: '300',
      FAKE_NVML_PROCS_FILE: procs,
    };
    // The command's pid stays $$ through exec: the test ends it after killing the tracker.
    const tracker = spawn(
      process.execPath,
      [
        CLI,
        'run',
        '--boundary',
        'process',
        '--name',
        'killed',
        '--',
        'sh',
        '-c',
        `echo "0 $$ 50 1000" > ${procs}; echo "0 1 50 1000" >> ${procs}; exec sleep 30`,
      ],
      { env: { ...process.env, ...gpuEnv }, stdio: 'ignore' },
    );
    // Wait until the store holds at least 1.5 s of the GPU's energy (however slow the machine is
    // to start the tracker), then kill it: what was stored by then must all be there after.
    const storedGpuJ = () => {
      const list = JSON.parse(runCli(['runs', 'list', '--json'], { env: gpuEnv }).stdout) as {
        id: string;
        name: string;
      }[];
      const id = list.find((r) => r.name === 'killed')?.id;
      if (!id) return { id, joules: 0 };
      const shown = JSON.parse(runCli(['runs', 'show', id, '--json'], { env: gpuEnv }).stdout) as Report;
      return { id, joules: (shown.machineEnergyKwh?.gpu ?? 0) * 3.6e6 };
    };
    let seen = storedGpuJ();
    for (const deadline = Date.now() + 30_000; seen.joules < 300 * 1.5; seen = storedGpuJ()) {
      assert.ok(Date.now() < deadline, `1.5 s of GPU energy stored within 30 s (${seen.joules} J)`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    tracker.kill('SIGKILL');
    await new Promise((resolve) => tracker.once('exit', resolve));
    const pid = Number(readFileSync(procs, 'utf8').split(' ')[1]);
    process.kill(pid, 'SIGKILL');
    const shown = JSON.parse(runCli(['runs', 'show', seen.id!, '--json'], { env: gpuEnv }).stdout) as Report;
    assert.equal(shown.boundary, 'process');
    const machineJ = shown.machineEnergyKwh!.gpu * 3.6e6;
    assert.ok(
      machineJ >= seen.joules - 1e-6,
      `machine GPU ${machineJ} J stored, ${seen.joules} J seen before the kill`,
    );
    const share = shown.energyKwh.gpu / shown.machineEnergyKwh!.gpu;
    assert.ok(share > 0.4 && share <= 0.5 + 1e-9, `GPU share ${share}`);
  });
});
