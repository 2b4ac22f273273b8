/**
 * The Prometheus reader (`runs import-prometheus`) against hostile answers: a well-formed range
 * query answer with one part replaced or removed, or any JSON at all, or not JSON. It returns
 * finite, non-negative energies with a coverage in [0, 1], or throws an `EmpreinteError` naming
 * a flag; never a TypeError.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import './_seed.js';
import { energyFromPrometheus } from '../../src/integrations/prometheus.js';
import { hostileNumber, hostileString, wrongType } from './_hostile.js';
import { checkOutcomeAsync, newTally } from './_invariants.js';

const RUNS = Number(process.env.EMPREINTE_PROPERTY_RUNS ?? 150);
const tally = newTally();
after(() => {
  process.stdout.write(
    `# prometheus answers tried: ${tally.accepted + tally.rejected} (${tally.accepted} read, ${tally.rejected} refused)\n`,
  );
});

const FROM = Date.UTC(2025, 0, 1);
const TO = FROM + 600_000;

/** A correct answer: two GPUs of one host, a value per minute. */
function matrix() {
  const values = Array.from({ length: 10 }, (_, i) => [FROM / 1000 + 60 * (i + 1), String(12_000 + i)]);
  return {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: [0, 1].map((gpu) => ({
        metric: { Hostname: 'node-a', gpu: String(gpu), modelName: 'NVIDIA H100', UUID: `GPU-${gpu}` },
        values,
      })),
    },
  };
}

type Path = (string | number)[];
const PATHS: Path[] = [
  [],
  ['status'],
  ['data'],
  ['data', 'resultType'],
  ['data', 'result'],
  ['data', 'result', 0],
  ['data', 'result', 0, 'metric'],
  ['data', 'result', 0, 'metric', 'Hostname'],
  ['data', 'result', 0, 'metric', 'gpu'],
  ['data', 'result', 0, 'values'],
  ['data', 'result', 0, 'values', 0],
  ['data', 'result', 0, 'values', 0, 0],
  ['data', 'result', 0, 'values', 0, 1],
  ['data', 'result', 1, 'values', 3, 1],
];

function replace(doc: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = Array.isArray(doc) ? [...doc] : { ...(doc as Record<string, unknown>) };
  const [head, ...rest] = path;
  (copy as Record<string | number, unknown>)[head] = replace(
    (copy as Record<string | number, unknown>)[head],
    rest,
    value,
  );
  return copy;
}

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber.map((v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)),
  hostileString,
  wrongType,
  fc.constant(undefined),
  fc.constantFrom(
    'NaN',
    '+Inf',
    '-Inf',
    '1e308',
    '-5',
    '1e400',
    [1e20, '1e308'],
    [[1, '2']],
    'success',
    'matrix',
    'vector',
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

const answer = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.constantFrom(...PATHS), hostile)
      .map(([p, v]) => JSON.stringify(replace(matrix(), p, v))),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.oneof(fc.string(), fc.constantFrom('', '{', '<html>502</html>')) },
);

describe('energyFromPrometheus on hostile answers', () => {
  it('numbers a GPU whose label is too large a number in order, never as Infinity', async () => {
    const body = JSON.stringify(replace(matrix(), ['data', 'result', 0, 'metric', 'gpu'], '9'.repeat(400)));
    const result = await energyFromPrometheus({
      url: 'http://prometheus:9090',
      fromMs: FROM,
      toMs: TO,
      source: 'dcgm',
      fetch: (async () =>
        new Response(body, { headers: { 'content-type': 'application/json' } })) as typeof fetch,
    });
    const indexes = result.channels.map((c) => c.deviceIndex);
    assert.ok(indexes.every(Number.isSafeInteger), indexes.join(', '));
  });

  it('gives finite energies or an EmpreinteError, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(answer, fc.constantFrom(200, 200, 200, 400, 500, 503), async (body, status) => {
        const fakeFetch = (async () =>
          new Response(body, { status, headers: { 'content-type': 'application/json' } })) as typeof fetch;
        const result = await checkOutcomeAsync(tally, body, () =>
          energyFromPrometheus({
            url: 'http://prometheus:9090',
            fromMs: FROM,
            toMs: TO,
            source: 'dcgm',
            fetch: fakeFetch,
            retry: { minDelayMs: 1 },
          }),
        );
        if (result)
          for (const c of result.channels)
            assert.ok(c.coverage >= 0 && c.coverage <= 1, `coverage ${c.coverage}`);
      }),
      { numRuns: RUNS * 2 },
    );
    assert.ok(tally.accepted > 0 && tally.rejected > 0, JSON.stringify(tally));
  });
});
