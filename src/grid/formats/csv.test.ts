import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EM_FIXTURES, GRID_FIXTURES } from '../../../test/helpers/grid.js';
import { readSeriesFiles } from '../read.js';
import { checkTimeZone } from '../time.js';
import { parseCsvLines, readCsvFile, splitCsvLine } from './csv.js';

const files = `${GRID_FIXTURES}files/`;
const codes = (s: { warnings: { code: string }[] }) => s.warnings.map((w) => w.code);

describe('CSV reader', () => {
  it('reads an Electricity Maps export: UTC header, direct or life-cycle column by --signal', async () => {
    const file = `${EM_FIXTURES}GB_2023-09-04_11-26_hourly.csv`;
    const [direct] = await readSeriesFiles([file]);
    const [lca] = await readSeriesFiles([file], { signal: 'lifecycle' });
    assert.equal(direct.zone, 'GB');
    assert.equal(direct.values.length, 84 * 24);
    assert.equal(direct.stepMs, 3_600_000);
    assert.equal(direct.times[0], Date.UTC(2023, 8, 4));
    assert.equal(direct.signal, 'direct');
    assert.equal(lca.signal, 'lifecycle');
    // Life-cycle factors add upstream emissions: higher at every hour.
    for (let k = 0; k < 84 * 24; k += 97) assert.ok(lca.values[k] > direct.values[k]);
    assert.ok(
      !codes(direct).includes('naive_timestamps'),
      'a "(UTC)" header makes naive times UTC without a warning',
    );
    // The rows marked estimated in the file (Data Estimated = true), counted here from its text.
    const estimated = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /,true,[^,]*$/.test(l.trim())).length;
    assert.ok(estimated > 0);
    assert.ok(direct.warnings.some((w) => w.code === 'estimated' && w.count === estimated));
  });

  it('converts local offsets across a DST change to UTC and reports it', async () => {
    const [s] = await readSeriesFiles([`${files}dst-paris.csv`]);
    assert.equal(s.values.length, 48);
    assert.equal(s.times[0], Date.UTC(2023, 2, 25, 0));
    assert.ok(!s.values.some(Number.isNaN), 'no gap: the missing local hour is not a missing UTC hour');
    const w = s.warnings.find((x) => x.code === 'offset_change');
    assert.match(w?.message ?? '', /\+01:00 to \+02:00/);
  });

  it('reports gaps, duplicates and unsorted rows', async () => {
    const [s] = await readSeriesFiles([`${files}gaps-duplicates-unsorted.csv`]);
    assert.deepEqual(
      codes(s).filter((c) => c !== 'columns'),
      ['unsorted', 'duplicates', 'gaps'],
    );
    assert.equal(s.values[5], 999, 'the last value read wins');
    assert.equal(s.warnings.find((w) => w.code === 'gaps')?.count, 4);
  });

  it('handles a switch from 30-minute to 15-minute data', async () => {
    const [s] = await readSeriesFiles([`${files}mixed-resolution.csv`]);
    assert.equal(s.stepMs, 15 * 60_000);
    assert.equal(s.values.length, 36);
    assert.ok(!s.values.some(Number.isNaN));
  });

  it('reads semicolons with decimal commas and epoch seconds', async () => {
    const [s] = await readSeriesFiles([`${files}semicolon-epoch.csv`]);
    assert.deepEqual([...s.values], [350, 360.5, 371, 381.5, 392, 402.5]);
    assert.equal(s.times[0], Date.UTC(2023, 0, 1));
  });

  it('warns that timestamps without an offset are read as UTC', async () => {
    const [s] = await readSeriesFiles([`${files}naive.csv`], { zone: 'X' });
    assert.equal(s.zone, 'X');
    assert.ok(codes(s).includes('naive_timestamps'));
  });

  it('splits a long-format file into zones and converts lbs/MWh', async () => {
    const series = await readSeriesFiles([`${files}multi-zone-lbs.csv`]);
    assert.deepEqual(
      series.map((s) => s.zone),
      ['CAISO_NORTH', 'PJM_DC'],
    );
    assert.ok(Math.abs(series[1].values[0] - 1200 * 0.45359237) < 1e-9);
    assert.equal(series[0].signal, 'marginal');
    assert.ok(series[0].warnings.some((w) => w.code === 'unit_converted'));
    const one = await readSeriesFiles([`${files}multi-zone-lbs.csv`], { zone: 'PJM_DC' });
    assert.deepEqual(
      one.map((s) => s.zone),
      ['PJM_DC'],
    );
  });

  it('takes the columns named by flag, by name or 1-based index', async () => {
    const lines = ['a,b,c', '2023-01-01T00:00Z,5,7', '2023-01-01T01:00Z,6,8'].map((text, i) => ({
      text,
      line: i + 1,
    }));
    const [byIndex] = await parseCsvLines(lines, 'x.csv', { timeColumn: '1', valueColumn: '3' });
    assert.deepEqual(byIndex.values, [7, 8]);
    const [byName] = await parseCsvLines(lines, 'x.csv', { timeColumn: 'a', valueColumn: 'b' });
    assert.deepEqual(byName.values, [5, 6]);
    await assert.rejects(
      parseCsvLines(lines, 'x.csv', { valueColumn: 'nope' }),
      /no column 'nope'.*columns: a, b, c/,
    );
  });

  it('names the file and line of a bad value', async () => {
    await assert.rejects(readCsvFile(`${files}bad-value.csv`), (e: Error) => {
      assert.match(e.message, /bad-value\.csv:5: 'abc' in column 'intensity' is not a number/);
      return true;
    });
  });

  it('refuses over-long lines (bounded memory) and missing files', async () => {
    const path = join(tmpdir(), `empreinte-long-${process.pid}.csv`);
    writeFileSync(path, `time,value\n2023-01-01T00:00Z,${'9'.repeat(70_000)}\n`);
    await assert.rejects(readCsvFile(path), /:2: line longer than 65536 bytes/);
    await assert.rejects(readCsvFile(`${files}nope.csv`), /nope\.csv: no such file/);
  });

  it('asks for --value-column when it cannot tell', async () => {
    const lines = ['when,x,y', '2023-01-01T00:00Z,5,7'].map((text, i) => ({ text, line: i + 1 }));
    await assert.rejects(parseCsvLines(lines, 'x.csv'), /--value-column/);
  });

  it('splits quoted fields', () => {
    assert.deepEqual(splitCsvLine('a,"b,c","d ""e"""', ','), ['a', 'b,c', 'd "e"']);
    assert.throws(() => splitCsvLine('a,"b', ',', 'f.csv', 3), /f\.csv:3: unterminated/);
  });
});

