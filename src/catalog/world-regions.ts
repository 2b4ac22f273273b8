import type { Source } from './types.js';

/**
 * World regions of countries, to find locations "near" another: the UN M49 regions, with the
 * Americas split into Northern America and Latin America and the Caribbean as M49 does.
 */
export type WorldRegion = 'africa' | 'northern-america' | 'latin-america' | 'asia' | 'europe' | 'oceania';

export const WORLD_REGIONS_SOURCE: Source = {
  citation:
    'United Nations Statistics Division, Standard country or area codes for statistical use (M49): regions and sub-regions',
  year: 2024,
  url: 'https://unstats.un.org/unsd/methodology/m49/',
};

/** ISO 3166-1 alpha-2 codes by region. */
const MEMBERS: Record<WorldRegion, string> = {
  africa:
    'AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW',
  'northern-america': 'BM CA GL PM US',
  'latin-america':
    'AG AI AR AW BB BL BO BQ BR BS BZ CL CO CR CU CW DM DO EC FK GD GF GP GT GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI',
  asia: 'AE AF AM AZ BD BH BN BT CN CY GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE',
  europe:
    'AD AL AT AX BA BE BG BY CH CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK',
  oceania: 'AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF',
};

const BY_COUNTRY = new Map<string, WorldRegion>(
  (Object.entries(MEMBERS) as [WorldRegion, string][]).flatMap(([region, codes]) =>
    codes.split(' ').map((c) => [c, region] as const),
  ),
);

/** The region of an ISO alpha-2 country code or of an Electricity Maps zone key (`US-CAL-CISO` → US). */
export function worldRegionOf(countryOrZone: string): WorldRegion | undefined {
  return BY_COUNTRY.get(countryOrZone.slice(0, 2).toUpperCase());
}
