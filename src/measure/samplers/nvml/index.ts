import { existsSync } from 'node:fs';
import { type Message, msg, render } from '../../../messages/index.js';
import type { Channel, Reading, Sampler } from '../../types.js';
import { emptyReadings } from '../../types.js';
import { type Checked, type Choice, runCheck } from '../_probe.js';
import {
  loadNvml,
  NVML_ERROR_INSUFFICIENT_SIZE,
  NVML_ERROR_NOT_SUPPORTED,
  NVML_STRING_BUFFER,
  NVML_SUCCESS,
  type NvmlBindings,
  type NvmlHandle,
  PROCESS_UTILISATION_BYTES,
} from './bindings.js';

/**
 * NVIDIA GPUs through NVML. Counter first: `nvmlDeviceGetTotalEnergyConsumption` (mJ since the
 * driver loaded; Volta and later) where the GPU supports it, else `nvmlDeviceGetPowerUsage` (mW),
 * which the tracker integrates over time. Each channel says which one it uses.
 */
export const DEFAULT_NVML_LIB = 'libnvidia-ml.so.1';

export function nvmlLibPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.EMPREINTE_NVML_LIB || DEFAULT_NVML_LIB;
}

export interface GpuDevice {
  index: number;
  name: string;
  uuid?: string;
  powerLimitW?: number;
  /** Whether the energy counter works on this GPU. */
  counter: boolean;
}

export interface NvmlSession {
  libPath: string;
  devices: GpuDevice[];
  /** A sampler over the given GPU indices (all when omitted); it shuts NVML down when closed. */
  createSampler(indices?: readonly number[]): Sampler;
  close(): void;
}

export class NvmlUnavailable extends Error {
  constructor(
    readonly problem: Message,
    readonly remedy: Message,
  ) {
    super(render(problem));
    this.name = 'NvmlUnavailable';
  }
}

/** Loads NVML, initialises it and lists the GPUs; throws `NvmlUnavailable` with a fix when it cannot. */
export async function openNvml(libPath = nvmlLibPath()): Promise<NvmlSession> {
  let nvml: NvmlBindings;
  try {
    nvml = await loadNvml(libPath);
  } catch (error) {
    // A path that names no file says so; otherwise the loader's own words (a wrong architecture...).
    const missing = libPath.includes('/') && !existsSync(libPath);
    throw new NvmlUnavailable(
      missing
        ? msg('measure.nvmlMissing', { path: libPath })
        : msg('measure.nvmlLoad', { path: libPath, cause: (error as Error).message }),
      msg('measure.nvmlLoadFix'),
    );
  }
  const code = nvml.init();
  if (code !== NVML_SUCCESS) {
    throw new NvmlUnavailable(
      msg('measure.nvmlInit', { cause: nvml.errorString(code), code }),
      msg('measure.nvmlInitFix'),
    );
  }
  const count = new Uint32Array(1);
  const countCode = nvml.getCount(count);
  if (countCode !== NVML_SUCCESS) {
    nvml.shutdown();
    throw new NvmlUnavailable(
      msg('measure.nvmlCount', { cause: nvml.errorString(countCode) }),
      msg('measure.nvmlCountFix'),
    );
  }
  const handles: NvmlHandle[] = [];
  const devices: GpuDevice[] = [];
  const text = Buffer.alloc(NVML_STRING_BUFFER);
  const word = new Uint32Array(2);
  for (let index = 0; index < count[0]; index++) {
    const out: [NvmlHandle] = [null];
    if (nvml.getHandleByIndex(index, out) !== NVML_SUCCESS) continue;
    const handle = out[0];
    const device: GpuDevice = { index, name: `GPU ${index}`, counter: false };
    if (nvml.getName(handle, text, text.length) === NVML_SUCCESS) device.name = nvml.decodeString(text);
    if (nvml.getUuid(handle, text, text.length) === NVML_SUCCESS) device.uuid = nvml.decodeString(text);
    if (nvml.getPowerManagementLimit(handle, word) === NVML_SUCCESS) device.powerLimitW = word[0] / 1000;
    const counterCode = nvml.getTotalEnergyConsumption(handle, word);
    device.counter = counterCode === NVML_SUCCESS;
    if (
      !device.counter &&
      counterCode !== NVML_ERROR_NOT_SUPPORTED &&
      nvml.getPowerUsage(handle, word) !== NVML_SUCCESS
    ) {
      continue; // neither sensor answers: the GPU is left out rather than counted as 0 W
    }
    handles[index] = handle;
    devices.push(device);
  }
  let open = true;
  const close = () => {
    if (open) nvml.shutdown();
    open = false;
  };
  return {
    libPath,
    devices,
    close,
    createSampler(indices) {
      const selected = indices ? devices.filter((d) => indices.includes(d.index)) : devices;
      return createNvmlSampler(
        nvml,
        selected,
        selected.map((d) => handles[d.index]),
        close,
      );
    },
  };
}

