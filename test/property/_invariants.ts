/**
 * What every engine call must satisfy, whatever its input: it returns a result whose numbers are
 * finite, non-negative (except named signed fields) and whose ranges are ordered, or it throws an
 * `EmpreinteError` whose every issue names its field. Anything else (a TypeError, a RangeError, a
 * NaN in a result) is a defect.
 */
import assert from 'node:assert/strict';
import { toFlag } from '../../src/engine/units.js';
import { EmpreinteError, type IssueCode, issueField, renderIssue } from '../../src/errors.js';

const CODES: IssueCode[] = [
  'invalid_number',
  'out_of_range',
  'unknown_id',
  'ambiguous_id',
  'conflict',
  'missing',
  'invalid_value',
  'invalid_file',
];

export interface Tally {
  accepted: number;
  rejected: number;
}

export function newTally(): Tally {
  return { accepted: 0, rejected: 0 };
}

/** Checks a rejection: an EmpreinteError, each issue with a known code, a path and a one-line message naming its flag. */
export function assertNamedRejection(error: unknown, input: unknown): asserts error is EmpreinteError {
  if (!(error instanceof EmpreinteError)) {
    assert.fail(`not an EmpreinteError for ${show(input)}: ${(error as Error)?.stack ?? String(error)}`);
  }
  assert.ok(error.issues.length > 0, 'an EmpreinteError with no issue');
  for (const i of error.issues) {
    assert.ok(CODES.includes(i.code), `unknown issue code ${i.code}`);
    assert.ok(i.path.length > 0, `issue without a path for ${show(input)}: ${i.message}`);
    const field = issueField(i.path);
    assert.ok(field !== undefined, `issue path names no field: ${JSON.stringify(i.path)} (${i.message})`);
    const flag = `--${toFlag(field)}`;
    // What the CLI prints names the flag; an unknown field is named as the user spelt it (it has
    // no flag); so is the input as a whole.
    const cli = renderIssue(i, 'en', 'flag');
    const named =
      cli.includes(flag) ||
      (cli.startsWith('unknown field') && cli.includes(`'${field}'`)) ||
      (field === 'input' && cli.startsWith('input:'));
    assert.ok(named, `message does not name ${flag}: '${cli}' for ${show(input)}`);
    // The JSON text (the library's and the API's) names the field as JSON does, never a flag.
    if (i.key !== undefined)
      assert.doesNotMatch(i.message, /(^|[\s(])--[a-z]/, `a CLI flag in a field-style message: ${i.message}`);
    assert.ok(!/[\r\n]/.test(i.message), `multi-line message: ${JSON.stringify(i.message)}`);
  }
}

/** Checks an accepted result: finite numbers, non-negative except under `signed` keys (`*`: all), ordered ranges. */
export function assertSaneResult(
  result: unknown,
  input: unknown,
  signed: ReadonlySet<string> = new Set(),
): void {
  walk(result, [], (path, value) => {
    const key = path[path.length - 1];
    if (typeof value === 'number') {
      assert.ok(Number.isFinite(value), `non-finite ${path.join('.')} = ${value} for ${show(input)}`);
      const allowedNegative = signed.has('*') || path.some((p) => typeof p === 'string' && signed.has(p));
      if (!allowedNegative) assert.ok(value >= 0, `negative ${path.join('.')} = ${value} for ${show(input)}`);
    }
    if (isRange(value)) {
      assert.ok(
        value.low <= value.central && value.central <= value.high,
        `unordered range ${path.join('.')} ${JSON.stringify(value)} for ${show(input)}`,
      );
    }
    return key;
  });
  // The result goes out as JSON on the CLI and the API: it must survive the round trip.
  assert.doesNotThrow(() => JSON.stringify(result));
}

/** Runs `fn(input)`; checks whichever outcome it has; counts it. */
export function checkOutcome<T>(
  tally: Tally,
  input: unknown,
  fn: () => T,
  signed?: ReadonlySet<string>,
): T | undefined {
  let result: T;
  try {
    result = fn();
  } catch (error) {
    assertNamedRejection(error, input);
    tally.rejected++;
    return undefined;
  }
  assertSaneResult(result, input, signed);
  tally.accepted++;
  return result;
}

/** `checkOutcome` for functions that return a promise (route handlers). */
export async function checkOutcomeAsync<T>(
  tally: Tally,
  input: unknown,
  fn: () => Promise<T> | T,
  signed?: ReadonlySet<string>,
): Promise<T | undefined> {
  let result: T;
  try {
    result = await fn();
  } catch (error) {
    assertNamedRejection(error, input);
    tally.rejected++;
    return undefined;
  }
  assertSaneResult(result, input, signed);
  tally.accepted++;
  return result;
}

function isRange(v: unknown): v is { low: number; central: number; high: number } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { low?: unknown }).low === 'number' &&
    typeof (v as { central?: unknown }).central === 'number' &&
    typeof (v as { high?: unknown }).high === 'number'
  );
}

function walk(
  value: unknown,
  path: (string | number)[],
  visit: (path: (string | number)[], value: unknown) => unknown,
): void {
  visit(path, value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = value as unknown as ArrayLike<number>;
    for (let i = 0; i < arr.length; i++) visit([...path, i], arr[i]);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walk(value[i], [...path, i], visit);
  } else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
}

export function show(input: unknown): string {
  try {
    const text = JSON.stringify(input, (_k, v) =>
      typeof v === 'number' && !Number.isFinite(v) ? String(v) : Object.is(v, -0) ? '-0' : v,
    );
    return text === undefined ? String(input) : text.length > 400 ? `${text.slice(0, 400)}...` : text;
  } catch {
    return String(input);
  }
}

/** Output fields that may be negative by definition (differences and changes in percent). */
export const SIGNED_FIELDS: ReadonlySet<string> = new Set([
  'differencePct',
  'changePct',
  'chipHoursChangePct',
  'energySavingPct',
  'co2eSavingPct',
  // A recommendation may trade energy for manufacturing or grid savings: its energy saving can be negative.
  'energyKwhSaved',
]);
