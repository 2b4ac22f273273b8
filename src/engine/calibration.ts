import { CALIBRATION_TRANSFER, SINGLE_RUN_SPREAD, STUDENT_T95 } from '../catalog/calibration-defaults.js';
import { resolveHardware } from '../catalog/hardware.js';
import { MFU_MAX } from '../catalog/training-defaults.js';
import type { Precision, Range } from '../catalog/types.js';
import { userError } from '../errors.js';
import { type Message, msg } from '../messages/index.js';
import {
  type CalibratedRun,
  type TransferInterval,
  type TransferTarget,
  transferRange,
} from './calibration-transfer.js';
import type { TrainingInput } from './schemas/training.js';
import type { MfuCoefficients } from './training-fit.js';
import { trainingFlop } from './training-kernel.js';

/**
 * Calibration from the user's own runs, as pure arithmetic: what one measured run achieved
 * (model-FLOPs utilisation and mean power per chip), and what several runs under one name say
 * together (a central value and a range). The service reads runs from the store; this reads nothing.
 */

/** The figures of one measured run. */
export interface CalibrationRunFigures {
  /** Model-FLOPs utilisation: 6·N_active·D / (chip-seconds · peak FLOP/s). */
  mfu: number;
  /** GPU energy / chip-seconds, W (chips only: hosts are not in it). */
  powerWPerChip: number;
}

export { SINGLE_RUN_SPREAD } from '../catalog/calibration-defaults.js';

/** A calibration as the training estimate uses it: hardware, precision and two ranges. */
export interface CalibrationFigures {
  name: string;
  hardware: string;
  precision: Precision;
  mfu: Range;
  powerWPerChip: Range;
  runCount: number;
  /** How the range was found, as message data (said in the reader's language). */
  rangeBasis: Message;
  /** The calibrated runs' shapes and utilisations, to carry the utilisation to a run of another shape. */
  runs?: readonly CalibratedRun[];
  /** The transfer's error interval (default: the committed one, `CALIBRATION_TRANSFER`). */
  transfer?: TransferInterval;
}

const t95 = (df: number): number => STUDENT_T95.values[df - 1] ?? STUDENT_T95.beyond;

/** What one run achieved. Throws (naming `tokens`) when the inputs imply a utilisation above 1. */
export function calibrateRunFigures(run: {
  activeParams: number;
  tokens: number;
  chipSeconds: number;
  gpuEnergyJ: number;
  peakFlopS: number;
}): CalibrationRunFigures {
  const flop = trainingFlop(run.activeParams, run.tokens);
  const mfu = flop / (run.chipSeconds * run.peakFlopS);
  if (!(mfu <= MFU_MAX.value)) {
    throw userError('out_of_range', 'tokens', 'calibration.aboveOne', {
      value: run.tokens,
      activeParams: run.activeParams,
      chipSeconds: round(run.chipSeconds),
      mfu: round(mfu),
      paramsField: 'params',
      activeField: 'activeParams',
      precisionField: 'precision',
      accepted: msg('calibration.acceptedAtMostOne'),
    });
  }
  return { mfu, powerWPerChip: run.gpuEnergyJ / run.chipSeconds };
}

/**
 * Central value and range of one figure over a calibration's runs: the geometric mean, and a 90%
 * prediction interval for another run in log space (Student's t, n−1 degrees of freedom), never
 * narrower than ×/÷ `floorFactor`; a single run gets ×/÷ `factor`.
 */
export function spreadOf(values: readonly number[]): Range {
  const logs = values.map(Math.log);
  const n = logs.length;
  const mean = logs.reduce((s, v) => s + v, 0) / n;
  let half = Math.log(SINGLE_RUN_SPREAD.factor);
  if (n >= 2) {
    const variance = logs.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
    half = Math.max(
      t95(n - 1) * Math.sqrt(variance) * Math.sqrt(1 + 1 / n),
      Math.log(SINGLE_RUN_SPREAD.floorFactor),
    );
  }
  return { low: Math.exp(mean - half), central: Math.exp(mean), high: Math.exp(mean + half) };
}

