/**
 * Corrupt and hostile series files through the real CLI (`empreinte schedule --series FILE`):
 * truncated, UTF-16, Latin-1, byte order marks, wrong columns, binary junk, 100 MB lines (made
 * on the fly, never committed), oversized JSON. Each must end in exit 2 with one line naming the
 * file (and the line where one applies), or be read correctly; and the process's peak memory
 * must stay bounded, measured in the child itself.
 */
import assert from 'node:assert/strict';
import {
  closeSync,
  copyFileSync,
  openSync,
  readFileSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MB, type Run, runCliMeasured, scratch } from './_process.js';

const FIXTURES = new URL('../fixtures/grid/', import.meta.url).pathname;
const { dir, cleanup } = scratch('readers');
after(cleanup);

/** Writes `head`, then `size` bytes of `fill`, then `tail`, without holding the whole file in memory. */
function writeLarge(path: string, head: string, size: number, fill: string, tail: string): string {
  const fd = openSync(path, 'w');
  writeSync(fd, head);
  const block = Buffer.alloc(MB, fill);
  for (let written = 0; written < size; written += block.length)
    writeSync(fd, block, 0, Math.min(block.length, size - written));
  writeSync(fd, tail);
  closeSync(fd);
  return path;
}

function utf16(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

const csvText = readFileSync(join(FIXTURES, 'files/dst-paris.csv'), 'utf8');

interface Case {
  name: string;
  /** Writes the file into `dir`; returns its path and any extra arguments. */
  make(): { path: string; args?: string[] };
  /** `ok`: read; otherwise the stderr line must match and name the file (and `line` when given). */
  expect: 'ok' | { match: RegExp; line?: number };
  /** Peak RSS above the baseline run's, bytes. */
  maxGrowth?: number;
}

const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return { path };
};

const CASES: Case[] = [
  {
    name: 'CSV truncated inside a timestamp',
    make: () => file('truncated.csv', `${csvText.split('\n').slice(0, 6).join('\n')}\n2023-03-25T0`),
    expect: { match: /field\(s\)|is not a timestamp/, line: 7 },
  },
  {
    name: 'CSV truncated inside a quoted field',
    make: () => file('quote.csv', 'timestamp,intensity\n2023-01-01T00:00Z,10\n"2023-01-01T01:00Z,1'),
    expect: { match: /unterminated quoted field/, line: 3 },
  },
  {
    name: 'CSV in UTF-16 with a byte order mark',
    make: () => file('utf16-bom.csv', utf16(csvText, true)),
    expect: { match: /UTF-16.*UTF-8/ },
  },
  {
    name: 'CSV in UTF-16 without a byte order mark',
    make: () => file('utf16.csv', utf16(csvText, false)),
    expect: { match: /NUL byte.*UTF-8/ },
  },
  {
    name: 'CSV in Latin-1 (an accented header)',
    make: () =>
      file(
        'latin1.csv',
        Buffer.from(
          `horodatage;\xe9missions gCO2/kWh\n${csvText.split('\n').slice(1, 30).join('\n').replaceAll(',', ';')}\n`,
          'latin1',
        ),
      ),
    expect: 'ok',
  },
  {
    name: 'CSV with a UTF-8 byte order mark',
    make: () => file('bom.csv', `\ufeff${csvText}`),
    expect: 'ok',
  },
  {
    name: 'CSV with unknown columns',
    make: () => file('columns.csv', 'alpha,beta,gamma\n1,2,3\n4,5,6\n'),
    expect: { match: /no timestamp column/, line: 1 },
  },
  {
    name: 'CSV with a missing field',
    make: () =>
      file('short.csv', 'zone,timestamp,intensity\nFR,2023-01-01T00:00Z,10\nFR,2023-01-01T01:00Z\n'),
    expect: { match: /field\(s\)/, line: 3 },
  },
  {
    name: 'CSV with a negative, an infinite and a non-numeric intensity',
    make: () => file('values.csv', 'timestamp,intensity\n2023-01-01T00:00Z,10\n2023-01-01T01:00Z,-5\n'),
    expect: { match: /negative intensity/, line: 3 },
  },
  {
    name: 'CSV with an intensity beyond the double range',
    make: () => file('huge.csv', 'timestamp,intensity\n2023-01-01T00:00Z,10\n2023-01-01T01:00Z,1e999\n'),
    expect: { match: /not a number/, line: 3 },
  },
  {
    name: 'an empty file',
    make: () => file('empty.csv', ''),
    expect: { match: /empty file/ },
  },
  {
    name: 'binary junk with NUL bytes',
    make: () => file('junk.csv', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))),
    expect: { match: /not UTF-8 text/ },
  },
  {
    name: 'binary junk without NUL bytes',
    make: () => file('high.csv', Buffer.from(Array.from({ length: 4096 }, (_, i) => 128 + ((i * 31) % 128)))),
    expect: { match: /no timestamp column|not a timestamp|field|no data rows/ },
  },
  {
    name: 'a file that does not exist',
    make: () => ({ path: join(dir, 'missing.csv') }),
    expect: { match: /no such file/ },
  },
  {
    name: 'a directory',
    make: () => ({ path: dir, args: ['--format', 'csv'] }),
    expect: { match: /is a directory/ },
  },
  {
    name: 'CSV with a 100 MB line',
    make: () => ({
      path: writeLarge(
        join(dir, 'long-line.csv'),
        'timestamp,intensity\n2023-01-01T00:00Z,10\n2023-01-01T01:00Z,',
        100 * MB,
        '9',
        '\n',
      ),
    }),
    expect: { match: /line longer than/, line: 3 },
    // Streamed in 64 KiB chunks: the long line is refused after 64 KiB, not read whole.
    maxGrowth: 32 * MB,
  },
  {
    name: 'CSV of 100 MB without any newline',
    make: () => ({ path: writeLarge(join(dir, 'one-line.csv'), '', 100 * MB, 'x', '') }),
    expect: { match: /line longer than/, line: 1 },
    maxGrowth: 32 * MB,
  },
  {
    name: 'JSON with a 100 MB string',
    make: () => ({
      path: writeLarge(
        join(dir, 'long.json'),
        '{"zone":"DE","history":[{"carbonIntensity":1,"datetime":"',
        100 * MB,
        'a',
        '"}]}',
      ),
    }),
    expect: { match: /history\[0\]\.datetime.*characters/ },
    // JSON is parsed whole (up to its 128 MiB limit): the file, its text and the parsed string.
    maxGrowth: 5 * 100 * MB,
  },
  {
    name: 'JSON over the size limit (a 200 MB sparse file)',
    make: () => {
      const path = join(dir, 'sparse.json');
      writeFileSync(path, '');
      truncateSync(path, 200 * MB);
      return { path };
    },
    expect: { match: /over the \d+-byte limit/ },
    maxGrowth: 32 * MB,
  },
];

