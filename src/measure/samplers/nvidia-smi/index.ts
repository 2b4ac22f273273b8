import { type ChildProcessByStdio, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Readable } from 'node:stream';
import { type Message, msg, render } from '../../../messages/index.js';
import type { Channel, Reading, Sampler } from '../../types.js';
import { emptyReadings } from '../../types.js';
import { type Checked, type Choice, type ProbedCheck, runCheck } from '../_probe.js';
import type { GpuDevice } from '../nvml/index.js';

/**
 * Fallback when NVML cannot be loaded: `nvidia-smi --query-gpu=index,power.draw
 * --format=csv,noheader,nounits -lms <interval>` runs as one long-lived child that prints the
 * power of every GPU each period; the sampler keeps the latest value per GPU and the tracker
 * integrates it over time. If the tracker dies, the child's next write fails (SIGPIPE) and it exits.
 */
export function nvidiaSmiPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.EMPREINTE_NVIDIA_SMI || 'nvidia-smi';
}

export class NvidiaSmiUnavailable extends Error {
  constructor(
    readonly problem: Message,
    readonly remedy: Message,
  ) {
    super(render(problem));
    this.name = 'NvidiaSmiUnavailable';
  }
}

const FORMAT = '--format=csv,noheader,nounits';

function parseNumber(text: string | undefined): number | undefined {
  const value = Number.parseFloat(text ?? '');
  return Number.isFinite(value) ? value : undefined; // "[N/A]", "[Not Supported]"
}

/**
 * False when a bare command name is in no PATH directory: the spawn would fail with ENOENT, and
 * forking the tracker to learn it costs more than looking (on every machine without NVIDIA).
 */
function onPath(command: string, env: NodeJS.ProcessEnv = process.env): boolean {
  // A path, or Windows (PATHEXT): the spawn says whether it runs.
  if (command.includes('/') || process.platform === 'win32') return true;
  const dirs = (env.PATH ?? '').split(delimiter).map((dir) => dir || '.');
  return dirs.some((dir) => existsSync(join(dir, command)));
}

/** Lists the GPUs with one query; throws `NvidiaSmiUnavailable` when nvidia-smi cannot run. */
export function listGpusWithNvidiaSmi(command = nvidiaSmiPath()): GpuDevice[] {
  if (!onPath(command)) {
    throw new NvidiaSmiUnavailable(msg('measure.smiMissing', { path: command }), msg('measure.smiFix'));
  }
  const result = spawnSync(command, ['--query-gpu=index,name,uuid,power.limit', FORMAT], {
    encoding: 'utf8',
    timeout: 15_000,
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new NvidiaSmiUnavailable(
      code === 'ENOENT'
        ? msg('measure.smiMissing', { path: command })
        : msg('measure.smiCannotRun', { path: command, cause: result.error.message }),
      msg('measure.smiFix'),
    );
  }
  if (result.status !== 0) {
    const message = (result.stderr || result.stdout).trim().split('\n')[0];
    throw new NvidiaSmiUnavailable(
      msg('measure.smiFailed', { path: command, code: result.status ?? '', cause: message }),
      msg('measure.smiFailedFix'),
    );
  }
  const devices: GpuDevice[] = [];
  for (const line of result.stdout.split('\n')) {
    const [index, name, uuid, limit] = line.split(',').map((s) => s.trim());
    const i = parseNumber(index);
    if (i === undefined) continue;
    devices.push({
      index: i,
      name: name || `GPU ${i}`,
      uuid: uuid || undefined,
      powerLimitW: parseNumber(limit),
      counter: false,
    });
  }
  return devices;
}

/** Starts the streaming query and resolves once every GPU has reported a first power value. */
export async function createNvidiaSmiSampler(
  devices: readonly GpuDevice[],
  intervalS: number,
  command = nvidiaSmiPath(),
): Promise<Sampler> {
  const channels: Channel[] = devices.map((d) => ({
    component: 'gpu',
    deviceIndex: d.index,
    name: d.name,
    uuid: d.uuid,
    powerLimitW: d.powerLimitW,
    source: 'measured:nvidia-smi',
  }));
  const readings: Reading[] = emptyReadings(channels);
  const slot = new Map(devices.map((d, i) => [d.index, i]));
  const latest = new Float64Array(devices.length).fill(Number.NaN);
  const args = [
    '--query-gpu=index,power.draw',
    FORMAT,
    '-lms',
    String(Math.max(100, Math.round(intervalS * 1000))),
  ];
  if (devices.length > 0) args.push('-i', devices.map((d) => d.index).join(','));
  const child: ChildProcessByStdio<null, Readable, null> = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let pending = '';
  let firstValues: (() => void) | undefined;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const comma = line.indexOf(',');
      const i = slot.get(Number.parseInt(line, 10));
      if (comma > 0 && i !== undefined) latest[i] = parseNumber(line.slice(comma + 1)) ?? Number.NaN;
      newline = pending.indexOf('\n');
    }
    if (firstValues && latest.every((v) => !Number.isNaN(v))) firstValues();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', () => {});
  await Promise.race([
    new Promise<void>((resolve) => {
      firstValues = resolve;
    }),
    exited,
    new Promise<void>((resolve) => setTimeout(resolve, 5000).unref()),
  ]);
  firstValues = undefined;
  if (child.exitCode !== null || latest.some((v) => Number.isNaN(v))) {
    child.kill();
    throw new NvidiaSmiUnavailable(
      msg('measure.smiNoStream', { path: command }),
      msg('measure.smiNoStreamFix'),
    );
  }
  // The child must not keep a library user's process alive.
  child.unref();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  return {
    id: 'nvidia-smi',
    channels,
    read() {
      for (let i = 0; i < readings.length; i++)
        readings[i].powerW = Number.isNaN(latest[i]) ? undefined : latest[i];
      return readings;
    },
    close() {
      child.kill();
    },
  };
}

/** Checks nvidia-smi: the GPUs that report their power draw. */
export function probe(env: NodeJS.ProcessEnv): Promise<Checked<GpuDevice[]>> {
  const smiPath = nvidiaSmiPath(env);
  return runCheck(
    { sensor: 'nvidia-smi', component: 'gpu', path: smiPath },
    () => {
      const gpus = listGpusWithNvidiaSmi(smiPath);
      return { value: gpus, detail: msg('measure.smiGpus', { count: gpus.length }) };
    },
    (error) => error instanceof NvidiaSmiUnavailable,
  );
}

/** The fallback where NVML cannot be loaded (its failed check says why): power.draw integrated over time. */
export function choose(gpus: GpuDevice[] | undefined, nvml: ProbedCheck): Choice | undefined {
  if (nvml.ok || !gpus || gpus.length === 0) return undefined;
  return {
    plan: {
      sensor: 'nvidia-smi',
      source: 'measured:nvidia-smi',
      fallback: true,
      detail: msg('measure.planSmi'),
    },
    warnings: [msg('measure.warnSmi', { detail: nvml.detail, fix: nvml.fix })],
  };
}
