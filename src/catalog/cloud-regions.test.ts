import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { electricityMaps } from '@tgwf/co2/data';
import { CLOUD_PROVIDERS, CLOUD_REGIONS } from './cloud-regions.js';
import { resolveLocation } from './locations.js';

function csvRows(path: string): string[][] {
  return readFileSync(new URL(`../../test/fixtures/catalog/${path}`, import.meta.url), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(','));
}

describe('cloud region catalog', () => {
  it('covers the three providers with unique region codes', () => {
    for (const provider of CLOUD_PROVIDERS) {
      const regions = CLOUD_REGIONS.filter((r) => r.provider === provider).map((r) => r.region);
      assert.ok(regions.length >= 30, `${provider}: ${regions.length}`);
      assert.equal(new Set(regions).size, regions.length, provider);
    }
  });

  it('maps every region to a zone that exists in the Electricity Maps data', () => {
    const zones = electricityMaps.yearly2025.data;
    for (const r of CLOUD_REGIONS) {
      assert.ok(zones[r.zone], `${r.provider}:${r.region} -> ${r.zone}`);
      assert.equal(
        resolveLocation(`${r.provider}:${r.region}`).intensityGPerKwh,
        zones[r.zone].carbonIntensity.value,
      );
    }
  });

  it('cites the mapping of every region', () => {
    for (const r of CLOUD_REGIONS) {
      assert.ok(r.mappingSource.citation.length > 20, r.region);
      assert.ok(r.mappingSource.year >= 2020, r.region);
      assert.match(r.mappingSource.url ?? '', /^https:\/\//, r.region);
    }
  });

  it('agrees with Cloud Carbon Footprint wherever it cites it, and says where it departs from it', () => {
    const ccf = new Map<string, string>();
    for (const [provider, region, zone] of csvRows('cloud-region-electricitymaps-zones.csv')) {
      ccf.set(`${provider}:${region.toLowerCase()}`, zone);
    }
    let cited = 0;
    for (const r of CLOUD_REGIONS) {
      const theirs = ccf.get(`${r.provider}:${r.region}`);
      if (r.mappingSource.citation.startsWith('Cloud Carbon Footprint')) {
        assert.equal(theirs, r.zone, `${r.provider}:${r.region}`);
        cited++;
      } else if (theirs) {
        assert.ok(r.mappingSource.citation.includes(`maps it to ${theirs}`), `${r.provider}:${r.region}`);
      }
    }
    assert.ok(cited >= 80, `${cited} regions cite CCF`);
  });

  it('carries Google’s published 2024 grid intensity and CFE for every Google Cloud region', () => {
    const google = new Map<string, { cfe: number; grid: number }>();
    for (const cells of csvRows('gcp-region-carbon-2024.csv')) {
      google.set(cells[0], { cfe: Number(cells[cells.length - 2]), grid: Number(cells[cells.length - 1]) });
    }
    const gcp = CLOUD_REGIONS.filter((r) => r.provider === 'gcp');
    assert.equal(gcp.length, google.size);
    for (const r of gcp) {
      const published = google.get(r.region);
      assert.ok(published, r.region);
      assert.equal(r.providerFigure?.intensityGPerKwh, published.grid, r.region);
      assert.equal(r.providerFigure?.cfe, published.cfe, r.region);
      assert.equal(r.providerFigure?.year, 2024);
    }
  });
});