function createNvmlSampler(
  nvml: NvmlBindings,
  devices: GpuDevice[],
  handles: NvmlHandle[],
  close: () => void,
): Sampler {
  const channels: Channel[] = devices.map((d) => ({
    component: 'gpu',
    deviceIndex: d.index,
    name: d.name,
    uuid: d.uuid,
    powerLimitW: d.powerLimitW,
    source: d.counter ? 'measured:nvml-counter' : 'measured:nvml-power',
  }));
  const readings: Reading[] = emptyReadings(channels);
  const words = devices.map(() => new Uint32Array(2));
  const share = createProcessShare(nvml, handles);
  return {
    id: 'nvml',
    channels,
    processShare: share,
    read() {
      for (let i = 0; i < devices.length; i++) {
        const out = words[i];
        const reading = readings[i];
        if (devices[i].counter) {
          const ok = nvml.getTotalEnergyConsumption(handles[i], out) === NVML_SUCCESS;
          reading.energyJ = ok ? (out[0] + out[1] * 4294967296) / 1000 : undefined;
        } else {
          const ok = nvml.getPowerUsage(handles[i], out) === NVML_SUCCESS;
          reading.powerW = ok ? out[0] / 1000 : undefined;
        }
      }
      return readings;
    },
    close,
  };
}

/** Processes per GPU the buffers hold; more are asked for again with a larger buffer. */
const PROCESS_CAPACITY = 256;
/** usedGpuMemory when NVML cannot tell (containers, some drivers): NVML_VALUE_NOT_AVAILABLE's high word. */
const NOT_AVAILABLE_HIGH = 0xffffffff;

/**
 * Per GPU, the share of its use due to some processes: by SM utilisation samples
 * (nvmlDeviceGetProcessUtilization) since the previous call where the GPU reports them, else by
 * GPU memory held (nvmlDeviceGetComputeRunningProcesses), else by process count; a GPU on which no
 * process runs is nobody's (share 0). Buffers are allocated once.
 */
