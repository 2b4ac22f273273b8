import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA } from './cli.js';

/** One row of the shared published-training reference file (catalog cross-checks and benchmarks only). */
export interface PublishedRow {
  id: string;
  model: string;
  hardware: string | null;
  params_total: number | null;
  params_active: number | null;
  tokens: number | null;
  chips: number | null;
  chip_hours: number | null;
  power_w_per_chip: number | null;
  pue: number | null;
  grid_kgco2_per_kwh: number | null;
  energy_mwh: number | null;
  co2e_t: number | null;
  embodied_included: boolean | null;
  verified: boolean;
  notes: string | null;
}

export function loadPublished(): PublishedRow[] {
  return JSON.parse(readFileSync(join(SHARED_DATA, 'published', 'training.json'), 'utf8')) as PublishedRow[];
}

export function isTrustworthy(row: PublishedRow): boolean {
  const notes = row.notes ?? '';
  return row.verified && !/SUSPECT|from memory/i.test(notes);
}

/** A published run with the figures of its authors' own carbon accounting (test fixture). */
export interface AccountingRow {
  id: string;
  model: string;
  year: number;
  hardware: string | null;
  chip_hours: number;
  power_w_per_chip: number;
  pue: number | null;
  grid_kgco2_per_kwh: number;
  co2e_t: number;
  source: string;
}

export function loadAccountingRows(): AccountingRow[] {
  const url = new URL('../fixtures/published-training/accounting.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as AccountingRow[];
}
