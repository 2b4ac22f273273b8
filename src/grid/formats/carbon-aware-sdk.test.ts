import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { GRID_FIXTURES } from '../../../test/helpers/grid.js';
import { normalise } from '../series.js';
import { readCarbonAwareSdkJson, timeSpan } from './carbon-aware-sdk.js';

const load = (name: string) => JSON.parse(readFileSync(`${GRID_FIXTURES}files/${name}`, 'utf8')) as unknown;

describe('Carbon Aware SDK JSON', () => {
  it('reads emissions data (capitalised SDK data-file fields), one series per location', () => {
    const doc = load('carbon-aware-emissions.json') as { Rating: number }[];
    const series = readCarbonAwareSdkJson(doc, 'e.json');
    assert.deepEqual(
      series.map((s) => s.zone),
      ['eastus', 'westus'],
    );
    assert.equal(series[0].values[0], doc[0].Rating);
    const s = normalise(series[0]);
    assert.equal(s.stepMs, 3_600_000);
    assert.equal(s.times[0], Date.UTC(2021, 9, 25, 14, 50));
  });

  it('reads a forecast response (forecastData, durations in minutes)', () => {
    const [raw] = readCarbonAwareSdkJson(load('carbon-aware-forecast.json'), 'f.json');
    assert.equal(raw.zone, 'IE');
    assert.equal(raw.times.length, 36);
    assert.equal(normalise(raw).stepMs, 600_000);
    assert.equal(raw.signal, 'unspecified');
  });

  it('keeps one location with --zone', () => {
    const series = readCarbonAwareSdkJson(load('carbon-aware-emissions.json'), 'e.json', { zone: 'westus' });
    assert.deepEqual(
      series.map((s) => s.zone),
      ['westus'],
    );
  });

  it('reads .NET TimeSpan durations', () => {
    assert.equal(timeSpan('01:00'), 3_600_000);
    assert.equal(timeSpan('00:05:00'), 300_000);
    assert.equal(timeSpan('1.00:00:00'), 86_400_000);
    assert.equal(timeSpan(30), 1_800_000);
    assert.equal(timeSpan('soon'), undefined);
  });
});
