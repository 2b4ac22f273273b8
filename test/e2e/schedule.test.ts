import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CLI, runCli, runCliJson } from '../helpers/cli.js';
import { GRID_FIXTURES } from '../helpers/grid.js';
import { type Replay, startReplay } from '../helpers/replay-server.js';

interface Window {
  zone: string;
  start: string;
  end: string;
  intensityGPerKwh: number;
  slots?: { start: string; end: string }[];
  pauses?: number;
  co2eKg?: number;
}
interface Result {
  best: Window;
  now: Window | null;
  bestSameZone: Window | null;
  savingPct: number | null;
  savingSameZonePct: number | null;
  signal: string;
  co2eKg?: { now: number; best: number; bestSameZone: number; savedKg: number };
  zones: { zone: string; best: Window | null }[];
  forecast?: { zone: string; hours: number }[];
  warnings: { code: string; message: string }[];
  notes: { code: string }[];
}

/** December 2023 excerpts of Electricity Maps' hourly datasets (committed, see their README). */
const EXCERPTS = fileURLToPath(new URL('../fixtures/electricitymaps/', import.meta.url));
const DE = `${EXCERPTS}DE_2023-12_hourly.csv`;
const GB = `${EXCERPTS}GB_2023-12_hourly.csv`;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function assertUsageError(result: ReturnType<typeof runCli>, pattern: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(result.stderr, /\bat .+:\d+:\d+/);
}

/** Hourly direct intensities of an excerpt (from 1 December 2023, 00:00 UTC), read independently of the product's reader. */
function hourly(path: string): number[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => Number(line.split(',')[4]));
}

