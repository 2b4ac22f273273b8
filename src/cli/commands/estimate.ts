import type { Command } from 'commander';
import { withOutputOptions } from '../_common.js';
import { addTrainingOptions } from './_training-options.js';

/** `empreinte estimate training|inference|deployment`: each sub-command loads its own module on use. */
export async function register(program: Command): Promise<void> {
  const estimate = program
    .command('estimate')
    .description('estimate the footprint of training, inference or a deployment');
  const training = estimate
    .command('training')
    .description('energy and emissions of training a model (accounting, first-principles or catalog mode)');
  addTrainingOptions(training);
  withOutputOptions(training)
    .option(
      '--calibration <name>',
      'utilisation and chip power from your measured runs (empreinte calibrate)',
    )
    .option('--db <path|url>', 'database holding the calibration (with --calibration)')
    .option('--sources', 'show the full source of every input')
    .action(async (options) => (await import('./estimate-training.js')).runEstimateTraining(options));
  await registerOthers(estimate);
}

async function registerOthers(estimate: Command): Promise<void> {
  // `estimate training` runs without their flags: its start-up does not register them.
  const at = process.argv.indexOf('estimate');
  if (at >= 0 && process.argv[at + 1] === 'training') return;
  // Inference and deployment register their own flags; their heavy work is loaded by their actions.
  const m = await import('./estimate-inference.js');
  m.registerInference(estimate);
  m.registerDeployment(estimate);
}
