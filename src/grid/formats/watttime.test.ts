import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { GRID_FIXTURES } from '../../../test/helpers/grid.js';
import { normalise } from '../series.js';
import { readWattTimeJson } from './watttime.js';

const load = (path: string) =>
  JSON.parse(readFileSync(`${GRID_FIXTURES}${path}`, 'utf8')) as {
    data: { value: number }[];
    meta: Record<string, unknown>;
  };

describe('WattTime v3 JSON', () => {
  it('converts a MOER forecast from lbs/MWh to g/kWh, at 5-minute resolution, and says so', () => {
    const doc = load('api/watttime-forecast-CAISO_NORTH.json');
    const [raw] = readWattTimeJson(doc, 'f.json');
    assert.equal(raw.zone, 'CAISO_NORTH');
    assert.equal(raw.signal, 'marginal');
    assert.ok(Math.abs(raw.values[0] - doc.data[0].value * 0.45359237) < 1e-9);
    assert.match(
      raw.warnings.find((w) => w.code === 'unit_converted')?.message ?? '',
      /lbs CO2\/MWh converted to g CO2\/kWh/,
    );
    const s = normalise(raw);
    assert.equal(s.stepMs, 300_000);
    assert.equal(s.values.length, 288);
  });

  it('reads historical data with imputed points and WattTime warnings', () => {
    const [raw] = readWattTimeJson(load('files/watttime-historical.json'), 'h.json');
    assert.equal(raw.warnings.find((w) => w.code === 'estimated')?.count, 1);
    assert.ok(raw.warnings.some((w) => w.code === 'watttime' && /EXAMPLE_WARNING/.test(w.message)));
  });

  it('keeps the signal index as a percentile, not g/kWh', () => {
    const [raw] = readWattTimeJson(load('files/watttime-signal-index.json'), 'i.json');
    assert.equal(raw.unit, 'percentile');
    assert.deepEqual(raw.values, [37.1]);
    assert.equal(normalise(raw).stepMs, 300_000, 'one point, its span from data_point_period_seconds');
  });

  it('takes the latest forecast of a historical-forecast response', () => {
    const doc = {
      data: [
        {
          generated_at: '2024-01-15T12:00:00Z',
          forecast: [{ point_time: '2024-01-15T12:00:00Z', value: 500 }],
        },
        {
          generated_at: '2024-01-15T12:05:00Z',
          forecast: [{ point_time: '2024-01-15T12:05:00Z', value: 510 }],
        },
      ],
      meta: {
        data_point_period_seconds: 300,
        region: 'CAISO_NORTH',
        signal_type: 'co2_moer',
        units: 'lbs_co2_per_mwh',
      },
    };
    const [raw] = readWattTimeJson(doc, 'x.json');
    assert.equal(raw.times[0], Date.UTC(2024, 0, 15, 12, 5));
  });

  it('refuses a non-emissions signal', () => {
    const doc = { data: [], meta: { units: 'usd_per_mwh', signal_type: 'health_damage' } };
    assert.throws(() => readWattTimeJson(doc, 'x.json'), /meta\.units.*not an emissions rate/);
  });
});
