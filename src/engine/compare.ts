import { resolveModel } from '../catalog/models.js';
import { issue } from '../errors.js';
import { citeSource, computeEquivalents, type Equivalent } from './equivalents.js';
import { checkBounds } from './units.js';

export interface CompareInput {
  co2eKg?: number;
  energyKwh?: number;
  /** A catalog model: its published energy and CO2e are compared. */
  model?: string;
}

export interface CompareResult {
  co2eKg?: number;
  energyKwh?: number;
  /** With `model`: which model, and where its figures were published. */
  model?: { id: string; name: string; co2eBasis?: 'location' | 'market' | 'unspecified'; source: string };
  equivalents: Equivalent[];
}

/**
 * Figures accepted: up to ~25 years of world emissions (~4e13 kg CO2e a year) and ~300 years of
 * world electricity use (~3e13 kWh a year), orders of magnitude the equivalents stay finite at.
 */
export const COMPARE_BOUNDS = {
  co2eKg: { min: 0, max: 1e15 },
  energyKwh: { min: 0, max: 1e16 },
} as const;

const ACCEPTED = '--co2e-kg N, --energy-kwh N (either or both) or --model ID';

/** Puts a figure, or a catalog model's published figures, into everyday and sector equivalents. */
export function compareFootprint(input: CompareInput, lang: 'en' | 'fr' = 'en'): CompareResult {
  // Library callers pass numbers straight in: hold them to the CLI's bounds.
  if (input.co2eKg !== undefined) checkBounds(input.co2eKg, 'co2eKg', COMPARE_BOUNDS.co2eKg);
  if (input.energyKwh !== undefined) checkBounds(input.energyKwh, 'energyKwh', COMPARE_BOUNDS.energyKwh);
  const figures = input.co2eKg !== undefined || input.energyKwh !== undefined;
  if (input.model !== undefined && figures) {
    const flag = input.co2eKg !== undefined ? 'co2e-kg' : 'energy-kwh';
    throw issue('conflict', 'model', `--model: cannot be combined with --${flag} (give one or the other)`, {
      value: input.model,
      accepted: ACCEPTED,
    });
  }
  if (input.model === undefined) {
    if (!figures) {
      throw issue('missing', 'co2eKg', `--co2e-kg, --energy-kwh or --model is required (${ACCEPTED})`, {
        accepted: ACCEPTED,
      });
    }
    return withEquivalents({ co2eKg: input.co2eKg, energyKwh: input.energyKwh }, undefined, lang);
  }
  const model = resolveModel(input.model, 'model');
  if (model.co2eKg === undefined && model.energyKwh === undefined) {
    throw issue('invalid_value', 'model', `--model: ${model.id} has no published energy or CO2e figure`, {
      value: input.model,
      accepted: 'a catalog model with published training figures (see empreinte models)',
    });
  }
  const about: NonNullable<CompareResult['model']> = {
    id: model.id,
    name: model.name,
    source: citeSource(model.source),
  };
  if (model.co2eBasis) about.co2eBasis = model.co2eBasis;
  return withEquivalents({ co2eKg: model.co2eKg, energyKwh: model.energyKwh }, about, lang);
}

function withEquivalents(
  figures: { co2eKg?: number; energyKwh?: number },
  model: CompareResult['model'],
  lang: 'en' | 'fr',
): CompareResult {
  // Absent figures are left out of the JSON rather than written as null.
  const result: Omit<CompareResult, 'equivalents'> = {};
  if (figures.co2eKg !== undefined) result.co2eKg = figures.co2eKg;
  if (figures.energyKwh !== undefined) result.energyKwh = figures.energyKwh;
  if (model) result.model = model;
  return { ...result, equivalents: computeEquivalents(figures, lang) };
}
