import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { GRID_FIXTURES } from '../../../test/helpers/grid.js';
import { normalise } from '../series.js';
import { isElectricityMapsJson, readElectricityMapsJson } from './electricitymaps.js';

const load = (name: string) =>
  JSON.parse(readFileSync(`${GRID_FIXTURES}api/${name}`, 'utf8')) as Record<string, unknown>;

describe('Electricity Maps JSON', () => {
  it('reads a history response: zone, hourly points, stated signal, estimated points', () => {
    const doc = load('electricitymaps-history-DE.json');
    assert.ok(isElectricityMapsJson(doc));
    const [raw] = readElectricityMapsJson(doc, 'history.json');
    const history = doc.history as { carbonIntensity: number }[];
    assert.equal(raw.zone, 'DE');
    assert.equal(raw.signal, 'direct');
    assert.deepEqual(
      raw.values,
      history.map((h) => h.carbonIntensity),
    );
    const s = normalise(raw);
    assert.equal(s.stepMs, 3_600_000);
    assert.equal(s.warnings.find((w) => w.code === 'estimated')?.count, 2);
  });

  it('reads a forecast response, taking the requested signal when the response does not state it', () => {
    const [raw] = readElectricityMapsJson(load('electricitymaps-forecast-DE.json'), 'forecast.json', {
      requestedSignal: 'lifecycle',
    });
    assert.equal(raw.times.length, 72);
    assert.equal(raw.signal, 'lifecycle');
    assert.ok(raw.warnings.some((w) => w.code === 'signal_assumed'));
    assert.ok(raw.warnings.some((w) => w.code === 'forecast_data'));
  });

  it('refuses a file whose signal is not the one asked for', () => {
    assert.throws(
      () =>
        readElectricityMapsJson(load('electricitymaps-history-DE.json'), 'h.json', { signal: 'lifecycle' }),
      /holds the direct signal, not --signal lifecycle/,
    );
  });

  it('keeps null intensities as missing values and names the path of a bad one', () => {
    const doc = load('electricitymaps-history-DE.json');
    const history = doc.history as Record<string, unknown>[];
    history[3].carbonIntensity = null;
    const [raw] = readElectricityMapsJson(doc, 'h.json');
    assert.ok(Number.isNaN(raw.values[3]));
    history[5].carbonIntensity = 'high';
    assert.throws(() => readElectricityMapsJson(doc, 'h.json'), /h\.json \(history\[5\]\.carbonIntensity\)/);
  });
});
