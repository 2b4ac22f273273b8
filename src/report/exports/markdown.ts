import { formatNumber } from '../format.js';
import { type Lang, t } from '../i18n/index.js';
import type { RunReport } from '../run.js';
import { formatDuration, formatMass, signedPct } from './text.js';

/**
 * A Markdown summary for a CI job summary (`>> $GITHUB_STEP_SUMMARY`) or a pull request: a title,
 * one table of the figures with their provenance, phases, and notes.
 */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function exportMarkdown(r: RunReport, lang: Lang = 'en'): string {
  const n = (v: number) => formatNumber(v, lang);
  const out: string[] = [];
  out.push(`### ${t(lang, 'run.title')} \`${r.id}\`${r.name ? ` — ${cell(r.name)}` : ''}`, '');
  out.push(
    `**${t(lang, `run.status.${r.status}`)}**${r.exitCode !== null ? ` (${t(lang, 'run.exit')} ${r.exitCode})` : ''} · ${formatDuration(r.durationS, lang)} · \`${cell(r.command.join(' '))}\``,
    '',
  );
  out.push(`| | | ${t(lang, 'run.sources')} |`, '|---|---:|---|');
  out.push(`| ${t(lang, 'run.energy')} | ${n(r.energyKwh.total)} kWh | |`);
  out.push(`| GPU | ${n(r.energyKwh.gpu)} kWh | ${r.sources.gpu ?? '—'} |`);
  out.push(`| CPU | ${n(r.energyKwh.cpu)} kWh | ${r.sources.cpu ?? '—'} |`);
  out.push(`| RAM | ${n(r.energyKwh.ram)} kWh | ${r.sources.ram ?? '—'} |`);
  out.push(
    `| ${t(lang, 'run.facility')} | ${n(r.facilityEnergyKwh)} kWh | PUE ${n(r.pue.value)}: ${cell(r.pue.source)} |`,
  );
  out.push(
    `| ${t(lang, 'run.co2e')} | ${formatMass(r.co2eKg, lang)} | ${cell(r.location.id ?? '?')}, ${n(r.location.intensityGPerKwh)} g/kWh: ${cell(r.location.source)} |`,
  );
  out.push(`| ${t(lang, 'run.co2eMarket')} | ${formatMass(r.co2eMarketKg, lang)} | |`);
  out.push(
    `| ${t(lang, 'run.power')} | ${t(lang, 'run.average')} ${n(r.averagePowerW)} W, ${t(lang, 'run.peak')} ${n(r.peakPowerW)} W | |`,
  );
  if (r.estimate) {
    const e = r.estimate;
    out.push(
      `| ${t(lang, 'run.estimate')} | ${n(e.estimatedEnergyKwh.central)} kWh (${n(e.estimatedEnergyKwh.low)}–${n(e.estimatedEnergyKwh.high)}) | ${e.hardware}, ${n(e.chipHours)} GPU-h; ${t(lang, 'run.measuredVsEstimate')} ${signedPct(e.differencePct, lang)} |`,
    );
  }
  if (r.hosts.length > 1) {
    out.push(
      '',
      `#### ${t(lang, 'run.hosts')}`,
      '',
      `| | | ${t(lang, 'run.duration')} | kWh |`,
      '|---|---|---:|---:|',
    );
    for (const h of r.hosts) {
      out.push(
        `| ${cell(h.host)} | ${t(lang, `run.status.${h.status}`)} | ${formatDuration(h.durationS, lang)} | ${n(h.energyKwh)} |`,
      );
    }
  }
  if (r.phases.length > 0) {
    out.push(
      '',
      `#### ${t(lang, 'run.phases')}`,
      '',
      `| | ${t(lang, 'run.duration')} | kWh | ${t(lang, 'run.tokens')} | J ${t(lang, 'run.perToken')} |`,
      '|---|---:|---:|---:|---:|',
    );
    for (const p of r.phases) {
      out.push(
        `| ${cell(p.label ?? t(lang, 'run.afterLastMark'))} | ${formatDuration(p.durationS, lang)} | ${n(p.energyKwh)} | ${p.tokens ?? ''} | ${p.energyJPerToken === null ? '' : n(p.energyJPerToken)} |`,
      );
    }
  }
  if (r.notes.length > 0)
    out.push(
      '',
      `<details><summary>${t(lang, 'run.notes')}</summary>`,
      '',
      ...r.notes.map((x) => `- ${cell(x)}`),
      '',
      '</details>',
    );
  return `${out.join('\n')}\n`;
}
