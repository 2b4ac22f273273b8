import { createLookup } from './lookup.js';
import { GOOGLE_MODELS } from './models/google.js';
import { META_MODELS } from './models/meta.js';
import { OPEN_MODELS } from './models/open.js';
import type { ModelEntry } from './types.js';

/**
 * What the authors of popular models published about training them, one entry per model with its
 * original publication in `source`. Units are converted (kWh, kg CO2e, g CO2e/kWh); anything split,
 * computed or taken from a second publication is said in `notes`. A field left out is not published.
 * `energyKwh` is the energy the authors count at facility level: where they publish IT energy and a
 * PUE separately, it is their product (noted).
 */
export const MODELS: readonly ModelEntry[] = [...GOOGLE_MODELS, ...META_MODELS, ...OPEN_MODELS];

const lookup = createLookup(MODELS, 'model');

/** The model named by an id or alias (case, spaces, dashes and dots ignored); `undefined` if none. */
export function findModel(name: string): ModelEntry | undefined {
  return lookup.find(name);
}

/** Like `findModel`, but an unknown name is a usage error on `field` listing the closest ids. */
export function resolveModel(name: string, field = 'model'): ModelEntry {
  return lookup.resolve(name, field);
}

/** The closest model ids to a name, best first. */
export function closestModels(name: string, count?: number): string[] {
  return lookup.closest(name, count);
}
