import { resolveModel } from '../catalog/models.js';
import { userError } from '../errors.js';
import { msg } from '../messages/index.js';
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

const NAMED = { co2eField: 'co2eKg', energyField: 'energyKwh', modelField: 'model' };
const ACCEPTED = msg('compare.accepted', NAMED);

/** Puts a figure, or a catalog model's published figures, into everyday and sector equivalents. */
export function compareFootprint(input: CompareInput, lang: 'en' | 'fr' = 'en'): CompareResult {
  // Library callers pass numbers straight in: hold them to the CLI's bounds.
  if (input.co2eKg !== undefined) checkBounds(input.co2eKg, 'co2eKg', COMPARE_BOUNDS.co2eKg);
  if (input.energyKwh !== undefined) checkBounds(input.energyKwh, 'energyKwh', COMPARE_BOUNDS.energyKwh);
  const figures = input.co2eKg !== undefined || input.energyKwh !== undefined;
  if (input.model !== undefined && figures) {
    throw userError('conflict', 'model', 'compare.modelAndFigures', {
      otherField: input.co2eKg !== undefined ? 'co2eKg' : 'energyKwh',
      value: input.model,
      accepted: ACCEPTED,
    });
  }
  if (input.model === undefined) {
    if (!figures) {
      throw userError('missing', 'co2eKg', 'compare.required', { ...NAMED, accepted: ACCEPTED });
    }
    return withEquivalents({ co2eKg: input.co2eKg, energyKwh: input.energyKwh }, undefined, lang);
  }
  const model = resolveModel(input.model, 'model');
  if (model.co2eKg === undefined && model.energyKwh === undefined) {
    throw userError('invalid_value', 'model', 'compare.noFigures', {
      model: model.id,
      value: input.model,
      accepted: msg('compare.acceptedPublished'),
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
