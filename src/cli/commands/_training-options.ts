import type { Command } from 'commander';

/** The training-scenario flags, shared by estimate, explore and recommend. */
export function addTrainingOptions(command: Command): Command {
  return command
    .option('--model <id>', 'a model of the catalog (fills the other inputs from its publication)')
    .option('--params <n>', 'total parameters (70e9, 70B)')
    .option('--active-params <n>', 'parameters active per token (mixture-of-experts)')
    .option('--tokens <n>', 'training tokens (2T)')
    .option('--hardware <id>', 'accelerator (h100, a100-40gb, tpu-v4...)')
    .option('--precision <p>', 'fp32, tf32, bf16, fp8 or int8 (default: the chip’s training precision)')
    .option('--chips <n>', 'number of accelerators')
    .option('--chip-hours <n>', 'accelerator-hours, if known')
    .option('--days <n>', 'wall-clock days (with --chips)')
    .option('--mfu <f>', 'model FLOPs utilisation, in (0, 1]')
    .option('--power-w <w>', 'system power per chip, host included (W)')
    .option('--pue <f>', 'data-centre power usage effectiveness (>= 1)')
    .option('--location <id>', 'country (fr), grid zone (US-CAL-CISO) or cloud region (aws:eu-west-3)')
    .option('--grid-intensity <g>', 'grid carbon intensity, g CO2e/kWh')
    .option('--renewable-share <f>', 'share covered by renewable contracts, 0..1 (market-based figure)')
    .option('--layers <n>', 'transformer layers (adds the attention FLOP term)')
    .option('--context-length <n>', 'training sequence length (attention FLOP term)')
    .option('--d-model <n>', 'model width (attention FLOP term)')
    .option('--seed <n>', 'Monte Carlo seed (default 42)')
    .option('--draws <n>', 'Monte Carlo draws (default 10000)');
}

/** Flags as the schema's camelCase input (commander already camel-cases them); drops output-only flags. */
export function trainingInputFromOptions(options: Record<string, unknown>): Record<string, unknown> {
  const { json: _json, lang: _lang, sources: _sources, gridIntensity, ...rest } = options;
  return { ...rest, ...(gridIntensity === undefined ? {} : { gridIntensity }) };
}
