import { defineRoute } from '../route.js';

/** The catalogs, as `empreinte models|hardware|locations --json` print them. */
export const catalogRoutes = [
  defineRoute({
    method: 'GET',
    path: '/models',
    summary: 'The model catalog with published training figures and their sources',
    async handler() {
      return (await import('../../catalog/models.js')).MODELS;
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/hardware',
    summary: 'The hardware catalog (power, peak FLOP/s, embodied footprint, sources)',
    async handler() {
      return (await import('../../catalog/hardware.js')).HARDWARE;
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/locations',
    summary: 'Grid carbon intensity of countries, zones and cloud regions, lowest first',
    query: { q: 'text matched against ids, names and aliases' },
    async handler({ c }) {
      const q = c.req.query('q')?.slice(0, 200);
      return (await import('../../catalog/locations.js')).listLocations(q ?? {});
    },
  }),
];
