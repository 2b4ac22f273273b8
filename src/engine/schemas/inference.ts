import { z } from 'zod';
import { name, quantity, SCALE_BOUNDS } from './common.js';

/**
 * Inference and deployment inputs, in the camelCase of the CLI flags; shared by the CLI and the
 * HTTP API. Numbers may arrive as strings (`"70B"`, `"1.5k"`): `quantity` parses them with
 * `parseQuantity`, so a bad value is reported against its own field.
 */
const tokens = () => quantity({ min: 0, integer: true, max: 10_000_000 });
const share = () => quantity({ min: 0, max: 1 });

/** The serving set-up shared by a single estimate and a deployment. */
const serving = {
  model: name().optional(),
  params: quantity(SCALE_BOUNDS.params).optional(),
  activeParams: quantity(SCALE_BOUNDS.params).optional(),
  hardware: name().optional(),
  gpus: quantity({ min: 1, integer: true, max: 4096 }).optional(),
  batch: quantity({ min: 1, integer: true, max: 65_536 }).optional(),
  weightsBits: quantity({ min: 1, max: 32 }).optional(),
  /** Up to 1 GB per token: ~200 × the KV cache of a 175B model with full multi-head attention. */
  kvBytesPerToken: quantity({ min: 0, exclusiveMin: true, max: 1e9 }).optional(),
  cacheCostFraction: share().optional(),
  pue: quantity({ min: 1, max: 5 }).optional(),
  location: name().optional(),
  gridIntensity: quantity({ min: 0, max: 2000 }).optional(),
  renewableShare: share().optional(),
  seed: quantity({ min: 0, integer: true, max: 2 ** 32 - 1 }).optional(),
  draws: quantity({ min: 100, integer: true, max: 1_000_000 }).optional(),
};

export const inferenceInputSchema = z
  .object({
    ...serving,
    inputTokens: tokens().optional(),
    cachedInputTokens: tokens().optional(),
    outputTokens: tokens().optional(),
    requests: quantity(SCALE_BOUNDS.requests).optional(),
  })
  .strict();

export type InferenceInput = z.output<typeof inferenceInputSchema>;
export type ServingInput = Pick<InferenceInput, keyof typeof serving>;

export const PROFILE_NAMES = ['flat', 'working-hours', 'evening-peak'] as const;
export const PRESET_NAMES = ['customer-service'] as const;

/** A daily traffic profile: a named one, or 24 hourly weights (a comma list on the command line). */
const profile = z.preprocess(
  (value) =>
    typeof value === 'string' && value.includes(',') ? value.split(',').map((v) => v.trim()) : value,
  z.union(
    [
      z.enum(PROFILE_NAMES),
      z.array(quantity({ min: 0 })).length(24, 'expected 24 hourly weights, one per hour from midnight'),
    ],
    {
      error: `expected ${PROFILE_NAMES.join(', ')} or 24 comma-separated hourly weights`,
    },
  ),
);

export const deploymentInputSchema = z
  .object({
    ...serving,
    preset: z.enum(PRESET_NAMES).optional(),
    /** Plain traffic: requests per day of one shape. */
    requestsPerDay: quantity(SCALE_BOUNDS.requests).optional(),
    inputTokens: tokens().optional(),
    outputTokens: tokens().optional(),
    /** Conversational traffic (the customer-service preset). */
    conversationsPerDay: quantity(SCALE_BOUNDS.requests).optional(),
    turns: quantity({ min: 1, integer: true, max: 1000 }).optional(),
    tokensPerTurn: tokens().optional(),
    replyTokens: tokens().optional(),
    systemPromptTokens: tokens().optional(),
    retrievedTokens: tokens().optional(),
    promptCaching: z
      .union([z.boolean(), z.enum(['on', 'off']).transform((v) => v === 'on')], {
        error: 'expected on or off',
      })
      .optional(),
    profile: profile.optional(),
    replicas: quantity({ min: 1, integer: true, max: 100_000 }).optional(),
    /** Share of requests answered from a response cache without calling the model. */
    responseCacheHitRate: share().optional(),
    /** Up to 1 Gt CO2e, ~1,000 × the largest published training footprints. */
    trainingCo2eKg: quantity({ min: 0, max: 1e12, massKg: true }).optional(),
    trainingLifetimeYears: quantity({ min: 0.01, max: 100 }).optional(),
    /** Options to compare with the baseline: `model=a,b`, `hardware=a,b`, `route=0.6:small-model`... */
    compare: z.array(z.string().trim().min(1)).optional(),
  })
  .strict();

export type DeploymentInput = z.output<typeof deploymentInputSchema>;
