import type { Command } from 'commander';
import type { Footprint, ProjectInput, Projection } from '../../engine/project.js';
import { type FlagValues, pickFields } from '../../engine/schemas/fields.js';
import { PROJECT_FIELDS } from '../../engine/schemas/project-fields.js';
import { render as renderMessage } from '../../messages/index.js';
import type { Lang } from '../../report/i18n/index.js';
import { type CommandMeta, labels, notesIn, type OutputFlags, say, withOutputOptions } from '../_common.js';
import { addSchemaOptions } from '../_schema-options.js';

export const meta = {
  name: 'project',
  summary: 'cli.project.summary',
  description: 'cli.project.description',
} as const satisfies CommandMeta;

type Flags = FlagValues<typeof PROJECT_FIELDS> & OutputFlags;

/** `empreinte project`: a training scenario on future accelerators and greener grids. */
export function register(program: Command): void {
  const command = program.command(meta.name).description(say(meta.description));
  withOutputOptions(addSchemaOptions(command, PROJECT_FIELDS)).action(runProject);
}

async function runProject(flags: Flags): Promise<void> {
  const [{ outputContext }, { parseInput }, { projectInputSchema, projectTraining }] = await Promise.all([
    import('../_common.js'),
    import('../../engine/schemas/common.js'),
    import('../../engine/project.js'),
  ]);
  const output = outputContext(flags);
  const input = parseInput(projectInputSchema, pickFields(PROJECT_FIELDS, flags));
  const projection = projectTraining(input as ProjectInput);
  if (output.json) output.printJson(projection);
  else output.print(await render(projection, output.lang));
}

async function render(p: Projection, lang: Lang): Promise<string> {
  const { formatNumber, renderTable } = await import('../../report/format.js');
  const t = labels(lang, 'project');
  const n = (v: number) => formatNumber(v, lang);
  const pct = (v: number) => `${v >= 0 ? '+' : ''}${formatNumber(v, lang, 2)} %`;
  const line = (label: string, f: Footprint, change?: number): string[] => [
    label,
    n(f.intensityGPerKwh),
    n(f.energyKwh.central),
    `${n(f.co2eKg.central)} (${n(f.co2eKg.low)}–${n(f.co2eKg.high)})`,
    n(f.co2eMarketKg.central),
    n(f.embodiedCo2eKg.central),
    n(f.totalCo2eKg.central),
    change === undefined ? '' : pct(change),
  ];
  const rows = [
    ['', t('intensity'), t('energy'), t('location'), t('market'), t('embodied'), t('total'), t('change')],
    line(t('today'), p.baseline),
    line(t('hardwareOnly', { year: p.year }), p.hardwareOnly, p.changePct.hardware),
    line(t('gridOnly', { year: p.year }), p.gridOnly, p.changePct.grid),
    line(t('both', { year: p.year }), p.projected, p.changePct.combined),
  ];
  if (p.projectedWithMix)
    rows.push(line(t('withMix', { year: p.year }), p.projectedWithMix, p.changePct.mix));
  const parts = [
    t('title', { year: p.year, scenario: p.scenario.label }),
    '',
    renderTable(rows, ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right']),
  ];
  if (p.hardware) {
    parts.push(
      '',
      t('hardware', {
        id: p.hardware.id,
        released: p.hardware.releaseYear,
        factor: formatNumber(p.hardware.efficiencyFactor, lang),
        year: p.year,
        trend: p.hardware.trend.label,
      }),
      `  ${p.hardware.trend.source}`,
    );
  }
  parts.push(
    t('grid', {
      location: p.grid.location,
      base: n(p.grid.baseIntensityGPerKwh),
      baseYear: p.grid.baseYear ?? '—',
      projected: n(p.grid.projectedIntensityGPerKwh),
      year: p.year,
    }) + (p.grid.floored ? ` ${t('floored')}` : ''),
    `  ${p.scenario.source}`,
  );
  if (p.mix) {
    const shares = p.mix.shares
      .map((s) => `${s.technology} ${formatNumber(100 * s.share, lang)} %`)
      .join(', ');
    parts.push(t('mix', { shares, intensity: n(p.mix.intensityGPerKwh) }), `  ${t('mixSource')}`);
  }
  parts.push('', renderMessage(p.accounting.noteMessage, lang, 'flag'));
  if (p.notes.length > 0) parts.push(...notesIn(p, lang).map((note) => `  - ${note}`));
  return parts.join('\n');
}
