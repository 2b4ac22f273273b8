import { scheduleInputSchema, scheduleRequest } from '../../schedule/schema.js';
import { defineRoute } from '../route.js';

/**
 * `schedule` over HTTP: the series arrive as uploaded text (a CSV or JSON export) instead of file
 * paths, so the server never opens a path a client names. The other fields are the camelCase of
 * the CLI flags; `series` content goes through the same readers as `--series` files.
 */
const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

export const scheduleRoutes = [
  defineRoute({
    method: 'POST',
    path: '/schedule',
    summary: 'The best window (time and zone) for a job, from uploaded grid-intensity series',
    body: scheduleInputSchema,
    maxBodyBytes: MAX_UPLOAD_BYTES,
    handler: async ({ body }) =>
      (await import('../../schedule/service.js')).runSchedule(scheduleRequest(body, Date.now())),
  }),
];
