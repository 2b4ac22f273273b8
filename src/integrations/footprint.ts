import type { z } from 'zod';
import { createRequestEstimator, type RequestFootprint, type RequestShape } from '../engine/inference.js';
import { parseInput } from '../engine/schemas/common.js';
import { inferenceInputSchema } from '../engine/schemas/inference.js';

/** The serving set-up an SDK integration estimates on: the model you serve, where, on what. */
export type FootprintOptions = Omit<
  z.input<typeof inferenceInputSchema>,
  'seed' | 'draws' | 'inputTokens' | 'cachedInputTokens' | 'outputTokens' | 'requests'
> & {
  /** Largest request expected, to size the replica (default 4,000 input and 1,000 output tokens). */
  maxInputTokens?: number;
  maxOutputTokens?: number;
};

export type { RequestFootprint, RequestShape };

/** Validated like the CLI and the HTTP API ('70B' parses, a bad value names its field), once. */
export function footprintEstimator(options: FootprintOptions): (shape: RequestShape) => RequestFootprint {
  const { maxInputTokens, maxOutputTokens, ...serving } = options;
  return createRequestEstimator(parseInput(inferenceInputSchema, serving), {
    inputTokens: maxInputTokens ?? 4000,
    cachedInputTokens: 0,
    outputTokens: maxOutputTokens ?? 1000,
  });
}

/** A request's shape from reported counts: cached input tokens are part of the input total. */
export function shapeOf(
  input: number | undefined,
  cached: number | undefined,
  output: number | undefined,
): RequestShape | undefined {
  if (input === undefined && output === undefined) return undefined;
  const total = input ?? 0;
  return {
    inputTokens: Math.max(0, total - (cached ?? 0)),
    cachedInputTokens: Math.min(cached ?? 0, total),
    outputTokens: output ?? 0,
  };
}
