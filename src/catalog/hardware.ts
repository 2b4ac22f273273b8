import { userError } from '../errors.js';
import { type Message, msg, render } from '../messages/index.js';
import { AMD_GPUS } from './hardware/amd.js';
import { SERVER_CPUS } from './hardware/cpus.js';
import { GOOGLE_TPUS } from './hardware/google.js';
import { NVIDIA_GPUS } from './hardware/nvidia.js';
import { OTHER_ACCELERATORS } from './hardware/other.js';
import { candidates } from './hardware-names.js';
import { createLookup, distance, type Lookup, normaliseName } from './lookup.js';
import { memo } from './memo.js';
import { type HardwareEntry, PRECISIONS, type Precision } from './types.js';

// The CPU lookup the tracker uses, in its own module so that it loads no accelerator.
export { findCpuByModelName, UNKNOWN_CPU_TDP } from './cpu-models.js';

/**
 * Accelerators and server CPUs: power, dense peak throughput per precision, memory and manufacturing
 * footprint, one cited datasheet per entry (`source`) and per-field sources where they differ.
 */
export const HARDWARE: readonly HardwareEntry[] = [
  ...NVIDIA_GPUS,
  ...AMD_GPUS,
  ...GOOGLE_TPUS,
  ...OTHER_ACCELERATORS,
  ...SERVER_CPUS,
];

/** Names that cover several entries: a family picks its flagship (said in a note); the rest are ambiguous. */
interface HardwareGroup {
  names: string[];
  members: string[];
  pick?: string;
}

const byKind = (kind: HardwareEntry['kind'], vendor?: string) =>
  HARDWARE.filter((h) => h.kind === kind && (vendor === undefined || h.vendor === vendor)).map((h) => h.id);

/** Variant groups that are not families of their own (memory size, form factor, generation names). */
const extraGroups = (): HardwareGroup[] => [
  {
    names: ['a100-40gb'],
    members: ['nvidia-a100-sxm4-40gb', 'nvidia-a100-pcie-40gb'],
    pick: 'nvidia-a100-sxm4-40gb',
  },
  {
    names: ['a100-80gb'],
    members: ['nvidia-a100-sxm4-80gb', 'nvidia-a100-pcie-80gb'],
    pick: 'nvidia-a100-sxm4-80gb',
  },
  { names: ['a100-pcie'], members: ['nvidia-a100-pcie-40gb', 'nvidia-a100-pcie-80gb'] },
  {
    names: ['h100-80gb'],
    members: ['nvidia-h100-sxm5-80gb', 'nvidia-h100-pcie-80gb'],
    pick: 'nvidia-h100-sxm5-80gb',
  },
  {
    names: ['v100-32gb', 'v100-16gb'],
    members: ['nvidia-v100-sxm2', 'nvidia-v100-pcie'],
    pick: 'nvidia-v100-sxm2',
  },
  {
    names: ['hopper'],
    members: [
      'nvidia-h100-sxm5-80gb',
      'nvidia-h100-pcie-80gb',
      'nvidia-h100-nvl-94gb',
      'nvidia-h200-sxm-141gb',
      'nvidia-h200-nvl-141gb',
      'nvidia-gh200-96gb',
      'nvidia-gh200-144gb',
      'nvidia-h800-sxm5-80gb',
      'nvidia-h20',
    ],
  },
  {
    names: ['blackwell'],
    members: ['nvidia-b200', 'nvidia-gb200-per-gpu', 'nvidia-b300', 'nvidia-gb300-per-gpu'],
  },
  { names: ['rtx', 'geforce'], members: ['nvidia-rtx-3090', 'nvidia-rtx-4090'] },
  { names: ['mi300'], members: ['amd-mi300x', 'amd-mi300a', 'amd-mi325x'] },
  { names: ['mi350'], members: ['amd-mi350x', 'amd-mi355x'] },
  { names: ['instinct'], members: byKind('gpu', 'AMD') },
  { names: ['tpu'], members: byKind('tpu') },
  { names: ['gaudi'], members: ['intel-gaudi2', 'intel-gaudi3'] },
  { names: ['trainium'], members: ['aws-trainium1', 'aws-trainium2', 'aws-trainium3'] },
  { names: ['epyc'], members: byKind('cpu', 'AMD') },
  { names: ['xeon'], members: byKind('cpu', 'Intel') },
];

function familyGroups(): HardwareGroup[] {
  const families = new Map<string, HardwareGroup>();
  for (const h of HARDWARE) {
    const group = families.get(h.family) ?? { names: [h.family], members: [] };
    group.members.push(h.id);
    if (h.flagship) group.pick = h.id;
    families.set(h.family, group);
  }
  return [...families.values()];
}

// The indexes are built on first use, not at import: a command that never looks hardware up pays
// nothing for them, and one that finds its entry by name never builds the groups.
let groups: ReadonlyMap<string, HardwareGroup> | undefined;
let lookup: Lookup<HardwareEntry> | undefined;
let ids: ReadonlyMap<string, HardwareEntry> | undefined;

/** Every name that covers several entries, by normalised name. */
export function hardwareGroups(): ReadonlyMap<string, HardwareGroup> {
  if (groups) return groups;
  const map = new Map<string, HardwareGroup>();
  for (const group of [...familyGroups(), ...extraGroups()]) {
    for (const name of group.names) map.set(normaliseName(name), group);
  }
  groups = map;
  return map;
}

