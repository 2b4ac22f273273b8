/**
 * The few NVML entry points empreinte uses, bound with koffi to the driver's C library
 * (`libnvidia-ml.so.1`). Signatures as in nvml.h; out-parameters are preallocated typed arrays
 * passed as pointers, so a call allocates nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LibraryHandle } from 'koffi';

export const NVML_SUCCESS = 0;
export const NVML_ERROR_NOT_SUPPORTED = 3;
export const NVML_ERROR_NOT_FOUND = 6;
export const NVML_ERROR_INSUFFICIENT_SIZE = 7;
/** nvmlProcessUtilizationSample_t: pid u32 @0, timeStamp u64 @8, smUtil u32 @16, memUtil @20, encUtil @24, decUtil @28. */
export const PROCESS_UTILISATION_BYTES = 32;
/** NVML_DEVICE_NAME_V2_BUFFER_SIZE and NVML_DEVICE_UUID_V2_BUFFER_SIZE in nvml.h. */
export const NVML_STRING_BUFFER = 96;

/** An opaque `nvmlDevice_t`. */
export type NvmlHandle = unknown;

export interface NvmlBindings {
  init(): number;
  shutdown(): number;
  getCount(out: Uint32Array): number;
  getHandleByIndex(index: number, out: [NvmlHandle]): number;
  getName(device: NvmlHandle, out: Buffer, length: number): number;
  getUuid(device: NvmlHandle, out: Buffer, length: number): number;
  getPowerManagementLimit(device: NvmlHandle, outMilliwatts: Uint32Array): number;
  /** Energy since the driver was loaded, mJ, as an unsigned 64-bit integer (low, high words). */
  getTotalEnergyConsumption(device: NvmlHandle, outMillijoules: Uint32Array): number;
  getPowerUsage(device: NvmlHandle, outMilliwatts: Uint32Array): number;
  /**
   * Per-process utilisation samples newer than `lastSeenUs` (µs since the epoch) into `out`
   * (nvmlProcessUtilizationSample_t each); `count` holds the capacity in and the samples out.
   * Undefined when the library lacks the entry point.
   */
  getProcessUtilization?: (device: NvmlHandle, out: Buffer, count: Uint32Array, lastSeenUs: number) => number;
  /** The compute processes on a GPU into `out` (`processInfoBytes` each: pid u32 @0, usedGpuMemory u64 @8). */
  getComputeRunningProcesses?: (device: NvmlHandle, count: Uint32Array, out: Buffer) => number;
  /** Size of one nvmlProcessInfo_t of the entry point found (24 from _v2 on, 16 before). */
  processInfoBytes: number;
  errorString(code: number): string;
  decodeString(buffer: Buffer): string;
}

/** What koffi says when the dynamic loader finds no such library (the loader's own words). */
export const LIBRARY_NOT_FOUND =
  'Failed to load shared library: cannot open shared object file: No such file or directory';

/** Where glibc's loader looks for a bare library name after LD_LIBRARY_PATH and its cache. */
const LOADER_DIRECTORIES = ['/lib', '/usr/lib', '/lib64', '/usr/lib64'].flatMap((dir) => [
  dir,
  `${dir}/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu`,
]);

/**
 * Whether the dynamic loader can find `libPath`, told without loading the FFI library (2 MiB of
 * memory, on every machine without an NVIDIA driver): a path must name a file; a bare name must
 * be in LD_LIBRARY_PATH, the loader's cache or its default directories. Undefined where this
 * cannot be told (not Linux, no loader cache): the loader then decides.
 */
export function libraryFindable(libPath: string, env: NodeJS.ProcessEnv = process.env): boolean | undefined {
  if (libPath.includes('/')) return existsSync(libPath);
  if (process.platform !== 'linux' || !existsSync('/etc/ld.so.cache')) return undefined;
  // An empty LD_LIBRARY_PATH entry is the working directory, as for the loader.
  const listed = env.LD_LIBRARY_PATH ? env.LD_LIBRARY_PATH.split(/[:;]/).map((dir) => dir || '.') : [];
  const directories = [...listed, ...LOADER_DIRECTORIES];
  if (directories.some((dir) => existsSync(join(dir, libPath)))) return true;
  try {
    return readFileSync('/etc/ld.so.cache', 'latin1').includes(libPath);
  } catch {
    return undefined;
  }
}

/** Loads the library; throws (with the loader's message) when it cannot. */
export async function loadNvml(libPath: string): Promise<NvmlBindings> {
  // No driver library: the same failure as the loader's, without loading the FFI library first.
  if (libraryFindable(libPath) === false) throw new Error(LIBRARY_NOT_FOUND);
  const { default: koffi } = await import('koffi');
  const lib: LibraryHandle = koffi.load(libPath);
  const device = koffi.pointer(koffi.opaque());
  const fn = (name: string, args: unknown[]) =>
    lib.func(name, 'int', args as never) as (...a: unknown[]) => number;
  const getHandle = fn('nvmlDeviceGetHandleByIndex_v2', ['unsigned int', koffi.out(koffi.pointer(device))]);
  const errorString = lib.func('const char *nvmlErrorString(int result)') as (code: number) => string;
  // Per-process entry points: newest first; a driver without one leaves it undefined.
  const optional = (names: string[], args: unknown[]) => {
    for (const name of names) {
      try {
        return { name, call: fn(name, args) };
      } catch {
        // Not exported by this library.
      }
    }
    return undefined;
  };
  const utilisation = optional(['nvmlDeviceGetProcessUtilization'], [device, 'void *', 'void *', 'uint64']);
  const running = optional(
    [
      'nvmlDeviceGetComputeRunningProcesses_v3',
      'nvmlDeviceGetComputeRunningProcesses_v2',
      'nvmlDeviceGetComputeRunningProcesses',
    ],
    [device, 'void *', 'void *'],
  );
  return {
    init: fn('nvmlInit_v2', []) as () => number,
    shutdown: fn('nvmlShutdown', []) as () => number,
    getCount: fn('nvmlDeviceGetCount_v2', ['void *']),
    getHandleByIndex: (index, out) => getHandle(index, out),
    getName: fn('nvmlDeviceGetName', [device, 'void *', 'unsigned int']),
    getUuid: fn('nvmlDeviceGetUUID', [device, 'void *', 'unsigned int']),
    getPowerManagementLimit: fn('nvmlDeviceGetPowerManagementLimit', [device, 'void *']),
    getTotalEnergyConsumption: fn('nvmlDeviceGetTotalEnergyConsumption', [device, 'void *']),
    getPowerUsage: fn('nvmlDeviceGetPowerUsage', [device, 'void *']),
    getProcessUtilization: utilisation?.call,
    getComputeRunningProcesses: running?.call,
    processInfoBytes: running?.name === 'nvmlDeviceGetComputeRunningProcesses' ? 16 : 24,
    errorString: (code) => errorString(code) ?? `NVML error ${code}`,
    decodeString: (buffer) => koffi.decode(buffer, 'char', -1) as string,
  };
}
