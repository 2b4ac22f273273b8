/**
 * Property tests over every engine entry point and its input schema: random inputs mixing plausible
 * and hostile values never escape as anything but an `EmpreinteError` naming its field, and every
 * accepted input gives finite, non-negative figures with low <= central <= high.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import './_seed.js';
import type { z } from 'zod';
import { PRECISIONS } from '../../src/catalog/types.js';
import { compareFootprint } from '../../src/engine/compare.js';
import { estimateDeployment } from '../../src/engine/deployment-compare.js';
import { explore, exploreRows } from '../../src/engine/explore.js';
import { estimateInference } from '../../src/engine/inference.js';
import { projectTraining } from '../../src/engine/project.js';
import { recommend } from '../../src/engine/recommend/index.js';
import { parseInput } from '../../src/engine/schemas/common.js';
import { exploreInputSchema } from '../../src/engine/schemas/explore.js';
import { deploymentInputSchema, inferenceInputSchema } from '../../src/engine/schemas/inference.js';
import { projectInputSchema } from '../../src/engine/schemas/project.js';
import { recommendInputSchema } from '../../src/engine/schemas/recommend.js';
import { trainingInputSchema } from '../../src/engine/schemas/training.js';
import { estimateTraining } from '../../src/engine/training.js';
import { parseDurationHours, parseQuantity } from '../../src/engine/units.js';
import {
  choice,
  edgeObject,
  type Field,
  type Fields,
  hardwareIds,
  hostileNumber,
  hostileString,
  inputObject,
  LOCATION_IDS,
  logUniform,
  modelIds,
  named,
  numeric,
  wrongType,
} from './_hostile.js';
import { assertNamedRejection, checkOutcome, newTally, SIGNED_FIELDS, type Tally } from './_invariants.js';

/** Runs per property (each is a full estimate); raise it with EMPREINTE_PROPERTY_RUNS for a longer hunt. */
const RUNS = Number(process.env.EMPREINTE_PROPERTY_RUNS ?? 150);

const SIGNED = SIGNED_FIELDS;

const tallies: Record<string, Tally> = {};
function tally(name: string): Tally {
  tallies[name] ??= newTally();
  return tallies[name];
}

after(() => {
  // Printed so that the figures in the documentation can be re-measured.
  const total = Object.values(tallies).reduce((s, t) => s + t.accepted + t.rejected, 0);
  const lines = Object.entries(tallies).map(
    ([k, t]) => `${k}: ${t.accepted} accepted, ${t.rejected} rejected`,
  );
  process.stdout.write(`# engine property inputs tried: ${total}\n# ${lines.join('\n# ')}\n`);
});

const trainingFields: Fields = {
  model: named(modelIds),
  params: numeric(logUniform(1e6, 2e12)),
  activeParams: numeric(logUniform(1e6, 2e12)),
  tokens: numeric(logUniform(1e8, 3e13)),
  hardware: named(hardwareIds),
  precision: choice(PRECISIONS),
  chips: numeric(fc.integer({ min: 1, max: 100_000 })),
  chipHours: numeric(logUniform(1, 1e8)),
  days: numeric(logUniform(0.01, 1000)),
  mfu: numeric(fc.double({ min: 0.01, max: 1, noNaN: true })),
  powerW: numeric(logUniform(10, 5000)),
  pue: numeric(fc.double({ min: 1, max: 3, noNaN: true })),
  location: named(LOCATION_IDS),
  gridIntensity: numeric(fc.double({ min: 0, max: 2000, noNaN: true })),
  renewableShare: numeric(fc.double({ min: 0, max: 1, noNaN: true })),
  layers: numeric(fc.integer({ min: 1, max: 200 })),
  contextLength: numeric(fc.integer({ min: 1, max: 1_000_000 })),
  dModel: numeric(fc.integer({ min: 1, max: 100_000 })),
  seed: numeric(fc.integer({ min: 0, max: 2 ** 32 - 1 })),
  // Few Monte Carlo draws keep each run fast; the range logic is the same.
  draws: numeric(fc.constantFrom(100, 200)),
};

/** Sets of training fields that make a complete input: catalog, first-principles and accounting modes. */
const TRAINING_BASES = [
  ['model'],
  ['params', 'tokens', 'hardware'],
  ['chipHours', 'powerW'],
  ['chips', 'days', 'hardware'],
];

