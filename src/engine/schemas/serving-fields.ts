import { msg } from '../../messages/index.js';
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

const cacheCostFraction = quantityField(SHARE, 'help.cacheCostFraction', 'f');

/** The serving set-up shared by a single estimate and a deployment. */
export const SERVING_FIELDS = {
  model: nameField('help.servingModel'),
  params: quantityField(SCALE_BOUNDS.params, 'help.servingParams'),
  activeParams: quantityField(SCALE_BOUNDS.params, 'help.activeParams'),
  hardware: nameField('help.servingHardware'),
  gpus: quantityField({ min: 1, integer: true, max: 4096 }, 'help.gpus'),
  batch: quantityField({ min: 1, integer: true, max: 65_536 }, 'help.batch'),
  weightsBits: quantityField({ min: 1, max: 32 }, 'help.weightsBits'),
  /** Up to 1 GB per token: ~200 × the KV cache of a 175B model with full multi-head attention. */
  kvBytesPerToken: quantityField({ min: 0, exclusiveMin: true, max: 1e9 }, 'help.kvBytesPerToken'),
  cacheCostFraction,
  ...SITE_FIELDS,
  ...MONTE_CARLO_FIELDS,
  draws: describedAs(MONTE_CARLO_FIELDS.draws, 'help.servingDraws'),
} as const;

export const INFERENCE_FIELDS = {
  ...SERVING_FIELDS,
  inputTokens: quantityField(TOKENS, 'help.inputTokens'),
  cachedInputTokens: quantityField(TOKENS, 'help.cachedInputTokens'),
  outputTokens: quantityField(TOKENS, 'help.outputTokens'),
  requests: quantityField(SCALE_BOUNDS.requests, 'help.requests'),
} as const;

export const DEPLOYMENT_FIELDS = {
  ...SERVING_FIELDS,
  preset: choiceField(PRESET_NAMES, 'help.preset', 'name'),
  /** Plain traffic: requests per day of one shape. */
  requestsPerDay: quantityField(SCALE_BOUNDS.requests, 'help.requestsPerDay'),
  inputTokens: quantityField(TOKENS, 'help.deploymentInputTokens'),
  outputTokens: quantityField(TOKENS, 'help.deploymentOutputTokens'),
  /** Conversational traffic (the customer-service preset). */
  conversationsPerDay: quantityField(SCALE_BOUNDS.requests, 'help.conversationsPerDay'),
  turns: quantityField({ min: 1, integer: true, max: 1000 }, 'help.turns'),
  tokensPerTurn: quantityField(TOKENS, 'help.tokensPerTurn'),
  replyTokens: quantityField(TOKENS, 'help.replyTokens'),
  systemPromptTokens: quantityField(TOKENS, 'help.systemPromptTokens'),
  retrievedTokens: quantityField(TOKENS, 'help.retrievedTokens'),
  promptCaching: customField('help.promptCaching', 'on|off'),
  profile: customField(msg('help.profile', { names: PROFILE_NAMES.join(', ') }), 'name|weights'),
  replicas: quantityField({ min: 1, integer: true, max: 100_000 }, 'help.replicas'),
  /** Share of requests answered from a response cache without calling the model. */
  responseCacheHitRate: quantityField(SHARE, 'help.responseCacheHitRate', 'f'),
  /** Up to 1 Gt CO2e, ~1,000 × the largest published training footprints. */
  trainingCo2eKg: quantityField({ min: 0, max: 1e12, massKg: true }, 'help.trainingCo2eKg'),
  trainingLifetimeYears: quantityField({ min: 0.01, max: 100 }, 'help.trainingLifetimeYears'),
  /** Options to compare with the baseline: `model=a,b`, `hardware=a,b`, `route=0.6:small-model`... */
  compare: customField('help.compare', 'option', { repeatable: true }),
} as const;
