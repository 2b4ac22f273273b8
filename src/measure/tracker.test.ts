import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { SampleBatch, Store } from '../records.js';
import { openSqliteStore } from '../store/sqlite.js';
import { Tracker } from './tracker.js';
import type { Reading, Sampler } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'empreinte-tracker-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A GPU read by power (constant) and a CPU read by a counter advancing at a constant rate. */
function fakeSamplers(gpuW: number, cpuW: number): Sampler[] {
  const origin = performance.timeOrigin;
  const gpu: Reading[] = [{ energyJ: undefined, powerW: gpuW, source: 'measured:nvml-power' }];
  const cpu: Reading[] = [{ energyJ: 0, powerW: undefined, source: 'measured:rapl' }];
  return [
    {
      id: 'nvml',
      channels: [{ component: 'gpu', deviceIndex: 0, name: 'fake GPU', source: 'measured:nvml-power' }],
      read: () => gpu,
      close() {},
    },
    {
      id: 'rapl',
      channels: [{ component: 'cpu', deviceIndex: 0, name: 'package-0', source: 'measured:rapl' }],
      read(nowMs) {
        cpu[0].energyJ = (cpuW * (nowMs - origin)) / 1000;
        return cpu;
      },
      close() {},
    },
  ];
}

async function newRun(store: Store, id: string) {
  await store.createRun(
    {
      id,
      name: null,
      host: 'h',
      command: ['x'],
      startedAt: Date.now(),
      location: 'world',
      intensityGPerKwh: 400,
      intensitySource: 't',
      pue: 1,
      pueSource: 't',
      renewableShare: null,
      intervalS: 0.05,
    },
    {
      runId: id,
      host: 'h',
      machine: 'm',
      pid: process.pid,
      pidStart: null,
      startedAt: Date.now(),
      sources: { gpu: 'measured:nvml-power', cpu: 'measured:rapl', ram: null },
      devices: [],
      notes: [],
      system: {
        os: '',
        arch: '',
        cpuModel: null,
        logicalCpus: null,
        cpuPackages: null,
        memTotalGiB: null,
        nodeVersion: '',
        empreinteVersion: '',
      },
    },
  );
}

describe('Tracker', () => {
  it('counts the first and last partial intervals and stores every tick as it is taken', async () => {
    const store = await openSqliteStore(join(dir, 'a.db'));
    await newRun(store, 'r1');
    const tracker = new Tracker({
      samplers: fakeSamplers(200, 50),
      intervalS: 0.05,
      runId: 'r1',
      host: 'h',
      store,
    });
    const ticks: number[] = [];
    tracker.onTick((tick) => ticks.push(tick.totalPowerW));
    tracker.start();
    // Samples are written during the run, not at its end (waited for: a busy machine ticks late).
    let stored = 0;
    for (const started = Date.now(); stored < 2 && Date.now() - started < 5_000; await sleep(20))
      stored = (await store.tickTotals('r1')).length;
    assert.ok(stored >= 2, `samples are written during the run (${stored} ticks so far)`);
    await sleep(30); // stopped within an interval: the last one is partial
    const result = await tracker.stop();
    // Constant power: exact energies over the whole run, partial intervals included.
    assert.ok(
      Math.abs(result.energyJ.gpu - 200 * result.durationS) < 1e-9,
      `${result.energyJ.gpu} vs ${200 * result.durationS}`,
    );
    assert.ok(Math.abs(result.energyJ.cpu - 50 * result.durationS) < 1e-6);
    const totals = await store.sampleTotals('r1');
    const gpuStored = totals.find((t) => t.component === 'gpu')!.energyJ;
    assert.ok(Math.abs(gpuStored - result.energyJ.gpu) < 1e-9, 'the store holds the same energy');
    assert.equal(ticks.length, (await store.tickTotals('r1')).length);
    assert.ok(ticks.every((w) => Math.abs(w - 250) < 1e-6));
    assert.equal(result.peakPowerW > 249, true);
    await store.close();
  });

  it('reads marks appended to the marks file, with the time they are seen or their own time', async () => {
    const marksFile = join(dir, 'marks.jsonl');
    writeFileSync(marksFile, '');
    const warnings: string[] = [];
    const tracker = new Tracker({
      samplers: fakeSamplers(100, 0),
      intervalS: 0.05,
      runId: 'r2',
      host: 'h',
      marksFile,
      onWarning: (w) => warnings.push(w),
    });
    tracker.start();
    appendFileSync(marksFile, '{"label":"epoch 1","tokens":1000}\n');
    await sleep(120);
    appendFileSync(
      marksFile,
      'not json\n{"label":"epoch 2","tokens":2000,"t":1700000000000}\n{"label":"tail"}',
    );
    const result = await tracker.stop();
    assert.deepEqual(
      result.marks.map((m) => [m.label, m.tokens]),
      [
        ['epoch 1', 1000],
        ['epoch 2', 2000],
        ['tail', null],
      ],
    );
    assert.equal(result.marks[1].t, 1700000000000);
    assert.ok(result.marks[0].t >= tracker.startedAt && result.marks[0].t <= result.endedAt);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /not JSON/);
  });

  it('keeps samples that the store refused and writes them once it accepts again', async () => {
    const real = await openSqliteStore(join(dir, 'flaky.db'));
    await newRun(real, 'r3');
    let refuse = true;
    const flaky: Store = Object.create(real);
    flaky.appendSamples = (batch: SampleBatch) => {
      if (refuse) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return real.appendSamples(batch);
    };
    const warnings: string[] = [];
    const tracker = new Tracker({
      samplers: fakeSamplers(100, 0),
      intervalS: 0.05,
      runId: 'r3',
      host: 'h',
      store: flaky,
      onWarning: (w) => warnings.push(w),
    });
    tracker.start();
    await sleep(130);
    assert.equal((await real.tickTotals('r3')).length, 0);
    refuse = false;
    const result = await tracker.stop();
    const stored = await real.sampleTotals('r3');
    assert.ok(
      Math.abs(stored.find((t) => t.component === 'gpu')!.energyJ - result.energyJ.gpu) < 1e-9,
      'nothing lost',
    );
    assert.equal(result.lostSamples, 0);
    assert.equal(warnings.length, 1, 'warned once');
    await real.close();
  });
});
