import { listLocations } from '../../../catalog/locations.js';
import { WORLD_REGIONS_SOURCE, type WorldRegion, worldRegionOf } from '../../../catalog/world-regions.js';
import { msg } from '../../../messages/index.js';
import { number, type TextLang, text } from '../../recommend-text.js';
import type { SweepRow } from '../../sweep/index.js';
import { designsOf, evaluate } from '../evaluate.js';
import type { Candidate, Context } from '../types.js';

/** Cloud regions: the lowest-carbon one in the same world region, and overall. */
export function regionLevers(ctx: Context): Candidate[] {
  const { spec, base, location, lang, plan } = ctx;
  const cloud = listLocations({ kind: 'cloud-region' }).filter((l) => l.id !== location?.id);
  if (cloud.length === 0) return [];
  const hardwareSpec =
    plan.hardwareSwept || plan.designs[0].hardware < 0
      ? {}
      : { hardware: [plan.hardware[plan.designs[0].hardware].entry.id] };
  const { rows } = evaluate({
    ...spec,
    ...hardwareSpec,
    model: undefined,
    designs: designsOf(plan),
    location: cloud.map((l) => l.id),
    gridIntensity: undefined,
  });
  const byId = new Map(cloud.map((l) => [l.id, l]));
  const lowest = (list: SweepRow[]) =>
    list.reduce<SweepRow | undefined>(
      (a, r) => (!a || r.totalCo2eKg.central < a.totalCo2eKg.central ? r : a),
      undefined,
    );
  const region = location ? worldRegionOf(location.zone ?? location.id) : undefined;
  const near = region
    ? lowest(rows.filter((r) => worldRegionOf(byId.get(r.location!)?.zone ?? '') === region))
    : undefined;
  const greenest = lowest(rows);
  if (!region) ctx.notes.push(msg('note.greenestOnly'));
  const out: Candidate[] = [];
  const add = (id: 'region-near' | 'region-greenest', row: SweepRow | undefined) => {
    if (!row || out.some((c) => c.change.location === row.location)) return;
    const entry = byId.get(row.location!)!;
    out.push({
      id,
      label: text(lang, id, {
        location: entry.id,
        intensity: number(row.intensityGPerKwh, lang),
        region: regionName(region, lang),
      }),
      row,
      change: { location: entry.id },
      tradeOff: {
        money: text(lang, 'money.region'),
        other: text(lang, 'other.region', { hardware: base.hardware ?? '—', pue: number(row.pue, lang) }),
      },
      sources: [entry.source, ...(id === 'region-near' ? [WORLD_REGIONS_SOURCE] : [])],
    });
  };
  add('region-near', near);
  add('region-greenest', greenest);
  return out;
}

const REGION_NAMES: Record<WorldRegion, [string, string]> = {
  africa: ['Africa', 'l’Afrique'],
  'northern-america': 'Northern America|l’Amérique du Nord'.split('|') as [string, string],
  'latin-america': 'Latin America|l’Amérique latine'.split('|') as [string, string],
  asia: ['Asia', 'l’Asie'],
  europe: ['Europe', 'l’Europe'],
  oceania: ['Oceania', 'l’Océanie'],
};

function regionName(region: WorldRegion | undefined, lang: TextLang): string {
  return region ? REGION_NAMES[region][lang === 'fr' ? 1 : 0] : '';
}
