// Type-only (erased): the SDK modules whose types gain `footprint` below.
import type {} from 'openai/core/streaming';
import type {} from 'openai/lib/ChatCompletionStream';
import type {} from 'openai/lib/responses/ResponseStream';
import type {} from 'openai/resources/chat/completions/completions';
import type {} from 'openai/resources/responses/responses';
import {
  type FootprintOptions,
  footprintEstimator,
  type RequestFootprint,
  type RequestShape,
  shapeOf,
} from './footprint.js';

/**
 * Wraps an OpenAI client (the `openai` package v6, or anything with the same
 * `chat.completions.create` / `responses.create` shape) so that every completion carries an
 * estimated `footprint`, computed from its `usage` token counts on the serving set-up you describe
 * (the model you actually serve, the accelerator, the location). Nothing is sent anywhere.
 *
 * Every call shape of the SDK keeps working as unwrapped: `await create()`, `.withResponse()`
 * (footprint on `data`), `.asResponse()` (the raw HTTP response, untouched), streams with
 * `tee()` / `toReadableStream()`, the `.stream()`, `.parse()` and `.runTools()` helpers (they call
 * `create` through the wrapped client). A chat stream asked without `stream_options.include_usage`
 * gets it added, and the extra usage chunk is kept from the caller, so the chunks are those asked
 * for; the footprint is then on the stream once read to the end (and on the usage chunk when the
 * caller asked for usage).
 */
export type { FootprintOptions, RequestFootprint };

// `r.footprint` type-checks on what the SDK returns, without a cast.
declare module 'openai/resources/chat/completions/completions' {
  interface ChatCompletion {
    footprint?: RequestFootprint;
  }
  interface ChatCompletionChunk {
    footprint?: RequestFootprint;
  }
}
declare module 'openai/resources/responses/responses' {
  interface Response {
    footprint?: RequestFootprint;
  }
}
declare module 'openai/core/streaming' {
  interface Stream<Item> {
    footprint?: RequestFootprint;
  }
}
declare module 'openai/lib/ChatCompletionStream' {
  interface ChatCompletionStream<ParsedT> {
    footprint?: RequestFootprint;
  }
}
declare module 'openai/lib/responses/ResponseStream' {
  interface ResponseStream<ParsedT> {
    footprint?: RequestFootprint;
  }
}
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
  return shapeOf(
    chat.prompt_tokens ?? responses.input_tokens,
    chat.prompt_tokens_details?.cached_tokens ?? responses.input_tokens_details?.cached_tokens,
    chat.completion_tokens ?? responses.output_tokens,
  );
}

type Estimator = (shape: RequestShape) => RequestFootprint;

