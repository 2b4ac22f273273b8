import type { Context } from 'hono';
import type { RunRecord, Store } from '../../store/types.js';
import { HttpError } from '../errors.js';
import { defineRoute } from '../route.js';
import { streamRun } from '../sse.js';

/** Measured runs, read from the run store (opened on first use). */
export interface RunsDeps {
  store(): Promise<Store>;
  /** How often a live stream polls the store for new samples, ms. */
  pollMs: number;
}

export function runsRoutes(deps: RunsDeps) {
  const find = async (c: Context): Promise<{ store: Store; run: RunRecord }> => {
    const store = await deps.store();
    const id = c.req.param('id') ?? '';
    const run = id.length <= 200 ? await store.findRun(id) : undefined;
    if (!run) throw new HttpError(404, 'not_found', `no run '${id.slice(0, 200)}'`);
    return { store, run };
  };
  return [
    defineRoute({
      method: 'GET',
      path: '/runs',
      summary: 'Measured runs, newest first',
      async handler() {
        const runs = await (await deps.store()).listRuns();
        return runs.map(listEntry);
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/runs/:id',
      summary: 'One run (id or unambiguous prefix): energy per component, CO2e, hosts, phases',
      async handler({ c, lang }) {
        const { store, run } = await find(c);
        const { buildRunReport } = await import('../../measure/run-report.js');
        return buildRunReport(store, run, lang);
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/runs/:id/stream',
      summary: 'Server-sent events: the samples of a run as they are stored, until it ends',
      async handler({ c }) {
        const { store, run } = await find(c);
        return streamRun(c, store, run.id, { pollMs: deps.pollMs });
      },
    }),
  ];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A row of `empreinte runs list --json`: the run record with ISO times and kWh. */
function listEntry(run: RunRecord) {
  const { energyJ, startedAt, endedAt, ...rest } = run;
  return {
    ...rest,
    startedAt: iso(startedAt),
    endedAt: iso(endedAt),
    energyKwh: energyJ === null ? null : (energyJ.gpu + energyJ.cpu + energyJ.ram) / 3.6e6,
  };
}
