/**
 * Property tests over the HTTP API's bodies, in process (`app.request`, no socket): random JSON
 * bodies for every POST route, plausible and hostile. Every answer is 200 or 400 (413/415 for
 * size and type), never 500; a 400 names each field in its issues (the JSON name, no CLI flag);
 * a 200's figures, taken from the route's handler before serialisation (where a NaN or an
 * Infinity would otherwise turn into a silent null), are finite, non-negative and ordered.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import './_seed.js';
import { issueField } from '../../src/errors.js';
import { createApp } from '../../src/server/app.js';
import { type ApiRoute, parseJsonBody } from '../../src/server/route.js';
import { openStore } from '../../src/store/index.js';
import {
  choice,
  type Fields,
  hardwareIds,
  hostileString,
  inputObject,
  LOCATION_IDS,
  logUniform,
  modelIds,
  named,
  numeric,
  wrongType,
} from './_hostile.js';
import { checkOutcomeAsync, newTally, SIGNED_FIELDS, show } from './_invariants.js';

const RUNS = Number(process.env.EMPREINTE_PROPERTY_RUNS ?? 150);
const { app, routes } = createApp({ store: () => openStore(':memory:'), cacheEntries: 0 });
const route = (path: string) => routes.find((r) => r.method === 'POST' && r.path === path) as ApiRoute;
/** The engine's signed fields, plus the schedule answer's savingPct. */
const SIGNED = new Set([...SIGNED_FIELDS, 'savingPct']);
const tally = newTally();
let http = 0;
after(() => {
  process.stdout.write(
    `# api bodies tried: ${http} over HTTP; handler results checked: ${tally.accepted} accepted, ${tally.rejected} rejected\n`,
  );
});

const csv = readFileSync(new URL('../fixtures/grid/files/dst-paris.csv', import.meta.url), 'utf8');

const training: Fields = {
  model: named(modelIds),
  params: numeric(logUniform(1e8, 1e12)),
  tokens: numeric(logUniform(1e9, 1e13)),
  hardware: named(hardwareIds),
  chips: numeric(fc.integer({ min: 1, max: 10_000 })),
  chipHours: numeric(logUniform(1, 1e7)),
  powerW: numeric(logUniform(50, 2000)),
  pue: numeric(fc.double({ min: 1, max: 2, noNaN: true })),
  location: named(LOCATION_IDS),
  gridIntensity: numeric(fc.double({ min: 0, max: 1000, noNaN: true })),
  draws: numeric(fc.constant(100)),
};

const schedule: Fields = {
  series: {
    ok: fc.constantFrom([{ name: 'FR.csv', content: csv }]),
    bad: fc.oneof(
      fc.constantFrom(
        [],
        [{ name: 'x.csv', content: '' }],
        [{ content: 'a,b\n1,2' }],
        [{ name: '../../etc/passwd', content: csv }],
      ),
      fc.array(fc.record({ name: hostileString, content: fc.oneof(hostileString, fc.string()) }), {
        maxLength: 2,
      }),
      wrongType,
    ),
  },
  duration: numeric(fc.constantFrom(1, 3, 6)),
  powerW: numeric(logUniform(100, 1e6)),
  from: {
    ok: fc.constantFrom('2023-03-25T00:00Z', '2023-03-25T06:00:00+01:00'),
    bad: fc.oneof(hostileString, wrongType),
  },
  to: { ok: fc.constantFrom('2023-03-27T00:00Z'), bad: fc.oneof(hostileString, wrongType) },
  interruptible: choice([true, false]),
  maxPauses: numeric(fc.integer({ min: 0, max: 5 })),
  signal: choice(['direct', 'lifecycle']),
  interpolate: choice([true, false]),
  includeSeries: choice([true, false]),
};

