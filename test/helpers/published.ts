import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA } from './cli.js';

/** One row of the shared published-training reference file (tests and benchmarks only). */
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

/** The catalog id for the hardware label a publication used, when we can tell. */
export function hardwareIdFor(label: string | null): string | undefined {
  if (!label) return undefined;
  const rules: [RegExp, string][] = [
    [/^V100/i, 'nvidia-v100-sxm2'],
    [/^P100/i, 'nvidia-p100'],
    [/^A100-40GB/i, 'nvidia-a100-sxm4-40gb'],
    [/^A100/i, 'nvidia-a100-sxm4-80gb'],
    [/^H100/i, 'nvidia-h100-sxm5-80gb'],
    [/^TPUv2/i, 'google-tpu-v2'],
    [/^TPUv3(?!\/)/i, 'google-tpu-v3'],
    [/^TPUv4/i, 'google-tpu-v4'],
  ];
  return rules.find(([re]) => re.test(label))?.[1];
}
