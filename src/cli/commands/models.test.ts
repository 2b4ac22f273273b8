import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, runCliJson } from '../../../test/helpers/cli.js';
import { MODELS } from '../../catalog/models.js';
import type { ModelEntry } from '../../catalog/types.js';

describe('empreinte models', () => {
  it('lists every model in a table sorted by year, with thousands separators', () => {
    const result = runCli(['models']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const lines = result.stdout.split('\n');
    assert.match(
      lines[0],
      /^id\s+year\s+params \(B\)\s+tokens \(B\)\s+hardware\s+chip-hours\s+energy MWh\s+CO2e t\s+basis$/,
    );
    const body = lines.slice(2).filter((l) => /^[a-z0-9]/.test(l) && /\s(19|20)\d\d\s/.test(l));
    assert.equal(body.length, MODELS.length);
    const years = body.map((l) => Number(l.split(/\s+/)[1]));
    assert.deepEqual(
      years,
      [...years].sort((a, b) => a - b),
    );
    const gpt3 = body.find((l) => l.startsWith('gpt-3-175b '));
    assert.ok(gpt3);
    assert.match(gpt3, /3,552,000\s+1,287\s+552\s+location$/);
    assert.match(body.find((l) => l.startsWith('deepseek-v3 ')) ?? '', /671 \(37 active\)/);
    assert.match(result.stdout, new RegExp(`${MODELS.length} models, oldest first`));
  });

  it('shows one model with every published field, its units, basis, notes and source', () => {
    const result = runCli(['models', 'Llama 2 70B']);
    assert.equal(result.status, 0, result.stderr);
    const out = result.stdout;
    assert.match(out, /^llama-2-70b — Llama 2 70B \(2023\)/);
    assert.match(out, /Chip-hours:\s+1,720,320 h/);
    assert.match(out, /Power per chip:\s+400 W/);
    assert.match(out, /Emissions:\s+291,420 kg CO2e \(291 t\)/);
    assert.match(out, /Basis:\s+location/);
    assert.match(out, /Not published: .*PUE/);
    assert.match(out, /Grid intensity:\s+424 g CO2e\/kWh \(derived\)/);
    assert.match(out, /Notes: .*adjusted for power usage efficiency/);
    assert.match(out, /Source: Touvron et al\. 2023, .*arXiv 2307\.09288.*\(2023\)/);

    const t5 = runCli(['models', 'T5 11B']).stdout;
    for (const pattern of [
      /PUE:\s+1\.12/,
      /Grid intensity:\s+545 g CO2e\/kWh/,
      /Energy:\s+85,700 kWh \(85\.7 MWh\)/,
      /Duration:\s+20 days/,
    ]) {
      assert.match(t5, pattern);
    }
  });

  it('prints pure JSON with --json: the entries, or the one entry asked for', () => {
    const list = runCli(['models', '--json']);
    assert.equal(list.status, 0, list.stderr);
    assert.equal(list.stderr, '');
    const entries = JSON.parse(list.stdout) as ModelEntry[];
    assert.equal(entries.length, MODELS.length);
    assert.deepEqual(
      entries.map((e) => e.year),
      entries.map((e) => e.year).sort((a, b) => a - b),
    );
    assert.ok(entries.every((e) => e.source.citation.length > 0));
    const one = runCliJson<ModelEntry>(['models', 'meta-llama/Llama-2-70b-hf']);
    assert.equal(one.id, 'llama-2-70b');
    assert.equal(one.chipHours, 1_720_320);
    assert.equal(one.co2eKg, 291_420);
  });

  it('speaks French with --lang fr or a French LANG, numbers included', () => {
    const table = runCli(['models'], { env: { LANG: 'fr_FR.UTF-8' } });
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /^id\s+année\s+paramètres \(Md\)\s+jetons \(Md\)\s+matériel\s+heures-puce/);
    assert.match(table.stdout, /gpt-3-175b\s+2020\s+175\s+300\s+nvidia-v100-sxm2\s+3\s552\s000\s+1\s287/u);
    const one = runCli(['models', 'gshard', '--lang', 'fr']);
    assert.match(one.stdout, /Architecture\u202f:\s+mélange d’experts/);
    assert.match(one.stdout, /Paramètres\u202f:\s+619 Md \(1,55 Md actifs\)/);
    assert.match(one.stdout, /Énergie\u202f:\s+24\s100 kWh \(24,1 MWh\)/u);
    assert.match(one.stdout, /Non publié\u202f: jetons/);
  });

  it('rejects an unknown id with exit 2 and one line naming the value and the closest ids', () => {
    for (const extra of [[], ['--json']]) {
      const result = runCli(['models', 'llama-2-700b', ...extra]);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0], /unknown model 'llama-2-700b' \(closest: llama-2-70b, /);
    }
    const french = runCli(['models', 'llama-2-700b', '--lang', 'fr']);
    assert.equal(french.status, 2);
    assert.match(
      french.stderr,
      /^empreinte: erreur: .*modèle inconnu « llama-2-700b » \(les plus proches : llama-2-70b/,
    );
  });
});