const ROUTES: [string, Fields, string[][]][] = [
  ['/estimate/training', training, [['params', 'tokens', 'hardware'], ['chipHours', 'powerW'], ['model']]],
  [
    '/estimate/inference',
    {
      model: named(modelIds),
      hardware: named(hardwareIds),
      requests: numeric(logUniform(1, 1e6)),
      outputTokens: numeric(fc.integer({ min: 0, max: 4000 })),
      batch: numeric(fc.integer({ min: 1, max: 128 })),
      draws: numeric(fc.constant(100)),
    },
    [['model', 'hardware']],
  ],
  ['/recommend', training, [['params', 'tokens', 'hardware']]],
  [
    '/estimate/deployment',
    {
      model: named(modelIds),
      hardware: named(hardwareIds),
      requestsPerDay: numeric(logUniform(1, 1e8)),
      preset: choice(['customer-service']),
      conversationsPerDay: numeric(logUniform(1, 1e6)),
      profile: choice(['flat', 'working-hours', 'evening-peak']),
      trainingCo2eKg: numeric(logUniform(1, 1e6)),
      draws: numeric(fc.constant(100)),
    },
    [
      ['model', 'hardware', 'requestsPerDay'],
      ['preset', 'model', 'hardware'],
    ],
  ],
  [
    '/explore',
    {
      params: {
        ok: fc.constantFrom('1B,7B', ['7B', '13B'], '70B'),
        bad: fc.oneof(hostileString, wrongType, fc.constantFrom([1e308], ['1e999'], [])),
      },
      tokens: numeric(logUniform(1e9, 1e13)),
      hardware: {
        ok: fc.constantFrom('h100', ['h100', 'a100-80gb']),
        bad: fc.oneof(hostileString, wrongType),
      },
      location: named(LOCATION_IDS),
      year: { ok: fc.constantFrom('2030', [2025, 2035]), bad: fc.oneof(hostileString, wrongType) },
    },
    [['params', 'tokens', 'hardware']],
  ],
  [
    '/project',
    {
      ...training,
      year: numeric(fc.integer({ min: 2000, max: 2100 })),
      mix: {
        ok: fc.constantFrom('solar=0.5,wind=0.5', { nuclear: 1 }),
        bad: fc.oneof(hostileString, wrongType),
      },
    },
    [
      ['params', 'tokens', 'hardware', 'year'],
      ['model', 'year'],
    ],
  ],
  [
    '/schedule',
    schedule,
    [
      ['series', 'duration'],
      ['series', 'duration', 'powerW'],
    ],
  ],
];

/** A body as a client would send it: usually JSON of the object, sometimes broken text. */
const bodyText = (value: fc.Arbitrary<unknown>) =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: value.map(
        (v) =>
          JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)) ??
          'null',
      ),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string(),
        fc.constantFrom('{', '{"params":', '[1,2', '{"a":1}}', '\u0000', '{"__proto__":{"x":1}}', 'NaN'),
      ),
    },
  );

for (const [path, fields, bases] of ROUTES) {
  describe(`POST /api/v1${path} with random bodies`, () => {
    it('answers 200 with sane figures or 400 naming the field; never 500', async () => {
      const r = route(path);
      await fc.assert(
        fc.asyncProperty(bodyText(inputObject(fields, bases)), async (text) => {
          http++;
          const response = await app.request(`/api/v1${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: text,
          });
          const answer = await response.text();
          assert.ok(
            [200, 400].includes(response.status),
            `${response.status} for ${show(text)}: ${answer.slice(0, 300)}`,
          );
          const json = JSON.parse(answer);
          if (response.status === 400) {
            assert.ok(json.error.issues.length > 0, answer);
            for (const i of json.error.issues as { path: (string | number)[]; message: string }[]) {
              const field = issueField(i.path);
              assert.ok(field !== undefined, `no field in ${JSON.stringify(i)}`);
              assert.ok(
                i.message.includes(field) || (field === '' && i.message.includes("''")),
                `'${i.message}' does not name ${field}`,
              );
              assert.doesNotMatch(i.message, /(^|\s)--[a-z]/, `a CLI flag in an HTTP message: ${i.message}`);
            }
            return;
          }
          // The figures before JSON: a NaN or Infinity would have been serialised as null.
          await checkOutcomeAsync(
            tally,
            text,
            () => r.handler({ body: parseJsonBody(r.body!, text), c: undefined as never, lang: 'en' }),
            SIGNED,
          );
        }),
        { numRuns: path === '/recommend' || path === '/project' ? RUNS / 2 : RUNS },
      );
    });
  });
}
