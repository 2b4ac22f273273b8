import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type FakeMachine, type FakeMachineOptions, fakeMachine } from '../../test/fixtures/proc/machine.js';
import { englishIn } from '../../test/helpers/english.js';
import { CALIBRATION_TRANSFER } from '../catalog/calibration-defaults.js';
import { peakFlopS, resolveHardware } from '../catalog/hardware.js';
import { MFU_MODEL } from '../catalog/training-defaults.js';
import { SINGLE_RUN_SPREAD, spreadOf } from '../engine/calibration.js';
import { withinEvidence } from '../engine/calibration-transfer.js';
import { predictMfu } from '../engine/training-fit.js';
import { type EmpreinteError, isEmpreinteError } from '../errors.js';
import { render } from '../messages/index.js';
import type { Store } from '../records.js';
import { openSqliteStore } from '../store/sqlite.js';
import { calibrateRun, listCalibrations, loadCalibration } from './calibrate.js';
import { estimateTrainingCalibrated } from './calibrate-estimate.js';

/**
 * Calibration on runs recorded by the real tracker on fake GPUs (the fake NVML library, whose
 * energy counters advance at exactly the configured power), stored in a real SQLite database.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const H100 = resolveHardware('nvidia-h100-sxm5-80gb').entry;
const PEAK = peakFlopS(H100, 'bf16');

let store: Store;
let dbPath: string;
const machines: FakeMachine[] = [];
before(async () => {
  const base = await fakeMachine({ gpuSensor: 'none' });
  machines.push(base);
  dbPath = `${base.dir}/calibrate.db`;
  store = await openSqliteStore(dbPath);
});
after(async () => {
  await store.close();
  for (const m of machines) m.stop();
});

interface Recorded {
  id: string;
  chipSeconds: number;
  /** The GPU energy stored for the run. */
  gpuJ: number;
}

const CLI_SOURCE = fileURLToPath(new URL('../cli/main.ts', import.meta.url));

/** `empreinte run` (the real CLI and tracker, from source) measuring a command of `ms` on a fake machine. */
function runArgs(options: FakeMachineOptions & { name?: string }, ms: number) {
  return fakeMachine(options).then((machine) => {
    machines.push(machine);
    const id = randomUUID();
    const args = ['--import', 'tsx', CLI_SOURCE, 'run', '--run-id', id, '--interval', '0.1', '--db', dbPath];
    args.push('--', process.execPath, '-e', `setTimeout(() => {}, ${ms})`);
    const env = { ...process.env, ...machine.env, ...(options.name ? { FAKE_NVML_NAME: options.name } : {}) };
    return { id, args, env };
  });
}

async function record(options: FakeMachineOptions & { name?: string }, ms = 600): Promise<Recorded> {
  const { id, args, env } = await runArgs(options, ms);
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env, timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr);
  const hosts = await store.runHosts(id);
  const chipSeconds = hosts.reduce(
    (s, h) => s + (h.devices.filter((d) => d.component === 'gpu').length * (h.endedAt! - h.startedAt)) / 1000,
    0,
  );
  const gpuJ = (await store.findRun(id))!.energyJ!.gpu;
  return { id, chipSeconds, gpuJ };
}

function fieldOf(error: unknown): string | undefined {
  assert.ok(isEmpreinteError(error), `a usage error, not ${error}`);
  return String((error as EmpreinteError).issues[0].path.at(-1));
}

const within = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.abs(expected),
    `${what}: ${actual} vs ${expected} (±${tolerance * 100}%)`,
  );

