import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isatty } from 'node:tty';
import { type Message, msg } from '../messages/index.js';
import type { RunReport } from '../report/run.js';
import { becomeSubreaper, createProcessShare, listPids, type ShareSource } from './boundary/index.js';
import { procRoot } from './samplers/procstat/index.js';
import { type Session, type SessionOptions, startSession } from './session.js';

/**
 * `empreinte run -- CMD ARGS...`: measures the machine while CMD runs. CMD inherits stdin,
 * stdout and stderr untouched and gets EMPREINTE_RUN_ID and EMPREINTE_MARKS; SIGTERM, SIGHUP
 * and SIGQUIT sent to the tracker are forwarded to it, and SIGINT too unless it came from the
 * terminal (a terminal's Ctrl-C already reaches CMD, which shares the foreground process group:
 * forwarding it again would interrupt CMD twice). The exit code is CMD's (128 + signal number
 * when a signal ended it; 127 when it cannot start).
 */
export interface RunCommandOptions extends Omit<SessionOptions, 'marksFile'> {
  /** Called once the tracker runs, before CMD starts: status line, metrics exporters. */
  onSession?: (session: Session) => void;
  lang?: 'en' | 'fr';
}

export interface RunCommandResult {
  exitCode: number;
  runId: string;
  report: RunReport;
  /** Why CMD could not start, when it could not. */
  spawnError?: Message;
}

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/** Signals a program gets from its own faults: ending on one is a crash, not an interruption. */
const CRASH_SIGNALS = new Set<NodeJS.Signals>([
  'SIGSEGV',
  'SIGBUS',
  'SIGFPE',
  'SIGILL',
  'SIGABRT',
  'SIGSYS',
  'SIGTRAP',
]);

/** Exit code of a process ended by a signal, as shells report it. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

export async function runCommand(options: RunCommandOptions): Promise<RunCommandResult> {
  const [file, ...args] = options.command;
  const marksDir = mkdtempSync(join(tmpdir(), 'empreinte-marks-'));
  const marksFile = join(marksDir, 'marks.jsonl');
  writeFileSync(marksFile, '');
  try {
    const session = await startSession({ ...options, marksFile });
    options.onSession?.(session);
    const env = options.env ?? process.env;
    const processBoundary = options.boundary === 'process';
    const subreaper = processBoundary && (await becomeSubreaper());
    let share: ShareSource | undefined;
    // Checked on the descriptor: touching process.stdin would open a stream on CMD's input.
    const interactive = isatty(0);
    const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>(
      (resolve) => {
        let settled = false;
        const settle = (value: { code: number | null; signal: NodeJS.Signals | null; error?: Error }) => {
          if (settled) return;
          settled = true;
          for (const [signal, handler] of handlers) process.off(signal, handler);
          resolve(value);
        };
        // What runs before the command is not the command's, even a child of the tracker's.
        let before: Set<number> | undefined;
        try {
          if (processBoundary) before = listPids(procRoot(env));
        } catch {
          before = undefined;
        }
        const child = spawn(file, args, {
          stdio: 'inherit',
          env: { ...env, EMPREINTE_RUN_ID: session.runId, EMPREINTE_MARKS: marksFile },
        });
        if (processBoundary && child.pid !== undefined) {
          try {
            share = createProcessShare({
              procRoot: procRoot(env),
              pid: child.pid,
              samplers: session.tracker.samplers,
              memTotalBytes:
                session.probe.memTotalGiB === undefined ? undefined : session.probe.memTotalGiB * 2 ** 30,
              subreaper,
              before,
            });
            session.tracker.attachShare(share);
          } catch (error) {
            session.note(
              msg('measure.noProcesses', { path: procRoot(env), cause: (error as Error).message }),
            );
          }
        }
        const handlers = FORWARDED.map((signal) => {
          const handler = () => {
            if (signal === 'SIGINT' && interactive) return; // the terminal already told CMD
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          };
          process.on(signal, handler);
          return [signal, handler] as const;
        });
        child.once('error', (error) => settle({ code: null, signal: null, error }));
        child.once('exit', (code, signal) => settle({ code, signal }));
      },
    );
    let exitCode: number;
    let spawnError: Message | undefined;
    if (outcome.error) {
      const code = (outcome.error as NodeJS.ErrnoException).code;
      spawnError =
        code === 'ENOENT'
          ? msg('measure.commandNotFound', { file })
          : code === 'EACCES'
            ? msg('measure.commandNotExecutable', { file })
            : msg('measure.commandCannotStart', { file, cause: outcome.error.message });
      exitCode = 127;
    } else if (outcome.signal) {
      exitCode = signalExitCode(outcome.signal);
    } else {
      exitCode = outcome.code ?? 1;
    }
    // A signal ending CMD (Ctrl-C, kill, OOM killer) cuts the run short: it is interrupted,
    // not failed, and its samples are kept. A crash (segmentation fault, abort) is a failure.
    const interrupted = outcome.signal !== null && !CRASH_SIGNALS.has(outcome.signal);
    const status = interrupted ? 'interrupted' : exitCode === 0 ? 'completed' : 'failed';
    if (share) for (const note of share.notes()) session.note(note);
    const { report } = await session.finish(status, exitCode, options.lang);
    share?.close();
    return { exitCode, runId: session.runId, report, spawnError };
  } finally {
    rmSync(marksDir, { recursive: true, force: true });
  }
}
