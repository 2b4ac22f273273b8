/**
 * The few NVML entry points empreinte uses, bound with koffi to the driver's C library
 * (`libnvidia-ml.so.1`). Signatures as in nvml.h; out-parameters are preallocated typed arrays
 * passed as pointers, so a call allocates nothing.
 */
import type { LibraryHandle } from 'koffi';

export const NVML_SUCCESS = 0;
export const NVML_ERROR_NOT_SUPPORTED = 3;
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
  errorString(code: number): string;
  decodeString(buffer: Buffer): string;
}

/** Loads the library; throws (with the loader's message) when it cannot. */
export async function loadNvml(libPath: string): Promise<NvmlBindings> {
  const { default: koffi } = await import('koffi');
  const lib: LibraryHandle = koffi.load(libPath);
  const device = koffi.pointer(koffi.opaque());
  const fn = (name: string, args: unknown[]) =>
    lib.func(name, 'int', args as never) as (...a: unknown[]) => number;
  const getHandle = fn('nvmlDeviceGetHandleByIndex_v2', ['unsigned int', koffi.out(koffi.pointer(device))]);
  const errorString = lib.func('const char *nvmlErrorString(int result)') as (code: number) => string;
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
    errorString: (code) => errorString(code) ?? `NVML error ${code}`,
    decodeString: (buffer) => koffi.decode(buffer, 'char', -1) as string,
  };
}