describe('calibrate from measured runs', () => {
  let first: Recorded;
  let second: Recorded;
  const params = 1e9;
  const tokens = 40_000;

  it('finds the utilisation and power per chip a run achieved, and maps its GPU to the catalog', async () => {
    first = await record({ gpus: 2, gpuWatts: 400 });
    const c = await calibrateRun(store, { run: first.id, params, tokens });
    assert.equal(c.name, H100.id, 'named after the hardware by default');
    assert.equal(c.hardware, H100.id);
    assert.equal(c.precision, 'bf16');
    within(c.mfu, (6 * params * tokens) / (first.chipSeconds * PEAK), 1e-9, 'mfu = 6·N·D / (chip-s · peak)');
    within(c.powerWPerChip, first.gpuJ / first.chipSeconds, 1e-9, 'GPU energy / chip-seconds');
    // The fake GPUs draw 400 W (the tracker's clock and counter reads, on a busy machine, a little apart).
    within(c.powerWPerChip, 400, 0.1, 'the GPUs’ power');
    assert.equal(c.runs.length, 1);
    assert.equal(c.runs[0].chips, 2);
    // A single run: the stated default spread.
    within(c.range.mfu.high / c.range.mfu.central, SINGLE_RUN_SPREAD.factor, 1e-9, 'default spread');
    within(c.range.powerWPerChip.central / c.range.powerWPerChip.low, SINGLE_RUN_SPREAD.factor, 1e-9, 'low');
    assert.match(c.range.basis, /one run/);
  });

  it('refines a calibration with another run: geometric mean and the spread of the runs', async () => {
    second = await record({ gpus: 1, gpuWatts: 250 });
    const c = await calibrateRun(store, { run: second.id.slice(0, 8), params, tokens: tokens / 2 });
    assert.equal(c.runs.length, 2);
    const mfus = c.runs.map((r) => r.mfu);
    within(c.mfu, Math.sqrt(mfus[0] * mfus[1]), 1e-9, 'geometric mean of the runs');
    const powers = [first, second].map((r) => r.gpuJ / r.chipSeconds);
    within(c.powerWPerChip, Math.sqrt(powers[0] * powers[1]), 1e-9, 'power: geometric mean');
    within(c.powerWPerChip, Math.sqrt(400 * 250), 0.1, 'power: about the GPUs’');
    // Two runs 400 and 250 W apart: a t-interval far wider than the single-run default.
    assert.ok(c.range.powerWPerChip.high / c.powerWPerChip > SINGLE_RUN_SPREAD.factor);
    assert.ok(c.range.powerWPerChip.low < 250 && c.range.powerWPerChip.high > 400);
    // A chip's mean power never exceeds its power limit: the range stops at the catalog TDP.
    assert.equal(c.range.powerWPerChip.high, H100.tdpW);
    assert.match(c.range.basis, /2 runs/);
    // Calibrating the same run again replaces its figures, it does not count twice.
    const again = await calibrateRun(store, { run: second.id, params, tokens });
    assert.equal(again.runs.length, 2);
    assert.deepEqual(
      (await listCalibrations(store)).map((x) => x.name),
      [H100.id],
    );
  });

  it('gives the training estimate its utilisation, chip power and range, and says so', async () => {
    const c = await loadCalibration(store, H100.id);
    const input = { params: 7e9, tokens: 1e12 };
    const e = await estimateTrainingCalibrated(
      { ...input, calibration: H100.id },
      { store: async () => store },
    );
    assert.equal(e.inputs.mfu.source, `calibration:${H100.id}`);
    assert.equal(e.inputs.hardware.source, `calibration:${H100.id}`);
    assert.equal(e.inputs.calibration.value, H100.id);
    // A 7B run is not the calibrated 1B runs' shape: their utilisation is carried to it by the
    // fitted model's slopes, each run by predicted MFU there over predicted MFU at that run (a run of
    // 40,000 tokens on 2 chips held within the published runs' span).
    const target = { hardware: H100, paramsActive: 7e9, paramsTotal: 7e9, tokens: 1e12 };
    const moved = c.runs.map(
      (r) =>
        r.mfu *
        (predictMfu(withinEvidence(target), MFU_MODEL) /
          predictMfu(
            {
              hardware: H100,
              ...withinEvidence({
                paramsActive: r.params,
                paramsTotal: r.params,
                tokens: r.tokens,
                chips: r.chips,
              }),
            },
            MFU_MODEL,
          )),
    );
    const mfu = Math.sqrt(moved[0] * moved[1]);
    within(
      e.chipHours.central,
      (6 * 7e9 * 1e12) / (PEAK * mfu) / 3600,
      1e-9,
      'chip-hours from the moved mfu',
    );
    // Chip-hours ∝ 1/MFU: the estimate's 5–95% range is the wider of the runs' own spread and the
    // transfer's interval, capped at an MFU of 1.
    const own = spreadOf(moved);
    const low = Math.min(own.low, mfu * Math.exp(CALIBRATION_TRANSFER.low));
    const high = Math.min(1, Math.max(own.high, mfu * Math.exp(CALIBRATION_TRANSFER.high)));
    within(e.chipHours.high, (e.chipHours.central * mfu) / low, 0.03, 'high');
    within(e.chipHours.low, (e.chipHours.central * mfu) / high, 0.03, 'low');
    assert.ok(e.notes.some((n) => n.includes('carried to it')));
    // Its range comes from the runs' spread, so it differs from the default estimate's.
    const plain = await estimateTrainingCalibrated(
      { ...input, hardware: H100.id },
      { store: async () => store },
    );
    assert.notEqual(plain.chipHours.central, e.chipHours.central);
    assert.ok(e.notes.some((n) => n.includes('2 measured runs')));
  });

  it('says how its range was found in the reader’s language, in the calibration and in the estimate', async () => {
    const [fr] = await listCalibrations(store, 'fr');
    assert.match(fr.range.basis, /^2 exécutions : moyenne géométrique/);
    assert.deepEqual(englishIn(fr.range.basis), []);
    const [en] = await listCalibrations(store);
    assert.match(en.range.basis, /^2 runs: geometric mean/);
    const e = await estimateTrainingCalibrated(
      { params: 7e9, tokens: 1e12, calibration: H100.id },
      { store: async () => store, lang: 'fr' },
    );
    const note = e.noteMessages.map((m) => render(m, 'fr', 'flag')).find((n) => n.includes('fourchette :'));
    assert.ok(note?.includes('fourchette : 2 exécutions'), note);
    assert.deepEqual(englishIn(note ?? ''), []);
  });

  it('refuses what it cannot calibrate from, naming the field', async () => {
    const refuse = async (promise: Promise<unknown>, field: string, pattern: RegExp) => {
      const error = await promise.then(
        () => assert.fail('expected a usage error'),
        (e: unknown) => e,
      );
      assert.equal(fieldOf(error), field);
      assert.match((error as Error).message, pattern);
    };
    await refuse(
      calibrateRun(store, { run: 'nope-0000', params, tokens }),
      'run',
      new RegExp(`not in .* such as .*${first.id.slice(0, 8)}`),
    );
    await refuse(calibrateRun(store, { run: first.id, params, tokens: 1e12 }), 'tokens', /above 1/);
    await refuse(loadCalibration(store, 'nvidia-h100'), 'calibration', /no calibration named/);
    const unknown = await loadCalibration(store, 'h100-cluster').catch((e: EmpreinteError) => e);
    assert.match((unknown as Error).message, new RegExp(`known: ${H100.id}`));
    await refuse(
      estimateTrainingCalibrated(
        { params, tokens, calibration: H100.id, mfu: 0.4 },
        { store: async () => store },
      ),
      'mfu',
      /not with --calibration/,
    );
    await refuse(
      estimateTrainingCalibrated(
        { params, tokens, calibration: H100.id, hardware: 'a100-80gb' },
        { store: async () => store },
      ),
      'hardware',
      /not the chip/,
    );
    const cpuOnly = await record({ gpuSensor: 'none' }, 300);
    await refuse(calibrateRun(store, { run: cpuOnly.id, params, tokens }), 'run', /no GPU data/);
    const live = await runArgs({ gpus: 1 }, 4000);
    const child = spawn(process.execPath, live.args, { env: live.env, stdio: 'ignore' });
    const exited = once(child, 'exit');
    try {
      for (let i = 0; i < 100 && (await store.runHosts(live.id)).length === 0; i++) await sleep(100);
      await refuse(calibrateRun(store, { run: live.id, params, tokens }), 'run', /still running/);
    } finally {
      await exited;
    }
  });

  it('asks for --hardware when the GPU is not in the catalog, and takes it', async () => {
    const odd = await record({ gpus: 1, gpuWatts: 200, name: 'NVIDIA Prototype X9' });
    const error = await calibrateRun(store, { run: odd.id, params, tokens: 10_000 }).catch((e: unknown) => e);
    assert.equal(fieldOf(error), 'hardware');
    assert.match((error as Error).message, /Prototype X9.*give --hardware/);
    const c = await calibrateRun(store, {
      run: odd.id,
      params,
      tokens: 10_000,
      hardware: 'a100-80gb',
      name: 'lab',
    });
    assert.equal(c.hardware, 'nvidia-a100-sxm4-80gb');
    within(c.powerWPerChip, odd.gpuJ / odd.chipSeconds, 1e-9, 'power');
    within(c.powerWPerChip, 200, 0.1, 'the GPU’s power');
    // One name holds one chip and precision.
    const clash = await calibrateRun(store, { run: first.id, params, tokens, name: 'lab' }).catch((e) => e);
    assert.equal(fieldOf(clash), 'name');
  });
});
