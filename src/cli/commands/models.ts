import type { Command } from 'commander';
import { MODELS, resolveModel } from '../../catalog/models.js';
import type { ModelEntry } from '../../catalog/types.js';
import { formatNumber, renderTable } from '../../report/format.js';
import { type Lang, t } from '../../report/i18n/index.js';
import { type CommandMeta, outputContext, say, withOutputOptions } from '../_common.js';

const NONE = '—';

/** `empreinte models [ID]`: the catalog by year, or one model with every published figure. */
export const meta = {
  name: 'models',
  summary: 'cli.models.summary',
} as const satisfies CommandMeta;

export function register(program: Command): void {
  const command = program
    .command(meta.name)
    .description(say(meta.summary))
    .argument('[id]', say('cli.models.argId'));
  withOutputOptions(command).action((id: string | undefined, options: { json?: boolean; lang?: string }) => {
    const output = outputContext(options);
    if (id !== undefined) {
      const entry = resolveModel(id, 'model');
      if (output.json) output.printJson(entry);
      else output.print(renderModel(entry, output.lang));
      return;
    }
    const entries = modelsByYear();
    if (output.json) output.printJson(entries);
    else output.print(renderModelTable(entries, output.lang));
  });
}

/** The catalog oldest first, then by id. */
export function modelsByYear(): ModelEntry[] {
  return [...MODELS].sort((a, b) => a.year - b.year || a.id.localeCompare(b.id));
}

export function renderModelTable(entries: readonly ModelEntry[], lang: Lang): string {
  const n = (v: number | undefined, scale = 1) => (v === undefined ? NONE : formatNumber(v / scale, lang));
  const header = ['id', 'year', 'params', 'tokens', 'hardware', 'chipHours', 'energy', 'co2e', 'basis'].map(
    (k) => t(lang, `models.${k}`),
  );
  const rows = entries.map((m) => [
    m.id,
    String(m.year),
    params(m, lang),
    n(m.tokens, 1e9),
    m.hardwareId ?? short(m.hardwareLabel),
    n(m.chipHours),
    n(m.energyKwh, 1000),
    n(m.co2eKg, 1000),
    m.co2eBasis ? t(lang, `basis.${m.co2eBasis}`) : NONE,
  ]);
  const align: ('left' | 'right')[] = [
    'left',
    'right',
    'right',
    'right',
    'left',
    'right',
    'right',
    'right',
    'left',
  ];
  return [
    renderTable([header, ...rows], align),
    '',
    t(lang, 'models.count', { count: entries.length }),
    t(lang, 'models.legend'),
  ].join('\n');
}

/** Every published field of one model, with units; what is not published is listed once at the end. */
export function renderModel(m: ModelEntry, lang: Lang): string {
  const n = (v: number, significant = 3) => formatNumber(v, lang, significant);
  const exact = (v: number) => formatNumber(v, lang, 15);
  const rows: [string, string][] = [
    [t(lang, 'model.organisation'), m.org],
    [t(lang, 'model.architecture'), t(lang, `arch.${m.architecture}`)],
    [t(lang, 'model.parameters'), params(m, lang, true)],
  ];
  const missing: string[] = [];
  const derived = ` (${t(lang, 'model.derived')})`;
  const add = (field: keyof ModelEntry, label: string, value: () => string, optional = false) => {
    if (m[field] === undefined) {
      if (!optional) missing.push(t(lang, `field.${field}`));
    } else rows.push([t(lang, label), `${value()}${m.derived?.includes(field) ? derived : ''}`]);
  };
  add('tokens', 'model.tokens', () => tokens(m.tokens!, lang));
  if (m.hardwareId === undefined && m.hardwareLabel === undefined) missing.push(t(lang, 'field.hardware'));
  else
    rows.push([
      t(lang, 'model.hardware'),
      [m.hardwareLabel, m.hardwareId && `(${m.hardwareId})`].filter(Boolean).join(' '),
    ]);
  add('chips', 'model.chips', () => exact(m.chips!));
  add('chipHours', 'model.chipHours', () => `${exact(m.chipHours!)} h`);
  add('days', 'model.days', () => `${n(m.days!)} ${t(lang, 'model.days.unit')}`);
  add('powerWPerChip', 'model.power', () => `${n(m.powerWPerChip!)} W`);
  add('pue', 'model.pue', () => n(m.pue!));
  add('sitePue', 'model.sitePue', () => n(m.sitePue!), true);
  add('intensityGPerKwh', 'model.intensity', () => `${n(m.intensityGPerKwh!)} g CO2e/kWh`);
  add(
    'marketIntensityGPerKwh',
    'model.marketIntensity',
    () => `${n(m.marketIntensityGPerKwh!)} g CO2e/kWh`,
    true,
  );
  add('itEnergyKwh', 'model.itEnergy', () => `${exact(m.itEnergyKwh!)} kWh`, true);
  add('locationLabel', 'model.location', () => m.locationLabel!);
  add('energyKwh', 'model.energy', () => `${exact(m.energyKwh!)} kWh (${n(m.energyKwh! / 1000)} MWh)`);
  add('co2eKg', 'model.co2e', () => `${exact(m.co2eKg!)} kg CO2e (${n(m.co2eKg! / 1000)} t)`);
  if (m.co2eBasis) rows.push([t(lang, 'model.basis'), t(lang, `basis.${m.co2eBasis}`)]);
  if (m.embodiedIncluded !== undefined) {
    rows.push([t(lang, 'model.embodied'), t(lang, m.embodiedIncluded ? 'model.yes' : 'model.no')]);
  }
  if (m.aliases.length > 0) rows.push([t(lang, 'model.aliases'), m.aliases.join(', ')]);
  const colon = lang === 'fr' ? '\u202f: ' : ': ';
  const width = Math.max(...rows.map(([label]) => [...label].length));
  const lines = [`${m.id} — ${m.name} (${m.year})`, ''];
  for (const [label, value] of rows)
    lines.push(`${label}${colon}${' '.repeat(width - [...label].length)}${value}`);
  if (missing.length > 0) lines.push(`${t(lang, 'model.notPublished')}${colon}${missing.join(', ')}`);
  if (m.notes) lines.push('', `${t(lang, 'model.notes')}${colon}${m.notes}`);
  lines.push('', `${t(lang, 'model.source')}${colon}${m.source.citation} (${m.source.year})`);
  if (m.source.url) lines.push(`  ${m.source.url}`);
  return lines.join('\n');
}

/** Total parameters in billions; mixture-of-experts models also show the active ones. */
function params(m: ModelEntry, lang: Lang, withCount = false): string {
  const unit = withCount ? ` ${t(lang, 'unit.billion')}` : '';
  const total = `${formatNumber(m.paramsTotal / 1e9, lang)}${unit}`;
  if (m.architecture === 'dense') return total;
  return `${total} (${formatNumber(m.paramsActive / 1e9, lang)}${unit} ${t(lang, 'models.active')})`;
}

/** Trillions in English; French keeps milliards (its "billion" is 10^12, a false friend). */
function tokens(value: number, lang: Lang): string {
  if (lang === 'en' && value >= 1e12) return `${formatNumber(value / 1e12, lang)} T`;
  return `${formatNumber(value / 1e9, lang)} ${t(lang, 'unit.billion')}`;
}

function short(label: string | undefined, max = 22): string {
  if (label === undefined) return NONE;
  return [...label].length <= max ? label : `${[...label].slice(0, max - 1).join('')}…`;
}
