import { msg } from '../../messages/index.js';
import { readWattTimeJson } from '../formats/watttime.js';
import type { RawSeries } from '../series.js';
import { baseUrl, explainStatus, getJson, HttpStatusError, requireSetting } from './http.js';

/**
 * WattTime API v3: a bearer token (WATTTIME_TOKEN, or `GET /login` with basic auth from
 * WATTTIME_USERNAME / WATTTIME_PASSWORD), then `GET /v3/forecast?region=Z&signal_type=co2_moer`
 * (5-minute MOER, lbs/MWh, converted to g/kWh by the reader).
 */
export const WATTTIME_URL = 'https://api.watttime.org';

export async function fetchWattTime(
  zone: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RawSeries[]> {
  if (!zone) requireSetting('watttime', ['--zone'], msg('grid.whichRegion', { example: 'CAISO_NORTH' }));
  const base = baseUrl('watttime', WATTTIME_URL, env);
  try {
    const token = env.WATTTIME_TOKEN || (await login(base, env));
    const url = `${base}/v3/forecast?region=${encodeURIComponent(zone)}&signal_type=co2_moer`;
    const doc = await getJson('watttime', url, { authorization: `Bearer ${token}` });
    return readWattTimeJson(doc, url.split('?')[0]);
  } catch (error) {
    if (error instanceof HttpStatusError) explainStatus('watttime', error, msg('grid.keysWattTime'));
    throw error;
  }
}

async function login(base: string, env: NodeJS.ProcessEnv): Promise<string> {
  const user = env.WATTTIME_USERNAME;
  const password = env.WATTTIME_PASSWORD;
  if (!user || !password)
    requireSetting('watttime', ['WATTTIME_TOKEN', msg('grid.userAndPassword')], msg('grid.noCredentials'));
  const basic = Buffer.from(`${user}:${password}`).toString('base64');
  const doc = (await getJson('watttime', `${base}/login`, { authorization: `Basic ${basic}` })) as {
    token?: unknown;
  };
  if (typeof doc?.token !== 'string') {
    return requireSetting('watttime', ['WATTTIME_TOKEN'], msg('grid.noToken'));
  }
  return doc.token;
}
