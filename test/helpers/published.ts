import { readFileSync } from 'node:fs';

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
