import type { Context } from 'hono';
import { userError } from '../../errors.js';
import { type Lang, msg } from '../../messages/index.js';
import type { RunRecord, Store } from '../../records.js';
import type { TrainingType } from '../../report/exports/formats.js';
import { HttpError } from '../errors.js';
import { defineRoute } from '../route.js';
import { streamRun } from '../sse.js';

/** Measured runs, read from the run store (opened on first use). */
export interface RunsDeps {
  store(): Promise<Store>;
  /** How often a live stream polls the store for new samples, ms. */
  pollMs: number;
}

const FORMATS = ['codecarbon-csv', 'hf-model-card', 'json', 'markdown', 'samples-csv'] as const;
const DOWNLOADS: Record<(typeof FORMATS)[number], { type: string; file: (id: string) => string }> = {
  'codecarbon-csv': { type: 'text/csv; charset=utf-8', file: () => 'emissions.csv' },
  'hf-model-card': { type: 'text/markdown; charset=utf-8', file: (id) => `README-${id.slice(0, 8)}.md` },
  json: { type: 'application/json', file: (id) => `run-${id.slice(0, 8)}.json` },
  markdown: { type: 'text/markdown; charset=utf-8', file: (id) => `run-${id.slice(0, 8)}.md` },
  'samples-csv': { type: 'text/csv; charset=utf-8', file: (id) => `samples-${id.slice(0, 8)}.csv` },
};

const MAX_BUCKETS = 4_000;

/** A body read from an async iterator only as fast as the client takes it (bounded memory). */
function pulled(texts: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = texts[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}

export function runsRoutes(deps: RunsDeps) {
  return [listRoute(deps), showRoute(deps), exportRoute(deps), seriesRoute(deps), streamRoute(deps)];
}

/** The run named by the path's `:id` (an id or an unambiguous prefix), or a 404. */
async function findRun(deps: RunsDeps, c: Context): Promise<{ store: Store; run: RunRecord }> {
  const store = await deps.store();
  const id = c.req.param('id') ?? '';
  const run = id.length <= 200 ? await store.findRun(id) : undefined;
  if (!run) throw new HttpError(404, 'not_found', msg('routes.noRun', { value: id.slice(0, 200) }));
  return { store, run };
}

function listRoute(deps: RunsDeps) {
  return defineRoute({
    method: 'GET',
    path: '/runs',
    summary: 'Measured runs, newest first (as empreinte runs list --json)',
    query: { limit: 'only this many of the newest runs, an integer >= 1 (default: all)' },
    async handler({ c }) {
      const text = c.req.query('limit');
      const [{ parseRunLimit }, { listRuns }] = await Promise.all([
        import('../../services/run-list.js'),
        import('../../services/runs.js'),
      ]);
      const limit = text === undefined ? undefined : parseRunLimit(text, ['query', 'limit']);
      return listRuns(await deps.store(), { limit });
    },
  });
}

function showRoute(deps: RunsDeps) {
  return defineRoute({
    method: 'GET',
    path: '/runs/:id',
    summary: 'One run (id or unambiguous prefix), as empreinte runs show --json',
    async handler({ c, lang }) {
      const { store, run } = await findRun(deps, c);
      const { buildRunReport } = await import('../../measure/run-report.js');
      return buildRunReport(store, run, lang);
    },
  });
}

function exportRoute(deps: RunsDeps) {
  return defineRoute({
    method: 'GET',
    path: '/runs/:id/export',
    summary: 'A run exported as a file: CodeCarbon CSV, Hugging Face model card, JSON or Markdown',
    query: {
      format: FORMATS.join(', '),
      trainingType: 'for hf-model-card: pre-training or fine-tuning',
    },
    async handler({ c, lang }) {
      const { kind, trainingType } = exportQuery(c);
      const { store, run } = await findRun(deps, c);
      const download = {
        'Content-Type': DOWNLOADS[kind].type,
        'Content-Disposition': `attachment; filename="${DOWNLOADS[kind].file(run.id).replace(/[^\w.-]/g, '_')}"`,
      };
      if (kind === 'samples-csv') {
        const { samplesCsv } = await import('../../store/samples-csv.js');
        return c.body(pulled(samplesCsv(store.readSamples(run.id))), 200, download);
      }
      return c.body(await exportText(store, run, kind, lang, trainingType), 200, download);
    },
  });
}

type Format = (typeof FORMATS)[number];

/** The export's `format` and `trainingType`, checked. */
function exportQuery(c: Context): { kind: Format; trainingType: TrainingType | undefined } {
  const format = c.req.query('format') ?? '';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw userError('invalid_value', ['query', 'format'], 'routes.notFormat', {
      value: format.slice(0, 40),
      accepted: FORMATS.join(', '),
    });
  }
  const trainingType = c.req.query('trainingType');
  if (trainingType !== undefined && trainingType !== 'pre-training' && trainingType !== 'fine-tuning') {
    throw userError('invalid_value', ['query', 'trainingType'], 'routes.notAccepted', {
      value: trainingType.slice(0, 40),
      accepted: 'pre-training, fine-tuning',
    });
  }
  return { kind: format as Format, trainingType };
}

/** A run's report written in one of the text formats (the first host's system for the CodeCarbon columns). */
async function exportText(
  store: Store,
  run: RunRecord,
  kind: Exclude<Format, 'samples-csv'>,
  lang: Lang,
  trainingType: TrainingType | undefined,
): Promise<string> {
  const [{ buildRunReport }, { exportRun }] = await Promise.all([
    import('../../measure/run-report.js'),
    import('../../report/exports/index.js'),
  ]);
  const [report, [first]] = await Promise.all([buildRunReport(store, run, lang), store.runHosts(run.id)]);
  return exportRun(report, kind, { lang, trainingType, system: first?.system });
}

function seriesRoute(deps: RunsDeps) {
  return defineRoute({
    method: 'GET',
    path: '/runs/:id/series',
    summary: 'Power of each channel downsampled for a chart: min, max and mean per bucket',
    query: { buckets: `number of buckets across the run, 1 to ${MAX_BUCKETS} (default 500)` },
    async handler({ c }) {
      const text = c.req.query('buckets') ?? '500';
      const buckets = Number(text);
      if (!/^\d+$/.test(text) || !(buckets >= 1 && buckets <= MAX_BUCKETS)) {
        throw userError('out_of_range', ['query', 'buckets'], 'routes.notAccepted', {
          value: text.slice(0, 40),
          accepted: msg('routes.integerRange', { min: 1, max: MAX_BUCKETS }),
        });
      }
      const { store, run } = await findRun(deps, c);
      return store.powerSeries(run.id, buckets);
    },
  });
}

function streamRoute(deps: RunsDeps) {
  return defineRoute({
    method: 'GET',
    path: '/runs/:id/stream',
    summary: 'Server-sent events: the samples of a run as they are stored, until it ends',
    async handler({ c }) {
      const { store, run } = await findRun(deps, c);
      return streamRun(c, store, run.id, { pollMs: deps.pollMs });
    },
  });
}
