/**
 * Property tests over the grid-series readers, in process: recorded documents of every JSON
 * format with one part replaced by a hostile value or removed, and random CSV texts. Whatever the
 * content, a reader returns a clean series or throws an `EmpreinteError` naming the file; a
 * series it returns holds finite non-negative values (NaN only for gaps) on increasing times.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import './_seed.js';
import { EmpreinteError } from '../../src/errors.js';
import { parseCsvLines } from '../../src/grid/formats/csv.js';
import { FORMATS, mergeAndNormalise, readSeriesJson, type SeriesFormat } from '../../src/grid/read.js';
import type { IntensitySeries } from '../../src/grid/series.js';
import { hostileNumber, hostileString, wrongType } from './_hostile.js';
import { newTally, show } from './_invariants.js';

const RUNS = Number(process.env.EMPREINTE_PROPERTY_RUNS ?? 150);
const fixture = (path: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/grid/${path}`, import.meta.url), 'utf8'));

/** One recorded document per JSON format (and shape). */
const DOCUMENTS: [SeriesFormat, unknown][] = [
  ['electricitymaps', fixture('api/electricitymaps-history-DE.json')],
  ['electricitymaps', fixture('api/electricitymaps-forecast-DE.json')],
  ['watttime', fixture('api/watttime-forecast-CAISO_NORTH.json')],
  ['watttime', fixture('files/watttime-historical.json')],
  ['ukci', fixture('api/ukci-national-fw48h.json')],
  ['carbon-aware-sdk', fixture('files/carbon-aware-emissions.json')],
  ['carbon-aware-sdk', fixture('files/carbon-aware-forecast.json')],
];

const tally = newTally();
after(() => {
  process.stdout.write(
    `# reader property inputs tried: ${tally.accepted + tally.rejected} (${tally.accepted} read, ${tally.rejected} refused)\n`,
  );
});

/** Every path to a node of a JSON tree (arrays sampled: their first, second and last items). */
function paths(
  node: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(node)) {
    const picks = new Set([0, 1, node.length - 1].filter((i) => i >= 0 && i < node.length));
    for (const i of picks) paths(node[i], [...prefix, i], out);
  } else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) paths(v, [...prefix, k], out);
  }
  return out;
}

/** A copy of `doc` with the node at `path` replaced by `value` (or removed when `value` is the REMOVE marker). */
const REMOVE = Symbol('remove');
function mutate(doc: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value === REMOVE ? undefined : value;
  const copy = Array.isArray(doc) ? [...doc] : { ...(doc as Record<string, unknown>) };
  const [head, ...rest] = path;
  const child = (copy as Record<string | number, unknown>)[head];
  const next = mutate(child, rest, value);
  if (next === undefined && rest.length === 0 && value === REMOVE) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete (copy as Record<string, unknown>)[head as string];
  } else (copy as Record<string | number, unknown>)[head] = next;
  return copy;
}

/** What JSON.parse can give (documents come from files and HTTP bodies), with non-finite numbers as JSON has none. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber.map((v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)),
  hostileString,
  wrongType,
  fc.constant(REMOVE),
  fc.constantFrom(
    '2022-13-45T99:99:99Z',
    '1970-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    'PT-1H',
    'P1000000D',
    '',
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Checks a read series: increasing slot times, finite non-negative values or NaN gaps. */
function assertCleanSeries(series: IntensitySeries[], input: unknown): void {
  assert.ok(series.length > 0);
  for (const s of series) {
    assert.ok(Number.isFinite(s.stepMs) && s.stepMs > 0, `step ${s.stepMs} for ${show(input)}`);
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i];
      assert.ok(Number.isNaN(v) || (Number.isFinite(v) && v >= 0), `value ${v} at ${i} for ${show(input)}`);
      assert.ok(Number.isFinite(s.times[i]), `time ${s.times[i]} at ${i}`);
      if (i > 0) assert.ok(s.times[i] > s.times[i - 1], `times not increasing at ${i}`);
    }
  }
}