describe('CSV input the schedule refuses, with one line naming it', () => {
  const lines = (...rows: string[]) => rows.map((text, i) => ({ text, line: i + 1 }));
  const read = (...rows: string[]) =>
    parseCsvLines(lines('time,intensity', ...rows), 'x.csv', { zone: 'FR' });

  it('a year before 1970 (Date.UTC would read 0099 as 1999)', async () => {
    await assert.rejects(
      read('2024-01-01T00:00Z,50', '0099-01-01T01:00Z,60'),
      /--series x\.csv:3: '0099-01-01T01:00Z' in column 'time' is not a timestamp \(ISO 8601 with a year from 1970 to 2200, or epoch\)/,
    );
  });

  it('a hexadecimal intensity', async () => {
    await assert.rejects(
      read('2024-01-01T00:00Z,0x1A'),
      /x\.csv:2: '0x1A' in column 'intensity' is not a number/,
    );
  });

  it('an intensity past any grid (1e308 overflowed to null with exit 0)', async () => {
    const path = join(tmpdir(), `empreinte-huge-${process.pid}.csv`);
    writeFileSync(path, 'time,intensity\n2024-01-01T00:00Z,50\n2024-01-01T01:00Z,1e308\n');
    await assert.rejects(
      readSeriesFiles([path], { zone: 'FR' }),
      /:3: intensity 1e\+308 gCO2e\/kWh is out of range \(expected 0 to 2000\)/,
    );
  });
});

describe('local-time CSV series with --timezone', () => {
  const rows = [
    'time,intensity',
    '2023-03-26 00:00,10',
    '2023-03-26 01:00,20',
    '2023-03-26 03:00,30',
    '2023-03-26 04:00,40',
  ];
  const lines = rows.map((text, i) => ({ text, line: i + 1 }));

  it('reads naive times in the zone given, across the spring daylight-saving change', async () => {
    const [paris] = await parseCsvLines(lines, 'paris.csv', { zone: 'FR', timezone: 'Europe/Paris' });
    // 02:00 does not exist that night in Paris: 01:00 (UTC+1) and 03:00 (UTC+2) are one hour apart.
    assert.deepEqual(paris.times, [
      Date.UTC(2023, 2, 25, 23),
      Date.UTC(2023, 2, 26, 0),
      Date.UTC(2023, 2, 26, 1),
      Date.UTC(2023, 2, 26, 2),
    ]);
    assert.ok(paris.warnings.some((w) => w.code === 'offset_change'));
    assert.ok(!paris.warnings.some((w) => w.code === 'naive_timestamps'));
    const [utc] = await parseCsvLines(lines, 'utc.csv', { zone: 'FR' });
    assert.equal(utc.times[0], Date.UTC(2023, 2, 26, 0));
    assert.ok(utc.warnings.some((w) => w.code === 'naive_timestamps' && /--timezone/.test(w.message)));
  });

  it('refuses a zone that is not an IANA name, naming the flag', () => {
    assert.equal(checkTimeZone('America/New_York'), 'America/New_York');
    assert.throws(
      () => checkTimeZone('Mars/Olympus'),
      /^EmpreinteError: --timezone: 'Mars\/Olympus' is not an IANA time zone$/,
    );
  });
});
