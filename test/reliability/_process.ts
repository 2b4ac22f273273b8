/**
 * Real processes for the reliability tests: the built CLI run with its peak memory measured
 * (a preloaded module writes `process.resourceUsage().maxRSS` on exit), and scratch directories.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI } from '../helpers/cli.js';

const PEAK_RSS_MODULE = pathToFileURL(new URL('./_peak-rss.mjs', import.meta.url).pathname).href;

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the CLI process, bytes (NaN when it died before writing it). */
  peakRss: number;
}

/** A scratch directory removed by `cleanup()`. */
export function scratch(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `empreinte-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

let runs = 0;

/** Runs the built CLI (asynchronously, so that tests may run several at once) and measures its peak RSS. */
export function runCliMeasured(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string },
): Promise<Run> {
  const rssFile = join(options.cwd, `.peak-rss-${process.pid}-${runs++}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd,
      env: {
        ...process.env,
        LANG: 'C',
        LC_ALL: '',
        NO_COLOR: '1',
        ...options.env,
        NODE_OPTIONS: `--import=${PEAK_RSS_MODULE}`,
        EMPREINTE_TEST_PEAK_RSS: rssFile,
      },
      timeout: options.timeoutMs ?? 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      // Keep a bounded amount: a runaway output must fail the test, not exhaust its memory.
      if (stdout.length < 4_000_000) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 4_000_000) stderr += d;
    });
    child.on('error', reject);
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
    child.on('close', (status, signal) => {
      let peakRss = Number.NaN;
      try {
        peakRss = Number(readFileSync(rssFile, 'utf8'));
        rmSync(rssFile);
      } catch {
        // The process died before its exit handler ran.
      }
      resolve({ status, signal, stdout, stderr, peakRss });
    });
  });
}

export const MB = 1024 * 1024;
