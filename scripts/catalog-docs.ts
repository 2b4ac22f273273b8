// Generates docs/catalog.md from the typed catalogs: one section per catalog, every entry with its
// year and source. Run `node --import tsx scripts/catalog-docs.ts` to write the file, or add `--check`
// to fail when the committed file is out of date. To document another catalog, write a function that
// returns its section and add it to SECTIONS.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HARDWARE } from '../src/catalog/hardware.js';
import type { HardwareEntry, Source } from '../src/catalog/types.js';
import { type ReproductionRow, reproduceCatalog } from '../src/engine/catalog-reproduction.js';

export const DOCS_PATH = fileURLToPath(new URL('../docs/catalog.md', import.meta.url));

/** A Markdown table cell: no pipes or line breaks inside. */
function cell(text: string | number | undefined): string {
  if (text === undefined) return '—';
  return String(text)
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
}

function table(header: string[], rows: (string | number | undefined)[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

function cite(source: Source): string {
  const text = `${source.citation} (${source.year})`;
  return source.url ? `[${text}](${source.url})` : text;
}

const KIND_ORDER: HardwareEntry['kind'][] = ['gpu', 'tpu', 'accelerator', 'cpu'];
const FIELD_LABELS: Record<string, string> = {
  embodiedKgCo2e: 'embodied',
  idleW: 'idle power',
  tdpW: 'power',
  peakTflops: 'peaks',
  memory: 'memory',
};

export function hardwareSection(entries: readonly HardwareEntry[] = HARDWARE): string {
  const sorted = [...entries].sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.year - b.year || a.id.localeCompare(b.id),
  );
  const rows = sorted.map((h) => [
    `\`${h.id}\`${h.flagship ? ' ★' : ''}`,
    h.name,
    h.kind,
    h.year,
    h.tdpW,
    h.idleW,
    h.peakTflops.fp32,
    h.peakTflops.bf16,
    h.peakTflops.fp8,
    h.memoryGb,
    h.memoryBandwidthTbS,
    `${h.embodiedKgCo2e.low} / ${h.embodiedKgCo2e.central} / ${h.embodiedKgCo2e.high}`,
    cite(h.source),
  ]);
  const details = sorted.map((h) => {
    const extra = Object.entries(h.fieldSources ?? {})
      .filter(([, s]) => s !== undefined)
      .map(([field, s]) => `${FIELD_LABELS[field] ?? field}: ${cite(s as Source)}`);
    const aliases =
      h.aliases.length > 0 ? ` Also found as: ${h.aliases.map((a) => `\`${a}\``).join(', ')}.` : '';
    return `- **\`${h.id}\`** (family \`${h.family}\`).${aliases} ${h.notes ?? ''}${extra.length > 0 ? `\n  Sources by field: ${extra.join('; ')}.` : ''}`;
  });
  return [
    '## Hardware',
    '',
    `${sorted.length} entries (\`src/catalog/hardware.ts\`). Peaks are dense (no sparsity), in TFLOP/s; BF16 holds`,
    'the FP16 peak on chips without BF16 (P100, V100, T4). Power is the TDP / board power in W. Embodied is the',
    'manufacturing footprint of one chip with its share of the board, kg CO2e (low / central / high). ★ marks',
    'the variant a bare family name resolves to (`h100` → the SXM5 module).',
    '',
    table(
      [
        'id',
        'name',
        'kind',
        'year',
        'TDP W',
        'idle W',
        'FP32',
        'BF16',
        'FP8',
        'memory GB',
        'TB/s',
        'embodied kg CO2e',
        'source',
      ],
      rows,
    ),
    '',
    '### Notes and per-field sources',
    '',
    ...details,
  ].join('\n');
}

const mega = (kwh?: number) => (kwh === undefined ? undefined : (kwh / 1000).toFixed(1));
const tonnes = (kg?: number) => (kg === undefined ? undefined : (kg / 1000).toFixed(1));
/** A signed percentage with one decimal, `—` when absent. */
export const signed = (pct?: number) =>
  pct === undefined ? undefined : `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`;

/** How a publication counted, in a few words: CO2e basis, PUE applied, what the energy covers. */
export function basisText(row: ReproductionRow): string {
  const pue = row.basis.pue === 'in power' ? 'PUE in power' : `PUE ${row.basis.pue}`;
  return `${row.basis.co2e}; ${pue}; ${row.basis.counts}`;
}

/** Each catalog model's published figures beside `estimate training --model ID`, on the publication's basis. */
export function modelsSection(rows: readonly ReproductionRow[] = reproduceCatalog()): string {
  const worst = Math.max(
    ...rows.flatMap((r) =>
      [r.differencePct.energyKwh, r.differencePct.co2eKg].filter((v) => v !== undefined),
    ),
  ).toFixed(1);
  return [
    '## Models: published figures beside ours',
    '',
    `${rows.length} models publish an energy or a CO2e figure (\`src/catalog/models.ts\`). Ours is`,
    '`empreinte estimate training --model ID` with nothing else given, read on the publication’s own basis:',
    'the CO2e basis (location-based, or market-based net of the operator’s carbon-free purchases), the',
    'PUE the publication applied (1: none; "in power": folded into the power per chip) and what its energy',
    `counts. Largest difference: ${worst}% (a test keeps every one within 10%). Energy in MWh, CO2e in t.`,
    '',
    table(
      [
        'id',
        'published MWh',
        'ours MWh',
        'Δ energy',
        'published t CO2e',
        'ours t',
        'Δ CO2e',
        'basis',
        'source',
      ],
      rows.map((r) => [
        `\`${r.id}\``,
        mega(r.published.energyKwh),
        r.published.energyKwh === undefined ? undefined : mega(r.ours.energyKwh),
        signed(r.differencePct.energyKwh),
        tonnes(r.published.co2eKg),
        r.published.co2eKg === undefined ? undefined : tonnes(r.ours.co2eKg),
        signed(r.differencePct.co2eKg),
        basisText(r),
        r.source,
      ]),
    ),
  ].join('\n');
}

/** Every documented catalog, in order. */
export const SECTIONS: (() => string)[] = [() => hardwareSection(), () => modelsSection()];

export function renderCatalogDocs(): string {
  return [
    '# empreinte catalogs',
    '',
    '<!-- Generated by scripts/catalog-docs.ts from the typed catalogs: do not edit by hand. -->',
    '',
    'Every figure the product ships, with the year and the source of each entry.',
    '',
    ...SECTIONS.map((section) => `${section()}\n`),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderCatalogDocs();
  if (process.argv.includes('--check')) {
    const current = readFileSync(DOCS_PATH, 'utf8');
    if (current !== text) {
      process.stderr.write('docs/catalog.md is out of date: run node --import tsx scripts/catalog-docs.ts\n');
      process.exit(1);
    }
  } else {
    writeFileSync(DOCS_PATH, text);
    process.stdout.write(`wrote ${DOCS_PATH}\n`);
  }
}
