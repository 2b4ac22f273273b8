import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRunReport } from '../src/measure/run-report.js';
import type { RunHostRecord, RunRecord, Sources, Store } from '../src/records.js';
import { energyHeading, renderRunText } from '../src/report/exports/text.js';
import { TEST_SITE } from './helpers/runs.js';

/**
 * The summary of a measured run says what it knows: "measured" only for measured components, a
 * peak never below the average. The store is a fake holding one host's totals, read through the
 * real report code.
 */
const START = 1_700_000_000_000;

function fakeStore(
  sources: Sources,
  opts: { energyJ: number; durationS: number; peakW: number },
): {
  store: Store;
  run: RunRecord;
} {
  const energy = { gpu: 0, cpu: opts.energyJ * 0.8, ram: opts.energyJ * 0.2 };
  const endedAt = START + opts.durationS * 1000;
  const run: RunRecord = {
    id: 'r1',
    name: null,
    host: 'h',
    command: ['train'],
    startedAt: START,
    endedAt,
    status: 'failed',
    exitCode: 1,
    ...TEST_SITE,
    energyJ: energy,
  };
  const host: RunHostRecord = {
    runId: 'r1',
    host: 'h',
    machine: 'm',
    pid: 1,
    pidStart: null,
    startedAt: START,
    endedAt,
    status: 'failed',
    exitCode: 1,
    sources,
    devices: [],
    notes: [],
    system: {} as RunHostRecord['system'],
    energyJ: energy,
  };
  const totals = (['cpu', 'ram'] as const).map((component) => ({
    host: 'h',
    component,
    energyJ: energy[component],
    firstT: START + 1000,
    lastT: endedAt,
    fromT: START,
  }));
  const store = {
    runHosts: async () => [host],
    sampleTotals: async () => totals,
    tickTotals: async () => [],
    minuteTotals: async () => [],
    marks: async () => [],
    // The stored peak leaves out the short last interval.
    peakPowerW: async () => opts.peakW,
  } as unknown as Store;
  return { store, run };
}

const MODELLED: Sources = { gpu: null, cpu: 'modelled:tdp-utilisation', ram: 'default:ram-w-per-gb' };
const MEASURED: Sources = { gpu: 'measured:nvml-power', cpu: 'measured:rapl', ram: 'measured:rapl' };

describe('the run summary', () => {
  it('says "measured" only when every component was measured', () => {
    assert.equal(energyHeading(MEASURED, 'en'), 'Energy (measured at the machines)');
    assert.equal(energyHeading(MODELLED, 'en'), 'Energy at the machines (modelled: CPU, RAM)');
    assert.equal(
      energyHeading(
        { gpu: 'measured:nvml-power', cpu: 'modelled:tdp-utilisation', ram: 'default:ram-w-per-gb' },
        'en',
      ),
      'Energy at the machines (measured: GPU; modelled: CPU, RAM)',
    );
    // Two hosts, one measured and one modelled: not measured.
    assert.match(
      energyHeading(
        { gpu: null, cpu: 'measured:rapl+modelled:tdp-utilisation' as Sources['cpu'], ram: null },
        'fr',
      ),
      /modélisée : CPU/,
    );
  });

  it('a modelled run is not headed "measured" in the text summary', async () => {
    const { store, run } = fakeStore(MODELLED, { energyJ: 470, durationS: 5, peakW: 95 });
    const text = renderRunText(await buildRunReport(store, run), 'en');
    assert.doesNotMatch(text, /measured at the machines/);
    assert.match(text, /Energy at the machines \(modelled: CPU, RAM\)/);
  });

  it('the peak is never below the average', async () => {
    // 94 W on average over 5 s; the full intervals alone peaked at 93.8 W.
    const { store, run } = fakeStore(MODELLED, { energyJ: 470, durationS: 5, peakW: 93.8 });
    const report = await buildRunReport(store, run);
    assert.equal(report.averagePowerW, 94);
    assert.ok(
      report.peakPowerW >= report.averagePowerW,
      `peak ${report.peakPowerW} < ${report.averagePowerW}`,
    );
  });
});
