import { exploreInputSchema } from '../../engine/schemas/explore.js';
import { type ProjectInput, projectInputSchema } from '../../engine/schemas/project.js';
import { recommendInputSchema } from '../../engine/schemas/recommend.js';
import { defineRoute, notesIn } from '../route.js';

/** Largest sweep one request may ask for: the answer is ~600 bytes per row. */
export const MAX_HTTP_SCENARIOS = 20_000;

export const exploreRoutes = [
  defineRoute({
    method: 'POST',
    path: '/explore',
    summary: 'Training estimates over the cross product of lists (sizes, tokens, hardware, regions, years)',
    body: exploreInputSchema,
    pure: true,
    async handler({ body }) {
      const { explore, exploreRows } = await import('../../engine/explore.js');
      return exploreRows(explore(body, { maxScenarios: MAX_HTTP_SCENARIOS }));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/recommend',
    summary: 'Ranked ways to cut a training footprint, with their trade-offs and sources',
    body: recommendInputSchema,
    pure: true,
    async handler({ body, lang }) {
      const { recommend } = await import('../../engine/recommend/index.js');
      return notesIn(recommend(body, lang), lang);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/project',
    summary: 'A training footprint projected to a future year: accelerators and grids of that year',
    body: projectInputSchema,
    pure: true,
    async handler({ body, lang }) {
      const { projectTraining } = await import('../../engine/project.js');
      // The schema's output is ProjectInput; the generic route type widens it (as in the CLI).
      return notesIn(projectTraining(body as ProjectInput), lang);
    },
  }),
];
