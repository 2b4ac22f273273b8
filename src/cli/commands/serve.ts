import type { Command } from 'commander';
import { parseQuantity } from '../../engine/units.js';
import { packageVersion } from '../../version.js';
import { type CommandMeta, say } from '../_common.js';

interface ServeFlags {
  host: string;
  port: string;
  db?: string;
  token?: string;
}

/** `empreinte serve`: the HTTP API and the web dashboard. */
export const meta = {
  name: 'serve',
  summary: 'cli.serve.summary',
} as const satisfies CommandMeta;

export function register(program: Command): void {
  program
    .command(meta.name)
    .description(say(meta.summary))
    .option('--host <host>', say('cli.serve.host'), '127.0.0.1')
    .option('--port <n>', say('cli.serve.port'), '8080')
    .option('--db <path>', say('cli.serve.db'))
    .option('--token <t>', say('cli.serve.token'))
    .action((flags: ServeFlags) => runServe(flags));
}

async function runServe(flags: ServeFlags): Promise<void> {
  const port = parseQuantity(flags.port, 'port', { min: 0, max: 65_535, integer: true });
  const { startServer } = await import('../../server/index.js');
  const server = await startServer({
    host: flags.host,
    port,
    db: flags.db,
    token: flags.token ?? (process.env.EMPREINTE_TOKEN || undefined),
    version: packageVersion(),
  });
  process.stdout.write(`empreinte dashboard and API on ${server.url}\n`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
