import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, runCliJson } from '../helpers/cli.js';

interface Range {
  low: number;
  central: number;
  high: number;
}
type Row = Record<string, unknown> & { energyKwh: Range; co2eKg: Range; totalCo2eKg: Range };

const SWEEP = [
  '--params',
  '1B,7B,70B',
  '--tokens',
  '200B,2T',
  '--hardware',
  'h100,nvidia-a100-sxm4-80gb',
  '--location',
  'fr,pl',
];

function oneErrorLine(
  result: { status: number | null; stdout: string; stderr: string },
  ...patterns: RegExp[]
): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  for (const p of patterns) assert.match(lines[0], p);
}

describe('empreinte explore', () => {
  it('--json prints pure JSON: one row per scenario with its inputs and ranges', () => {
    const rows = runCliJson<Row[]>(['explore', ...SWEEP]);
    assert.equal(rows.length, 3 * 2 * 2 * 2);
    for (const row of rows) {
      for (const key of ['params', 'tokens', 'hardware', 'location']) assert.ok(row[key] !== undefined, key);
      for (const key of ['energyKwh', 'co2eKg'] as const) {
        assert.ok(row[key].low <= row[key].central && row[key].central <= row[key].high, key);
      }
    }
  });

  it('--csv prints a header and one line per scenario; ranges as three columns; quiet on stderr', () => {
    const result = runCli(['explore', ...SWEEP, '--csv', '--sort', '-co2eKg']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const [header, ...lines] = result.stdout.trim().split('\n');
    const columns = header.split(',');
    for (const c of [
      'params',
      'tokens',
      'hardware',
      'location',
      'energyKwh',
      'energyKwhLow',
      'energyKwhHigh',
      'co2eKg',
      'co2eKgLow',
      'co2eKgHigh',
    ]) {
      assert.ok(columns.includes(c), `${c} in ${header}`);
    }
    assert.equal(lines.length, 24);
    const co2 = lines.map((l) => Number(l.split(',')[columns.indexOf('co2eKg')]));
    assert.ok(co2.every(Number.isFinite));
    for (let i = 1; i < co2.length; i++) assert.ok(co2[i - 1] >= co2[i], 'sorted descending');
  });

  it('sorts by an input column', () => {
    const rows = runCliJson<Row[]>(['explore', ...SWEEP, '--sort', 'params']);
    const params = rows.map((r) => r.params as number);
    assert.deepEqual(
      params,
      [...params].sort((a, b) => a - b),
    );
  });

  it('prints a table, and the compute-optimal frontier with its predicted loss', () => {
    const table = runCli([
      'explore',
      '--compute-optimal',
      '--compute-budget',
      '1e23',
      '--hardware',
      'h100',
      '--location',
      'fr',
    ]);
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /loss/);
    assert.match(table.stdout, /CO2e kg/);
    const rows = runCliJson<Row[]>([
      'explore',
      '--compute-optimal',
      '--compute-budget',
      '1e23',
      '--hardware',
      'h100',
    ]);
    assert.equal(rows.filter((r) => r.lossOptimal === true).length, 1);
    assert.ok(rows.every((r) => typeof r.loss === 'number'));
  });

  it('speaks French: labels and number formatting', () => {
    const result = runCli(['explore', ...SWEEP, '--lang', 'fr']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /énergie kWh/);
    assert.match(result.stdout, /\d[\u202f\u00a0 ]\d{3}/);
    const env = runCli(['explore', '--params', '7B', '--tokens', 'beaucoup', '--hardware', 'h100'], {
      env: { LANG: 'fr_FR.UTF-8' },
    });
    oneErrorLine(env, /^empreinte: erreur/, /--tokens/, /beaucoup/);
  });

  it('usage errors exit 2 with one line naming the flag, the value and what is accepted', () => {
    oneErrorLine(
      runCli(['explore', '--params', '7B,lots', '--tokens', '1T', '--hardware', 'h100']),
      /--params/,
      /lots/,
      /70B/,
    );
    oneErrorLine(runCli(['explore', ...SWEEP, '--sort', 'colour']), /--sort/, /colour/, /co2eKg/);
    oneErrorLine(
      runCli(['explore', '--params', '7B', '--tokens', '1T', '--hardware', 'h1000x']),
      /--hardware/,
      /h1000x/,
    );
    oneErrorLine(
      runCli(['explore', '--params', '7B', '--tokens', '1T', '--hardware', 'h100', '--precision', 'fp4']),
      /--precision/,
      /fp4/,
    );
  });
});