/** Each JSON format: truncated, UTF-16, wrong shape for the format, binary. */
const JSON_FORMATS: [string, string][] = [
  ['electricitymaps', 'api/electricitymaps-history-DE.json'],
  ['watttime', 'api/watttime-forecast-CAISO_NORTH.json'],
  ['ukci', 'api/ukci-national-fw48h.json'],
  ['carbon-aware-sdk', 'files/carbon-aware-emissions.json'],
];
for (const [format, fixture] of JSON_FORMATS) {
  const text = readFileSync(join(FIXTURES, fixture), 'utf8');
  const half = text.slice(0, Math.floor(text.length / 2));
  CASES.push(
    {
      name: `${format} JSON truncated halfway`,
      make: () => file(`${format}-truncated.json`, half),
      expect: { match: /not valid JSON/, line: half.split('\n').length },
    },
    {
      name: `${format} JSON in UTF-16`,
      make: () => file(`${format}-utf16.json`, utf16(text, true)),
      expect: { match: /UTF-16/ },
    },
    {
      name: `${format} JSON of another shape`,
      make: () => ({
        ...file(`${format}-shape.json`, '{"data": "none", "history": 3, "forecast": null}'),
        args: ['--format', format],
      }),
      expect: { match: new RegExp(`${format}-shape\\.json`) },
    },
    {
      name: `${format} JSON with a string where an intensity goes`,
      make: () => ({
        ...file(
          `${format}-value.json`,
          text.replace(/("(carbonIntensity|value|forecast|actual|Rating)"\s*:\s*)\d+(\.\d+)?/g, '$1"high"'),
        ),
        args: ['--format', format],
      }),
      expect: { match: /value|intensity|Rating|forecast|carbonIntensity|number/ },
    },
  );
}

let baseline: Run;
const growths: string[] = [];
after(() => {
  process.stdout.write(
    `# reader files tried: ${CASES.length}; baseline peak RSS ${(baseline.peakRss / MB).toFixed(0)} MB; growth: ${growths.join(', ')}\n`,
  );
});

describe('series readers on corrupt and hostile files (real CLI processes)', () => {
  before(async () => {
    // The same command on a small valid file: memory growth is measured against it.
    const path = join(dir, 'baseline.csv');
    copyFileSync(join(FIXTURES, 'files/dst-paris.csv'), path);
    baseline = await runCliMeasured(['schedule', '--series', path, '--duration', '1h', '--json'], {
      cwd: dir,
    });
    assert.equal(baseline.status, 0, baseline.stderr);
    assert.ok(baseline.peakRss > 0);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const { path, args = [] } = c.make();
      const run = await runCliMeasured(
        ['schedule', '--series', path, '--duration', '1h', '--json', ...args],
        { cwd: dir },
      );
      const where = `exit ${run.status}, stderr: ${run.stderr.slice(0, 500)}`;
      assert.equal(run.signal, null, where);
      assert.ok(!run.stderr.includes('    at '), `stack trace: ${where}`);
      if (c.expect === 'ok') {
        assert.equal(run.status, 0, where);
        const plan = JSON.parse(run.stdout) as { best?: { intensityGPerKwh?: number } };
        assert.ok(Number.isFinite(plan.best?.intensityGPerKwh), run.stdout.slice(0, 300));
      } else {
        assert.equal(run.status, 2, where);
        assert.equal(run.stdout, '', 'nothing on stdout with --json on an error');
        const lines = run.stderr.split('\n').filter((l) => l !== '');
        assert.equal(lines.length, 1, where);
        assert.ok(lines[0].length < 2000, `error line of ${lines[0].length} characters`);
        assert.match(lines[0], c.expect.match);
        assert.ok(lines[0].includes(path), `the error does not name ${path}: ${lines[0]}`);
        if (c.expect.line !== undefined)
          assert.ok(lines[0].includes(`${path}:${c.expect.line}`), `no line ${c.expect.line}: ${lines[0]}`);
      }
      const growth = run.peakRss - baseline.peakRss;
      if (c.maxGrowth) growths.push(`${c.name} ${(growth / MB).toFixed(0)} MB`);
      const bound = c.maxGrowth ?? 32 * MB;
      assert.ok(
        growth < bound,
        `peak RSS grew by ${(growth / MB).toFixed(0)} MB (bound ${(bound / MB).toFixed(0)} MB)`,
      );
    });
  }
});
