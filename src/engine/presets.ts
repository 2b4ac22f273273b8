import { INFERENCE_SOURCES } from '../catalog/inference-defaults.js';
import type { Source } from '../catalog/types.js';
import type { RequestShape } from './inference.js';

/**
 * Traffic profiles and the deployment presets. Every value is cited or stated as an assumption,
 * and every one can be overridden by the flag of the same name.
 */
const assumption = (citation: string): Source => ({ citation: `Stated assumption: ${citation}`, year: 2026 });

export interface Profile {
  /** 24 hourly weights, hour 0 = midnight local time; only their proportions matter. */
  weights: readonly number[];
  source: Source;
}

export const PROFILES: Record<'flat' | 'working-hours' | 'evening-peak', Profile> = {
  flat: { weights: Array(24).fill(1), source: assumption('traffic spread evenly over the day') },
  'working-hours': {
    // biome-ignore format: one weight per hour reads best as a row
    weights: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1, 1, 1, 0.8, 0.8, 1, 1, 1, 1, 0.7, 0.4, 0.25, 0.25, 0.2, 0.15],
    source: assumption(
      'a business-facing service: full load 09:00–12:00 and 14:00–18:00, a lunchtime dip, a tenth of the peak at night',
    ),
  },
  'evening-peak': {
    // biome-ignore format: one weight per hour reads best as a row
    weights: [0.4, 0.25, 0.15, 0.1, 0.1, 0.1, 0.2, 0.35, 0.5, 0.55, 0.6, 0.65, 0.7, 0.65, 0.6, 0.6, 0.65, 0.75, 0.85, 0.95, 1, 1, 0.85, 0.6],
    source: assumption('a consumer service: rising through the day to a peak at 20:00–22:00'),
  },
};

/** Normalised hourly shares (sum 1) of a profile given by name or by 24 weights. */
export function hourlyShares(weights: readonly number[]): number[] {
  // Scaled by the largest first: weights near the float limit (1e308) would sum to Infinity.
  const largest = Math.max(...weights);
  const scaled = largest > 0 ? weights.map((w) => w / largest) : weights;
  const total = scaled.reduce((s, w) => s + w, 0);
  return scaled.map((w) => (total > 0 ? w / total : 1 / 24));
}

export interface PresetValue<T> {
  value: T;
  source: Source;
}

/** The customer-service chatbot: a retrieval-augmented assistant answering customers in office hours. */
export const CUSTOMER_SERVICE = {
  conversationsPerDay: {
    value: 5000,
    source: assumption('5,000 conversations a day: the support chatbot of a mid-sized company'),
  },
  turns: {
    value: 5,
    source: assumption(
      `5 user turns per conversation: identifying the customer and the issue takes several exchanges; general-purpose chat averages 2.0 (${INFERENCE_SOURCES.LMSYS.citation})`,
    ),
  },
  tokensPerTurn: {
    value: 70,
    source: { ...INFERENCE_SOURCES.LMSYS, citation: `user message: ${INFERENCE_SOURCES.LMSYS.citation}` },
  },
  replyTokens: {
    value: 215,
    source: { ...INFERENCE_SOURCES.LMSYS, citation: `reply: ${INFERENCE_SOURCES.LMSYS.citation}` },
  },
  systemPromptTokens: {
    value: 800,
    source: assumption(
      'an 800-token system prompt: role, tone, policies, escalation rules and output format',
    ),
  },
  retrievedTokens: {
    value: 1500,
    source: assumption('1,500 retrieved tokens per turn: three knowledge-base passages of about 500 tokens'),
  },
  promptCaching: {
    value: false,
    source: assumption('no prompt caching unless --prompt-caching on'),
  },
  profile: { value: 'working-hours' as const, source: PROFILES['working-hours'].source },
  params: {
    value: 8e9,
    source: assumption('an 8B-parameter open-weight model when no --model or --params is given'),
  },
  hardware: {
    value: 'nvidia-h100-sxm5-80gb',
    source: assumption(
      'NVIDIA H100 SXM, the most common serving accelerator in 2024–2025, when no --hardware is given',
    ),
  },
} satisfies Record<string, PresetValue<unknown>>;

export interface Conversation {
  turns: number;
  tokensPerTurn: number;
  replyTokens: number;
  systemPromptTokens: number;
  retrievedTokens: number;
  promptCaching: boolean;
}

/**
 * The requests of one conversation. Turn k (1-based) sends the system prompt, the k − 1 earlier
 * exchanges (user message and reply each), this turn's retrieved passages and the new message, so
 * its input grows by one exchange per turn. With prompt caching the prompt is laid out so that the
 * system prompt and the history form a stable prefix read from the cache; the retrieved passages
 * and the new message are computed afresh.
 */
export function conversationRequests(c: Conversation): RequestShape[] {
  const requests: RequestShape[] = [];
  for (let k = 1; k <= c.turns; k++) {
    const prefix = c.systemPromptTokens + (k - 1) * (c.tokensPerTurn + c.replyTokens);
    const fresh = c.retrievedTokens + c.tokensPerTurn;
    requests.push(
      c.promptCaching
        ? { inputTokens: fresh, cachedInputTokens: prefix, outputTokens: c.replyTokens }
        : { inputTokens: prefix + fresh, cachedInputTokens: 0, outputTokens: c.replyTokens },
    );
  }
  return requests;
}
