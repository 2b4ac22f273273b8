import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { z } from 'zod';
import { addSchemaOptions, readFlags } from '../src/cli/_schema-options.js';
import * as calibrate from '../src/cli/commands/calibrate.js';
import * as estimate from '../src/cli/commands/estimate.js';
import * as explore from '../src/cli/commands/explore.js';
import * as project from '../src/cli/commands/project.js';
import * as recommend from '../src/cli/commands/recommend.js';
import * as schedule from '../src/cli/commands/schedule.js';
import { calibrateInputSchema } from '../src/engine/schemas/calibrate.js';
import { parseInput } from '../src/engine/schemas/common.js';
import { exploreInputSchema } from '../src/engine/schemas/explore.js';
import { customField, pickFields, quantityField, switchField } from '../src/engine/schemas/fields.js';
import { deploymentInputSchema, inferenceInputSchema } from '../src/engine/schemas/inference.js';
import { projectInputSchema } from '../src/engine/schemas/project.js';
import { recommendInputSchema } from '../src/engine/schemas/recommend.js';
import { DEPLOYMENT_FIELDS } from '../src/engine/schemas/serving-fields.js';
import { trainingEstimateInputSchema } from '../src/engine/schemas/training.js';
import { toFlag } from '../src/engine/units.js';
import { SCHEDULE_FIELDS } from '../src/schedule/fields.js';
import { scheduleInputSchema } from '../src/schedule/schema.js';

/** Flags every command has, or that belong to the CLI alone (where output goes, which database). */
const CLI_ONLY = new Set(['--json', '--lang', '--sources', '--db', '--csv', '--limit', '--list', '--help']);

async function commandOf(path: readonly string[], register: (program: Command) => unknown): Promise<Command> {
  const program = new Command('empreinte');
  await register(program);
  let command = program;
  for (const name of path) {
    const next = command.commands.find((c) => c.name() === name);
    assert.ok(next, `no command ${path.join(' ')}`);
    command = next;
  }
  return command;
}

function schemaFlags(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape).map((key) => `--${toFlag(key)}`);
}

const CASES = [
  { path: ['estimate', 'training'], register: estimate.register, schema: trainingEstimateInputSchema },
  { path: ['estimate', 'inference'], register: estimate.register, schema: inferenceInputSchema },
  { path: ['estimate', 'deployment'], register: estimate.register, schema: deploymentInputSchema },
  { path: ['recommend'], register: recommend.register, schema: recommendInputSchema },
  { path: ['project'], register: project.register, schema: projectInputSchema },
  { path: ['explore'], register: explore.register, schema: exploreInputSchema },
  { path: ['calibrate'], register: calibrate.register, schema: calibrateInputSchema },
  { path: ['schedule'], register: schedule.register, schema: scheduleInputSchema },
] as const;

/**
 * Fields one face has and the other cannot: a measured run's power is read from the local store
 * (`schedule --run`); the series read back for the dashboard's charts (`includeSeries`).
 */
const FACE_ONLY = new Set(['--run', '--include-series']);

