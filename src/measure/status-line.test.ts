import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { englishIn } from '../../test/helpers/english.js';
import { createStatusLine, formatElapsed, formatStatus } from './status-line.js';
import type { Tick } from './tracker.js';

const tick = (t: number): Tick => ({
  t,
  intervalS: 1,
  elapsedS: 3725,
  channels: [
    { component: 'gpu', deviceIndex: 0, name: 'a', source: 'measured:nvml-counter' },
    { component: 'gpu', deviceIndex: 1, name: 'b', source: 'measured:nvml-counter' },
    { component: 'cpu', deviceIndex: 0, name: 'p', source: 'measured:rapl' },
    { component: 'ram', deviceIndex: 0, name: 'r', source: 'default:ram-w-per-gb' },
  ],
  intervalJ: new Float64Array(4),
  powerW: Float64Array.from([300.4, 250, 95.6, 12]),
  totalJ: { gpu: 3.6e6, cpu: 0.9e6, ram: 0.9e6 },
  totalPowerW: 658,
});

describe('live status line', () => {
  it('shows elapsed time, power per component, energy and CO2e so far', () => {
    assert.equal(formatElapsed(3725.9), '01:02:05');
    assert.equal(
      formatStatus(tick(0), 60, 'en'),
      'empreinte 01:02:05 │ GPU 550 W · CPU 96 W · RAM 12 W │ 1.5 kWh · 90 g CO2e',
    );
    assert.match(formatStatus(tick(0), 60, 'fr'), /1,5 kWh · 90 g CO2e$/);
    assert.deepEqual(englishIn(formatStatus(tick(0), 60, 'fr')), [], 'no English word in French');
  });

  it('redraws in place at most every 250 ms and erases itself', () => {
    const writes: string[] = [];
    const stream = { columns: 40, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream;
    const line = createStatusLine(stream, 60, 'en');
    line.listener(tick(1000));
    line.listener(tick(1100));
    line.listener(tick(1300));
    assert.equal(writes.length, 2);
    assert.ok(writes[0].startsWith('\r\x1b[2K'));
    assert.ok(writes[0].length <= '\r\x1b[2K'.length + 39, 'fits the terminal width');
    line.clear();
    assert.equal(writes.at(-1), '\r\x1b[2K');
  });
});
