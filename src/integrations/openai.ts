import type { z } from 'zod';
import { createRequestEstimator, type RequestFootprint, type RequestShape } from '../engine/inference.js';
import { parseInput } from '../engine/schemas/common.js';
import { inferenceInputSchema } from '../engine/schemas/inference.js';

/**
 * Wraps an OpenAI-compatible client (the `openai` package, or anything with the same
 * `chat.completions.create` / `responses.create` shape) so every completion carries an estimated
 * `footprint`, computed from its `usage` token counts on the serving set-up you describe (the
 * model you actually serve, the accelerator, the location). Streams pass through unchanged; the
 * chunk or event that carries the final usage gets the footprint, and so does the stream object
 * once it has been read to the end. Nothing is sent anywhere: the estimate is local arithmetic.
 */
export type FootprintOptions = Omit<
  z.input<typeof inferenceInputSchema>,
  'seed' | 'draws' | 'inputTokens' | 'cachedInputTokens' | 'outputTokens' | 'requests'
> & {
  /** Largest request expected, to size the replica (default 4,000 input and 1,000 output tokens). */
  maxInputTokens?: number;
  maxOutputTokens?: number;
};

export type WithFootprint<T> = T & { footprint?: RequestFootprint };

interface ChatUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
}
interface ResponsesUsage {
  input_tokens?: number;
  output_tokens?: number;
  input_tokens_details?: { cached_tokens?: number } | null;
}

/** Token counts from either API's usage object; undefined when there is none. */
export function shapeFromUsage(usage: unknown): RequestShape | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const chat = usage as ChatUsage;
  const responses = usage as ResponsesUsage;
  const input = chat.prompt_tokens ?? responses.input_tokens;
  const output = chat.completion_tokens ?? responses.output_tokens;
  if (input === undefined && output === undefined) return undefined;
  const cached =
    chat.prompt_tokens_details?.cached_tokens ?? responses.input_tokens_details?.cached_tokens ?? 0;
  const total = input ?? 0;
  return {
    inputTokens: Math.max(0, total - cached),
    cachedInputTokens: Math.min(cached, total),
    outputTokens: output ?? 0,
  };
}

type Estimator = (shape: RequestShape) => RequestFootprint;

/** Attaches a footprint to a completion, a chunk, or a Responses API event that carries usage. */
function annotate(value: unknown, estimate: Estimator): RequestFootprint | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const target = value as {
    usage?: unknown;
    type?: string;
    response?: { usage?: unknown; footprint?: RequestFootprint };
    footprint?: RequestFootprint;
  };
  const direct = shapeFromUsage(target.usage);
  if (direct) {
    target.footprint = estimate(direct);
    return target.footprint;
  }
  // Responses API stream: the `response.completed` event holds the final response and its usage.
  const nested = target.response && shapeFromUsage(target.response.usage);
  if (nested && target.response) {
    target.response.footprint = estimate(nested);
    return target.response.footprint;
  }
  return undefined;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return value !== null && typeof value === 'object' && Symbol.asyncIterator in value;
}

/** A stream that yields the same chunks, annotating the one with usage and remembering its footprint. */
function wrapStream<S extends AsyncIterable<unknown>>(stream: S, estimate: Estimator): WithFootprint<S> {
  const wrapped = Object.create(stream) as WithFootprint<S>;
  Object.defineProperty(wrapped, Symbol.asyncIterator, {
    value: async function* () {
      for await (const chunk of stream) {
        const footprint = annotate(chunk, estimate);
        if (footprint) wrapped.footprint = footprint;
        yield chunk;
      }
    },
  });
  return wrapped;
}

type Create = (...args: never[]) => unknown;

function wrapCreate<F extends Create>(create: F, owner: unknown, estimate: Estimator): F {
  return (async (...args: Parameters<F>) => {
    const result = await create.apply(owner, args);
    if (isAsyncIterable(result)) return wrapStream(result, estimate);
    annotate(result, estimate);
    return result;
  }) as unknown as F;
}

/** A view of `target` whose property `key` is replaced, everything else passed through. */
function override<T extends object>(target: T, key: PropertyKey, make: (original: unknown) => unknown): T {
  let made: unknown;
  return new Proxy(target, {
    get(object, property, receiver) {
      if (property !== key) return Reflect.get(object, property, receiver);
      made ??= make(Reflect.get(object, property, receiver));
      return made;
    },
  });
}

export interface OpenAILike {
  chat?: { completions?: { create: Create } };
  responses?: { create: Create };
}

export function withFootprint<C extends OpenAILike>(client: C, options: FootprintOptions): C {
  const { maxInputTokens, maxOutputTokens, ...serving } = options;
  // Same validation as the CLI and the HTTP API: '70B' parses, a bad value names its field.
  const input = parseInput(inferenceInputSchema, serving);
  const estimate = createRequestEstimator(input, {
    inputTokens: maxInputTokens ?? 4000,
    cachedInputTokens: 0,
    outputTokens: maxOutputTokens ?? 1000,
  });
  const withCreate = <T extends { create: Create }>(api: T) =>
    override(api, 'create', (create) => wrapCreate(create as Create, api, estimate));
  let wrapped = client;
  if (client.chat?.completions) {
    const chat = client.chat;
    wrapped = override(wrapped, 'chat', () =>
      override(chat, 'completions', (completions) => withCreate(completions as { create: Create })),
    );
  }
  if (client.responses) {
    const responses = client.responses;
    wrapped = override(wrapped, 'responses', () => withCreate(responses));
  }
  return wrapped;
}
