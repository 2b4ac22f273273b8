import { formatNumber, renderTable } from '../format.js';
import { type Lang, t } from '../i18n/index.js';
import type { RunReport } from '../run.js';

/** Human summary of a measured run (end of `empreinte run`, `empreinte runs show`). */
export function formatDuration(seconds: number, lang: Lang): string {
  if (seconds < 60) return `${formatNumber(seconds, lang, 3)} s`;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h} h ${pad(m)} min` : `${m} min ${pad(sec)} s`;
}

export function signedPct(value: number, lang: Lang): string {
  return `${value >= 0 ? '+' : ''}${formatNumber(value, lang, 2)} %`;
}

/** Energy in the unit that keeps it readable: kWh, or Wh below 0.1 kWh. */
export function formatEnergy(kwh: number, lang: Lang): string {
  return kwh >= 0.1 || kwh === 0 ? `${formatNumber(kwh, lang)} kWh` : `${formatNumber(kwh * 1000, lang)} Wh`;
}

/** A range in the unit its central value reads best in. */
export function formatEnergyRange(r: { low: number; central: number; high: number }, lang: Lang): string {
  const wh = !(r.central >= 0.1 || r.central === 0);
  const f = (kwh: number) => formatNumber(wh ? kwh * 1000 : kwh, lang);
  return `${f(r.central)} ${wh ? 'Wh' : 'kWh'} (${f(r.low)}–${f(r.high)})`;
}

export function formatMass(kg: number, lang: Lang): string {
  return kg >= 1 || kg === 0
    ? `${formatNumber(kg, lang)} kg CO2e`
    : `${formatNumber(kg * 1000, lang)} g CO2e`;
}

/**
 * "measured" only where every host read a sensor: CPU power from utilisation × TDP, RAM from
 * installed memory × W/GB are modelled, and the heading says which components are which.
 */
export function energyHeading(sources: RunReport['sources'], lang: Lang): string {
  const measured: string[] = [];
  const modelled: string[] = [];
  for (const [component, source] of Object.entries(sources) as [string, string | null][]) {
    if (source === null) continue;
    const parts = source.split('+');
    (parts.every((p) => p.startsWith('measured:')) ? measured : modelled).push(component.toUpperCase());
  }
  if (modelled.length === 0) return t(lang, 'run.energy');
  const colon = lang === 'fr' ? ' : ' : ': ';
  const said = [
    measured.length > 0 ? `${t(lang, 'run.energyMeasuredPart')}${colon}${measured.join(', ')}` : undefined,
    `${t(lang, 'run.energyModelledPart')}${colon}${modelled.join(', ')}`,
  ].filter((part) => part !== undefined);
  return `${t(lang, 'run.energyAtMachines')} (${said.join(lang === 'fr' ? ' ; ' : '; ')})`;
}

export function renderRunText(r: RunReport, lang: Lang, db?: string): string {
  const n = (v: number, digits = 3) => formatNumber(v, lang, digits);
  const status = `${t(lang, `run.status.${r.status}`)}${r.exitCode !== null ? ` (${t(lang, 'run.exit')} ${r.exitCode})` : ''}`;
  const lines = [
    `${t(lang, 'run.title')} ${r.id}${r.name ? ` "${r.name}"` : ''}: ${status}, ${formatDuration(r.durationS, lang)}`,
  ];
  const source = (s: string | null) => s ?? t(lang, 'run.none');
  const rows = [
    [t(lang, 'run.component'), 'kWh', t(lang, 'run.sources')],
    ['GPU', n(r.energyKwh.gpu), source(r.sources.gpu)],
    ['CPU', n(r.energyKwh.cpu), source(r.sources.cpu)],
    ['RAM', n(r.energyKwh.ram), source(r.sources.ram)],
    ['total', n(r.energyKwh.total), ''],
  ];
  lines.push(`${energyHeading(r.sources, lang)}:`, renderTable(rows, ['left', 'right', 'left']));
  const m = r.machineEnergyKwh;
  if (m)
    lines.push(t(lang, 'run.boundary', { total: n(m.total), gpu: n(m.gpu), cpu: n(m.cpu), ram: n(m.ram) }));
  lines.push(
    `${t(lang, 'run.power')}: ${t(lang, 'run.average')} ${n(r.averagePowerW)} W, ${t(lang, 'run.peak')} ${n(r.peakPowerW)} W`,
    `${t(lang, 'run.facility')}: ${formatEnergy(r.facilityEnergyKwh, lang)} (PUE ${n(r.pue.value)}, ${r.pue.source})`,
    `${t(lang, 'run.location')}: ${r.location.id ?? '?'}, ${n(r.location.intensityGPerKwh)} g CO2e/kWh (${r.location.source})`,
    `${t(lang, 'run.co2e')}: ${formatMass(r.co2eKg, lang)}; ${t(lang, 'run.co2eMarket')}: ${formatMass(r.co2eMarketKg, lang)}`,
  );
  if (r.phases.length > 0) {
    const phaseRows = [
      ['', t(lang, 'run.duration'), 'kWh', t(lang, 'run.tokens'), `J ${t(lang, 'run.perToken')}`],
    ];
    for (const p of r.phases) {
      phaseRows.push([
        p.label ?? t(lang, 'run.afterLastMark'),
        formatDuration(p.durationS, lang),
        n(p.energyKwh),
        p.tokens === null ? '' : n(p.tokens, 6),
        p.energyJPerToken === null ? '' : n(p.energyJPerToken),
      ]);
    }
    lines.push(
      `${t(lang, 'run.phases')}:`,
      renderTable(phaseRows, ['left', 'right', 'right', 'right', 'right']),
    );
  }
  if (r.estimate) {
    const e = r.estimate;
    lines.push(
      `${t(lang, 'run.estimate')} (${e.hardware}, ${n(e.chipHours)} GPU-h): ${formatEnergyRange(e.estimatedEnergyKwh, lang)}; ${t(lang, 'run.measured')} ${formatEnergy(e.measuredEnergyKwh, lang)} (${signedPct(e.differencePct, lang)})`,
    );
  }
  if (r.hosts.length > 1) {
    lines.push(`${t(lang, 'run.hosts')}:`);
    for (const h of r.hosts)
      lines.push(
        `  ${h.host}: ${t(lang, `run.status.${h.status}`)}, ${formatDuration(h.durationS, lang)}, ${n(h.energyKwh)} kWh`,
      );
  }
  // Only equivalents large enough to picture (not "0 round trips").
  for (const q of r.equivalents.filter((e) => e.value >= 0.01).slice(0, 3))
    lines.push(`  ≈ ${n(q.value)} ${q.unit} — ${q.label}`);
  if (r.notes.length > 0) lines.push(`${t(lang, 'run.notes')}:`, ...r.notes.map((note) => `  - ${note}`));
  if (db) lines.push(t(lang, 'run.stored', { db, id: r.id.slice(0, 8) }));
  return lines.join('\n');
}
