import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/cli.js';

/**
 * Starts the real `empreinte serve` (the built CLI) on a random port and waits for the URL it
 * prints. Shared by the API tests and the browser tests.
 */
export interface ServeHandle {
  url: string;
  db: string;
  process: ChildProcess;
  stderr(): string;
  stop(): Promise<void>;
}

export async function startServe(
  options: { args?: string[]; env?: NodeJS.ProcessEnv; db?: string } = {},
): Promise<ServeHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'empreinte-serve-'));
  const db = options.db ?? join(dir, 'runs.db');
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', db, ...(options.args ?? [])], {
    env: { ...process.env, LANG: 'C', NO_COLOR: '1', EMPREINTE_TOKEN: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 20_000);
    child.stdout!.on('data', (d) => {
      stdout += d;
      const match = /(http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/$/, ''));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    db,
    process: child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** POSTs JSON and returns the status and parsed body. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
