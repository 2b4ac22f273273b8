import type { Command } from 'commander';
import { withOutputOptions } from '../_common.js';

/**
 * `empreinte estimate inference` and `empreinte estimate deployment`. Registering only declares
 * flags; the engine and the renderer load when the command runs.
 */

function addServingOptions(command: Command): Command {
  return command
    .option('--model <id>', 'a model of the catalog (gives its parameter counts)')
    .option('--params <n>', 'total parameters (8B, 70e9)')
    .option('--active-params <n>', 'parameters active per token (mixture-of-experts)')
    .option('--hardware <id>', 'accelerator (h100, a100-80gb, l4, mi300x, tpu-v5e...)')
    .option('--gpus <n>', 'accelerators per replica (default: the fewest that hold weights and KV cache)')
    .option('--batch <n>', 'sequences decoded together (default 32)')
    .option('--weights-bits <n>', 'bits per weight: 16, 8 (FP8), 4 (quantised) (default 16)')
    .option(
      '--kv-bytes-per-token <n>',
      'KV-cache bytes per token of context (default: estimated from the model size)',
    )
    .option('--pue <f>', 'data-centre power usage effectiveness (>= 1)')
    .option('--location <id>', 'country (fr), grid zone (US-CAL-CISO) or cloud region (aws:eu-west-3)')
    .option('--grid-intensity <g>', 'grid carbon intensity, g CO2e/kWh')
    .option('--renewable-share <f>', 'share covered by renewable contracts, 0..1 (market-based figure)')
    .option('--seed <n>', 'Monte Carlo seed (default 42)')
    .option('--draws <n>', 'Monte Carlo draws');
}

export function registerInference(estimate: Command): void {
  const command = estimate
    .command('inference')
    .description(
      'energy and emissions of serving requests to a model (per request, per token, for N requests)',
    );
  addServingOptions(command)
    .option('--input-tokens <n>', 'input (prompt) tokens per request (default 500)')
    .option('--cached-input-tokens <n>', 'prompt tokens served from a prefix cache')
    .option('--cache-cost-fraction <f>', 'cost of a cached token relative to a fresh one (default 0.1)')
    .option('--output-tokens <n>', 'output tokens per request (default 250)')
    .option('--requests <n>', 'number of requests the totals are for (default 1000)');
  withOutputOptions(command)
    .option('--sources', 'show the full source of every input')
    .action(async (options: Record<string, unknown>) =>
      (await import('./_inference-run.js')).runEstimateInference(options),
    );
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerDeployment(estimate: Command): void {
  const command = estimate
    .command('deployment')
    .description(
      'yearly footprint of a served model: daily traffic profile, idle replicas, per request and per conversation',
    );
  addServingOptions(command)
    .option('--preset <name>', 'customer-service: a retrieval-augmented support chatbot with cited defaults')
    .option('--requests-per-day <n>', 'requests per day (plain traffic)')
    .option('--input-tokens <n>', 'input tokens per request (plain traffic, default 500)')
    .option('--output-tokens <n>', 'output tokens per request (plain traffic, default 250)')
    .option('--conversations-per-day <n>', 'conversations per day')
    .option('--turns <n>', 'user turns per conversation')
    .option('--tokens-per-turn <n>', 'tokens of each user message')
    .option('--reply-tokens <n>', 'tokens of each reply')
    .option('--system-prompt-tokens <n>', 'tokens of the system prompt')
    .option('--retrieved-tokens <n>', 'retrieved (RAG) tokens added to each turn')
    .option('--prompt-caching <on|off>', 'serve the system prompt and history from a prefix cache')
    .option('--cache-cost-fraction <f>', 'cost of a cached token relative to a fresh one (default 0.1)')
    .option(
      '--profile <name|weights>',
      'flat, working-hours, evening-peak or 24 comma-separated hourly weights',
    )
    .option('--replicas <n>', 'provisioned replicas (default: sized for the busiest hour)')
    .option('--response-cache-hit-rate <f>', 'share of requests answered from a response cache, 0..1')
    .option(
      '--training-co2e-kg <n>',
      'training footprint to amortise (default: the published figure of --model)',
    )
    .option('--training-lifetime-years <n>', 'years over which training is amortised (default 1)')
    .option(
      '--compare <option>',
      'an option to compare, repeatable: model=a,b  hardware=a,b  batch=8,64  weights-bits=8,4  location=fr,pl  response-cache=0.2  prompt-caching=on  route=0.6:8B',
      collect,
    );
  withOutputOptions(command)
    .option('--sources', 'show the full source of every input')
    .action(async (options: Record<string, unknown>) =>
      (await import('./_inference-run.js')).runEstimateDeployment(options),
    );
}