const servingFields: Fields = {
  model: named(modelIds),
  params: numeric(logUniform(1e8, 1e12)),
  activeParams: numeric(logUniform(1e8, 1e12)),
  hardware: named(hardwareIds),
  gpus: numeric(fc.integer({ min: 1, max: 64 })),
  batch: numeric(fc.integer({ min: 1, max: 512 })),
  weightsBits: numeric(fc.constantFrom(4, 8, 16)),
  kvBytesPerToken: numeric(logUniform(1e3, 1e7)),
  cacheCostFraction: numeric(fc.double({ min: 0, max: 1, noNaN: true })),
  pue: numeric(fc.double({ min: 1, max: 3, noNaN: true })),
  location: named(LOCATION_IDS),
  gridIntensity: numeric(fc.double({ min: 0, max: 2000, noNaN: true })),
  renewableShare: numeric(fc.double({ min: 0, max: 1, noNaN: true })),
  seed: numeric(fc.integer({ min: 0, max: 2 ** 32 - 1 })),
  draws: numeric(fc.constantFrom(100, 200)),
};

const inferenceFields: Fields = {
  ...servingFields,
  inputTokens: numeric(fc.integer({ min: 0, max: 100_000 })),
  cachedInputTokens: numeric(fc.integer({ min: 0, max: 10_000 })),
  outputTokens: numeric(fc.integer({ min: 0, max: 10_000 })),
  requests: numeric(logUniform(1, 1e9)),
};

const deploymentFields: Fields = {
  ...servingFields,
  preset: choice(['customer-service']),
  requestsPerDay: numeric(logUniform(1, 1e9)),
  inputTokens: numeric(fc.integer({ min: 0, max: 100_000 })),
  outputTokens: numeric(fc.integer({ min: 0, max: 10_000 })),
  conversationsPerDay: numeric(logUniform(1, 1e7)),
  turns: numeric(fc.integer({ min: 1, max: 30 })),
  tokensPerTurn: numeric(fc.integer({ min: 0, max: 2000 })),
  replyTokens: numeric(fc.integer({ min: 0, max: 2000 })),
  systemPromptTokens: numeric(fc.integer({ min: 0, max: 5000 })),
  retrievedTokens: numeric(fc.integer({ min: 0, max: 5000 })),
  promptCaching: choice([true, false, 'on', 'off']),
  profile: {
    ok: fc.oneof(
      fc.constantFrom('flat', 'working-hours', 'evening-peak'),
      fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 24, maxLength: 24 }).map((a) => a.join(',')),
      fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 24, maxLength: 24 }),
    ),
    bad: fc.oneof(
      fc.array(fc.oneof(fc.double(), hostileNumber), { minLength: 23, maxLength: 25 }),
      fc.array(fc.constant(0), { minLength: 24, maxLength: 24 }),
      fc.array(fc.constant(1e308), { minLength: 24, maxLength: 24 }),
      hostileString,
      wrongType,
    ),
  },
  replicas: numeric(fc.integer({ min: 1, max: 100 })),
  responseCacheHitRate: numeric(fc.double({ min: 0, max: 1, noNaN: true })),
  trainingCo2eKg: numeric(logUniform(1, 1e7)),
  trainingLifetimeYears: numeric(fc.double({ min: 0.1, max: 10, noNaN: true })),
  compare: {
    ok: fc.constantFrom(['hardware=a100-80gb'], ['batch=8,64'], ['route=0.5:llama-2-7b'], ['location=fr,pl']),
    bad: fc.oneof(fc.array(hostileString.map(String), { minLength: 1, maxLength: 2 }), wrongType),
  },
};

/** A list field of explore: a list of plausible values or a comma string; hostile items or empty lists. */
function list(field: Field): Field {
  return {
    ok: fc.oneof(
      { weight: 3, arbitrary: fc.array(field.ok, { minLength: 1, maxLength: 3 }) },
      {
        weight: 2,
        arbitrary: fc.array(field.ok, { minLength: 1, maxLength: 3 }).map((a) => a.map(String).join(',')),
      },
      { weight: 2, arbitrary: field.ok },
    ),
    bad: fc.oneof(
      fc.tuple(field.ok, field.bad).map(([a, b]) => [a, b]),
      field.bad,
      fc.constantFrom('', ',', ',,,', [], [null], [[1]]),
    ),
  };
}

