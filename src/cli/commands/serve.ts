import type { Command } from 'commander';
import { parseQuantity } from '../../engine/units.js';
import { t } from '../../report/i18n/index.js';
import { packageVersion } from '../../version.js';
import {
  type CommandMeta,
  type OutputFlags,
  outputContext,
  say,
  stdoutStream,
  withOutputOptions,
} from '../_common.js';

interface ServeFlags extends OutputFlags {
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
  const command = program
    .command(meta.name)
    .description(say(meta.summary))
    .option('--host <host>', say('cli.serve.host'), '127.0.0.1')
    .option('--port <n>', say('cli.serve.port'), '8080')
    .option('--db <path>', say('cli.serve.db'))
    .option('--token <t>', say('cli.serve.token'));
  withOutputOptions(command).action((flags: ServeFlags) => runServe(flags));
}

async function runServe(flags: ServeFlags): Promise<void> {
  const output = outputContext(flags);
  const port = parseQuantity(flags.port, 'port', { min: 0, max: 65_535, integer: true });
  const { startServer } = await import('../../server/index.js');
  const token = flags.token ?? (process.env.EMPREINTE_TOKEN || undefined);
  const server = await startServer({
    host: flags.host,
    port,
    db: flags.db,
    token,
    version: packageVersion(),
  });
  // With --json, one line a script can read as soon as the server listens.
  if (output.json) {
    const { url, db } = server;
    const started = { url, host: flags.host, port: server.port, db, tokenRequired: token !== undefined };
    stdoutStream().write(`${JSON.stringify({ ...started, version: packageVersion() })}\n`);
  } else output.print(t(output.lang, 'cli.serve.listening', { url: server.url }));
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
