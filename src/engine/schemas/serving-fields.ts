import { SCALE_BOUNDS } from './bounds.js';
import {
  choiceField,
  customField,
  describedAs,
  MONTE_CARLO_FIELDS,
  nameField,
  quantityField,
  SITE_FIELDS,
} from './fields.js';

/**
 * Inference and deployment inputs (the CLI's flags, the API's body fields), declared once: the
 * schemas in `inference.ts` and the flags of `estimate inference|deployment` are built from them.
 */
const TOKENS = { min: 0, integer: true, max: 10_000_000 } as const;
const SHARE = { min: 0, max: 1 } as const;

export const PROFILE_NAMES = ['flat', 'working-hours', 'evening-peak'] as const;
export const PRESET_NAMES = ['customer-service'] as const;

const cacheCostFraction = quantityField(
  SHARE,
  'cost of a cached token relative to a fresh one (default 0.1)',
  'f',
);

/** The serving set-up shared by a single estimate and a deployment. */
export const SERVING_FIELDS = {
  model: nameField('a model of the catalog (gives its parameter counts)'),
  params: quantityField(SCALE_BOUNDS.params, 'total parameters (8B, 70e9)'),
  activeParams: quantityField(SCALE_BOUNDS.params, 'parameters active per token (mixture-of-experts)'),
  hardware: nameField('accelerator (h100, a100-80gb, l4, mi300x, tpu-v5e...)'),
  gpus: quantityField(
    { min: 1, integer: true, max: 4096 },
    'accelerators per replica (default: the fewest that hold weights and KV cache)',
  ),
  batch: quantityField({ min: 1, integer: true, max: 65_536 }, 'sequences decoded together (default 32)'),
  weightsBits: quantityField({ min: 1, max: 32 }, 'bits per weight: 16, 8 (FP8), 4 (quantised) (default 16)'),
  /** Up to 1 GB per token: ~200 × the KV cache of a 175B model with full multi-head attention. */
  kvBytesPerToken: quantityField(
    { min: 0, exclusiveMin: true, max: 1e9 },
    'KV-cache bytes per token of context (default: estimated from the model size)',
  ),
  cacheCostFraction,
  ...SITE_FIELDS,
  ...MONTE_CARLO_FIELDS,
  draws: describedAs(MONTE_CARLO_FIELDS.draws, 'Monte Carlo draws'),
} as const;

export const INFERENCE_FIELDS = {
  ...SERVING_FIELDS,
  inputTokens: quantityField(TOKENS, 'input (prompt) tokens per request (default 500)'),
  cachedInputTokens: quantityField(TOKENS, 'prompt tokens served from a prefix cache'),
  outputTokens: quantityField(TOKENS, 'output tokens per request (default 250)'),
  requests: quantityField(SCALE_BOUNDS.requests, 'number of requests the totals are for (default 1000)'),
} as const;

export const DEPLOYMENT_FIELDS = {
  ...SERVING_FIELDS,
  preset: choiceField(
    PRESET_NAMES,
    'customer-service: a retrieval-augmented support chatbot with cited defaults',
    'name',
  ),
  /** Plain traffic: requests per day of one shape. */
  requestsPerDay: quantityField(SCALE_BOUNDS.requests, 'requests per day (plain traffic)'),
  inputTokens: quantityField(TOKENS, 'input tokens per request (plain traffic, default 500)'),
  outputTokens: quantityField(TOKENS, 'output tokens per request (plain traffic, default 250)'),
  /** Conversational traffic (the customer-service preset). */
  conversationsPerDay: quantityField(SCALE_BOUNDS.requests, 'conversations per day'),
  turns: quantityField({ min: 1, integer: true, max: 1000 }, 'user turns per conversation'),
  tokensPerTurn: quantityField(TOKENS, 'tokens of each user message'),
  replyTokens: quantityField(TOKENS, 'tokens of each reply'),
  systemPromptTokens: quantityField(TOKENS, 'tokens of the system prompt'),
  retrievedTokens: quantityField(TOKENS, 'retrieved (RAG) tokens added to each turn'),
  promptCaching: customField('serve the system prompt and history from a prefix cache', 'on|off'),
  profile: customField(`${PROFILE_NAMES.join(', ')} or 24 comma-separated hourly weights`, 'name|weights'),
  replicas: quantityField(
    { min: 1, integer: true, max: 100_000 },
    'provisioned replicas (default: sized for the busiest hour)',
  ),
  /** Share of requests answered from a response cache without calling the model. */
  responseCacheHitRate: quantityField(SHARE, 'share of requests answered from a response cache', 'f'),
  /** Up to 1 Gt CO2e, ~1,000 × the largest published training footprints. */
  trainingCo2eKg: quantityField(
    { min: 0, max: 1e12, massKg: true },
    'training footprint to amortise (default: the published figure of --model)',
  ),
  trainingLifetimeYears: quantityField(
    { min: 0.01, max: 100 },
    'years over which training is amortised (default 1)',
  ),
  /** Options to compare with the baseline: `model=a,b`, `hardware=a,b`, `route=0.6:small-model`... */
  compare: customField(
    'an option to compare, repeatable: model=a,b  hardware=a,b  batch=8,64  weights-bits=8,4  location=fr,pl  response-cache=0.2  prompt-caching=on  route=0.6:8B',
    'option',
    { repeatable: true },
  ),
} as const;
