import { readFileSync } from 'node:fs';
import { kvBytesPerToken } from '../../src/catalog/inference-defaults.js';
import { estimateInference, type InferenceInput } from '../../src/engine/inference.js';

/** One row of the committed excerpt of published inference measurements (test/fixtures/inference, sources in its README). */
export interface Measurement {
  id: string;
  model: string;
  params_total?: number;
  params_active?: number;
  weights_bits?: number;
  hardware?: string;
  gpus?: number;
  batch?: number;
  task?: string;
  output_tokens_mean?: number;
  j_per_output_token?: number;
  j_per_output_token_range?: [number, number];
  kwh_per_query?: number;
  wh_per_prompt?: number;
  breakdown_wh?: Record<string, number>;
  boundary?: string;
  source: string;
}

export function loadMeasurements(): Measurement[] {
  const file = new URL('../fixtures/inference/measurements.json', import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as Measurement[];
}

/**
 * What each measurement's set-up was, where the file does not say: stated here once, from the
 * publications, so the table and the test use the same assumptions.
 */
const HARDWARE: Record<string, string> = { 'H100 80GB': 'nvidia-h100-sxm5-80gb', B200: 'nvidia-b200' };
const ASSUMED_INPUT_TOKENS: Record<string, number> = {
  // LM-Arena prompts with some history; GPQA: one multiple-choice question with its instructions.
  'LM-Arena chat': 500,
  'GPQA (reasoning)': 300,
};

export type Stack = 'optimised' | 'reference';

export interface AccuracyRow {
  id: string;
  /** What is compared, with its unit. */
  quantity: string;
  measured: number;
  predicted: number;
  /** predicted / measured. */
  ratio: number;
  /** Optimised serving engine at steady state (what the model describes), or a reference/eager stack. */
  stack: Stack;
  setup: string;
}

function row(
  m: Measurement,
  quantity: string,
  measured: number,
  predicted: number,
  stack: Stack,
  setup: string,
): AccuracyRow {
  return { id: m.id, quantity, measured, predicted, ratio: predicted / measured, stack, setup };
}

/** Our estimate for every measurement the model can be compared with, on the measurement's own boundary. */
export function accuracyRows(measurements = loadMeasurements()): AccuracyRow[] {
  const rows: AccuracyRow[] = [];
  for (const m of measurements) {
    if (m.id.startsWith('mlenergy-')) {
      const inputTokens = ASSUMED_INPUT_TOKENS[m.task ?? ''] ?? 500;
      const input: InferenceInput = {
        params: m.params_total,
        activeParams: m.params_active,
        weightsBits: m.weights_bits,
        hardware: HARDWARE[m.hardware ?? ''],
        gpus: m.gpus,
        batch: m.batch,
        inputTokens,
        outputTokens: m.output_tokens_mean,
        draws: 200,
      };
      const e = estimateInference(input);
      rows.push(
        row(
          m,
          'J per output token, GPU only',
          m.j_per_output_token!,
          e.perOutputTokenJ.central,
          'optimised',
          `vLLM, batch ${m.batch}, ${inputTokens} input tokens (assumed)`,
        ),
      );
    } else if (m.id.startsWith('php-')) {
      // Hugging Face pipelines, one query at a time on one A100 80 GB; CodeCarbon counts GPU, CPU and RAM.
      const e = estimateInference({
        params: m.params_total,
        hardware: 'nvidia-a100-sxm4-80gb',
        gpus: 1,
        batch: 1,
        inputTokens: 250,
        outputTokens: 30,
        kvBytesPerToken: kvBytesPerToken(m.params_total!, 'mha'),
        draws: 200,
      });
      const predicted = e.perRequestBreakdownWh.accelerator.central + e.perRequestBreakdownWh.host.central;
      rows.push(
        row(
          m,
          'Wh per query, GPU + CPU + RAM',
          m.kwh_per_query! * 1000,
          predicted,
          'reference',
          'HF pipeline, batch 1, 250 in / 30 out (assumed)',
        ),
      );
    } else if (m.id.startsWith('samsi-')) {
      // Meta's reference LLaMA code (no continuous batching), 65B on 4 A100 80 GB, batch 64, 256 new tokens.
      const [low, high] = m.j_per_output_token_range!;
      const e = estimateInference({
        model: 'llama-65b',
        hardware: 'nvidia-a100-sxm4-80gb',
        gpus: 4,
        batch: 64,
        inputTokens: 64,
        outputTokens: 256,
        draws: 200,
      });
      rows.push(
        row(
          m,
          'J per output token, GPU only',
          Math.sqrt(low * high),
          e.perOutputTokenJ.central,
          'reference',
          'LLaMA reference code, 4 × A100 80 GB, batch 64, 64 in / 256 out (assumed)',
        ),
      );
    }
  }
  return rows;
}

/** Google's production breakdown against our default boundary ratios (a calibration point, not a test of the model). */
export function boundaryCheck(measurements = loadMeasurements()) {
  const g = measurements.find((m) => m.id === 'google-gemini-median-prompt-2025');
  if (!g?.breakdown_wh) return undefined;
  const b = g.breakdown_wh;
  return {
    id: g.id,
    hostPerAccelerator: b.host_cpu_dram / b.accelerator,
    totalPerAccelerator: g.wh_per_prompt! / b.accelerator,
    idleShare: b.provisioned_idle / g.wh_per_prompt!,
  };
}

export const logError = (r: AccuracyRow) => Math.abs(Math.log(r.ratio));

export function medianFactor(rows: AccuracyRow[]): number {
  const errors = rows.map(logError).sort((a, b) => a - b);
  const mid = errors.length / 2;
  const median = errors.length % 2 ? errors[Math.floor(mid)] : (errors[mid - 1] + errors[mid]) / 2;
  return Math.exp(median);
}
