import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type EmpreinteError, isEmpreinteError, localised } from '../../errors.js';
import { scheduleInputSchema } from '../../schedule/schema.js';
import { parseInput } from './common.js';
import { exploreInputSchema } from './explore.js';
import { deploymentInputSchema } from './inference.js';
import { projectInputSchema } from './project.js';

/** The issue a schema raises on `input`. */
function issueOf(schema: Parameters<typeof parseInput>[0], input: Record<string, unknown>) {
  let error: unknown;
  try {
    parseInput(schema, input);
  } catch (e) {
    error = e;
  }
  assert.ok(isEmpreinteError(error), `a usage error, not ${error}`);
  return (error as EmpreinteError).issues[0];
}

/**
 * A value of none of a union's shapes (a number where a word or text is expected, an object where a
 * list is) is answered with what that field accepts, not with another field's wording.
 */
describe('a value of the wrong shape names what its field accepts', () => {
  const base = { model: 'llama-3.1-8b', hardware: 'h100', requestsPerDay: 1000 };
  const cases: [string, Parameters<typeof parseInput>[0], Record<string, unknown>, RegExp, RegExp][] = [
    ['promptCaching', deploymentInputSchema, { ...base, promptCaching: 'maybe' }, /^on or off/, /^on ou off/],
    [
      'profile',
      deploymentInputSchema,
      { ...base, profile: 'lunch' },
      /^flat, working-hours, evening-peak, or 24 hourly/,
      /24 poids horaires/,
    ],
    [
      'params',
      exploreInputSchema,
      { params: { a: 1 } },
      /^a value, or a list of values/,
      /^une valeur, ou une liste/,
    ],
    [
      'computeOptimal',
      exploreInputSchema,
      { params: '7B', computeOptimal: 'yes' },
      /^true or false$/,
      /^true ou false$/,
    ],
    [
      'mix',
      projectInputSchema,
      { params: '7B', tokens: '1T', mix: 42 },
      /^TECHNOLOGY=SHARE pairs/,
      /^des paires/,
    ],
    ['duration', scheduleInputSchema, { duration: true }, /^a duration such as 90m/, /durée/],
  ];
  for (const [field, schema, input, english, french] of cases) {
    it(field, () => {
      const issue = issueOf(schema, input);
      assert.equal(issue.path.at(-1), field);
      assert.match(String(issue.accepted), english);
      assert.doesNotMatch(issue.message, /70B/, issue.message);
      assert.match(String(localised(issue, 'fr', 'flag').accepted), french);
    });
  }

  it('keeps the quantity wording for a quantity', () => {
    const issue = issueOf(deploymentInputSchema, { ...base, requestsPerDay: true });
    assert.equal(issue.path.at(-1), 'requestsPerDay');
    assert.match(String(issue.accepted), /^a number, or a string such as 70B$/);
  });
});
