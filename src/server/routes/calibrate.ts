import { calibrateInputSchema } from '../../engine/schemas/calibrate.js';
import type { Store } from '../../records.js';
import { defineRoute } from '../route.js';

/** Calibrations from measured runs, kept in the run store (opened on first use). */
export function calibrateRoutes(deps: { store(): Promise<Store> }) {
  return [
    defineRoute({
      method: 'POST',
      path: '/calibrate',
      summary:
        'Utilisation and power per chip achieved by a measured run, stored under a name (as empreinte calibrate --json)',
      body: calibrateInputSchema,
      async handler({ body, lang }) {
        const { calibrateRun } = await import('../../services/calibrate.js');
        return calibrateRun(await deps.store(), body, { lang });
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/calibrations',
      summary: 'Stored calibrations with their runs (as empreinte calibrate --list --json)',
      async handler({ lang }) {
        const { listCalibrations } = await import('../../services/calibrate.js');
        return listCalibrations(await deps.store(), lang);
      },
    }),
  ];
}
