import type { RawSeries } from '../series.js';
import type { Provider } from './http.js';

export type { Provider } from './http.js';
export const PROVIDERS: readonly Provider[] = ['ukci', 'electricitymaps', 'watttime'];

export interface FetchRequest {
  provider: Provider;
  zone?: string;
  signal?: 'direct' | 'lifecycle';
  /** Start of the data wanted (UK CI), epoch ms. */
  fromMs: number;
  env?: NodeJS.ProcessEnv;
}

/** Fetches live series from one provider; only ever called when the user asked (`--from-api`). */
export async function fetchSeries(request: FetchRequest): Promise<RawSeries[]> {
  const env = request.env ?? process.env;
  switch (request.provider) {
    case 'ukci':
      return (await import('./ukci.js')).fetchUkci(request.fromMs, request.zone, env);
    case 'electricitymaps':
      return (await import('./electricitymaps.js')).fetchElectricityMaps(
        request.zone,
        request.signal ?? 'direct',
        env,
      );
    case 'watttime':
      return (await import('./watttime.js')).fetchWattTime(request.zone, env);
  }
}
