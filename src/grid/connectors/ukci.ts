import { msg } from '../../messages/index.js';
import { readUkciJson } from '../formats/ukci.js';
import type { RawSeries } from '../series.js';
import { baseUrl, explainStatus, getJson, HttpStatusError } from './http.js';

/**
 * UK Carbon Intensity API (no key). National (`--zone GB` or none): `/intensity/{from}/fw48h`;
 * one region by id (`--zone 13`): `/regional/intensity/{from}/fw48h/regionid/13`; by outward
 * postcode (`--zone RG10`): `.../postcode/RG10`; by region name (`--zone London`): every region,
 * then that one. `{from}` is `YYYY-MM-DDThh:mmZ`.
 */
export const UKCI_URL = 'https://api.carbonintensity.org.uk';

export async function fetchUkci(
  fromMs: number,
  zone: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RawSeries[]> {
  const base = baseUrl('ukci', UKCI_URL, env);
  const from = `${new Date(Math.floor(fromMs / 1_800_000) * 1_800_000).toISOString().slice(0, 16)}Z`;
  let path = `/intensity/${from}/fw48h`;
  let filter: string | undefined;
  if (zone && zone.toUpperCase() !== 'GB') {
    if (/^\d{1,2}$/.test(zone)) path = `/regional/intensity/${from}/fw48h/regionid/${zone}`;
    else if (/^[A-Z]{1,2}\d[A-Z\d]?$/i.test(zone))
      path = `/regional/intensity/${from}/fw48h/postcode/${zone.toUpperCase()}`;
    else {
      path = `/regional/intensity/${from}/fw48h`;
      filter = zone;
    }
  }
  const url = `${base}${path}`;
  try {
    const doc = await getJson('ukci', url);
    return readUkciJson(doc, url, { zone: filter });
  } catch (error) {
    if (error instanceof HttpStatusError) explainStatus('ukci', error, msg('grid.keysUkci'));
    throw error;
  }
}