const exploreFields: Fields = {
  ...Object.fromEntries(
    Object.entries(trainingFields)
      .filter(([k]) => k !== 'seed' && k !== 'draws')
      .map(([k, v]) => [k, list(v)]),
  ),
  year: list(numeric(fc.integer({ min: 2000, max: 2100 }))),
  scenario: list(choice(['current-policies', 'pledges', 'net-zero'])),
  efficiencyTrend: choice(['ml-gpus', 'leading']),
  sort: choice(['co2eKg', 'energyKwh', '-co2eKg', 'params']),
  computeOptimal: choice([true, false, 'true', 'false']),
  computeBudget: list(numeric(logUniform(1e18, 1e26))),
  scalingFit: choice(['hoffmann-2022', 'besiroglu-2024']),
  tokensPerParam: numeric(fc.double({ min: 1, max: 100, noNaN: true })),
  ranges: choice([true, false]),
};

const projectFields: Fields = {
  ...trainingFields,
  year: numeric(fc.integer({ min: 2000, max: 2100 })),
  scenario: choice(['current-policies', 'pledges', 'net-zero']),
  mix: {
    ok: fc.constantFrom('solar=0.5,wind=0.5', 'nuclear=1', 'coal=0.2,gas=0.3,hydro=0.5', {
      wind: 0.6,
      solar: '0.4',
    }),
    bad: fc.oneof(
      fc.dictionary(fc.constantFrom('solar', 'wind', 'gas', 'coal', 'x', '__proto__'), hostileNumber, {
        maxKeys: 3,
      }),
      hostileString,
      wrongType,
    ),
  },
  efficiencyTrend: choice(['ml-gpus', 'leading']),
};

interface Engine {
  name: string;
  schema: z.ZodType;
  run(input: never): unknown;
  fields: Fields;
  bases: string[][];
  /** Numeric fields pushed to the edges of the double range. */
  numericKeys: string[];
  runs: number;
}

const numericKeysOf = (fields: Fields, exclude: string[] = []) =>
  Object.keys(fields).filter(
    (k) =>
      ![
        'model',
        'hardware',
        'location',
        'precision',
        'preset',
        'promptCaching',
        'profile',
        'compare',
        'mix',
        'scenario',
      ].includes(k) &&
      !['efficiencyTrend', 'sort', 'computeOptimal', 'scalingFit', 'ranges', ...exclude].includes(k),
  );

const ENGINES: Engine[] = [
  {
    name: 'estimateTraining',
    schema: trainingInputSchema,
    run: (input) => estimateTraining(input),
    fields: trainingFields,
    bases: TRAINING_BASES,
    numericKeys: numericKeysOf(trainingFields, ['draws']),
    runs: RUNS * 2,
  },
  {
    name: 'estimateInference',
    schema: inferenceInputSchema,
    run: (input) => estimateInference(input),
    fields: inferenceFields,
    bases: [
      ['model', 'hardware'],
      ['params', 'hardware'],
      ['model', 'hardware', 'gpus', 'batch', 'requests'],
    ],
    numericKeys: numericKeysOf(inferenceFields, ['draws']),
    runs: RUNS * 2,
  },
  {
    name: 'estimateDeployment',
    schema: deploymentInputSchema,
    run: (input) => estimateDeployment(input),
    fields: deploymentFields,
    bases: [
      ['model', 'hardware', 'requestsPerDay'],
      ['preset', 'model', 'hardware', 'conversationsPerDay'],
      ['params', 'hardware', 'requestsPerDay', 'profile', 'trainingCo2eKg'],
    ],
    numericKeys: numericKeysOf(deploymentFields, ['draws']),
    runs: RUNS,
  },
  {
    name: 'explore',
    schema: exploreInputSchema,
    run: (input) => exploreRows(explore(input)),
    fields: exploreFields,
    bases: TRAINING_BASES,
    numericKeys: numericKeysOf(exploreFields),
    runs: RUNS * 2,
  },
  {
    name: 'projectTraining',
    schema: projectInputSchema,
    run: (input) => projectTraining(input),
    fields: projectFields,
    bases: TRAINING_BASES.map((b) => [...b, 'year']),
    numericKeys: numericKeysOf(projectFields, ['draws']),
    runs: RUNS,
  },
  {
    name: 'recommend',
    schema: recommendInputSchema,
    run: (input) => recommend(input),
    fields: { ...trainingFields, trials: numeric(fc.integer({ min: 1, max: 100 })) },
    bases: TRAINING_BASES,
    numericKeys: [...numericKeysOf(trainingFields, ['draws']), 'trials'],
    runs: RUNS,
  },
];

