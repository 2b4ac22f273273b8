/**
 * `empreinte run --boundary process` beside other load (a busy loop that is not the command's):
 * 1. the CPU share charged to an idle command (`sleep`) and to a busy one, against the busy
 *    command's own CPU time over the machine's busy time while it ran (the truth);
 * 2. the cost of following a process tree: one update of 50 processes (list /proc, re-read each
 *    stat), µs, and as a share of a core at the default 1 s interval.
 * Real processes and the real /proc; no GPU (the GPU share is tested on the fake NVML library).
 * Run: npm run bench -- boundary (builds dist first). Knob: BENCH_SECONDS (default 4).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageBytes } from '../src/measure/boundary/index.js';
import { ProcessTree } from '../src/measure/boundary/proc-tree.js';

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const pct = (v: number) => `${(100 * v).toPrecision(3)}%`;
const dir = mkdtempSync(join(tmpdir(), 'empreinte-boundary-bench-'));
const env = {
  ...process.env,
  EMPREINTE_DB: join(dir, 'runs.db'),
  EMPREINTE_NVML_LIB: join(dir, 'none.so'),
  EMPREINTE_NVIDIA_SMI: join(dir, 'none'),
};

interface Report {
  energyKwh: { cpu: number };
  machineEnergyKwh: { cpu: number };
}

function run(command: string[]): Report {
  const result = spawnSync(
    process.execPath,
    [CLI, 'run', '--boundary', 'process', '--json', '--', ...command],
    {
      env,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stderr) as Report;
}

const load: ChildProcess = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
try {
  const idle = run(['sleep', String(SECONDS)]);
  const truthFile = join(dir, 'truth.json');
  const busy = run([
    process.execPath,
    '-e',
    `const fs = require('fs');
     const busy = () => { const f = fs.readFileSync('/proc/stat', 'utf8').split('\\n')[0].trim().split(/\\s+/).slice(1, 9).map(Number); return f.reduce((a, b) => a + b, 0) - f[3] - f[4]; };
     const from = busy(); const cpu0 = process.cpuUsage(); const end = Date.now() + ${SECONDS * 1000}; while (Date.now() < end) {}
     const u = process.cpuUsage(cpu0);
     fs.writeFileSync(${JSON.stringify(truthFile)}, JSON.stringify({ cpuS: (u.user + u.system) / 1e6, machineS: (busy() - from) / 100 }));`,
  ]);
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as { cpuS: number; machineS: number };
  const share = (r: Report) => r.energyKwh.cpu / r.machineEnergyKwh.cpu;
  console.log(
    `idle command (sleep ${SECONDS}) beside a busy loop: charged ${pct(share(idle))} of the machine's CPU energy (${idle.energyKwh.cpu.toExponential(2)} of ${idle.machineEnergyKwh.cpu.toExponential(2)} kWh)`,
  );
  console.log(
    `busy command (${SECONDS} s loop) beside a busy loop: charged ${pct(share(busy))} of the machine's CPU energy; its CPU time over the machine's busy time: ${pct(truth.cpuS / truth.machineS)} (${truth.cpuS.toFixed(2)} of ${truth.machineS.toFixed(2)} CPU-s)`,
  );
} finally {
  load.kill('SIGKILL');
}

// The cost of one update with 50 processes in the tree.
const tree = spawn('sh', ['-c', 'for i in $(seq 49); do sleep 30 & done; wait'], {
  stdio: 'ignore',
  detached: true,
});
await new Promise((resolve) => setTimeout(resolve, 1000));
const followed = new ProcessTree('/proc', tree.pid!, process.pid, pageBytes());
const N = 500;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < N; i++) followed.update();
const wallUs = ((performance.now() - t0) * 1000) / N;
const c = process.cpuUsage(cpu0);
const cpuUs = (c.user + c.system) / N;
const listed = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).length;
console.log(
  `following ${followed.size} processes (${listed} in /proc): ${cpuUs.toFixed(0)} µs CPU per update (${wallUs.toFixed(0)} µs wall), ${pct(cpuUs / 1e6)} of a core at 1 s`,
);
followed.close();
process.kill(-tree.pid!, 'SIGKILL'); // the shell and its sleeps: one process group
rmSync(dir, { recursive: true, force: true });
