import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resolveHardware } from '../../src/catalog/hardware.js';
import { MFU_MODEL } from '../../src/catalog/training-defaults.js';
import { withinEvidence } from '../../src/engine/calibration-transfer.js';
import { predictMfu } from '../../src/engine/training-fit.js';
import { type FakeMachine, fakeMachine } from '../fixtures/proc/machine.js';
import { measureSleep } from '../helpers/measured-run.js';

/** `empreinte calibrate` and `estimate training --calibration` through the built CLI, on fake GPUs. */
interface CalibrationJson {
  name: string;
  hardware: string;
  precision: string;
  mfu: number;
  powerWPerChip: number;
  range: { mfu: { low: number; central: number; high: number }; basis: string };
  runs: { runId: string; chips: number; durationS: number; mfu: number; powerWPerChip: number }[];
}

const PEAK_H100_BF16 = 989.5e12;
let gpu: FakeMachine;
let cpuOnly: FakeMachine;

/** Exit 2 and one line on stderr naming the flag. */
function refused(machine: FakeMachine, args: string[], flag: string, pattern?: RegExp): string {
  const r = machine.cli(args);
  assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], new RegExp(`--${flag}\\b`));
  if (pattern) assert.match(lines[0], pattern);
  assert.doesNotMatch(r.stderr, /\bat \S+:\d+/, 'no stack trace');
  return lines[0];
}

before(async () => {
  gpu = await fakeMachine({ gpus: 2, gpuWatts: 350 });
  cpuOnly = await fakeMachine({ gpuSensor: 'none' });
  measureSleep(gpu, 'aaaa0001-calibrate', 800);
  measureSleep(gpu, 'bbbb0002-calibrate', 800);
  measureSleep(cpuOnly, 'cccc0003-calibrate', 300);
});
after(() => {
  gpu.stop();
  cpuOnly.stop();
});

/** Calibrates a run of the GPU machine under the name `lab` (a 1B-parameter model), as JSON. */
const calibrate = (run: string, tokens: string) =>
  gpu.cli(['calibrate', '--run', run, '--params', '1B', '--tokens', tokens, '--name', 'lab', '--json']);

describe('empreinte calibrate', () => {
  it('prints what the run achieved as JSON, and refines it with a second run', () => {
    const r = calibrate('aaaa0001', '4e4');
    assert.equal(r.status, 0, r.stderr);
    const c = JSON.parse(r.stdout) as CalibrationJson;
    assert.equal(c.name, 'lab');
    assert.equal(c.hardware, 'nvidia-h100-sxm5-80gb');
    assert.equal(c.runs.length, 1);
    const chipSeconds = c.runs[0].chips * c.runs[0].durationS;
    assert.equal(c.runs[0].chips, 2);
    assert.ok(Math.abs(c.mfu - (6 * 1e9 * 4e4) / (chipSeconds * PEAK_H100_BF16)) < 1e-9 * c.mfu);
    assert.ok(Math.abs(c.powerWPerChip - 350) < 0.05 * 350, `${c.powerWPerChip} W`);
    const two = calibrate('bbbb0002', '2e4');
    assert.equal(two.status, 0, two.stderr);
    const refined = JSON.parse(two.stdout) as CalibrationJson;
    assert.equal(refined.runs.length, 2);
    assert.match(refined.range.basis, /2 runs/);
    // Half the tokens in the same time: the second run's utilisation is about half the first's.
    assert.ok(refined.runs[1].mfu < 0.7 * refined.runs[0].mfu);
    const text = gpu.cli(['calibrate', '--list']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /Calibration lab: nvidia-h100-sxm5-80gb, bf16, 2 runs/);
    const french = gpu.cli(['calibrate', '--list', '--lang', 'fr']);
    assert.match(french.stdout, /Calibration lab : nvidia-h100-sxm5-80gb, bf16, 2 exécutions/);
    assert.match(french.stdout, /puissance par puce/);
  });

  it('estimate training --calibration takes its utilisation and chip power, and says where they came from', () => {
    const r = gpu.cli([
      'estimate',
      'training',
      '--params',
      '7B',
      '--tokens',
      '1T',
      '--calibration',
      'lab',
      '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const e = JSON.parse(r.stdout) as {
      chipHours: { low: number; central: number; high: number };
      inputs: Record<string, { value: unknown; source: string }>;
      notes: string[];
    };
    assert.equal(e.inputs.mfu.source, 'calibration:lab');
    assert.equal(e.inputs.powerWPerChip.source, 'calibration:lab');
    const list = JSON.parse(gpu.cli(['calibrate', '--list', '--json']).stdout) as CalibrationJson[];
    // 7B is not the calibrated 1B runs' shape: each run's utilisation is carried to it by the fit
    // (the runs' 40,000 and 20,000 tokens on 2 chips held within the published runs' span).
    const h100 = resolveHardware('h100').entry;
    const at = (paramsActive: number, tokens: number, chips?: number) =>
      predictMfu(
        { hardware: h100, ...withinEvidence({ paramsActive, paramsTotal: paramsActive, tokens, chips }) },
        MFU_MODEL,
      );
    const moved = list[0].runs.map((run, i) => run.mfu * (at(7e9, 1e12) / at(1e9, i === 0 ? 4e4 : 2e4, 2)));
    const expected = (6 * 7e9 * 1e12) / (PEAK_H100_BF16 * Math.sqrt(moved[0] * moved[1])) / 3600;
    assert.ok(
      Math.abs(e.chipHours.central - expected) < 1e-9 * expected,
      `${e.chipHours.central} vs ${expected}`,
    );
    assert.ok(e.chipHours.low < e.chipHours.central && e.chipHours.central < e.chipHours.high);
    assert.ok(e.notes.some((n) => /carried to it/.test(n)));
  });

  it('refuses bad input with exit 2 and one line naming the flag', () => {
    refused(gpu, ['calibrate', '--run', 'zzzz9999', '--params', '1B', '--tokens', '4e4'], 'run', /not in/);
    refused(
      cpuOnly,
      ['calibrate', '--run', 'cccc0003', '--params', '1B', '--tokens', '4e4'],
      'run',
      /no GPU data/,
    );
    refused(gpu, ['calibrate', '--run', 'aaaa0001', '--params', '1B', '--tokens', '1T'], 'tokens', /above 1/);
    refused(gpu, ['calibrate', '--run', 'aaaa0001', '--tokens', '4e4'], 'params');
    refused(
      gpu,
      ['estimate', 'training', '--params', '7B', '--tokens', '1T', '--calibration', 'lob'],
      'calibration',
      /known: lab/,
    );
    refused(
      gpu,
      ['estimate', 'training', '--params', '7B', '--tokens', '1T', '--calibration', 'lab', '--mfu', '0.4'],
      'mfu',
    );
  });
});
