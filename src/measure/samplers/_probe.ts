import { type Message, msg } from '../../messages/index.js';
import type { ComponentPlan, SensorCheck } from '../types.js';

/**
 * What each sampler's `probe()` shares: one check of one sensor, written the same way whether the
 * sensor answered or threw, and the plan a sampler offers for the component it measures. Their
 * text is message data, rendered in the reader's language by `probeSensors`.
 */

/** A check whose detail and fix are still messages. */
export type ProbedCheck = Omit<SensorCheck, 'detail' | 'fix'> & { detail: Message; fix?: Message };
/** A plan whose detail is still a message. */
export type ProbedPlan = Omit<ComponentPlan, 'detail'> & { detail: Message };

/** A sampler's offer to measure a component: its plan, and the warnings printed when it is used. */
export interface Choice {
  plan: ProbedPlan;
  warnings: Message[];
}

/** What a sensor answered: the value found and how the check reads. */
export interface Found<T> {
  value: T;
  detail: Message;
  /** False where the sensor answered but falls short (default true). */
  ok?: boolean;
  fix?: Message;
}

export interface Checked<T> {
  check: ProbedCheck;
  /** Undefined when the sensor could not be read. */
  value?: T;
}

/** An error that says what went wrong and how to fix it as messages (the samplers' `...Unavailable`). */
interface Explained {
  problem: Message;
  remedy: Message;
}
const isExplained = (error: unknown): error is Explained =>
  error !== null && typeof error === 'object' && 'problem' in error && 'remedy' in error;

/**
 * Runs one sensor check. Errors `expected` accepts (all by default) become a failed check, with
 * the error's fix where it has one; any other error is a bug and goes up.
 */
export async function runCheck<T>(
  what: Pick<SensorCheck, 'sensor' | 'component' | 'path'>,
  read: () => Found<T> | Promise<Found<T>>,
  expected: (error: unknown) => boolean = () => true,
): Promise<Checked<T>> {
  const { sensor, component, path } = what;
  try {
    const found = await read();
    const check: ProbedCheck = { sensor, component, ok: found.ok ?? true, path, detail: found.detail };
    if (found.fix !== undefined) check.fix = found.fix;
    return { check, value: found.value };
  } catch (error) {
    if (!expected(error)) throw error;
    if (isExplained(error))
      return { check: { sensor, component, ok: false, path, detail: error.problem, fix: error.remedy } };
    // A system error (a file that cannot be read): its own words.
    const detail = msg('measure.systemError', { cause: (error as Error).message });
    return { check: { sensor, component, ok: false, path, detail } };
  }
}
