import type { ComponentPlan, SensorCheck } from '../types.js';

/**
 * What each sampler's `probe()` shares: one check of one sensor, written the same way whether the
 * sensor answered or threw, and the plan a sampler offers for the component it measures.
 */

/** A sampler's offer to measure a component: its plan, and the warnings printed when it is used. */
export interface Choice {
  plan: ComponentPlan;
  warnings: string[];
}

/** What a sensor answered: the value found and how the check reads. */
export interface Found<T> {
  value: T;
  detail: string;
  /** False where the sensor answered but falls short (default true). */
  ok?: boolean;
  fix?: string;
}

export interface Checked<T> {
  check: SensorCheck;
  /** Undefined when the sensor could not be read. */
  value?: T;
}

/**
 * Runs one sensor check. Errors `expected` accepts (all by default) become a failed check, with
 * the error's `fix` where it has one; any other error is a bug and goes up.
 */
export async function runCheck<T>(
  what: Pick<SensorCheck, 'sensor' | 'component' | 'path'>,
  read: () => Found<T> | Promise<Found<T>>,
  expected: (error: unknown) => boolean = () => true,
): Promise<Checked<T>> {
  const { sensor, component, path } = what;
  try {
    const found = await read();
    const check: SensorCheck = { sensor, component, ok: found.ok ?? true, path, detail: found.detail };
    if ('fix' in found) check.fix = found.fix;
    return { check, value: found.value };
  } catch (error) {
    if (!expected(error)) throw error;
    const check: SensorCheck = { sensor, component, ok: false, path, detail: (error as Error).message };
    if (error !== null && typeof error === 'object' && 'fix' in error) check.fix = error.fix as string;
    return { check };
  }
}
