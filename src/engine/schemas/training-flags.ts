import { PRECISIONS } from '../../catalog/types.js';
import { type ParseOptions, parseQuantity } from '../units.js';
import { SCALE_BOUNDS } from './bounds.js';
import type { TrainingEstimateInput } from './training.js';

/**
 * The training inputs read without zod, for the CLI's start-up (zod is the largest module a
 * command would load). Each field is read exactly as the schema in `training.ts` reads it (names
 * trimmed, 1–200 characters; quantities through `parseQuantity` with the same bounds; precision
 * one of the catalog's). Anything else (an unknown field, a wrong type, a value out of bounds)
 * returns `undefined`: the caller then parses with the schema, whose error names the field. A test
 * checks both read every field alike.
 */
type Field = { kind: 'name' } | { kind: 'precision' } | { kind: 'quantity'; options: ParseOptions };

const NAME: Field = { kind: 'name' };
const q = (options: ParseOptions): Field => ({ kind: 'quantity', options });

export const TRAINING_FIELDS: Readonly<Record<string, Field>> = {
  model: NAME,
  params: q(SCALE_BOUNDS.params),
  activeParams: q(SCALE_BOUNDS.params),
  tokens: q(SCALE_BOUNDS.tokens),
  hardware: NAME,
  precision: { kind: 'precision' },
  chips: q(SCALE_BOUNDS.chips),
  chipHours: q(SCALE_BOUNDS.chipHours),
  days: q(SCALE_BOUNDS.days),
  mfu: q(SCALE_BOUNDS.mfu),
  powerW: q({ unit: 'W', min: 0, exclusiveMin: true, max: 100_000 }),
  pue: q({ min: 1, max: 5 }),
  location: NAME,
  gridIntensity: q({ min: 0, max: 2000 }),
  renewableShare: q({ min: 0, max: 1 }),
  layers: q(SCALE_BOUNDS.layers),
  contextLength: q(SCALE_BOUNDS.contextLength),
  dModel: q(SCALE_BOUNDS.dModel),
  seed: q({ min: 0, integer: true, max: 2 ** 32 - 1 }),
  draws: q({ min: 100, integer: true, max: 1_000_000 }),
  calibration: NAME,
};

/** The parsed input when every field is valid; `undefined` to let the schema say what is wrong. */
export function readTrainingFlags(raw: Record<string, unknown>): TrainingEstimateInput | undefined {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    const field = TRAINING_FIELDS[key];
    if (!Object.hasOwn(TRAINING_FIELDS, key) || field === undefined) return undefined;
    const value = raw[key];
    if (value === undefined) {
      out[key] = undefined;
      continue;
    }
    if (field.kind === 'name') {
      if (typeof value !== 'string') return undefined;
      const trimmed = value.trim();
      if (trimmed.length < 1 || trimmed.length > 200) return undefined;
      out[key] = trimmed;
    } else if (field.kind === 'precision') {
      if (!(PRECISIONS as readonly unknown[]).includes(value)) return undefined;
      out[key] = value;
    } else {
      if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string') return undefined;
      try {
        out[key] = parseQuantity(value as string | number, 'value', field.options);
      } catch {
        return undefined;
      }
    }
  }
  return out as TrainingEstimateInput;
}
