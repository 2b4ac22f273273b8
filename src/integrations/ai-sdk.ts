import type { LanguageModelMiddleware } from 'ai';
import {
  type FootprintOptions,
  footprintEstimator,
  type RequestFootprint,
  type RequestShape,
  shapeOf,
} from './footprint.js';

/**
 * A Vercel AI SDK (`ai` v6) language-model middleware: every `generateText` / `streamText` result
 * carries the estimated footprint of the call in its
 * provider metadata, `providerMetadata.empreinte`, computed from the token usage the provider
 * reports, for any provider:
 *
 *   const model = wrapLanguageModel({ model: openai('gpt-4o'), middleware: footprintMiddleware(serving) });
 *   const { text, providerMetadata } = await generateText({ model, prompt });
 *   providerMetadata?.empreinte?.energyWh
 *
 * `serving` describes the set-up the estimate assumes (the model you serve, the accelerator, the
 * location), as for `withFootprint`. Local arithmetic; nothing is sent anywhere.
 */
export type { FootprintOptions, RequestFootprint };

/** The key under `providerMetadata`. */
export const PROVIDER_METADATA_KEY = 'empreinte';

type Middleware = LanguageModelMiddleware;
type GenerateResult = Awaited<
  ReturnType<Parameters<NonNullable<Middleware['wrapGenerate']>>[0]['doGenerate']>
>;
type Usage = GenerateResult['usage'];

/**
 * Token counts from the AI SDK's usage: v6 reports `{ total, noCache, cacheRead }` per direction
 * (LanguageModelV3Usage); v5's flat numbers are read too. Undefined when nothing was reported.
 */
export function shapeFromAiUsage(
  usage: Usage | Record<string, unknown> | undefined,
): RequestShape | undefined {
  if (!usage) return undefined;
  const u = usage as Record<string, unknown>;
  const part = (v: unknown, key: string) =>
    typeof v === 'number'
      ? key === 'total'
        ? v
        : undefined
      : (v as Record<string, number | undefined>)?.[key];
  return shapeOf(
    part(u.inputTokens, 'total'),
    part(u.inputTokens, 'cacheRead') ?? (u.cachedInputTokens as number | undefined),
    part(u.outputTokens, 'total'),
  );
}

export function footprintMiddleware(options: FootprintOptions): Middleware {
  const estimate = footprintEstimator(options);
  const withFootprint = <M extends Record<string, Record<string, unknown>> | undefined>(
    metadata: M,
    usage: Usage,
  ) => {
    const shape = shapeFromAiUsage(usage);
    if (!shape) return metadata;
    return { ...metadata, [PROVIDER_METADATA_KEY]: { ...estimate(shape) } };
  };
  return {
    specificationVersion: 'v3',
    async wrapGenerate({ doGenerate }) {
      const result = await doGenerate();
      return { ...result, providerMetadata: withFootprint(result.providerMetadata, result.usage) };
    },
    async wrapStream({ doStream }) {
      const { stream, ...rest } = await doStream();
      type Part = typeof stream extends ReadableStream<infer P> ? P : never;
      const annotated = stream.pipeThrough(
        new TransformStream<Part, Part>({
          transform(part, controller) {
            if (part.type === 'finish')
              controller.enqueue({
                ...part,
                providerMetadata: withFootprint(part.providerMetadata, part.usage),
              });
            else controller.enqueue(part);
          },
        }),
      );
      return { stream: annotated, ...rest };
    },
  };
}
