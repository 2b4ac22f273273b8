import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Papa from 'papaparse';
import type { RunReport } from '../run.js';
import { CODECARBON_COLUMNS, exportCodecarbonCsv } from './codecarbon-csv.js';

function report(locationId: string | null, pue: number): RunReport {
  const energyKwh = { total: 0.3, gpu: 0, cpu: 0.2, ram: 0.1 };
  const intensity = 400;
  return {
    id: 'r1',
    name: null,
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: '2026-01-01T01:00:00.000Z',
    durationS: 3600,
    energyKwh,
    facilityEnergyKwh: energyKwh.total * pue,
    co2eKg: (energyKwh.total * pue * intensity) / 1000,
    location: { id: locationId, intensityGPerKwh: intensity, source: 'test' },
    pue: { value: pue, source: 'test' },
    hosts: [{ devices: [{ component: 'cpu', deviceIndex: 0, name: 'cpu', source: 'measured:rapl' }] }],
  } as unknown as RunReport;
}

const row = (r: RunReport) =>
  Papa.parse<Record<string, string>>(exportCodecarbonCsv(r).trim(), { header: true }).data[0];

describe('CodeCarbon emissions.csv row', () => {
  it('has 38 columns and one row', () => {
    const parsed = Papa.parse<string[]>(exportCodecarbonCsv(report(null, 1)).trim());
    assert.equal(parsed.data.length, 2);
    assert.equal(parsed.data[0].length, 38);
    assert.deepEqual(parsed.data[0], [...CODECARBON_COLUMNS]);
    assert.equal(parsed.data[1].length, 38);
  });

  it('multiplies every energy by the PUE, as CodeCarbon does, and keeps power at the machine', () => {
    const r = row(report('fr', 1.4));
    assert.ok(Math.abs(Number(r.cpu_energy) - 0.28) < 1e-12);
    assert.ok(Math.abs(Number(r.ram_energy) - 0.14) < 1e-12);
    assert.ok(Math.abs(Number(r.energy_consumed) - 0.42) < 1e-12);
    assert.ok(Math.abs(Number(r.emissions) / Number(r.energy_consumed) - 0.4) < 1e-12);
    assert.ok(Math.abs(Number(r.cpu_power) - 200) < 1e-9);
    assert.equal(r.country_iso_code, 'FRA');
    assert.equal(r.on_cloud, 'N');
  });

  it('writes gpu_count 0 without GPUs, and the grid region of a cloud region', () => {
    const r = row(report('aws:us-east-1', 1));
    assert.equal(r.gpu_count, '0');
    assert.equal(r.gpu_model, '');
    assert.equal(r.country_iso_code, 'USA');
    assert.notEqual(r.region, '');
    assert.equal(r.cloud_region, 'us-east-1');
  });
});
