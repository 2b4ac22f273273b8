import { deploymentInputSchema, inferenceInputSchema } from '../../engine/schemas/inference.js';
import { trainingEstimateInputSchema } from '../../engine/schemas/training.js';
import { readTrainingFlags } from '../../engine/schemas/training-flags.js';
import type { TrainingEstimate } from '../../engine/training.js';
import { userError } from '../../errors.js';
import { msg } from '../../messages/index.js';
import type { Store } from '../../records.js';
import { defineRoute, notesIn } from '../route.js';

/**
 * Monte Carlo draws one API request may ask for. CPU grows with draws on the event loop (a
 * deployment estimate takes about 0.5 s at 100,000): this bound keeps one request under about
 * 0.1 s, so a burst of them cannot stall the server. The CLI keeps its own, higher bound.
 */
export const API_MAX_DRAWS = 20_000;

function capDraws(body: { draws?: number }): void {
  if (body.draws === undefined || body.draws <= API_MAX_DRAWS) return;
  throw userError('out_of_range', 'draws', 'routes.drawsOver', {
    value: String(body.draws),
    max: API_MAX_DRAWS,
    accepted: msg('routes.integerRange', { min: 100, max: API_MAX_DRAWS }),
  });
}

type TrainingService = typeof import('../../services/calibrate-estimate.js');
/** Loaded on the first request, then reused: an `import()` per request costs a few percent of throughput. */
let trainingModule: Promise<TrainingService> | undefined;
/** The same once loaded. */
let trainingLoaded: TrainingService | undefined;
const trainingService = () => {
  trainingModule ??= import('../../services/calibrate-estimate.js').then((service) => {
    trainingLoaded = service;
    return service;
  });
  return trainingModule;
};

/**
 * The estimate in `lang`. In English the engine's words are already those of the API (CLI flags
 * named, as `notesIn` says them): rendering them again would give the same answer (tested).
 */
const said = (estimate: TrainingEstimate, lang: 'en' | 'fr') =>
  lang === 'en' ? estimate : notesIn(estimate, lang);

/**
 * The training estimate; with `calibration`, the figures of the user's measured runs are read from
 * the store, so such answers are never cached (they change as runs are calibrated).
 */
export function trainingEstimateRoute(deps: { store(): Promise<Store> }) {
  return defineRoute({
    method: 'POST',
    path: '/estimate/training',
    summary: 'Energy, CO2e (operational and embodied) and chip-hours of training a model',
    body: trainingEstimateInputSchema,
    read: readTrainingFlags,
    // Escapes could spell the key in another way: any escape opts out too.
    pure: (text) => !/calibration|\\u/.test(text),
    direct: true,
    handler({ body, lang }) {
      capDraws(body);
      // Once the service is loaded, an estimate that names no calibration is answered at once.
      if (trainingLoaded && body.calibration === undefined)
        return said(trainingLoaded.estimateTrainingUncalibrated(body, lang), lang);
      return trainingService().then(async ({ estimateTrainingCalibrated }) =>
        said(await estimateTrainingCalibrated(body, { lang, store: deps.store }), lang),
      );
    },
  });
}

/** Estimates: the engine's functions behind the CLI's schemas; each engine module loads on first use. */
export const estimateRoutes = [
  defineRoute({
    method: 'POST',
    path: '/estimate/inference',
    summary: 'Energy and CO2e per request and for a number of requests',
    body: inferenceInputSchema,
    pure: true,
    async handler({ body, lang }) {
      capDraws(body);
      const { estimateInference } = await import('../../engine/inference.js');
      return notesIn(estimateInference(body), lang);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/estimate/deployment',
    summary: 'Yearly footprint of a deployed service (traffic profile, idle replicas, comparisons)',
    body: deploymentInputSchema,
    pure: true,
    async handler({ body, lang }) {
      capDraws(body);
      const { estimateDeployment } = await import('../../engine/deployment-compare.js');
      return notesIn(estimateDeployment(body), lang);
    },
  }),
];
