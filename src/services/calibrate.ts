import {
  catalogGpu,
  defaultPrecision,
  findHardware,
  peakFlopS,
  resolveHardware,
} from '../catalog/hardware.js';
import { distance, normaliseName } from '../catalog/lookup.js';
import type { HardwareEntry, Precision, Range } from '../catalog/types.js';
import {
  type CalibrationFigures,
  calibrateRunFigures,
  calibrationRangeBasis,
  combineCalibration,
} from '../engine/calibration.js';
import type { CalibrateInput } from '../engine/schemas/calibrate.js';
import { HOUR_S, J_PER_KWH } from '../engine/units.js';
import { userError } from '../errors.js';
import { type Lang, msg, render } from '../messages/index.js';
import type { CalibrationRunRecord, RunHostRecord, RunRecord, Store } from '../records.js';
import { findStoredRun } from './runs.js';

export { type CalibrateInput, calibrateInputSchema } from '../engine/schemas/calibrate.js';

/**
 * Calibration from the user's own runs: reads a run measured with `empreinte run`, finds the
 * utilisation and power per chip it achieved, keeps them under a name, and gives the training
 * estimate those figures. The arithmetic is the engine's (`engine/calibration.ts`); this reads and
 * writes the store.
 */
export interface CalibrationRun {
  runId: string;
  params: number;
  activeParams: number | null;
  tokens: number;
  chips: number;
  durationS: number;
  chipHours: number;
  gpuEnergyKwh: number;
  mfu: number;
  powerWPerChip: number;
  calibratedAt: string;
}

export interface Calibration {
  name: string;
  hardware: string;
  precision: Precision;
  /** Central values over the runs (geometric mean). */
  mfu: number;
  powerWPerChip: number;
  /** What another run is expected to achieve: low/central/high, and how that range was found. */
  range: { mfu: Range; powerWPerChip: Range; basis: string };
  runs: CalibrationRun[];
  notes: string[];
}

/** Calibrates from one stored run and returns the calibration it belongs to, refined by it. */
export async function calibrateRun(
  store: Store,
  input: CalibrateInput,
  { lang = 'en', nowMs = Date.now() }: { lang?: Lang; nowMs?: number } = {},
): Promise<Calibration> {
  const run = await findStoredRun(store, input.run, 'run');
  if (run.status === 'running') {
    throw userError('invalid_value', 'run', 'calibrate.stillRunning', {
      run: run.id,
      value: input.run,
      accepted: msg('calibrate.acceptedFinished'),
    });
  }
  const hosts = await store.runHosts(run.id);
  const gpusOf = (h: RunHostRecord) => h.devices.filter((d) => d.component === 'gpu');
  const chips = hosts.reduce((n, h) => n + gpusOf(h).length, 0);
  const gpuEnergyJ = run.energyJ?.gpu ?? 0;
  if (chips === 0 || !(gpuEnergyJ > 0)) {
    throw userError('invalid_value', 'run', 'calibrate.noGpuData', {
      run: run.id,
      value: input.run,
      accepted: msg('calibrate.acceptedGpuRun'),
    });
  }
  // Each host's GPUs for that host's span: a node that joined late counts only its own time.
  const chipSeconds = hosts.reduce(
    (s, h) => s + (gpusOf(h).length * Math.max(0, (h.endedAt ?? h.startedAt) - h.startedAt)) / 1000,
    0,
  );
  if (!(chipSeconds > 0)) {
    throw userError('invalid_value', 'run', 'calibrate.noTime', {
      run: run.id,
      value: input.run,
      accepted: msg('calibrate.acceptedLasted'),
    });
  }
  const hardware = runHardware(run, hosts, input.hardware);
  const precision = input.precision ?? defaultPrecision(hardware) ?? 'bf16';
  const figures = calibrateRunFigures({
    activeParams: input.activeParams ?? input.params,
    tokens: input.tokens,
    chipSeconds,
    gpuEnergyJ,
    peakFlopS: peakFlopS(hardware, precision),
  });
  const name = input.name ?? hardware.id;
  const others = (await store.calibrationRuns(name)).filter((r) => r.runId !== run.id);
  const clash = others.find((r) => r.hardware !== hardware.id || r.precision !== precision);
  if (clash) {
    const held = { hardware: clash.hardware, precision: clash.precision };
    throw userError('conflict', 'name', 'calibrate.nameClash', {
      ...held,
      newHardware: hardware.id,
      newPrecision: precision,
      value: name,
      accepted: msg('calibrate.acceptedName', held),
    });
  }
  await store.saveCalibrationRun({
    name,
    runId: run.id,
    hardware: hardware.id,
    precision,
    params: input.params,
    activeParams: input.activeParams ?? null,
    tokens: input.tokens,
    chips,
    durationS: chipSeconds / chips,
    gpuEnergyJ,
    mfu: figures.mfu,
    powerWPerChip: figures.powerWPerChip,
    createdAt: nowMs,
  });
  const calibration = toCalibration(await store.calibrationRuns(name), lang);
  if (run.status !== 'completed') {
    calibration.notes.push(
      render(
        msg('calibrate.stoppedRun', {
          run: run.id,
          status: msg(`run.status.${run.status}`),
          field: 'tokens',
        }),
        lang,
        'flag',
      ),
    );
  }
  return calibration;
}