const byName = () => {
  lookup ??= createLookup(HARDWARE, 'hardware');
  return lookup;
};
const byId = (id: string) => {
  ids ??= new Map(HARDWARE.map((h) => [h.id, h]));
  return ids.get(id);
};

type Match =
  | { entry: HardwareEntry; group?: undefined }
  | { entry?: undefined; group: HardwareGroup; name: string };

/** Names already matched (an estimate looks its chip up by the name it was given, request after request). */
const matched = memo<Match | null>();

function match(name: string): Match | undefined {
  return matched.get(name, () => matchAnew(name) ?? null) ?? undefined;
}

function matchAnew(name: string): Match | undefined {
  const names = candidates(name);
  for (const n of names) {
    const entry = byName().find(n);
    if (entry) return { entry };
  }
  for (const n of names) {
    const group = hardwareGroups().get(normaliseName(n));
    if (group) return { group, name: n };
  }
  return undefined;
}

/** The entry named by an id, alias or family (its flagship); `undefined` when unknown or ambiguous. */
export function findHardware(name: string): HardwareEntry | undefined {
  const found = match(name);
  if (!found) return undefined;
  if (found.entry) return found.entry;
  return found.group.pick ? byId(found.group.pick) : undefined;
}

/**
 * Like `findHardware`, but a bare family name says which variant it picked (`note`), and an unknown or
 * ambiguous name is a usage error on `field` listing the closest or the possible ids.
 */
export function resolveHardware(
  name: string,
  field = 'hardware',
): { entry: HardwareEntry; note?: string; noteMessage?: Message } {
  const found = match(name);
  if (found?.entry) return { entry: found.entry };
  if (found?.group) {
    const { group } = found;
    if (group.pick) return familyPick(name, group);
    const accepted = group.members.join(', ');
    throw userError('ambiguous_id', field, 'catalog.ambiguous', { value: name, accepted });
  }
  const closest = closestHardware(name).join(', ');
  throw userError('unknown_id', field, 'catalog.unknown.hardware', { value: name, accepted: closest });
}

/** A family's flagship by the name given, with its note: kept, the note frozen (answers share it). */
const picked = memo<{ entry: HardwareEntry; note?: string; noteMessage?: Message }>();

function familyPick(name: string, group: HardwareGroup) {
  return picked.get(name, () => familyPickAnew(name, group));
}

function familyPickAnew(name: string, group: HardwareGroup) {
  const entry = byId(group.pick!)!;
  const others = group.members.filter((id) => id !== entry.id);
  const params = Object.freeze({ name, id: entry.id, label: entry.name, others: others.join(', ') });
  const note = Object.freeze(
    msg(others.length > 0 ? 'note.hardwareFamilyOthers' : 'note.hardwareFamily', params),
  );
  const pick = Object.freeze({
    entry,
    // Said when read: an estimate takes the message, and says it once with its other notes.
    get note() {
      return render(note);
    },
    noteMessage: note,
  });
  return pick;
}

/**
 * The closest hardware ids to a name, best first. Family names count as spellings (so `h1000` suggests
 * the H100s), and a flagship comes before its siblings at the same distance.
 */
export function closestHardware(name: string, count = 5): string[] {
  const target = normaliseName(candidates(name).at(-1) ?? name);
  return HARDWARE.map((h) => ({
    h,
    d: Math.min(...[h.id, h.family, ...h.aliases].map((k) => distance(target, normaliseName(k)))),
  }))
    .sort(
      (a, b) =>
        a.d - b.d ||
        Number(Boolean(b.h.flagship)) - Number(Boolean(a.h.flagship)) ||
        a.h.id.localeCompare(b.h.id),
    )
    .slice(0, count)
    .map(({ h }) => h.id);
}

/** The precision a chip trains at by default: BF16 (FP16 on chips without BF16), else TF32, else FP32. */
export function defaultPrecision(entry: HardwareEntry): Precision | undefined {
  return (['bf16', 'tf32', 'fp32'] as const).find((p) => entry.peakTflops[p] !== undefined);
}

/** Dense peak throughput in FLOP/s at a precision (default: the chip's best training precision). */
export function peakFlopS(entry: HardwareEntry, precision?: Precision): number {
  const known = PRECISIONS.filter((p) => entry.peakTflops[p] !== undefined);
  const chosen = precision ?? defaultPrecision(entry);
  if (chosen === undefined) {
    throw userError('missing', 'hardware', 'catalog.noPeak', {
      value: entry.id,
      accepted: msg('catalog.acceptedPeak'),
    });
  }
  const tflops = entry.peakTflops[chosen];
  if (tflops === undefined) {
    const accepted = known.join(', ');
    throw userError('invalid_value', 'precision', 'catalog.noPrecisionPeak', {
      hardware: entry.id,
      value: chosen,
      accepted,
    });
  }
  return tflops * 1e12;
}

/** Finds the catalog entry of a GPU from the name its driver reports ("NVIDIA H100 80GB HBM3"). */
export function catalogGpu(name: string): string | undefined {
  const names = [
    name,
    name.replace(/^NVIDIA\s+/i, ''),
    name.replace(/^(NVIDIA\s+)?(Tesla|GeForce|Quadro)\s+/i, ''),
  ];
  for (const candidate of names) {
    const entry = findHardware(candidate);
    if (entry && entry.kind !== 'cpu') return entry.id;
  }
  return undefined;
}
