import { type SpawnSyncOptions, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Absolute path of the built CLI (npm test builds before running the tests). */
export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI synchronously with a clean language environment unless `env` says otherwise. */
export function runCli(
  args: string[],
  options: SpawnSyncOptions & { env?: NodeJS.ProcessEnv } = {},
): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    ...options,
    env: { ...process.env, LANG: 'C', LC_ALL: '', NO_COLOR: '1', ...options.env },
  });
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Runs the CLI with `--json` and parses stdout; fails loudly if stdout is not pure JSON. */
export function runCliJson<T = unknown>(
  args: string[],
  options: SpawnSyncOptions & { env?: NodeJS.ProcessEnv } = {},
): T {
  const result = runCli([...args, '--json'], options);
  if (result.status !== 0) throw new Error(`exit ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
