import type { RunReport } from '../run.js';

/** The `runs show --json` shape, as a file. */
export function exportJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
