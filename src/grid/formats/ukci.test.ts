import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { GRID_FIXTURES } from '../../../test/helpers/grid.js';
import { normalise } from '../series.js';
import { readUkciJson } from './ukci.js';

const load = (name: string) =>
  JSON.parse(readFileSync(`${GRID_FIXTURES}api/${name}`, 'utf8')) as { data: unknown };

describe('UK Carbon Intensity JSON', () => {
  it('reads the national forecast: actual where published, else the forecast, half-hourly', () => {
    const doc = load('ukci-national-fw48h.json') as {
      data: { intensity: { forecast: number; actual: number | null } }[];
    };
    const [raw] = readUkciJson(doc, 'n.json');
    assert.equal(raw.zone, 'GB');
    assert.equal(raw.values[0], doc.data[0].intensity.actual);
    assert.equal(raw.values[10], doc.data[10].intensity.forecast);
    assert.equal(raw.warnings[0].count, 92);
    const s = normalise(raw);
    assert.equal(s.stepMs, 1_800_000);
    assert.equal(s.values.length, 96);
  });

  it('reads every region of a regional response, or one by id or name', () => {
    const doc = load('ukci-regional-fw48h.json');
    const all = readUkciJson(doc, 'r.json');
    assert.equal(all.length, 17);
    assert.equal(all[12].zone, 'London');
    assert.equal(all[12].zoneName, 'UKPN London');
    assert.deepEqual(
      readUkciJson(doc, 'r.json', { zone: '13' }).map((s) => s.zone),
      ['London'],
    );
    assert.deepEqual(
      readUkciJson(doc, 'r.json', { zone: 'north scotland' }).map((s) => s.zone),
      ['North Scotland'],
    );
    assert.throws(
      () => readUkciJson(doc, 'r.json', { zone: 'Atlantis' }),
      /no region matches --zone Atlantis/,
    );
  });

  it('reads a one-region response', () => {
    const [raw] = readUkciJson(load('ukci-regionid-13-fw48h.json'), 'l.json');
    assert.equal(raw.zone, 'London');
    assert.equal(raw.times.length, 96);
  });
});
