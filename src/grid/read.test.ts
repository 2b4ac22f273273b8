import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { EM_FIXTURES, GRID_FIXTURES } from '../../test/helpers/grid.js';
import { detectJsonFormat, readSeriesFiles } from './read.js';

const json = (path: string) => JSON.parse(readFileSync(`${GRID_FIXTURES}${path}`, 'utf8')) as unknown;

describe('readSeriesFiles', () => {
  it('detects each JSON format from its shape', () => {
    assert.equal(detectJsonFormat(json('api/electricitymaps-history-DE.json'), 'x'), 'electricitymaps');
    assert.equal(detectJsonFormat(json('api/watttime-forecast-CAISO_NORTH.json'), 'x'), 'watttime');
    assert.equal(detectJsonFormat(json('api/ukci-national-fw48h.json'), 'x'), 'ukci');
    assert.equal(detectJsonFormat(json('api/ukci-regional-fw48h.json'), 'x'), 'ukci');
    assert.equal(detectJsonFormat(json('files/carbon-aware-forecast.json'), 'x'), 'carbon-aware-sdk');
    assert.throws(
      () => detectJsonFormat({ hello: 1 }, 'odd.json'),
      /odd\.json: unknown JSON series format; give --format/,
    );
  });

  it('merges files of one zone (the last week of 2022 and the first of 2023 in DE) into one series', async () => {
    const [de] = await readSeriesFiles([
      `${EM_FIXTURES}DE_2022-12-25_31_hourly.csv`,
      `${EM_FIXTURES}DE_2023-01-01_07_hourly.csv`,
    ]);
    assert.equal(de.values.length, 2 * 168);
    assert.equal(de.times[0], Date.UTC(2022, 11, 25));
    assert.equal(de.sources.length, 2);
    assert.ok(!de.warnings.some((w) => w.code === 'gaps'));
  });

  it('relabels a file that states no signal with --signal, and refuses one that states another', async () => {
    const [ie] = await readSeriesFiles([`${GRID_FIXTURES}files/carbon-aware-forecast.json`], {
      signal: 'lifecycle',
    });
    assert.equal(ie.signal, 'lifecycle');
    assert.ok(ie.warnings.some((w) => w.code === 'signal_assumed'));
    await assert.rejects(
      readSeriesFiles([`${GRID_FIXTURES}files/multi-zone-lbs.csv`], { signal: 'direct' }),
      /holds the marginal signal, not --signal direct/,
    );
  });

  it('names the line of a JSON syntax error', async () => {
    const { writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = `${tmpdir()}/empreinte-bad-${process.pid}.json`;
    writeFileSync(path, '{\n "zone": "DE",\n "history": [\n  { "datetime": }\n ]\n}\n');
    await assert.rejects(readSeriesFiles([path]), /bad-\d+\.json:4: not valid JSON/);
  });
});
