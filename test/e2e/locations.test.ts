import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli, runCliJson } from '../helpers/cli.js';

interface Location {
  id: string;
  name: string;
  kind: string;
  intensityGPerKwh: number;
  year: number;
  provider?: string;
  zone?: string;
  source: { citation: string; year: number; licence?: string };
}

/** One clear line on stderr, no stack trace, exit 2. */
function assertUsageError(result: ReturnType<typeof runCli>, flag: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0], flag);
  assert.doesNotMatch(result.stderr, /\bat .+:\d+:\d+/);
}

describe('empreinte locations', () => {
  it('shows one location in full as JSON, with its source and licence', () => {
    const result = runCli(['locations', 'fr', '--json']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const fr = JSON.parse(result.stdout) as Location;
    assert.equal(fr.id, 'fr');
    assert.equal(fr.kind, 'country');
    assert.ok(fr.intensityGPerKwh > 0 && fr.intensityGPerKwh < 150);
    assert.match(fr.source.citation, /Ember/);
    assert.match(fr.source.licence ?? '', /CC BY-SA 4\.0/);
  });

  it('resolves cloud regions to their zone', () => {
    const region = runCliJson<Location>(['locations', 'aws:eu-west-3']);
    assert.equal(region.zone, 'FR');
    assert.equal(region.provider, 'aws');
    assert.equal(region.intensityGPerKwh, runCliJson<Location>(['locations', 'FR']).intensityGPerKwh);
    assert.match(region.source.licence ?? '', /ODbL/);
  });

  it('lists matches sorted by intensity, filtered by kind and provider', () => {
    const aws = runCliJson<Location[]>(['locations', '--provider', 'aws']);
    assert.ok(aws.length >= 30);
    assert.ok(aws.every((e) => e.provider === 'aws'));
    for (let i = 1; i < aws.length; i++) assert.ok(aws[i - 1].intensityGPerKwh <= aws[i].intensityGPerKwh);
    const zones = runCliJson<Location[]>(['locations', 'india', '--kind', 'zone']);
    assert.ok(zones.some((e) => e.id === 'IN-WE'));
    assert.ok(zones.every((e) => e.kind === 'zone'));
  });

  it('prints a table with id, name, kind, intensity, year and source', () => {
    const result = runCli(['locations', 'california']);
    assert.equal(result.status, 0, result.stderr);
    const [header] = result.stdout.split('\n');
    for (const column of ['id', 'name', 'kind', 'g CO2e/kWh', 'year', 'source'])
      assert.ok(header.includes(column), column);
    assert.match(
      result.stdout,
      /US-CAL-CISO\s+California ISO \(USA\)\s+grid zone\s+\d+\s+2025\s+Electricity Maps/,
    );
  });

  it('says when nothing matches, with the closest ids', () => {
    const result = runCli(['locations', 'atlantis']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /No location matches 'atlantis' \(closest: /);
  });

  it('rejects an unknown kind, provider or language with one line naming the flag', () => {
    assertUsageError(
      runCli(['locations', '--kind', 'planet']),
      /--kind: 'planet' is not accepted \(expected world, country, zone, cloud-region\)/,
    );
    assertUsageError(
      runCli(['locations', '--provider', 'ovh', '--json']),
      /--provider: 'ovh'.*aws, gcp, azure/,
    );
    assertUsageError(runCli(['locations', 'fr', '--lang', 'de']), /--lang/);
  });

  it('speaks French with --lang fr or a French LANG', () => {
    const flag = runCli(['locations', 'fr', '--lang', 'fr']);
    assert.equal(flag.status, 0, flag.stderr);
    assert.match(flag.stdout, /Intensité carbone du réseau\u202f: \d+,\d g CO2e\/kWh \(\d{4}\)/);
    assert.match(flag.stdout, /\(pays\)/);
    const env = runCli(['locations', 'gcp:europe-west9'], { env: { LANG: 'fr_FR.UTF-8' } });
    assert.match(
      env.stdout,
      /Chiffre du fournisseur\u202f: 16,3 g CO2e\/kWh \(2024, énergie décarbonée 96 %\)/,
    );
    const error = runCli(['locations', '--kind', 'planet', '--lang', 'fr']);
    assertUsageError(
      error,
      /^empreinte: erreur: --kind : planet n’est pas accepté \(attendu : world, country, zone, cloud-region\)/,
    );
  });

  it('does not load the grid data for `empreinte --help` (lazy), only for commands that need it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'empreinte-trace-'));
    const register = fileURLToPath(new URL('../fixtures/trace-imports/register.mjs', import.meta.url));
    const trace = (args: string[]) => {
      const file = join(dir, `${args.join('_')}.txt`);
      const result = runCli(args, {
        env: { EMPREINTE_TRACE_FILE: file, NODE_OPTIONS: `--import=${register}` },
      });
      assert.equal(result.status, 0, result.stderr);
      return readFileSync(file, 'utf8');
    };
    try {
      const help = trace(['--help']);
      assert.match(help, /cli\/main\.js/); // the trace works
      assert.doesNotMatch(help, /@tgwf\/co2/);
      // CO2.js's data entry, as an ES module or (loaded on first lookup) through require.
      assert.match(trace(['locations', 'fr', '--json']), /@tgwf\/co2\/(dist\/esm\/)?data\b/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