describe('empreinte project', () => {
  it('--json: today, future hardware, future grid and both; location- and market-based side by side', () => {
    const p = runCliJson<
      Record<string, { co2eKg: Range; co2eMarketKg: Range; totalCo2eKg: Range }> & { year: number }
    >([
      'project',
      ...['--params', '70B', '--tokens', '2T', '--hardware', 'h100', '--location', 'pl'],
      ...[
        '--year',
        '2030',
        '--scenario',
        'net-zero',
        '--renewable-share',
        '0.4',
        '--mix',
        'wind=0.6,solar=0.4',
      ],
    ]);
    assert.equal(p.year, 2030);
    for (const key of ['baseline', 'hardwareOnly', 'gridOnly', 'projected', 'projectedWithMix']) {
      assert.ok(p[key].co2eKg && p[key].co2eMarketKg, key);
      assert.ok(p[key].co2eMarketKg.central < p[key].co2eKg.central, key);
    }
    assert.ok(p.projected.totalCo2eKg.central < p.baseline.totalCo2eKg.central);
  });

  it('prints a table in English and French, and needs --year', () => {
    const args = [
      'project',
      '--params',
      '7B',
      '--tokens',
      '1T',
      '--hardware',
      'h100',
      '--location',
      'de',
      '--year',
      '2035',
    ];
    const en = runCli(args);
    assert.equal(en.status, 0, en.stderr);
    assert.match(en.stdout, /market-based/);
    assert.match(en.stdout, /location-based/);
    const fr = runCli([...args, '--lang', 'fr']);
    assert.match(fr.stdout, /Aujourd’hui/);
    oneErrorLine(
      runCli(['project', '--params', '7B', '--tokens', '1T', '--hardware', 'h100']),
      /--year is required/,
    );
    oneErrorLine(runCli([...args, '--scenario', 'magic']), /--scenario/, /magic/, /net-zero/);
    oneErrorLine(runCli([...args, '--mix', 'solar=0.2']), /--mix/, /add up to 1/);
  });
});

describe('empreinte recommend', () => {
  it('--json: baseline and recommendations sorted by CO2e saved, each with a trade-off', () => {
    const r = runCliJson<{
      baseline: Row;
      recommendations: {
        id: string;
        label: string;
        co2eKgSaved: number;
        savingPct: number;
        tradeOff: Record<string, string>;
      }[];
    }>(['recommend', '--params', '70B', '--tokens', '2T', '--hardware', 'h100', '--location', 'pl']);
    assert.ok(r.baseline.totalCo2eKg.central > 0);
    assert.ok(r.recommendations.length >= 3);
    for (let i = 0; i < r.recommendations.length; i++) {
      const rec = r.recommendations[i];
      assert.ok(rec.co2eKgSaved > 0);
      if (i > 0) assert.ok(r.recommendations[i - 1].co2eKgSaved >= rec.co2eKgSaved);
      assert.ok(Object.values(rec.tradeOff).some((v) => v.length > 0));
    }
  });

  it('prints ranked alternatives in French', () => {
    const fr = runCli([
      'recommend',
      '--params',
      '70B',
      '--tokens',
      '2T',
      '--hardware',
      'h100',
      '--location',
      'fr',
      '--lang',
      'fr',
    ]);
    assert.equal(fr.status, 0, fr.stderr);
    assert.match(fr.stdout, /Recommandations/);
    assert.match(fr.stdout, /kg CO2e évités/);
    oneErrorLine(
      runCli(['recommend', '--params', '70B', '--tokens', '2T', '--hardware', 'h100', '--trials', '0']),
      /--trials/,
    );
  });
});
