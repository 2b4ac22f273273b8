import type { HardwareEntry, LocationEntry, Range, Source } from '../../catalog/types.js';
import type { Message } from '../../messages/index.js';
import type { TextLang } from '../recommend-text.js';
import type { RecommendInput } from '../schemas/recommend.js';
import type { SweepPlan, SweepRow, SweepSpec } from '../sweep/index.js';

export interface TradeOff {
  time?: string;
  money?: string;
  quality?: string;
  other?: string;
}

export interface Recommendation {
  id: string;
  label: string;
  /** Total CO2e saved (operational + embodied, location-based, all trials), kg. */
  co2eKgSaved: number;
  savingPct: number;
  energyKwhSaved: number;
  after: { totalCo2eKg: Range; energyKwh: Range; chipHours: Range };
  /** What changes: the new value of each changed input. */
  change: Record<string, string | number>;
  /** Change in chip-hours, % (time, at a given number of chips), where known. */
  chipHoursChangePct?: number;
  tradeOff: TradeOff;
  sources: string[];
}

export interface RecommendResult {
  baseline: SweepRow & { trials: number };
  recommendations: Recommendation[];
  /** What the reader should know, in English (CLI flags named); `noteMessages` says it in any language. */
  notes: string[];
  noteMessages: Message[];
}

export interface Candidate {
  id: string;
  label: string;
  /** Footprint of one run after the change. */
  row: SweepRow;
  change: Record<string, string | number>;
  tradeOff: TradeOff;
  sources: (Source | string)[];
  /** Runs after the change (the trials lever changes it). */
  runs?: number;
}

export interface Context {
  input: RecommendInput;
  spec: SweepSpec;
  plan: SweepPlan;
  base: SweepRow;
  hardware?: HardwareEntry;
  location?: LocationEntry;
  lang: TextLang;
  notes: Message[];
}

/** One way to cut the footprint: the alternatives it proposes for the baseline (none where it does not apply). */
export type Lever = (ctx: Context) => Candidate[];
