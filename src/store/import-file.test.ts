import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildRunReport } from '../measure/run-report.js';
import type { SampleRecord, Store } from '../records.js';
import { exportJson } from '../report/exports/json.js';
import { type ImportGrid, importRunFile } from './import-file.js';
import { openStore } from './index.js';
import type { KyselyStore } from './kysely-store.js';
import { SAMPLES_CSV_HEADER, samplesCsv } from './samples-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'empreinte-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const grid: ImportGrid = {
  location: 'FR',
  intensityGPerKwh: 50,
  intensitySource: 'test',
  pue: 1.2,
  pueSource: 'test',
};
const options = { defaultGrid: () => grid };
const system = {
  os: 'Linux',
  arch: 'x64',
  cpuModel: null,
  logicalCpus: null,
  cpuPackages: null,
  memTotalGiB: null,
  nodeVersion: 'v20',
  empreinteVersion: '0',
};

async function measuredRun(store: Store, ticks: number): Promise<void> {
  for (const host of ['node-a', 'node-b']) {
    await store.createRun(
      {
        id: 'src',
        name: 'source',
        host,
        command: ['train'],
        startedAt: 1_767_225_599_000,
        location: 'FR',
        intensityGPerKwh: 50,
        intensitySource: 't',
        pue: 1.2,
        pueSource: 't',
        renewableShare: null,
        intervalS: 1,
      },
      {
        runId: 'src',
        host,
        machine: host,
        pid: 1,
        pidStart: null,
        startedAt: 1_767_225_599_000,
        sources: { gpu: 'measured:nvml-counter', cpu: 'measured:rapl', ram: null },
        devices: [],
        notes: [],
        system,
      },
    );
  }
  for (let i = 0; i < ticks; i++) {
    for (const host of ['node-a', 'node-b']) {
      const powerW = Float64Array.from([300 + Math.sin(i) * 42.123, 120.5 + (i % 5)]);
      const intervalS = 1 + (i % 3) * 0.001;
      await store.appendSamples({
        runId: 'src',
        host,
        t: 1_767_225_600_000 + i * 1000 + (host === 'node-b' ? 7 : 0),
        intervalS,
        count: 2,
        component: ['gpu', 'cpu'],
        deviceIndex: Int32Array.from([0, 0]),
        powerW,
        energyJ: powerW.map((w) => w * intervalS),
        source: ['measured:nvml-counter', 'measured:rapl'],
      });
    }
  }
  await store.addMark({
    runId: 'src',
    host: 'node-a',
    t: 1_767_225_600_000 + 100_500,
    label: 'warm-up',
    tokens: 1000,
  });
}

async function all(store: Store, runId: string): Promise<SampleRecord[]> {
  const out: SampleRecord[] = [];
  for await (const batch of store.readSamples(runId)) out.push(...batch);
  return out;
}

async function csvOf(store: Store, runId: string): Promise<string> {
  let text = '';
  for await (const part of samplesCsv(store.readSamples(runId))) text += part;
  return text;
}

