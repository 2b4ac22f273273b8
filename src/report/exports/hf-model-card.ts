import { findLocation } from '../../catalog/locations.js';
import type { RunReport } from '../run.js';
import type { TrainingType } from './formats.js';

/**
 * The `co2_eq_emissions` block of a Hugging Face model card's YAML metadata, as documented at
 * https://huggingface.co/docs/hub/model-cards-co2: `emissions` in grams of CO2e, `source`,
 * `training_type` (pre-training or fine-tuning), `geographical_location`, `hardware_used`.
 * Printed with its `---` fences, to merge into the card's front matter.
 */
export { TRAINING_TYPES, type TrainingType } from './formats.js';

const yamlString = (text: string) => JSON.stringify(text);

export function hardwareUsed(report: RunReport): string {
  const counts = new Map<string, number>();
  for (const h of report.hosts)
    for (const d of h.devices) if (d.component === 'gpu') counts.set(d.name, (counts.get(d.name) ?? 0) + 1);
  if (counts.size > 0) return [...counts].map(([name, n]) => `${n} x ${name}`).join(', ');
  const cpus = [
    ...new Set(
      report.hosts.flatMap((h) => h.devices.filter((d) => d.component === 'cpu').map((d) => d.name)),
    ),
  ];
  return cpus.join(', ') || 'CPU';
}

export function exportHfModelCard(report: RunReport, options: { trainingType?: TrainingType } = {}): string {
  const location = report.location.id ? findLocation(report.location.id) : undefined;
  const sources = [report.sources.gpu, report.sources.cpu, report.sources.ram]
    .filter((s) => s !== null)
    .join(', ');
  const lines = [
    '---',
    'co2_eq_emissions:',
    `  emissions: ${Number((report.co2eKg * 1000).toPrecision(6))}`,
    `  source: ${yamlString(`empreinte ${report.status === 'completed' ? 'measurement' : `measurement (${report.status} run)`} of run ${report.id}: ${sources}; ${report.location.intensityGPerKwh} g CO2e/kWh, PUE ${report.pue.value}`)}`,
  ];
  if (options.trainingType) lines.push(`  training_type: ${yamlString(options.trainingType)}`);
  lines.push(`  geographical_location: ${yamlString(location?.name ?? report.location.id ?? 'unknown')}`);
  lines.push(`  hardware_used: ${yamlString(hardwareUsed(report))}`);
  lines.push('---');
  return `${lines.join('\n')}\n`;
}