describe('CLI flags and API fields come from one table', () => {
  for (const { path, register, schema } of CASES) {
    it(`empreinte ${path.join(' ')}: one flag per field of its schema, no more and no fewer`, async () => {
      const command = await commandOf(path, (p) => register(p, ['node', 'empreinte', ...path]));
      const flags = command.options
        .map((o) => o.long?.replace(/^--no-/, '--') ?? '')
        .filter((f) => !CLI_ONLY.has(f) && !FACE_ONLY.has(f))
        .sort();
      assert.deepEqual(
        flags,
        schemaFlags(schema)
          .filter((f) => !FACE_ONLY.has(f))
          .sort(),
      );
    });
  }

  it('describes every field of every body in JSON Schema (what /openapi.json shows)', () => {
    for (const { schema } of CASES) {
      const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
        properties: Record<string, { description?: string }>;
      };
      for (const [key, property] of Object.entries(json.properties))
        assert.ok((property.description ?? '').length > 5, `${key} has no description`);
    }
  });

  it('gives bounds and units in the help, from the field', () => {
    const command = addSchemaOptions(new Command('x'), {
      powerW: quantityField({ unit: 'W', min: 0, exclusiveMin: true, max: 100_000 }, 'help.powerW', 'w'),
      chips: quantityField({ min: 1, integer: true, max: 1e8 }, 'help.chips'),
    });
    const help = command.helpInformation();
    assert.match(help, /--power-w <w>\s+system power per chip, host included; in \(0, 100000\] W/);
    assert.match(help, /--chips <n>\s+number of accelerators; integer in \[1, 1e8\]/);
  });

  it('collects a repeatable flag and negates a switch that is on by default', () => {
    const fields = {
      compare: customField('help.compare', 'option', { repeatable: true }),
      ranges: switchField('help.ranges', 'help.noRanges'),
      computeOptimal: switchField('help.computeOptimal'),
    };
    const command = addSchemaOptions(new Command('x').exitOverride(), fields);
    command.parse(['--compare', 'model=a,b', '--compare', 'batch=8', '--no-ranges'], { from: 'user' });
    assert.deepEqual(pickFields(fields, command.opts()), {
      compare: ['model=a,b', 'batch=8'],
      ranges: false,
    });
  });

  it('parses the flags of a real command through its schema, naming the flag when a value is refused', async () => {
    const command = await commandOf(['estimate', 'deployment'], (p) =>
      estimate.register(p, ['node', 'empreinte', 'estimate', 'deployment']),
    );
    command.exitOverride().action(() => {});
    command.parse(['--params', '8B', '--hardware', 'h100', '--profile', 'flat', '--compare', 'batch=8,64'], {
      from: 'user',
    });
    const input = parseInput(deploymentInputSchema, pickFields(DEPLOYMENT_FIELDS, command.opts()));
    assert.deepEqual(input, { params: 8e9, hardware: 'h100', profile: 'flat', compare: ['batch=8,64'] });
    assert.throws(
      () => parseInput(deploymentInputSchema, { params: '8B', weightsBits: '64' }),
      /--weights-bits/,
    );
  });

  it('reads schedule’s flags as the API reads its fields, naming the flag, the value and what is accepted', async () => {
    const command = await commandOf(['schedule'], schedule.register);
    command.exitOverride().action(() => {});
    command.parse(
      [
        '--duration',
        '6h',
        '--signal',
        'lifecycle',
        '--max-pauses',
        '2',
        '--power-w',
        '1.5kW',
        '--zone',
        ' DE ',
      ],
      { from: 'user' },
    );
    const read = readFlags(SCHEDULE_FIELDS, command.opts());
    assert.deepEqual(read, { duration: '6h', signal: 'lifecycle', maxPauses: 2, powerW: 1500, zone: 'DE' });
    const api = parseInput(scheduleInputSchema, {
      duration: '6h',
      signal: 'lifecycle',
      maxPauses: '2',
      powerW: '1.5kW',
      zone: ' DE ',
    });
    assert.deepEqual(api, read);
    for (const [flags, refused] of [
      [{ signal: 'marginal' }, /^--signal: 'marginal' is not accepted \(expected direct, lifecycle\)$/],
      [{ maxPauses: '1.5' }, /^--max-pauses: /],
      [{ powerW: '-3' }, /^--power-w: /],
      [
        { format: 'xml' },
        /^--format: 'xml' is not accepted \(expected csv, electricitymaps, watttime, ukci, carbon-aware-sdk\)$/,
      ],
      [{ zone: '  ' }, /^--zone: must not be empty$/],
    ] as const) {
      assert.throws(
        () => readFlags(SCHEDULE_FIELDS, flags),
        (error: Error) => refused.test(error.message),
      );
      // The API refuses the same values, about the same field.
      assert.throws(
        () => parseInput(scheduleInputSchema, { duration: '1h', ...flags }),
        (error: Error) => {
          const [issue] = (error as unknown as { issues: { path: string[] }[] }).issues;
          return issue.path[0] === Object.keys(flags)[0];
        },
      );
    }
  });
});