describe('runs import of a samples CSV', () => {
  it('brings back every sample of an export, and the same totals', async () => {
    const source = await openStore(join(dir, 'source.db'));
    await measuredRun(source, 300);
    const csv = await csvOf(source, 'src');
    assert.equal(csv.split('\n')[0], SAMPLES_CSV_HEADER);
    assert.match(
      csv.split('\n')[1],
      /^2026-01-01T00:00:00\.000Z,node-a,gpu,0,300,300,measured:nvml-counter$/,
    );
    const file = join(dir, 'samples.csv');
    writeFileSync(file, csv);
    const target = await openStore(join(dir, 'target.db'));
    const imported = await importRunFile(target, file, { ...options, name: 'moved' });
    assert.equal(imported.samples, 1200);
    assert.equal(imported.hosts, 2);
    const before = await all(source, 'src');
    const moved = await all(target, imported.id);
    assert.equal(moved.length, before.length);
    for (let i = 0; i < before.length; i++) {
      const { runId: _a, intervalS: ia, ...a } = before[i];
      const { runId: _b, intervalS: ib, ...b } = moved[i];
      assert.deepEqual(b, a);
      assert.ok(Math.abs(ia - ib) < 1e-9, `interval ${ia} vs ${ib}`);
    }
    const run = await target.findRun(imported.id);
    assert.equal(run?.name, 'moved');
    assert.equal(run?.status, 'completed');
    const sum = (rows: SampleRecord[]) => rows.reduce((s, r) => s + r.energyJ, 0);
    const report = await buildRunReport(target, run!);
    assert.ok(Math.abs(report.energyKwh.total * 3.6e6 - sum(before)) < 1e-6 * sum(before));
    assert.equal(report.hosts.length, 2);
    await source.close();
    await target.close();
  });

  it('names the line of a bad row, and leaves nothing of the file behind', async () => {
    const store = await openStore(join(dir, 'bad.db'));
    const good = '2026-01-01T00:00:01.000Z,node-a,gpu,0,300,300,measured:nvml-counter';
    const cases: [string, RegExp][] = [
      [
        `${SAMPLES_CSV_HEADER}\n${good}\n${good.replace('300,300', 'abc,300')}\n`,
        /bad\.csv line 3: power_w 'abc' is not a power in W/,
      ],
      [
        `${SAMPLES_CSV_HEADER}\n${good}\n${good.replace('gpu', 'tpu')}\n`,
        /line 3: component 'tpu' is not gpu, cpu or ram/,
      ],
      [
        `${SAMPLES_CSV_HEADER}\n${good}\nyesterday,node-a,gpu,0,1,1,x\n`,
        /line 3: timestamp 'yesterday' is not an ISO 8601 time/,
      ],
      [
        `${SAMPLES_CSV_HEADER}\n${good}\n${good.replace('00:00:01', '00:00:02')}\n${good}\n`,
        /line 4: .* is earlier than the previous row of host node-a/,
      ],
      [`${SAMPLES_CSV_HEADER}\n${good},extra\n`, /line 2: expected 7 fields, got 8/],
      ['time,value\n1,2\n', /line 1: not a samples CSV header/],
    ];
    for (const [text, message] of cases) {
      const file = join(dir, 'bad.csv');
      writeFileSync(file, text);
      await assert.rejects(importRunFile(store, file, options), (error: Error) => {
        assert.match(error.message, message);
        return true;
      });
    }
    // A failure while writing (the second pass) rolls everything back too.
    const file = join(dir, 'late.csv');
    writeFileSync(file, `${SAMPLES_CSV_HEADER}\n${good}\n`);
    const failing = Object.create(store) as Store;
    failing.importRun = (run, samples) =>
      store.importRun(
        run,
        (async function* () {
          for await (const batch of samples) yield batch;
          throw new Error('disk gone');
        })(),
      );
    await assert.rejects(importRunFile(failing, file, options), /disk gone/);
    assert.deepEqual(await store.listRuns(), []);
    const channels = await (store as KyselyStore).db.selectFrom('channels').selectAll().execute();
    assert.deepEqual(channels, []);
    await store.close();
  });
});

describe('runs import of a JSON export', () => {
  it('stores the run’s totals per host and its phases, with the same energy', async () => {
    const source = await openStore(join(dir, 'json-source.db'));
    await measuredRun(source, 200);
    for (const host of ['node-a', 'node-b'])
      await source.finishHost('src', host, {
        endedAt: 1_767_225_800_000,
        status: 'completed',
        exitCode: 0,
        energyJ: { gpu: 0, cpu: 0, ram: 0 },
      });
    const report = await buildRunReport(source, (await source.findRun('src'))!);
    const file = join(dir, 'run.json');
    writeFileSync(file, exportJson(report));
    const target = await openStore(join(dir, 'json-target.db'));
    const imported = await importRunFile(target, file, options);
    const back = await buildRunReport(target, (await target.findRun(imported.id))!);
    assert.equal(back.name, 'source');
    assert.ok(Math.abs(back.energyKwh.total - report.energyKwh.total) < 1e-9 * report.energyKwh.total);
    assert.ok(Math.abs(back.energyKwh.gpu - report.energyKwh.gpu) < 1e-9 * report.energyKwh.gpu);
    assert.deepEqual(back.hosts.map((h) => h.host).sort(), ['node-a', 'node-b']);
    assert.equal(back.location.id, report.location.id);
    assert.deepEqual(
      back.phases.map((p) => p.label),
      report.phases.map((p) => p.label),
    );
    await source.close();
    await target.close();
  });
});
