import Papa from 'papaparse';
import { ALPHA3_TO_ALPHA2 } from '../../catalog/iso-countries.js';
import { findLocation } from '../../catalog/locations.js';
import { J_PER_KWH } from '../../engine/units.js';
import type { SystemInfo } from '../../records.js';
import type { RunReport } from '../run.js';

/**
 * CodeCarbon's `emissions.csv`: the header and column order of CodeCarbon's `EmissionsData`
 * (codecarbon/output_methods/emissions_data.py, v3.2 to v3.3, 38 columns), one row per run, so a
 * CodeCarbon v3 appending to the file keeps it (it moves aside a file whose header differs).
 * CodeCarbon's boundary: each `*_energy` and `energy_consumed` is multiplied by the PUE before
 * summing, so `emissions = energy_consumed × intensity`; `*_power` is at the machine (mean W).
 * Units as CodeCarbon's: duration s, emissions kg CO2e, emissions_rate kg/s, energy kWh, water L,
 * RAM GB. What empreinte does not record (python_version, coordinates, utilisation, RAM in use) is
 * left empty; water is 0 with `wue` 0, CodeCarbon's default when no WUE is given.
 */
export const CODECARBON_COLUMNS = [
  'timestamp',
  'project_name',
  'run_id',
  'experiment_id',
  'duration',
  'emissions',
  'emissions_rate',
  'cpu_power',
  'gpu_power',
  'ram_power',
  'cpu_energy',
  'gpu_energy',
  'ram_energy',
  'energy_consumed',
  'water_consumed',
  'country_name',
  'country_iso_code',
  'region',
  'cloud_provider',
  'cloud_region',
  'os',
  'python_version',
  'codecarbon_version',
  'cpu_count',
  'cpu_model',
  'gpu_count',
  'gpu_model',
  'longitude',
  'latitude',
  'ram_total_size',
  'tracking_mode',
  'cpu_utilization_percent',
  'gpu_utilization_percent',
  'ram_utilization_percent',
  'ram_used_gb',
  'on_cloud',
  'pue',
  'wue',
] as const;

type Column = (typeof CODECARBON_COLUMNS)[number];

const ALPHA2_TO_ALPHA3 = Object.fromEntries(
  Object.entries(ALPHA3_TO_ALPHA2).map(([a3, a2]) => [a2.toLowerCase(), a3.toUpperCase()]),
);

function place(
  id: string | null,
): Pick<
  Record<Column, string>,
  'country_name' | 'country_iso_code' | 'region' | 'cloud_provider' | 'cloud_region' | 'on_cloud'
> {
  const empty = {
    country_name: '',
    country_iso_code: '',
    region: '',
    cloud_provider: '',
    cloud_region: '',
    on_cloud: 'N',
  };
  const location = id ? findLocation(id) : undefined;
  if (!location || location.kind === 'world') return empty;
  if (location.kind === 'cloud-region') {
    const country = location.zone ? findLocation(location.zone.slice(0, 2).toLowerCase()) : undefined;
    const grid = location.zone ? findLocation(location.zone.toLowerCase()) : undefined;
    return {
      ...empty,
      region: grid && grid.kind !== 'country' && grid.kind !== 'world' ? grid.name : '',
      country_name: country?.name ?? '',
      country_iso_code: country ? (ALPHA2_TO_ALPHA3[country.id] ?? '') : '',
      cloud_provider: location.provider ?? '',
      cloud_region: location.id.slice(location.id.indexOf(':') + 1),
      on_cloud: 'Y',
    };
  }
  if (location.kind === 'country')
    return { ...empty, country_name: location.name, country_iso_code: ALPHA2_TO_ALPHA3[location.id] ?? '' };
  const country = findLocation(location.id.slice(0, 2).toLowerCase());
  return {
    ...empty,
    country_name: country?.name ?? '',
    country_iso_code: country ? (ALPHA2_TO_ALPHA3[country.id] ?? '') : '',
    region: location.name,
  };
}

/** One GPU model per run in CodeCarbon's "N x Name" form. */
function gpuModel(report: RunReport): { count: number; model: string } {
  const names = report.hosts.flatMap((h) =>
    h.devices.filter((d) => d.component === 'gpu').map((d) => d.name),
  );
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return { count: names.length, model: [...counts].map(([name, count]) => `${count} x ${name}`).join(' ') };
}

export function codecarbonRow(report: RunReport, system?: SystemInfo): Record<Column, string | number> {
  const d = report.durationS;
  const mean = (kwh: number) => (d > 0 ? (kwh * J_PER_KWH) / d : 0);
  const gpu = gpuModel(report);
  const end = report.endedAt ?? report.startedAt;
  const pue = report.pue.value;
  return {
    timestamp: end.slice(0, 19),
    project_name: report.name ?? 'empreinte',
    run_id: report.id,
    experiment_id: '',
    duration: d,
    emissions: report.co2eKg,
    emissions_rate: d > 0 ? report.co2eKg / d : 0,
    cpu_power: mean(report.energyKwh.cpu),
    gpu_power: mean(report.energyKwh.gpu),
    ram_power: mean(report.energyKwh.ram),
    cpu_energy: report.energyKwh.cpu * pue,
    gpu_energy: report.energyKwh.gpu * pue,
    ram_energy: report.energyKwh.ram * pue,
    energy_consumed: report.facilityEnergyKwh,
    water_consumed: 0,
    ...place(report.location.id),
    os: system ? `${system.os} ${system.arch}` : '',
    python_version: '',
    codecarbon_version: '',
    cpu_count: system?.logicalCpus ?? '',
    cpu_model: system?.cpuModel ?? '',
    gpu_count: gpu.count,
    gpu_model: gpu.model,
    longitude: '',
    latitude: '',
    ram_total_size: system?.memTotalGiB ?? '',
    tracking_mode: 'machine',
    cpu_utilization_percent: '',
    gpu_utilization_percent: '',
    ram_utilization_percent: '',
    ram_used_gb: '',
    pue,
    wue: 0,
  };
}

export function exportCodecarbonCsv(report: RunReport, system?: SystemInfo): string {
  const row = codecarbonRow(report, system);
  return `${Papa.unparse([row], { columns: [...CODECARBON_COLUMNS], newline: '\n' })}\n`;
}
