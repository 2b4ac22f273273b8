import type { Command } from 'commander';
import { CLOUD_PROVIDERS } from '../../catalog/cloud-regions.js';
import type { GridLocation } from '../../catalog/locations.js';
import type { LocationEntry } from '../../catalog/types.js';
import { formatNumber, renderTable } from '../../report/format.js';
import { type Lang, t } from '../../report/i18n/index.js';
import { type CommandMeta, keyPart, oneOf, outputContext, say, withOutputOptions } from '../_common.js';

const KINDS: readonly LocationEntry['kind'][] = ['world', 'country', 'zone', 'cloud-region'];

interface LocationsOptions {
  kind?: string;
  provider?: string;
  json?: boolean;
  lang?: string;
}

/** `empreinte locations [QUERY]`: matching locations by intensity, or one location in full. */
export const meta = {
  name: 'locations',
  summary: 'cli.locations.summary',
} as const satisfies CommandMeta;

export function register(program: Command): void {
  const command = program
    .command(meta.name)
    .description(say(meta.summary))
    .argument('[query]', say('cli.locations.argQuery'))
    .option('--kind <kind>', say('cli.onlyKind', { kinds: KINDS.join(', ') }))
    .option(
      '--provider <provider>',
      say('cli.locations.provider', { providers: CLOUD_PROVIDERS.join(', ') }),
    );
  withOutputOptions(command).action((query: string | undefined, options: LocationsOptions) =>
    runLocations(query, options),
  );
}

async function runLocations(query: string | undefined, options: LocationsOptions): Promise<void> {
  const output = outputContext(options);
  // The grid data loads when the command runs, not when help lists it.
  const { closestLocations, findLocation, listLocations } = await import('../../catalog/locations.js');
  const kind = oneOf(options.kind, KINDS, 'kind', (v) => v.toLowerCase());
  const provider = oneOf(options.provider, CLOUD_PROVIDERS, 'provider', (v) => v.toLowerCase());
  // A query naming exactly one location, with no filter, shows that location in full.
  const exact = query !== undefined && !kind && !provider ? findLocation(query) : undefined;
  if (exact) {
    if (output.json) output.printJson(exact);
    else output.print(renderLocation(exact, output.lang));
    return;
  }
  const matches = listLocations({ text: query, kind, provider });
  if (output.json) {
    output.printJson(matches);
    return;
  }
  if (matches.length === 0) {
    const closest = closestLocations(query ?? '').join(', ');
    output.print(t(output.lang, 'locations.none', { query: `'${query ?? ''}'`, closest }));
    return;
  }
  output.print(renderLocationTable(matches, output.lang));
}

/** French puts a (narrow no-break) space before a colon. */
function colon(lang: Lang): string {
  return lang === 'fr' ? '\u202f: ' : ': ';
}

/** Short origin of a value for the table: the data set, and for cloud regions the zone. */
function shortSource(entry: GridLocation): string {
  if (entry.kind === 'zone') return 'Electricity Maps';
  if (entry.kind === 'cloud-region') return `Electricity Maps ${entry.zone}`;
  return 'Ember';
}

export function renderLocationTable(entries: readonly GridLocation[], lang: Lang): string {
  const header = ['id', 'name', 'kind', 'intensity', 'year', 'source'].map((k) =>
    k === 'source' ? t(lang, 'label.source') : t(lang, `locations.${k}`),
  );
  const rows = entries.map((e) => [
    e.id,
    e.name,
    t(lang, `kind.${keyPart(e.kind)}`),
    formatNumber(e.intensityGPerKwh, lang),
    String(e.year),
    shortSource(e),
  ]);
  return [
    renderTable([header, ...rows], ['left', 'left', 'left', 'right', 'right', 'left']),
    '',
    t(lang, 'locations.count', { count: entries.length }),
  ].join('\n');
}

export function renderLocation(e: GridLocation, lang: Lang): string {
  const lines = [
    `${e.id} — ${e.name} (${t(lang, `kind.${keyPart(e.kind)}`)})`,
    '',
    `${t(lang, 'locations.gridIntensity')}${colon(lang)}${formatNumber(e.intensityGPerKwh, lang)} g CO2e/kWh (${e.year})`,
  ];
  if (e.zone) lines.push(`${t(lang, 'locations.zone')}${colon(lang)}${e.zone}`);
  if (e.providerFigure) {
    const p = e.providerFigure;
    const cfe =
      p.cfe === undefined ? '' : `, ${t(lang, 'locations.cfe')} ${formatNumber(p.cfe * 100, lang)} %`;
    lines.push(
      `${t(lang, 'locations.provider')}${colon(lang)}${formatNumber(p.intensityGPerKwh, lang)} g CO2e/kWh (${p.year}${cfe})`,
    );
  }
  lines.push(`${t(lang, 'locations.source')}${colon(lang)}${e.source.citation}`);
  if (e.source.url) lines.push(`  ${e.source.url}`);
  if (e.source.licence) lines.push(`${t(lang, 'locations.licence')}${colon(lang)}${e.source.licence}`);
  if (e.aliases && e.aliases.length > 0)
    lines.push(`${t(lang, 'locations.aliases')}${colon(lang)}${e.aliases.join(', ')}`);
  return lines.join('\n');
}