/** Attaches a footprint to a completion, a chunk, or a Responses API event that carries usage. */
function annotate(value: unknown, estimate: Estimator): RequestFootprint | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const target = value as {
    usage?: unknown;
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

/** A chat chunk that only carries usage (`choices: []`), sent because include_usage was added. */
const isUsageOnly = (chunk: unknown) =>
  Array.isArray((chunk as { choices?: unknown }).choices) &&
  (chunk as { choices: unknown[] }).choices.length === 0 &&
  (chunk as { usage?: unknown }).usage != null;

interface CallContext {
  estimate: Estimator;
  /** include_usage was added by us: keep the usage-only chunk from the caller. */
  hideUsageChunk: boolean;
  /** Told the footprint when it is known (the `.stream()` helpers read it). */
  onFootprint?: (footprint: RequestFootprint) => void;
}

type StreamCtor = new (
  iterator: () => AsyncIterator<unknown>,
  controller: AbortController,
) => AsyncIterable<unknown>;

/**
 * The same stream, annotated as it is read. The SDK's `Stream` is rebuilt with its own class (so
 * `tee()`, `toReadableStream()` and `controller` work); any other async iterable is wrapped.
 */
function footprintStream<S extends AsyncIterable<unknown>>(
  stream: S,
  context: CallContext,
): WithFootprint<S> {
  let out: WithFootprint<S>;
  async function* annotated() {
    for await (const chunk of stream) {
      const footprint = annotate(chunk, context.estimate);
      if (footprint) {
        out.footprint = footprint;
        context.onFootprint?.(footprint);
        if (context.hideUsageChunk && isUsageOnly(chunk)) continue;
      }
      yield chunk;
    }
  }
  const sdk = stream as unknown as { controller?: unknown; tee?: unknown; constructor: unknown };
  if (sdk.controller instanceof AbortController && typeof sdk.tee === 'function') {
    out = new (sdk.constructor as StreamCtor)(annotated, sdk.controller) as WithFootprint<S>;
  } else {
    out = Object.create(stream) as WithFootprint<S>;
    Object.defineProperty(out, Symbol.asyncIterator, { value: annotated });
  }
  return out;
}

function transform(result: unknown, context: CallContext): unknown {
  if (isAsyncIterable(result)) return footprintStream(result, context);
  const footprint = annotate(result, context.estimate);
  if (footprint) context.onFootprint?.(footprint);
  return result;
}

type Create = (...args: never[]) => unknown;
/** Private request option: where the `.stream()` helpers hear of the footprint. */
const ON_FOOTPRINT = Symbol('empreinte.onFootprint');

function wrapCreate(create: Create, owner: unknown, estimate: Estimator, chat: boolean): Create {
  return ((body: Record<string, unknown>, options?: Record<PropertyKey, unknown>) => {
    let request = body;
    let hideUsageChunk = false;
    // Without include_usage a chat stream reports no usage: ask for it, and hide the extra chunk.
    const streamOptions = body?.stream_options as { include_usage?: boolean } | null | undefined;
    if (chat && body?.stream === true && streamOptions?.include_usage !== true) {
      request = { ...body, stream_options: { ...streamOptions, include_usage: true } };
      hideUsageChunk = true;
    }
    const onFootprint = options?.[ON_FOOTPRINT] as CallContext['onFootprint'];
    const context: CallContext = { estimate, hideUsageChunk, onFootprint };
    const result = (create as (...a: unknown[]) => unknown).call(owner, request, options);
    // The SDK's APIPromise: transform through it, so .withResponse() and .asResponse() stay.
    const api = result as { _thenUnwrap?: (f: (data: unknown) => unknown) => unknown };
    if (typeof api?._thenUnwrap === 'function') return api._thenUnwrap((data) => transform(data, context));
    return Promise.resolve(result).then((data) => transform(data, context));
  }) as unknown as Create;
}

/**
 * The `.stream()` helpers build their own runner on `create`: the footprint reaches the runner
 * (`runner.footprint`) and its final completion or response.
 */
function wrapStreamHelper(stream: Create, owner: unknown): Create {
  return ((body: unknown, options?: Record<PropertyKey, unknown>) => {
    let footprint: RequestFootprint | undefined;
    const runner = (stream as (...a: unknown[]) => Record<string, unknown>).call(owner, body, {
      ...options,
      [ON_FOOTPRINT]: (f: RequestFootprint) => {
        footprint = f;
        runner.footprint = f;
      },
    });
    for (const method of ['finalChatCompletion', 'finalResponse']) {
      const original = runner[method];
      if (typeof original !== 'function') continue;
      runner[method] = async () => {
        const final = (await original.call(runner)) as Record<string, unknown>;
        if (footprint && final && typeof final === 'object') final.footprint = footprint;
        return final;
      };
    }
    return runner;
  }) as unknown as Create;
}

/** A view of `target` whose properties in `replace` are swapped, everything else passed through. */
function override<T extends object>(
  target: T,
  replace: Record<PropertyKey, (original: unknown) => unknown>,
): T {
  const made = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(object, property, receiver) {
      if (!Object.hasOwn(replace, property)) return Reflect.get(object, property, receiver);
      if (!made.has(property)) made.set(property, replace[property](Reflect.get(object, property, receiver)));
      return made.get(property);
    },
  });
}

export interface OpenAILike {
  chat?: { completions?: { create: Create } };
  responses?: { create: Create };
}

export function withFootprint<C extends OpenAILike>(client: C, options: FootprintOptions): C {
  const estimate = footprintEstimator(options);
  // The SDK's helpers (parse, stream, runTools) call `this._client.<api>.create`: they are given
  // the wrapped client, so that they go through the wrapped `create`.
  const api = <T extends { create: Create }>(resource: T, chat: boolean) => {
    const view: T = override(resource, {
      create: (create) => wrapCreate(create as Create, resource, estimate, chat),
      stream: (stream) => (typeof stream === 'function' ? wrapStreamHelper(stream as Create, view) : stream),
      _client: () => wrapped,
    });
    return view;
  };
  const replace: Record<PropertyKey, (original: unknown) => unknown> = {};
  if (client.chat?.completions) {
    const chat = client.chat;
    replace.chat = () =>
      override(chat, { completions: (completions) => api(completions as { create: Create }, true) });
  }
  if (client.responses) {
    const responses = client.responses;
    replace.responses = () => api(responses, false);
  }
  const wrapped = override(client, replace);
  return wrapped;
}
