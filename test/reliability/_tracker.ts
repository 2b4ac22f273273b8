/**
 * Helpers for the tracker fault tests: `empreinte run` started as a real process on a fake
 * machine, its output and exit collected, and what it left in the database read back.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { CLI, runCli } from '../helpers/cli.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface TrackerRun {
  child: ChildProcess;
  /** Resolves when the tracker process exits (not when its pipes close: orphans may hold them). */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  stdout(): string;
  stderr(): string;
}

/** Starts `empreinte run [args] -- CMD...` with `env` (a fake machine's); stdin closed. */
export function startTracker(
  args: string[],
  command: string[],
  env: NodeJS.ProcessEnv,
  prefix: string[] = [],
): TrackerRun {
  const [file, ...argv] = prefix.length > 0 ? prefix : [process.execPath];
  const child = spawn(
    file,
    [...argv, ...(prefix.length > 0 ? [process.execPath] : []), CLI, 'run', ...args, '--', ...command],
    {
      env: { ...process.env, LANG: 'C', LC_ALL: '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, atMs: Date.now() })),
  );
  return { child, exit, stdout: () => out, stderr: () => err };
}

export async function waitFor(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A node script for CMD: prints its run id and pid, then runs `body`. */
export function nodeCommand(body: string): string[] {
  return [
    process.execPath,
    '-e',
    `console.log('RUN_ID=' + process.env.EMPREINTE_RUN_ID + ' PID=' + process.pid);\n${body}`,
  ];
}

export function runIdOf(stdout: string): string {
  const id = /RUN_ID=(\S+)/.exec(stdout)?.[1];
  assert.ok(id, `no run id in ${stdout}`);
  return id;
}

export function pidOf(stdout: string): number {
  return Number(/PID=(\d+)/.exec(stdout)?.[1]);
}

export interface ShownRun {
  id: string;
  status: string;
  exitCode: number | null;
  durationS: number;
  energyKwh: { total: number; gpu: number; cpu: number; ram: number };
  phases: { label: string | null }[];
  notes: string[];
}

/** `empreinte runs show ID --json` (opening the store also recovers runs whose tracker died). */
export function showRun(env: NodeJS.ProcessEnv, id: string): ShownRun {
  const result = runCli(['runs', 'show', id, '--json'], { env });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as ShownRun;
}

/** The database opens cleanly and SQLite finds it sound; returns the number of stored samples of `runId`. */
export function assertSound(db: string, runId?: string): number {
  assert.ok(existsSync(db), `no database at ${db}`);
  const sqlite = new Database(db);
  try {
    assert.deepEqual(sqlite.pragma('integrity_check', { simple: true }), 'ok');
    if (!runId) return 0;
    // Each channel counts its samples in the same transaction that stores them.
    const count = sqlite.prepare('SELECT coalesce(sum(samples), 0) AS n FROM channels WHERE runId = ?');
    return Number((count.get(runId) as { n: number }).n);
  } finally {
    sqlite.close();
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The summary line `Run ID "name": STATUS (exit N), D s` of the tracker's stderr. */
export function summaryLine(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.startsWith('Run '));
  assert.ok(line, `no summary on stderr: ${stderr}`);
  return line;
}
