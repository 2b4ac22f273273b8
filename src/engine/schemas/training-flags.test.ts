import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isEmpreinteError } from '../../errors.js';
import { parseInput } from './common.js';
import { nameField, quantityField, readFields, required } from './fields.js';
import { trainingEstimateInputSchema } from './training.js';
import { TRAINING_ESTIMATE_FIELDS as TRAINING_FIELDS } from './training-fields.js';
import { readTrainingFlags } from './training-flags.js';

/** The schema's answer: the parsed input, or undefined where it refuses the input. */
function bySchema(raw: Record<string, unknown>) {
  try {
    return parseInput(trainingEstimateInputSchema, raw);
  } catch (error) {
    if (isEmpreinteError(error)) return undefined;
    throw error;
  }
}

const value = fc.oneof(
  fc.constantFrom(
    '7B',
    '70B',
    '2T',
    ' 1.5e12 ',
    '64',
    '0.4',
    '1.2',
    '300',
    '0',
    '-1',
    '1e40',
    'abc',
    '',
    '  ',
  ),
  fc.constantFrom(
    'h100',
    ' fr ',
    'llama-2-7b',
    'bf16',
    'fp8',
    'int4',
    '700W',
    '1kW',
    '4096',
    '42',
    '100',
    '99',
  ),
  fc.constantFrom(64, 0.4, 1.2, 0, -3, 1e20, 2 ** 33, Number.NaN, Number.POSITIVE_INFINITY, 7e9, 100),
  fc.constantFrom(undefined, null, true, [1], { a: 1 }, 'x'.repeat(201)),
);
const key = fc.constantFrom(...Object.keys(TRAINING_FIELDS), 'unknown', 'mfU');

describe('training flags read without zod', () => {
  it('names the schema’s fields, no more and no fewer', () => {
    assert.deepEqual(
      Object.keys(TRAINING_FIELDS).sort(),
      Object.keys(trainingEstimateInputSchema.shape).sort(),
    );
  });

  it('accepts what the schema accepts, with the same result, and leaves the rest to the schema', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (raw) => {
        const fast = readTrainingFlags(raw);
        const schema = bySchema(raw);
        assert.deepEqual(fast, schema, JSON.stringify(raw));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a whole command line alike', () => {
    const raw = {
      params: '70B',
      tokens: '2T',
      hardware: ' h100 ',
      precision: 'bf16',
      location: 'fr',
      pue: '1.1',
      seed: undefined,
    };
    const fast = readTrainingFlags(raw);
    assert.deepEqual(fast, bySchema(raw));
    assert.equal(fast?.params, 70e9);
    assert.equal(fast?.hardware, 'h100');
  });
});

describe('readFields', () => {
  it('gives undefined while a required field is missing, and reads it once given', () => {
    const fields = {
      params: required(quantityField({ min: 1 }, 'help.trainingParams')),
      hardware: nameField('help.trainingModel'),
    };
    for (let round = 0; round < 2; round++) {
      assert.equal(readFields(fields, { hardware: 'h100' }), undefined);
      assert.equal(readFields(fields, { params: undefined }), undefined);
      assert.deepEqual(readFields(fields, { params: '7B' }), { params: 7e9 });
      assert.deepEqual(readFields(fields, { params: 8, hardware: ' a100 ' }), {
        params: 8,
        hardware: 'a100',
      });
    }
  });
});