function assertNamesFile(error: unknown, file: string, input: unknown): void {
  if (!(error instanceof EmpreinteError))
    assert.fail(`not an EmpreinteError for ${show(input)}: ${(error as Error)?.stack}`);
  for (const i of error.issues) {
    assert.ok(i.path.length > 0, `no path: ${i.message}`);
    assert.ok(
      i.message.includes(file) || i.message.includes('--series'),
      `message names neither the file nor --series: ${i.message}`,
    );
  }
}

describe('JSON series readers on mutated recorded documents', () => {
  it('read a clean series or refuse naming the file', () => {
    const docArb = fc
      .constantFrom(...DOCUMENTS)
      .chain(([format, doc]) =>
        fc.tuple(
          fc.constant(format),
          fc.constant(doc),
          fc.constantFrom(...paths(doc)),
          hostileValue,
          fc.boolean(),
        ),
      );
    fc.assert(
      fc.property(docArb, ([format, doc, path, value, forced]) => {
        // JSON.parse never leaves -0 or an undefined member: round-trip as a reader would see it.
        const input = JSON.parse(JSON.stringify(mutate(doc, path, value)) ?? 'null');
        const file = 'fuzz.json';
        try {
          const raws = readSeriesJson(input, file, forced ? { format } : {});
          assertCleanSeries(mergeAndNormalise(raws), { path, value });
          tally.accepted++;
        } catch (error) {
          if (error instanceof assert.AssertionError) throw error;
          assertNamesFile(error, file, { format, path, value });
          tally.rejected++;
        }
      }),
      { numRuns: RUNS * 4 },
    );
  });

  it('refuse any JSON value that is no series, whatever the format asked for', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.option(fc.constantFrom(...FORMATS)), (doc, format) => {
        try {
          assertCleanSeries(
            mergeAndNormalise(readSeriesJson(doc, 'any.json', format ? { format } : {})),
            doc,
          );
          tally.accepted++;
        } catch (error) {
          if (error instanceof assert.AssertionError) throw error;
          assertNamesFile(error, 'any.json', doc);
          tally.rejected++;
        }
      }),
      { numRuns: RUNS * 4 },
    );
  });
});

describe('CSV series reader on random texts', () => {
  const stamp = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .integer({ min: 0, max: 2000 })
        .map((h) => new Date(Date.UTC(2023, 0, 1) + h * 3_600_000).toISOString()),
    },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 2000 }).map((h) => String(1672531200 + h * 3600)) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        hostileString.map(String),
        fc.constantFrom('2023-02-30T00:00', '2023-01-01 25:00', '', '"'),
      ),
    },
  );
  const value = fc.oneof(
    { weight: 6, arbitrary: fc.double({ min: 0, max: 1500, noNaN: true }).map((v) => v.toFixed(1)) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        hostileNumber.map(String),
        fc.constantFrom('', 'null', '-5', '1e999', '"12"', '"1""2"', '12,5'),
      ),
    },
  );
  const header = fc.constantFrom(
    'datetime,carbon_intensity',
    'time;value',
    'timestamp\tgCO2/kWh',
    'a,b,c',
    'zone,datetime,intensity',
    '',
  );
  const text = fc
    .tuple(
      header,
      fc.array(fc.tuple(stamp, value, fc.constantFrom(',', ';', '\t'), fc.constantFrom('\n', '\r\n')), {
        maxLength: 30,
      }),
    )
    .map(([h, rows]) => `${h}\n${rows.map(([t, v, d, nl]) => `${t}${d}${v}${nl}`).join('')}`);

  it('reads a clean series or refuses naming the file and line', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (csv) => {
        const lines = csv.split('\n').map((t, i) => ({ text: t.replace(/\r$/, ''), line: i + 1 }));
        try {
          const raws = await parseCsvLines(lines, 'fuzz.csv');
          assertCleanSeries(mergeAndNormalise(raws), csv);
          tally.accepted++;
        } catch (error) {
          if (error instanceof assert.AssertionError) throw error;
          assertNamesFile(error, 'fuzz.csv', csv);
          tally.rejected++;
        }
      }),
      { numRuns: RUNS * 4 },
    );
    assert.ok(tally.accepted > 0, 'no CSV text read: the property checks nothing');
  });
});
