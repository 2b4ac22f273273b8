import type { Command } from 'commander';
import { HARDWARE, resolveHardware } from '../../catalog/hardware.js';
import { type HardwareEntry, PRECISIONS, type Source } from '../../catalog/types.js';
import { userError } from '../../errors.js';
import { formatNumber, renderTable } from '../../report/format.js';
import { type Lang, t } from '../../report/i18n/index.js';
import { type CommandMeta, outputContext, say, withOutputOptions } from '../_common.js';

const KINDS: readonly HardwareEntry['kind'][] = ['gpu', 'tpu', 'accelerator', 'cpu'];
const NONE = '—';
const UNITS = { gb: { en: 'GB', fr: 'Go' }, tbs: { en: 'TB/s', fr: 'To/s' } } as const;

interface Options {
  kind?: string;
  json?: boolean;
  lang?: string;
}

/** `empreinte hardware [ID]`: the hardware catalog, or one entry with every field and its sources. */
export const meta = {
  name: 'hardware',
  summary: 'cli.hardware.summary',
  description: 'cli.hardware.description',
} as const satisfies CommandMeta;

export function register(program: Command): void {
  const command = program
    .command(meta.name)
    .description(say(meta.description))
    .argument('[id]', say('cli.hardware.argId'))
    .option('--kind <kind>', say('cli.onlyKind', { kinds: KINDS.join(', ') }));
  withOutputOptions(command).action((id: string | undefined, options: Options) => {
    const output = outputContext(options);
    const kind = parseKind(options.kind);
    if (id !== undefined) {
      const { entry, note } = resolveHardware(id, 'hardware');
      if (kind && entry.kind !== kind) {
        throw userError('conflict', 'kind', 'cli.error.kindMismatch', {
          id: entry.id,
          kind: entry.kind,
          value: kind,
          accepted: entry.kind,
        });
      }
      if (output.json) {
        if (note) process.stderr.write(`${note}\n`);
        output.printJson(entry);
      } else output.print(renderHardware(entry, output.lang, note));
      return;
    }
    const entries = listHardware(kind);
    if (output.json) output.printJson(entries);
    else output.print(renderHardwareTable(entries, output.lang));
  });
}

function parseKind(kind: string | undefined): HardwareEntry['kind'] | undefined {
  if (kind === undefined) return undefined;
  const found = KINDS.find((k) => k === kind.toLowerCase());
  if (!found) {
    throw userError('invalid_value', 'kind', 'cli.error.hardwareKind', {
      value: kind,
      accepted: KINDS.join(', '),
    });
  }
  return found;
}

/** The catalog by kind (GPU, TPU, other accelerators, CPU), then year, then id. */
export function listHardware(kind?: HardwareEntry['kind']): HardwareEntry[] {
  return HARDWARE.filter((h) => kind === undefined || h.kind === kind).sort(
    (a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || a.year - b.year || a.id.localeCompare(b.id),
  );
}

const exact = (v: number, lang: Lang) => formatNumber(v, lang, 15);

export function renderHardwareTable(entries: readonly HardwareEntry[], lang: Lang): string {
  const header = ['id', 'name', 'year', 'tdp', 'bf16', 'memory', 'embodied'].map((k) =>
    t(lang, `hardware.${k}`),
  );
  const rows = entries.map((h) => [
    h.id,
    short(h.name),
    String(h.year),
    exact(h.tdpW, lang),
    h.peakTflops.bf16 === undefined ? NONE : exact(h.peakTflops.bf16, lang),
    h.memoryGb === undefined ? NONE : exact(h.memoryGb, lang),
    exact(h.embodiedKgCo2e.central, lang),
  ]);
  return [
    renderTable([header, ...rows], ['left', 'left', 'right', 'right', 'right', 'right', 'right']),
    '',
    t(lang, 'hardware.count', { count: entries.length }),
  ].join('\n');
}

/** Every field of one entry with its unit, then its notes and sources. */
export function renderHardware(h: HardwareEntry, lang: Lang, note?: string): string {
  const rows: [string, string][] = [
    [t(lang, 'hardware.kind'), t(lang, `kind.${h.kind}`)],
    [t(lang, 'hardware.vendor'), h.vendor],
    [t(lang, 'hardware.family'), h.flagship ? `${h.family} (${t(lang, 'hardware.flagship')})` : h.family],
    [t(lang, 'hardware.released'), String(h.year)],
    [t(lang, 'hardware.tdpW'), `${exact(h.tdpW, lang)} W`],
  ];
  if (h.idleW !== undefined) rows.push([t(lang, 'hardware.idleW'), `${exact(h.idleW, lang)} W`]);
  if (h.cores !== undefined) rows.push([t(lang, 'hardware.cores'), exact(h.cores, lang)]);
  if (h.memoryGb !== undefined)
    rows.push([t(lang, 'hardware.memoryGb'), `${exact(h.memoryGb, lang)} ${UNITS.gb[lang]}`]);
  if (h.memoryBandwidthTbS !== undefined) {
    rows.push([t(lang, 'hardware.bandwidth'), `${exact(h.memoryBandwidthTbS, lang)} ${UNITS.tbs[lang]}`]);
  }
  for (const p of PRECISIONS) {
    const v = h.peakTflops[p];
    if (v !== undefined)
      rows.push([
        t(lang, 'hardware.peak', { precision: p.toUpperCase() }),
        `${exact(v, lang)} ${p === 'int8' ? 'TOPS' : 'TFLOP/s'}`,
      ]);
  }
  const e = h.embodiedKgCo2e;
  rows.push([
    t(lang, 'hardware.embodiedKg'),
    `${exact(e.central, lang)} kg CO2e (${exact(e.low, lang)} – ${exact(e.high, lang)})`,
  ]);
  if (h.aliases.length > 0) rows.push([t(lang, 'hardware.aliases'), h.aliases.join(', ')]);

  const colon = lang === 'fr' ? '\u202f: ' : ': ';
  const width = Math.max(...rows.map(([label]) => [...label].length));
  const lines = [`${h.id} — ${h.name} (${h.year})`];
  if (note) lines.push(note);
  lines.push('');
  for (const [label, value] of rows)
    lines.push(`${label}${colon}${' '.repeat(width - [...label].length)}${value}`);
  if (h.notes) lines.push('', `${t(lang, 'hardware.notes')}${colon}${h.notes}`);
  lines.push('', `${t(lang, 'hardware.sources')}${colon.trimEnd()}`);
  const sources: [string, Source][] = [['main', h.source]];
  for (const [field, source] of Object.entries(h.fieldSources ?? {}))
    if (source) sources.push([field, source]);
  for (const [field, source] of sources) {
    lines.push(`  ${t(lang, `hardware.source.${field}`)}${colon}${source.citation} (${source.year})`);
    if (source.url) lines.push(`    ${source.url}`);
  }
  return lines.join('\n');
}

function short(label: string, max = 34): string {
  return [...label].length <= max ? label : `${[...label].slice(0, max - 1).join('')}…`;
}
