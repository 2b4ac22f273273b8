import { MODELS } from '../catalog/models.js';
import type { ModelEntry } from '../catalog/types.js';
import { estimateTraining, type PublishedBasis } from './training.js';

/** One catalog model's published figures beside ours, both on the publication's own basis. */
export interface ReproductionRow {
  id: string;
  name: string;
  basis: PublishedBasis;
  published: { energyKwh?: number; co2eKg?: number };
  ours: { energyKwh: number; co2eKg: number };
  differencePct: { energyKwh?: number; co2eKg?: number };
  source: string;
}

/** The catalog models that publish an energy or a CO2e figure. */
export function modelsWithPublishedFigures(models: readonly ModelEntry[] = MODELS): ModelEntry[] {
  return models.filter((m) => m.energyKwh !== undefined || m.co2eKg !== undefined);
}

/** `estimate training --model X` for every model with a published figure (central values; few draws, the ranges are not read). */
export function reproduceCatalog(models: readonly ModelEntry[] = MODELS): ReproductionRow[] {
  return modelsWithPublishedFigures(models).map((m) => {
    const e = estimateTraining({ model: m.id, draws: 100 });
    const p = e.published;
    if (p?.ours?.co2eKg === undefined) throw new Error(`${m.id}: no comparison on the published basis`);
    return {
      id: m.id,
      name: m.name,
      basis: p.basis,
      published: { energyKwh: p.energyKwh, co2eKg: p.co2eKg },
      ours: { energyKwh: p.ours.energyKwh, co2eKg: p.ours.co2eKg },
      differencePct: p.differencePct,
      source: p.source,
    };
  });
}