describe('empreinte schedule', () => {
  it('finds the best 24 h window in Germany within a deadline, exactly (checked by brute force)', () => {
    const r = runCliJson<Result>([
      'schedule',
      '--series',
      DE,
      '--duration',
      '24h',
      '--from',
      '2023-12-08T00:00Z',
      '--to',
      '2023-12-11T00:00Z',
    ]);
    const values = hourly(DE);
    const first = (Date.UTC(2023, 11, 8) - Date.UTC(2023, 11, 1)) / 3_600_000;
    let best = Number.POSITIVE_INFINITY;
    let bestStart = -1;
    for (let s = first; s + 24 <= first + 72; s++) {
      const mean = values.slice(s, s + 24).reduce((a, b) => a + b, 0) / 24;
      if (mean < best - 1e-9) [best, bestStart] = [mean, s];
    }
    assert.ok(Math.abs(r.best.intensityGPerKwh - best) < 1e-3);
    assert.equal(
      r.best.start,
      new Date(Date.UTC(2023, 11, 1) + bestStart * 3_600_000).toISOString().replace('.000Z', 'Z'),
    );
    const now = values.slice(first, first + 24).reduce((a, b) => a + b, 0) / 24;
    assert.ok(Math.abs((r.now?.intensityGPerKwh ?? 0) - now) < 1e-3);
    assert.equal(r.signal, 'direct');
    for (const w of [r.best, r.now as Window]) {
      assert.match(w.start, ISO_UTC);
      assert.match(w.end, ISO_UTC);
    }
  });

  it('compares zones and gives kg CO2e with --power-w, in pure JSON', () => {
    const result = runCli([
      'schedule',
      '--series',
      DE,
      GB,
      '--duration',
      '8h',
      '--from',
      '2023-12-05T00:00Z',
      '--to',
      '2023-12-07T00:00Z',
      '--power-w',
      '5kW',
      '--json',
    ]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const r = JSON.parse(result.stdout) as Result;
    assert.deepEqual(
      r.zones.map((z) => z.zone),
      ['DE', 'GB'],
    );
    assert.ok(r.best.intensityGPerKwh <= (r.bestSameZone?.intensityGPerKwh ?? Infinity));
    assert.ok((r.savingPct ?? -1) >= (r.savingSameZonePct ?? Infinity));
    assert.ok(r.co2eKg);
    assert.ok(Math.abs(r.co2eKg.best - (5000 * 8 * r.best.intensityGPerKwh) / 1e6) < 1e-3);
    assert.ok(Math.abs(r.co2eKg.savedKg - (r.co2eKg.now - r.co2eKg.best)) < 1e-6);
  });

  it('plans an interruptible job with at most N pauses', () => {
    const r = runCliJson<Result>([
      'schedule',
      '--series',
      GB,
      '--duration',
      '6h',
      '--from',
      '2023-12-05T00:00Z',
      '--to',
      '2023-12-07T00:00Z',
      '--interruptible',
      '--max-pauses',
      '2',
    ]);
    assert.ok((r.best.pauses ?? 99) <= 2);
    assert.equal(r.best.slots?.length, (r.best.pauses ?? 0) + 1);
    const hours = (r.best.slots ?? []).reduce(
      (s, x) => s + (Date.parse(x.end) - Date.parse(x.start)) / 3_600_000,
      0,
    );
    assert.equal(hours, 6);
    const contiguous = runCliJson<Result>([
      'schedule',
      '--series',
      GB,
      '--duration',
      '6h',
      '--from',
      '2023-12-05T00:00Z',
      '--to',
      '2023-12-07T00:00Z',
    ]);
    assert.ok(r.best.intensityGPerKwh <= contiguous.best.intensityGPerKwh + 1e-9);
  });

  it('reports repairs of a messy file in the JSON warnings', () => {
    const r = runCliJson<Result>([
      'schedule',
      '--series',
      `${GRID_FIXTURES}files/gaps-duplicates-unsorted.csv`,
      '--duration',
      '3h',
    ]);
    const codes = r.warnings.map((w) => w.code);
    for (const code of ['unsorted', 'duplicates', 'gaps']) assert.ok(codes.includes(code), code);
    // The best 3 h window avoids the gaps (10:00-13:00 and 20:00).
    const start = Date.parse(r.best.start);
    for (const gapHour of [10, 11, 12, 20]) {
      const gap = Date.UTC(2023, 4, 1, gapHour);
      assert.ok(gap < start || gap >= Date.parse(r.best.end), `window crosses the gap at ${gapHour}:00`);
    }
  });

  it('forecasts past the end of the data with --forecast', () => {
    const r = runCliJson<Result>(['schedule', '--series', DE, '--duration', '4h', '--forecast']);
    assert.equal(r.forecast?.[0].zone, 'DE');
    assert.equal(r.forecast?.[0].hours, 48);
    assert.ok(Date.parse(r.best.start) >= Date.UTC(2024, 0, 1));
    assert.ok(r.warnings.some((w) => w.code === 'forecast'));
  });

  it('speaks French with --lang fr', () => {
    const result = runCli([
      'schedule',
      '--series',
      DE,
      '--duration',
      '24h',
      '--from',
      '2023-12-08T00:00Z',
      '--to',
      '2023-12-11T00:00Z',
      '--lang',
      'fr',
    ]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Meilleur moment et lieu/);
    assert.match(result.stdout, /Gain : \d+,\d+ %/);
  });

  it('names the file and line of a bad value (exit 2, one line)', () => {
    assertUsageError(
      runCli(['schedule', '--series', `${GRID_FIXTURES}files/bad-value.csv`, '--duration', '1h']),
      /bad-value\.csv:5: 'abc' in column 'intensity' is not a number/,
    );
  });

  it('rejects bad flags with one line naming the flag', () => {
    assertUsageError(
      runCli(['schedule', '--series', DE, '--duration', 'soon']),
      /--duration: 'soon' is not a duration/,
    );
    assertUsageError(
      runCli(['schedule', '--series', DE, '--duration', '1h', '--signal', 'marginal']),
      /--signal: 'marginal' is not accepted \(expected direct, lifecycle\)/,
    );
    assertUsageError(
      runCli(['schedule', '--series', DE, '--duration', '1h', '--max-pauses', '-1']),
      /--max-pauses/,
    );
    assertUsageError(
      runCli(['schedule', '--series', DE, '--duration', '1h', '--from', 'tomorrow']),
      /--from: 'tomorrow' is not an ISO 8601 time/,
    );
    assertUsageError(runCli(['schedule', '--duration', '1h']), /--series is required/);
    assertUsageError(
      runCli(['schedule', '--series', DE, '--duration', '1h', '--power-w', '5W', '--run', 'abcd']),
      /--run: give either --run or --power-w/,
    );
  });

  it('needs a key for Electricity Maps and says which (exit 2)', () => {
    const result = runCli(['schedule', '--from-api', 'electricitymaps', '--zone', 'DE', '--duration', '1h'], {
      env: { ELECTRICITYMAPS_API_KEY: '', EMPREINTE_ELECTRICITYMAPS_URL: 'http://127.0.0.1:1' },
    });
    assertUsageError(result, /--from-api electricitymaps: no API key; set ELECTRICITYMAPS_API_KEY/);
  });

  it('--run with an unknown id is a usage error naming the run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'empreinte-schedule-'));
    assertUsageError(
      runCli(['schedule', '--series', DE, '--duration', '1h', '--run', 'nope-1234'], {
        env: { EMPREINTE_DB: join(dir, 'runs.db') },
      }),
      /--run: no run 'nope-1234'/,
    );
  });
});

describe('empreinte schedule --from-api (recorded responses on 127.0.0.1)', () => {
  let replay: Replay;
  before(async () => {
    replay = await startReplay([
      {
        path: /^\/intensity\/2024-03-01T12:00Z\/fw48h$/,
        file: `${GRID_FIXTURES}api/ukci-national-fw48h.json`,
      },
    ]);
  });
  after(() => replay.close());

  it('fetches the UK forecast and schedules within it', async () => {
    // Asynchronous run: the replay server lives in this process.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [CLI, 'schedule', '--from-api', 'ukci', '--from', '2024-03-01T12:00Z', '--duration', '3h', '--json'],
      { env: { ...process.env, EMPREINTE_UKCI_URL: replay.url, LANG: 'C' } },
    );
    const r = JSON.parse(stdout) as Result;
    assert.equal(r.best.zone, 'GB');
    assert.ok(r.notes.some((n) => n.code === 'forecast_data'));
    const doc = JSON.parse(readFileSync(`${GRID_FIXTURES}api/ukci-national-fw48h.json`, 'utf8')) as {
      data: { intensity: { forecast: number; actual: number | null } }[];
    };
    const values = doc.data.map((d) => d.intensity.actual ?? d.intensity.forecast);
    let best = Number.POSITIVE_INFINITY;
    for (let s = 0; s + 6 <= values.length; s++)
      best = Math.min(best, values.slice(s, s + 6).reduce((a, b) => a + b, 0) / 6);
    assert.ok(Math.abs(r.best.intensityGPerKwh - best) < 1e-3);
  });
});
