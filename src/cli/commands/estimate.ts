import type { Command } from 'commander';
import { type CommandMeta, say } from '../_common.js';

export const meta = {
  name: 'estimate',
  summary: 'cli.estimate.summary',
} as const satisfies CommandMeta;

/** Each sub-command's module: its `meta` and `register(estimate)`. */
const SUBCOMMANDS = {
  training: () => import('./estimate-training.js'),
  inference: () => import('./estimate-inference.js'),
  deployment: () => import('./estimate-deployment.js'),
} as const;

/**
 * `empreinte estimate training|inference|deployment`: only the sub-command that runs is loaded;
 * help (or a mistyped sub-command) loads them all, to list them.
 */
export async function register(program: Command, argv: string[] = process.argv): Promise<void> {
  const estimate = program.command(meta.name).description(say(meta.summary));
  const at = argv.indexOf(meta.name);
  const named = at >= 0 ? argv[at + 1] : undefined;
  const load = Object.hasOwn(SUBCOMMANDS, named ?? '')
    ? [SUBCOMMANDS[named as keyof typeof SUBCOMMANDS]]
    : Object.values(SUBCOMMANDS);
  for (const module of await Promise.all(load.map((l) => l()))) module.register(estimate);
}
