import { msg } from '../../messages/index.js';
import { readElectricityMapsJson } from '../formats/electricitymaps.js';
import { concatRaw, type RawSeries, warning } from '../series.js';
import { baseUrl, explainStatus, getJson, HttpStatusError, requireSetting } from './http.js';

/**
 * Electricity Maps API v3 (key in ELECTRICITYMAPS_API_KEY, sent as the `auth-token` header):
 * the past 24 h from `/carbon-intensity/history` and, where the plan allows, the next hours from
 * `/carbon-intensity/forecast`, both with `emissionFactorType` = the `--signal` asked for.
 */
export const ELECTRICITYMAPS_URL = 'https://api.electricitymaps.com/v3';

export async function fetchElectricityMaps(
  zone: string | undefined,
  signal: 'direct' | 'lifecycle',
  env: NodeJS.ProcessEnv = process.env,
): Promise<RawSeries[]> {
  const key = env.ELECTRICITYMAPS_API_KEY;
  if (!key) requireSetting('electricitymaps', ['ELECTRICITYMAPS_API_KEY'], msg('grid.noApiKey'));
  if (!zone)
    requireSetting('electricitymaps', ['--zone'], msg('grid.whichZone', { example: 'DE, FR, US-CAL-CISO' }));
  const base = baseUrl('electricitymaps', ELECTRICITYMAPS_URL, env);
  const headers = { 'auth-token': key };
  const query = `zone=${encodeURIComponent(zone)}&emissionFactorType=${signal}`;
  const get = async (path: string) => {
    const url = `${base}${path}?${query}`;
    return readElectricityMapsJson(await getJson('electricitymaps', url, headers), url, {
      requestedSignal: signal,
      signal,
    });
  };
  try {
    const [history] = await get('/carbon-intensity/history');
    try {
      const [forecast] = await get('/carbon-intensity/forecast');
      concatRaw(history, forecast);
    } catch (error) {
      if (!(error instanceof HttpStatusError) || ![401, 403, 404].includes(error.status)) throw error;
      history.warnings.push(
        warning('forecast_unavailable', 'grid.emForecastUnavailable', { status: error.status }),
      );
    }
    return [history];
  } catch (error) {
    if (error instanceof HttpStatusError)
      explainStatus('electricitymaps', error, msg('grid.keysElectricityMaps'));
    throw error;
  }
}