function createProcessShare(nvml: NvmlBindings, handles: NvmlHandle[]) {
  const getUtil = nvml.getProcessUtilization;
  const getRunning = nvml.getComputeRunningProcesses;
  if (!getUtil && !getRunning) return undefined;
  let utilBuffer = Buffer.alloc(PROCESS_CAPACITY * PROCESS_UTILISATION_BYTES);
  let infoBuffer = Buffer.alloc(PROCESS_CAPACITY * nvml.processInfoBytes);
  const count = new Uint32Array(1);
  const lastSeenUs = handles.map(() => Date.now() * 1000);
  const utilSupported = handles.map(() => getUtil !== undefined);
  const runningSupported = handles.map(() => getRunning !== undefined);

  /** Shares by SM utilisation; NaN when the GPU gave no sample (or cannot). */
  const byUtilisation = (i: number, isMember: (pid: number) => boolean): number => {
    if (!getUtil || !utilSupported[i]) return Number.NaN;
    count[0] = utilBuffer.length / PROCESS_UTILISATION_BYTES;
    let code = getUtil(handles[i], utilBuffer, count, lastSeenUs[i]);
    if (code === NVML_ERROR_INSUFFICIENT_SIZE) {
      utilBuffer = Buffer.alloc((count[0] + 16) * PROCESS_UTILISATION_BYTES);
      count[0] = utilBuffer.length / PROCESS_UTILISATION_BYTES;
      code = getUtil(handles[i], utilBuffer, count, lastSeenUs[i]);
    }
    if (code === NVML_ERROR_NOT_SUPPORTED) utilSupported[i] = false;
    if (code !== NVML_SUCCESS) return Number.NaN;
    let mine = 0;
    let all = 0;
    for (let s = 0; s < count[0]; s++) {
      const at = s * PROCESS_UTILISATION_BYTES;
      const pid = utilBuffer.readUInt32LE(at);
      const timeUs = utilBuffer.readUInt32LE(at + 8) + utilBuffer.readUInt32LE(at + 12) * 4294967296;
      if (timeUs > lastSeenUs[i]) lastSeenUs[i] = timeUs;
      const sm = utilBuffer.readUInt32LE(at + 16);
      all += sm;
      if (isMember(pid)) mine += sm;
    }
    return all > 0 ? mine / all : Number.NaN;
  };

  /** Shares by memory held (by count where memory is not reported); 0 with no process; NaN when unknown. */
  const byProcesses = (i: number, isMember: (pid: number) => boolean): number => {
    if (!getRunning || !runningSupported[i]) return Number.NaN;
    const size = nvml.processInfoBytes;
    count[0] = infoBuffer.length / size;
    let code = getRunning(handles[i], count, infoBuffer);
    if (code === NVML_ERROR_INSUFFICIENT_SIZE) {
      infoBuffer = Buffer.alloc((count[0] + 16) * size);
      count[0] = infoBuffer.length / size;
      code = getRunning(handles[i], count, infoBuffer);
    }
    if (code === NVML_ERROR_NOT_SUPPORTED) runningSupported[i] = false;
    if (code !== NVML_SUCCESS) return Number.NaN;
    if (count[0] === 0) return 0;
    let mineBytes = 0;
    let allBytes = 0;
    let mineCount = 0;
    let known = true;
    for (let p = 0; p < count[0]; p++) {
      const at = p * size;
      const member = isMember(infoBuffer.readUInt32LE(at));
      const high = infoBuffer.readUInt32LE(at + 12);
      if (high === NOT_AVAILABLE_HIGH) known = false;
      const bytes = infoBuffer.readUInt32LE(at + 8) + high * 4294967296;
      allBytes += bytes;
      if (member) {
        mineBytes += bytes;
        mineCount++;
      }
    }
    return known && allBytes > 0 ? mineBytes / allBytes : mineCount / count[0];
  };

  return (isMember: (pid: number) => boolean, out: Float64Array, offset: number): boolean => {
    let told = false;
    for (let i = 0; i < handles.length; i++) {
      let share = byUtilisation(i, isMember);
      if (Number.isNaN(share)) share = byProcesses(i, isMember);
      if (!Number.isNaN(share)) told = true;
      out[offset + i] = Number.isNaN(share) ? 1 : share;
    }
    return told;
  };
}

/** Checks NVML: loads it and lists the GPUs; the open session comes back where it works. */
export function probe(env: NodeJS.ProcessEnv): Promise<Checked<NvmlSession>> {
  const libPath = nvmlLibPath(env);
  return runCheck(
    { sensor: 'nvml', component: 'gpu', path: libPath },
    async () => {
      const session = await openNvml(libPath);
      const gpus = session.devices;
      const counters = gpus.filter((g) => g.counter).length;
      return {
        value: session,
        detail:
          gpus.length === 0
            ? msg('measure.nvmlNoGpu')
            : msg('measure.nvmlGpus', {
                count: gpus.length,
                gpus: gpus.map((g) => `${g.index} ${g.name}`).join(', '),
                counters,
              }),
      };
    },
    (error) => error instanceof NvmlUnavailable,
  );
}

/** NVML measures the GPUs it found: by their energy counters, else by power integrated over time. */
export function choose(session: NvmlSession | undefined): Choice | undefined {
  const gpus = session?.devices ?? [];
  if (gpus.length === 0) return undefined;
  const counter = gpus.every((g) => g.counter);
  return {
    plan: {
      sensor: 'nvml',
      source: counter ? 'measured:nvml-counter' : 'measured:nvml-power',
      fallback: !counter,
      detail: msg(counter ? 'measure.planNvmlCounter' : 'measure.planNvmlPower'),
    },
    warnings: [],
  };
}