/** Few Monte Carlo draws unless the input chose otherwise (speed only). */
function withDraws(engine: Engine, input: unknown): unknown {
  if (!('draws' in engine.fields) || typeof input !== 'object' || input === null || Array.isArray(input))
    return input;
  return 'draws' in input ? input : { ...input, draws: 100 };
}

for (const engine of ENGINES) {
  describe(`${engine.name} on random inputs`, () => {
    const evaluate = (t: Tally, raw: unknown) => {
      const input = withDraws(engine, raw);
      checkOutcome(t, input, () => engine.run(parseInput(engine.schema, input) as never), SIGNED);
    };

    it('accepts with finite, ordered figures or rejects naming the field', () => {
      const t = tally(engine.name);
      fc.assert(
        fc.property(inputObject(engine.fields, engine.bases), (raw) => evaluate(t, raw)),
        { numRuns: engine.runs },
      );
      // Enough inputs must pass validation for the result checks to mean something.
      assert.ok(t.accepted >= engine.runs / 20, `only ${t.accepted} of ${engine.runs} inputs accepted`);
    });

    it('never overflows at the edges of the double range', () => {
      const t = tally(`${engine.name} (edges)`);
      fc.assert(
        fc.property(edgeObject(engine.fields, engine.bases, engine.numericKeys), (raw) => evaluate(t, raw)),
        { numRuns: engine.runs },
      );
    });
  });
}

describe('parseQuantity and parseDurationHours on any value', () => {
  it('return a finite number within bounds or throw a named EmpreinteError', () => {
    const t = tally('parseQuantity');
    const bounds = fc.record(
      {
        min: fc.constantFrom(0, 1, -5),
        exclusiveMin: fc.boolean(),
        max: fc.constantFrom(1, 100, 1e6),
        integer: fc.boolean(),
        unit: fc.constantFrom('W', 'h'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(hostileNumber, hostileString),
        bounds,
        fc.constantFrom('powerW', 'chipHours', 'mfu'),
        (value, o, field) => {
          // Negative numbers are legitimate where no lower bound is asked for.
          const signed = new Set(o.min === undefined || o.min < 0 ? ['*'] : []);
          const out = checkOutcome(t, { value, o }, () => parseQuantity(value as string, field, o), signed);
          if (out === undefined) return;
          if (o.min !== undefined) assert.ok(o.exclusiveMin ? out > o.min : out >= o.min);
          if (o.max !== undefined) assert.ok(out <= o.max);
          if (o.integer) assert.ok(Number.isInteger(out));
        },
      ),
      { numRuns: RUNS * 10 },
    );
    fc.assert(
      fc.property(fc.oneof(hostileNumber, hostileString), (value) => {
        const out = checkOutcome(t, value, () => parseDurationHours(value as string, 'duration'));
        if (out !== undefined) assert.ok(out > 0);
      }),
      { numRuns: RUNS * 5 },
    );
  });
});

describe('compareFootprint on random inputs', () => {
  it('accepts with sane figures or rejects naming the field', () => {
    const t = tally('compareFootprint');
    const num = fc.oneof(
      fc.double({ min: 0, max: 1e9, noNaN: true }),
      fc.constantFrom(Number.NaN, -1, -0, 1e308, Number.POSITIVE_INFINITY),
    );
    fc.assert(
      fc.property(
        fc.record(
          { co2eKg: num, energyKwh: num, model: fc.oneof(fc.constantFrom(...modelIds), fc.string()) },
          { requiredKeys: [] },
        ),
        (input) => {
          checkOutcome(t, input, () => compareFootprint(input), SIGNED);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });
});

describe('parseInput on values that are not objects', () => {
  it('rejects each with an issue naming the input', () => {
    for (const schema of [
      trainingInputSchema,
      inferenceInputSchema,
      deploymentInputSchema,
      exploreInputSchema,
      projectInputSchema,
    ]) {
      for (const value of [null, undefined, 42, 'x', [], true]) {
        assert.throws(
          () => parseInput(schema, value),
          (error) => {
            assertNamedRejection(error, value);
            return true;
          },
        );
      }
    }
  });
});