/** Every stored calibration, by name. */
export async function listCalibrations(store: Store, lang: Lang = 'en'): Promise<Calibration[]> {
  const byName = new Map<string, CalibrationRunRecord[]>();
  for (const row of await store.calibrationRuns()) {
    const list = byName.get(row.name) ?? [];
    list.push(row);
    byName.set(row.name, list);
  }
  return [...byName.values()].map((rows) => toCalibration(rows, lang));
}

/** One calibration by name; an unknown name is a usage error on `calibration` listing the closest. */
export async function loadCalibration(store: Store, name: string, lang: Lang = 'en'): Promise<Calibration> {
  const rows = await store.calibrationRuns(name);
  if (rows.length > 0) return toCalibration(rows, lang);
  const known = [...new Set((await store.calibrationRuns()).map((r) => r.name))];
  const target = normaliseName(name);
  const closest = known
    .sort((a, b) => distance(target, normaliseName(a)) - distance(target, normaliseName(b)))
    .slice(0, 5)
    .join(', ');
  throw userError('unknown_id', 'calibration', closest ? 'calibrate.unknown' : 'calibrate.unknownNone', {
    value: name,
    store: store.location,
    known: closest,
    accepted: closest || msg('calibrate.acceptedStored'),
  });
}

/** The figures the training engine takes. */
export function calibrationFigures(calibration: Calibration): CalibrationFigures {
  return {
    name: calibration.name,
    hardware: calibration.hardware,
    precision: calibration.precision,
    mfu: calibration.range.mfu,
    powerWPerChip: calibration.range.powerWPerChip,
    runCount: calibration.runs.length,
    rangeBasis: calibrationRangeBasis(calibration.runs.length),
    runs: calibration.runs.map((r) => ({
      paramsActive: r.activeParams ?? r.params,
      paramsTotal: r.params,
      tokens: r.tokens,
      chips: r.chips,
      mfu: r.mfu,
    })),
  };
}

function toCalibration(rows: CalibrationRunRecord[], lang: Lang): Calibration {
  const { name, hardware } = rows[0];
  const precision = rows[0].precision as Precision;
  const tdpW = findHardware(hardware)?.tdpW;
  const combined = combineCalibration(name, hardware, precision, rows, tdpW);
  return {
    name,
    hardware,
    precision,
    mfu: combined.mfu.central,
    powerWPerChip: combined.powerWPerChip.central,
    range: {
      mfu: combined.mfu,
      powerWPerChip: combined.powerWPerChip,
      basis: render(combined.rangeBasis, lang, 'flag'),
    },
    runs: rows.map((r) => ({
      runId: r.runId,
      params: r.params,
      activeParams: r.activeParams,
      tokens: r.tokens,
      chips: r.chips,
      durationS: r.durationS,
      chipHours: (r.chips * r.durationS) / HOUR_S,
      gpuEnergyKwh: r.gpuEnergyJ / J_PER_KWH,
      mfu: r.mfu,
      powerWPerChip: r.powerWPerChip,
      calibratedAt: new Date(r.createdAt).toISOString(),
    })),
    notes: [],
  };
}

/** The catalog chip of the run's GPUs (the names the driver reported), or the one the user named. */
function runHardware(run: RunRecord, hosts: RunHostRecord[], given?: string): HardwareEntry {
  if (given !== undefined) {
    const { entry } = resolveHardware(given, 'hardware');
    if (entry.kind === 'cpu') {
      throw userError('invalid_value', 'hardware', 'calibrate.cpu', {
        hardware: entry.id,
        value: given,
        accepted: msg('calibrate.acceptedAccelerator'),
      });
    }
    return entry;
  }
  const names = [
    ...new Set(hosts.flatMap((h) => h.devices.filter((d) => d.component === 'gpu').map((d) => d.name))),
  ];
  if (names.length > 1) {
    throw userError('missing', 'hardware', 'calibrate.severalGpus', {
      run: run.id,
      names: names.join(', '),
      accepted: msg('calibrate.acceptedHardwareId'),
    });
  }
  const id = catalogGpu(names[0]);
  if (id === undefined) {
    throw userError('unknown_id', 'hardware', 'calibrate.gpuNotInCatalog', {
      run: run.id,
      value: names[0],
      accepted: msg('calibrate.acceptedHardwareId'),
    });
  }
  return resolveHardware(id, 'hardware').entry;
}
