import { EQUIVALENCES } from '../catalog/equivalences.js';
import type { EquivalenceEntry, Source } from '../catalog/types.js';

export interface Equivalent {
  id: string;
  label: string;
  value: number;
  unit: string;
  /** Citation with its year. */
  source: string;
}

export interface EquivalentsInput {
  co2eKg?: number;
  energyKwh?: number;
}

/** `Citation (year)`, unless the citation already names the year. */
export function citeSource(source: Source): string {
  return source.citation.includes(String(source.year))
    ? source.citation
    : `${source.citation} (${source.year})`;
}

/**
 * The figures expressed in every catalog equivalence whose basis is given (`co2eKg` for kg CO2e
 * ones, `energyKwh` for kWh ones), in catalog order, labels and units in `lang`.
 */
export function computeEquivalents(
  input: EquivalentsInput,
  lang: 'en' | 'fr' = 'en',
  entries: readonly EquivalenceEntry[] = EQUIVALENCES,
): Equivalent[] {
  const result: Equivalent[] = [];
  for (const entry of entries) {
    const amount = input[entry.basis];
    if (amount === undefined || !Number.isFinite(amount)) continue;
    result.push({
      id: entry.id,
      label: entry.label[lang],
      value: amount / entry.perUnit,
      unit: entry.unit[lang],
      source: citeSource(entry.source),
    });
  }
  return result;
}
