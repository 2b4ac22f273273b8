import type { RunReport } from '../report/run.js';
import type { Mark } from './marks.js';
import { type SessionOptions, startSession } from './session.js';
import type { TickListener } from './tracker.js';

/**
 * Measuring from inside a Node program:
 *
 *   const tracking = await startTracking({ name: 'fine-tune', location: 'fr' });
 *   ... tracking.mark('epoch 1', 123456) ...
 *   const report = await tracking.stop();   // the `runs show` shape, also stored
 *
 * The process measures the whole machine (like `empreinte run`) and stores every sample as it is
 * taken; a process that ends without `stop()` leaves a run that is marked interrupted later.
 */
export interface TrackingOptions extends Omit<SessionOptions, 'command' | 'marksFile' | 'boundary'> {
  /** Recorded as the run's command; default: this process's argv. */
  command?: string[];
}

export interface TrackingHandle {
  readonly runId: string;
  /** Closes the current phase: energy since the previous mark (or the start), with its tokens. */
  mark(label: string, tokens?: number): Mark;
  /** Every sample as it is taken (live displays, metrics exporters); returns an unsubscribe function. */
  onTick(listener: TickListener): () => void;
  /** Energy so far per component, J. */
  readonly energyJ: Readonly<{ gpu: number; cpu: number; ram: number }>;
  /** Takes the last reading, stores the outcome and returns the run's report. */
  stop(outcome?: {
    status?: 'completed' | 'failed';
    exitCode?: number | null;
    lang?: 'en' | 'fr';
  }): Promise<RunReport>;
}

export async function startTracking(options: TrackingOptions = {}): Promise<TrackingHandle> {
  const session = await startSession({ ...options, command: options.command ?? process.argv });
  let report: Promise<RunReport> | undefined;
  return {
    runId: session.runId,
    mark: (label, tokens) => session.tracker.mark(label, tokens),
    onTick: (listener) => session.tracker.onTick(listener),
    get energyJ() {
      return session.tracker.energyJ;
    },
    stop(outcome = {}) {
      report ??= session
        .finish(outcome.status ?? 'completed', outcome.exitCode ?? null, outcome.lang)
        .then((done) => done.report);
      return report;
    },
  };
}
