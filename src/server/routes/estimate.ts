import { deploymentInputSchema, inferenceInputSchema } from '../../engine/schemas/inference.js';
import { trainingInputSchema } from '../../engine/schemas/training.js';
import { defineRoute } from '../route.js';

/** Estimates: the engine's functions behind the CLI's schemas; each engine module loads on first use. */
export const estimateRoutes = [
  defineRoute({
    method: 'POST',
    path: '/estimate/training',
    summary: 'Energy, CO2e (operational and embodied) and chip-hours of training a model',
    body: trainingInputSchema,
    pure: true,
    async handler({ body, lang }) {
      const { estimateTraining } = await import('../../engine/training.js');
      return estimateTraining(body, lang);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/estimate/inference',
    summary: 'Energy and CO2e per request and for a number of requests',
    body: inferenceInputSchema,
    pure: true,
    async handler({ body }) {
      const { estimateInference } = await import('../../engine/inference.js');
      return estimateInference(body);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/estimate/deployment',
    summary: 'Yearly footprint of a deployed service (traffic profile, idle replicas, comparisons)',
    body: deploymentInputSchema,
    pure: true,
    async handler({ body }) {
      const { estimateDeployment } = await import('../../engine/deployment-compare.js');
      return estimateDeployment(body);
    },
  }),
];