/**
 * The calibration of several runs: central values and ranges, capped where physics caps them
 * (utilisation at 1, a chip's mean power at its power limit, `maxPowerW`).
 */
export function combineCalibration(
  name: string,
  hardware: string,
  precision: Precision,
  runs: readonly CalibrationRunFigures[],
  maxPowerW = Number.POSITIVE_INFINITY,
): CalibrationFigures {
  const mfu = spreadOf(runs.map((r) => r.mfu));
  mfu.high = Math.min(MFU_MAX.value, mfu.high);
  const powerWPerChip = spreadOf(runs.map((r) => r.powerWPerChip));
  powerWPerChip.high = Math.min(Math.max(maxPowerW, powerWPerChip.central), powerWPerChip.high);
  return {
    name,
    hardware,
    precision,
    mfu,
    powerWPerChip,
    runCount: runs.length,
    rangeBasis: calibrationRangeBasis(runs.length),
  };
}

/** How a calibration of `runCount` runs finds its range, as message data. */
export function calibrationRangeBasis(runCount: number): Message {
  return runCount === 1
    ? msg('calibration.basisOne', {
        factor: SINGLE_RUN_SPREAD.factor,
        citation: SINGLE_RUN_SPREAD.source.citation,
      })
    : msg('calibration.basisRuns', { runs: runCount, floor: SINGLE_RUN_SPREAD.floorFactor });
}

/**
 * The utilisation a calibration gives the estimated run: its own range for a run of the calibrated
 * runs' shape (or a calibration that does not remember its runs' shapes), else the calibrated
 * utilisations carried to the run by the fit's slopes, with the transfer's range (see
 * `calibration-transfer.ts`), capped at 1.
 */
export function calibratedMfu(
  calibration: CalibrationFigures,
  target: TransferTarget,
  model: MfuCoefficients,
): { range: Range; transferred: boolean } {
  if (!calibration.runs?.length) return { range: calibration.mfu, transferred: false };
  const { range, transferred } = transferRange(
    calibration.runs,
    target,
    model,
    calibration.transfer ?? CALIBRATION_TRANSFER,
    spreadOf,
  );
  return { range: { ...range, high: Math.min(MFU_MAX.value, range.high) }, transferred };
}

function round(value: number): number {
  return Number(value.toPrecision(3));
}

/**
 * The training input a calibration applies to: its hardware and precision. A calibration gives the
 * utilisation and chip power, so `mfu` and `powerW` beside it, or another chip or precision, are
 * refused rather than silently mixed with figures measured elsewhere.
 */
export function applyCalibration<T extends TrainingInput>(input: T, calibration: CalibrationFigures): T {
  const clash = (field: 'mfu' | 'powerW') =>
    userError('conflict', field, field === 'mfu' ? 'calibration.notWithMfu' : 'calibration.notWithPower', {
      calibrationField: 'calibration',
      name: calibration.name,
      value: String(input[field]),
      accepted: msg('calibration.acceptedEither', { field, calibrationField: 'calibration' }),
    });
  if (input.mfu !== undefined) throw clash('mfu');
  if (input.powerW !== undefined) throw clash('powerW');
  if (input.hardware !== undefined) {
    const given = resolveHardware(input.hardware, 'hardware').entry.id;
    if (given !== calibration.hardware) {
      throw userError('conflict', 'hardware', 'calibration.otherChip', {
        given,
        name: calibration.name,
        hardware: calibration.hardware,
        value: input.hardware,
        accepted: msg('calibration.acceptedOrNone', { expected: calibration.hardware, field: 'hardware' }),
      });
    }
  }
  if (input.precision !== undefined && input.precision !== calibration.precision) {
    throw userError('conflict', 'precision', 'calibration.otherPrecision', {
      name: calibration.name,
      precision: calibration.precision,
      value: input.precision,
      accepted: msg('calibration.acceptedOrNone', { expected: calibration.precision, field: 'precision' }),
    });
  }
  return { ...input, hardware: calibration.hardware, precision: calibration.precision };
}
