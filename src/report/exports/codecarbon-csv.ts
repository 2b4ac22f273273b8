import { ALPHA3_TO_ALPHA2 } from '../../catalog/iso-countries.js';
import { findLocation } from '../../catalog/locations.js';
import type { RunReport } from '../../measure/run-report.js';
import type { SystemInfo } from '../../store/types.js';

/**
 * CodeCarbon's `emissions.csv`: the header and column order of CodeCarbon's `EmissionsData`
 * (codecarbon/output_methods/emissions_data.py, v2.4 to v2.8 — the layout most tools and
 * published emissions.csv files use), one row per run. Units as CodeCarbon's: duration s,
 * emissions kg CO2e, emissions_rate kg/s, *_power W (mean), *_energy and energy_consumed kWh,
 * ram_total_size GB. Fields empreinte cannot know (python_version, coordinates) are left empty.
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
  'on_cloud',
  'pue',
] as const;

type Column = (typeof CODECARBON_COLUMNS)[number];

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

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
    return {
      ...empty,
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
  const mean = (kwh: number) => (d > 0 ? (kwh * 3.6e6) / d : 0);
  const gpu = gpuModel(report);
  const end = report.endedAt ?? report.startedAt;
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
    cpu_energy: report.energyKwh.cpu,
    gpu_energy: report.energyKwh.gpu,
    ram_energy: report.energyKwh.ram,
    energy_consumed: report.energyKwh.total,
    ...place(report.location.id),
    os: system ? `${system.os} ${system.arch}` : '',
    python_version: '',
    codecarbon_version: '',
    cpu_count: system?.logicalCpus ?? '',
    cpu_model: system?.cpuModel ?? '',
    gpu_count: gpu.count || '',
    gpu_model: gpu.model,
    longitude: '',
    latitude: '',
    ram_total_size: system?.memTotalGiB ?? '',
    tracking_mode: 'machine',
    pue: report.pue.value,
  };
}

export function exportCodecarbonCsv(report: RunReport, system?: SystemInfo): string {
  const row = codecarbonRow(report, system);
  return `${CODECARBON_COLUMNS.join(',')}\n${CODECARBON_COLUMNS.map((c) => csvField(row[c])).join(',')}\n`;
}
