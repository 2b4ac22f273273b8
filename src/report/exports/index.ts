import type { SystemInfo } from '../../records.js';
import type { Lang } from '../i18n/index.js';
import type { RunReport } from '../run.js';
import { exportCodecarbonCsv } from './codecarbon-csv.js';
import { EXPORT_FORMATS, type ExportFormat, type TrainingType } from './formats.js';
import { exportHfModelCard } from './hf-model-card.js';
import { exportJson } from './json.js';
import { exportMarkdown } from './markdown.js';

export { EXPORT_FORMATS, type ExportFormat };

export interface ExportOptions {
  lang?: Lang;
  trainingType?: TrainingType;
  /** The machine of the first host (CodeCarbon's os, cpu_count, cpu_model, ram_total_size). */
  system?: SystemInfo;
}

export function exportRun(report: RunReport, format: ExportFormat, options: ExportOptions = {}): string {
  switch (format) {
    case 'codecarbon-csv':
      return exportCodecarbonCsv(report, options.system);
    case 'hf-model-card':
      return exportHfModelCard(report, { trainingType: options.trainingType });
    case 'json':
      return exportJson(report);
    case 'markdown':
      return exportMarkdown(report, options.lang);
  }
}
