import { z } from 'zod';
import type { ApiRoute } from './route.js';

/**
 * The OpenAPI 3.1 description of the API, generated from the routes and their zod schemas (the
 * same schemas that validate the bodies), so the document cannot drift from the code.
 */
export function openApiDocument(routes: readonly ApiRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `/api/v1${route.path.replace(/:(\w+)/g, '{$1}')}`;
    const params = [
      ...[...route.path.matchAll(/:(\w+)/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(route.query ?? {}).map(([name, description]) => ({
        name,
        in: 'query',
        description,
        schema: { type: 'string' },
      })),
      {
        name: 'lang',
        in: 'query',
        description: 'en or fr: language of labels',
        schema: { enum: ['en', 'fr'] },
      },
    ];
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      parameters: params,
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: bodySchema(route.body) } },
            },
          }
        : {}),
      responses: {
        200: {
          description: 'The same JSON as the CLI command with --json',
          content: { [route.path.endsWith('/stream') ? 'text/event-stream' : 'application/json']: {} },
        },
        400: { $ref: '#/components/responses/BadRequest' },
        ...(route.path.includes(':') ? { 404: { $ref: '#/components/responses/Error' } } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'empreinte',
      version,
      description:
        'Energy and carbon footprint of AI training and inference. Bodies use the camelCase of the CLI flags.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: ERROR_SCHEMA },
      responses: {
        BadRequest: {
          description: 'A field is missing or not accepted; each issue names its field',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        Error: {
          description: 'Not found, or another error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
    security: [{}, { bearer: [] }],
  };
}

function bodySchema(schema: z.ZodType): unknown {
  // Inputs as clients send them (before transforms): numbers or "70B"-style strings.
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  delete (json as { $schema?: string }).$schema;
  return json;
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'issues'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        issues: {
          type: 'array',
          items: {
            type: 'object',
            required: ['code', 'path', 'message'],
            properties: {
              code: { type: 'string' },
              path: { type: 'array', items: { type: ['string', 'integer'] } },
              message: { type: 'string' },
              value: { type: 'string' },
              accepted: { type: 'string' },
            },
          },
        },
      },
    },
  },
};
