import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SHARED_DATA } from '../../test/helpers/cli.js';
import { isTrustworthy, loadPublished, type PublishedRow } from '../../test/helpers/published.js';
import { EmpreinteError } from '../errors.js';
import { normaliseName } from './lookup.js';
import { closestModels, findModel, MODELS, resolveModel } from './models.js';
import type { ModelEntry } from './types.js';

/**
 * Hardware ids to check against: the hardware catalog's once it exists, else the agreed list it is
 * built from (the shared hardware facts carry exactly the catalog ids).
 */
async function hardwareIds(): Promise<{ ids: Set<string>; from: string }> {
  const path = './hardware.js';
  try {
    const { HARDWARE } = (await import(path)) as { HARDWARE: readonly { id: string }[] };
    return { ids: new Set(HARDWARE.map((h) => h.id)), from: 'HARDWARE' };
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    const facts = JSON.parse(readFileSync(join(SHARED_DATA, 'hardware', 'hardware.json'), 'utf8')) as {
      id: string;
    }[];
    return { ids: new Set(facts.map((h) => h.id)), from: 'hardware.json' };
  }
}

const byId = (id: string): ModelEntry => {
  const entry = MODELS.find((m) => m.id === id);
  assert.ok(entry, `catalog has no '${id}'`);
  return entry;
};
const relative = (ours: number, theirs: number) => Math.abs(ours - theirs) / Math.abs(theirs);

describe('model catalog integrity', () => {
  it('holds at least 30 models, including the ones the project promises', () => {
    assert.ok(MODELS.length >= 30, `only ${MODELS.length} models`);
    const required = [
      'gpt-3-175b',
      'bloom-176b',
      'opt-175b',
      'gopher-280b',
      'chinchilla-70b',
      'glam-1.2t',
      'llama-7b',
      'llama-13b',
      'llama-33b',
      'llama-65b',
      'llama-2-7b',
      'llama-2-13b',
      'llama-2-70b',
      'gemma-2b',
      'gemma-7b',
      'olmo-7b',
      'starcoderbase-15.5b',
      't5-11b',
      'meena-2.6b',
      'gshard-600b',
      'switch-1.5t',
      'llama-3.1-405b',
      'olmo-2-13b',
      'starcoder2-15b',
      'mistral-large-2',
      'gemma-2-27b',
      'gemma-3-27b',
    ];
    const missing = required.filter((id) => !MODELS.some((m) => m.id === id));
    assert.deepEqual(missing, []);
  });

  it('has lower-case dashed ids and no id or alias shared by two entries', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const m of MODELS) {
      assert.match(m.id, /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, `id '${m.id}'`);
      for (const key of new Set([m.id, ...m.aliases].map(normaliseName))) {
        const other = owner.get(key);
        if (other && other !== m.id) clashes.push(`${key}: ${other} and ${m.id}`);
        owner.set(key, m.id);
      }
    }
    assert.deepEqual(clashes, []);
  });

  it('cites a source with a year on every entry, and says which basis every published CO2e uses', () => {
    for (const m of MODELS) {
      assert.ok(m.source.citation.length > 20, `${m.id}: citation too short`);
      assert.ok(m.source.year >= 2017 && m.source.year <= 2026, `${m.id}: source year ${m.source.year}`);
      assert.ok(
        !/shared|training\.json/i.test(m.source.citation),
        `${m.id}: cites the shared reference file`,
      );
      if (m.co2eBasis !== undefined) assert.ok(m.co2eKg !== undefined, `${m.id}: basis without CO2e`);
      if (m.co2eKg !== undefined) {
        assert.ok(m.co2eBasis, `${m.id}: CO2e without basis`);
        assert.equal(typeof m.embodiedIncluded, 'boolean', `${m.id}: CO2e without embodiedIncluded`);
      }
    }
  });

  it('keeps active parameters within the total, and equal to it for dense models', () => {
    for (const m of MODELS) {
      assert.ok(
        m.paramsActive > 0 && m.paramsActive <= m.paramsTotal,
        `${m.id}: ${m.paramsActive} > ${m.paramsTotal}`,
      );
      if (m.architecture === 'dense') assert.equal(m.paramsActive, m.paramsTotal, m.id);
      else
        assert.ok(m.paramsActive < m.paramsTotal, `${m.id}: mixture of experts with all parameters active`);
    }
  });

  it('uses only positive finite numbers', () => {
    const fields = [
      'paramsTotal',
      'tokens',
      'chips',
      'chipHours',
      'days',
      'powerWPerChip',
      'pue',
      'intensityGPerKwh',
      'energyKwh',
      'co2eKg',
    ] as const;
    for (const m of MODELS) {
      for (const f of fields) {
        const v = m[f];
        if (v !== undefined) assert.ok(Number.isFinite(v) && v > 0, `${m.id}.${f} = ${v}`);
      }
      if (m.pue !== undefined) assert.ok(m.pue >= 1 && m.pue < 2, `${m.id}.pue = ${m.pue}`);
    }
  });

  it('names only hardware the hardware catalog carries', async () => {
    const { ids, from } = await hardwareIds();
    assert.ok(ids.size > 20, `${from} lists only ${ids.size} chips`);
    const unknown = MODELS.filter((m) => m.hardwareId !== undefined && !ids.has(m.hardwareId)).map(
      (m) => `${m.id}: ${m.hardwareId} (not in ${from})`,
    );
    assert.deepEqual(unknown, []);
    assert.ok(MODELS.filter((m) => m.hardwareId).length >= 30);
  });
});

describe('published arithmetic', () => {
  /** Every relation between published fields that must hold, with the entries that break it. */
  function check(
    name: string,
    applies: (m: ModelEntry) => boolean,
    ours: (m: ModelEntry) => number,
    theirs: (m: ModelEntry) => number,
    tolerance = 0.03,
  ) {
    const checked = MODELS.filter(applies);
    const failures = checked
      .map((m) => ({ id: m.id, ours: ours(m), theirs: theirs(m) }))
      .filter((r) => relative(r.ours, r.theirs) > tolerance)
      .map(
        (r) =>
          `${r.id}: ${name} gives ${r.ours.toFixed(1)}, published ${r.theirs} (${(relative(r.ours, r.theirs) * 100).toFixed(1)}%)`,
      );
    assert.deepEqual(failures, []);
    return checked.length;
  }

  it('chip-hours × power × PUE × intensity reproduces the published CO2e within 3%', () => {
    // Where no PUE is published the authors applied none (BLOOM counts dynamic power only).
    const n = check(
      'chipHours×power×PUE×intensity',
      (m) => Boolean(m.chipHours && m.powerWPerChip && m.intensityGPerKwh && m.co2eKg),
      (m) => (m.chipHours! * m.powerWPerChip! * (m.pue ?? 1) * m.intensityGPerKwh!) / 1e6,
      (m) => m.co2eKg!,
    );
    assert.ok(n >= 10, `only ${n} entries checked`);
  });

  it('energy × intensity reproduces the published CO2e within 3%', () => {
    const n = check(
      'energy×intensity',
      (m) => Boolean(m.energyKwh && m.intensityGPerKwh && m.co2eKg),
      (m) => (m.energyKwh! * m.intensityGPerKwh!) / 1000,
      (m) => m.co2eKg!,
    );
    assert.ok(n >= 10, `only ${n} entries checked`);
  });

  it('chip-hours × power × PUE reproduces the published energy within 3%', () => {
    const n = check(
      'chipHours×power×PUE',
      (m) => Boolean(m.energyKwh && m.chipHours && m.powerWPerChip),
      (m) => (m.chipHours! * m.powerWPerChip! * (m.pue ?? 1)) / 1000,
      (m) => m.energyKwh!,
    );
    assert.ok(n >= 10, `only ${n} entries checked`);
  });

  it('chips × days × 24 agrees with the chip-hours within 3%', () => {
    const n = check(
      'chips×days×24',
      (m) => Boolean(m.chips && m.days && m.chipHours),
      (m) => m.chips! * m.days! * 24,
      (m) => m.chipHours!,
    );
    assert.ok(n >= 5, `only ${n} entries checked`);
  });

  it('Meta per-model rows add up to the family totals of the same tables', () => {
    const sum = (ids: string[], f: (m: ModelEntry) => number) => ids.reduce((s, id) => s + f(byId(id)), 0);
    const llama2 = ['llama-2-7b', 'llama-2-13b', 'llama-2-34b', 'llama-2-70b'];
    assert.equal(
      sum(llama2, (m) => m.chipHours!),
      3_311_616,
    );
    assert.ok(
      relative(
        sum(llama2, (m) => m.co2eKg!),
        539_000,
      ) < 0.001,
    );
    const llama31 = ['llama-3.1-8b', 'llama-3.1-70b', 'llama-3.1-405b'];
    assert.ok(
      relative(
        sum(llama31, (m) => m.chipHours!),
        39.3e6,
      ) < 0.001,
    );
    assert.equal(
      sum(llama31, (m) => m.co2eKg!),
      11_390_000,
    );
    assert.equal(
      sum(['llama-3-8b', 'llama-3-70b'], (m) => m.co2eKg!),
      2_290_000,
    );
    assert.equal(
      sum(['llama-4-scout', 'llama-4-maverick'], (m) => m.co2eKg!),
      1_999_000,
    );
  });
});

describe('cross-check with the shared published figures', () => {
  type Row = PublishedRow & { days: number | null };
  const rows = new Map((loadPublished() as Row[]).map((r) => [r.id, r]));

  /** Verified rows this catalog took figures from: shared row id -> catalog id. */
  const USED: Record<string, string> = {
    'patterson21-t5-11b': 't5-11b',
    'patterson21-meena': 'meena-2.6b',
    'patterson21-gshard-600b': 'gshard-600b',
    'patterson21-switch-1500b': 'switch-1.5t',
    'patterson21-gpt3-175b': 'gpt-3-175b',
    'luccioni22-bloom-176b-dynamic': 'bloom-176b',
    'opt-175b': 'opt-175b',
    'gopher-280b': 'gopher-280b',
    'chinchilla-70b': 'chinchilla-70b',
    'glam-1.2t': 'glam-1.2t',
    'llama1-7b': 'llama-7b',
    'llama1-13b': 'llama-13b',
    'llama1-33b': 'llama-33b',
    'llama1-65b': 'llama-65b',
    'llama2-7b': 'llama-2-7b',
    'llama2-13b': 'llama-2-13b',
    'llama2-34b': 'llama-2-34b',
    'llama2-70b': 'llama-2-70b',
    'starcoderbase-15.5b': 'starcoderbase-15.5b',
    'olmo1-7b-a100': 'olmo-7b',
    'olmo2-7b': 'olmo-2-7b',
    'olmo2-13b': 'olmo-2-13b',
    'mpt-7b': 'mpt-7b',
    'mistral-large-2-lca': 'mistral-large-2',
  };

  /** Figures deliberately different from the shared row, with the reason (row:field). */
  const CORRECTED: Record<string, string> = {
    'starcoderbase-15.5b:energyKwh':
      'the catalog stores facility energy: 89,671.68 kWh of GPU energy × the published PUE 1.2',
    'olmo1-7b-a100:tokens':
      'the allenai/OLMo-7B model card says 2.5 trillion; the shared row keeps a 2T lower bound',
    'gopher-280b:energyKwh':
      'the 1,066 MWh is inferred by Luccioni et al., not published by the authors: left out',
    'mistral-large-2-lca:co2eKg':
      'the LCA figure covers training plus 18 months of inference and manufacturing: kept in notes, not as training CO2e',
  };

  const FIELDS: [keyof ModelEntry, (r: Row) => number | null][] = [
    ['paramsTotal', (r) => r.params_total],
    ['tokens', (r) => r.tokens],
    ['chips', (r) => r.chips],
    ['chipHours', (r) => r.chip_hours],
    ['days', (r) => r.days],
    ['powerWPerChip', (r) => r.power_w_per_chip],
    ['pue', (r) => r.pue],
    ['intensityGPerKwh', (r) => (r.grid_kgco2_per_kwh === null ? null : r.grid_kgco2_per_kwh * 1000)],
    ['energyKwh', (r) => (r.energy_mwh === null ? null : r.energy_mwh * 1000)],
    ['co2eKg', (r) => (r.co2e_t === null ? null : r.co2e_t * 1000)],
  ];

  it('uses only trustworthy rows', () => {
    for (const rowId of Object.keys(USED)) {
      const row = rows.get(rowId);
      assert.ok(row, `shared row '${rowId}' is gone`);
      assert.ok(isTrustworthy(row), `${rowId} is not verified`);
    }
  });

  it('agrees with every verified row it used, within rounding, except the corrections it names', () => {
    const disagreements: string[] = [];
    let compared = 0;
    for (const [rowId, modelId] of Object.entries(USED)) {
      const row = rows.get(rowId)!;
      const entry = byId(modelId);
      for (const [field, theirs] of FIELDS) {
        const key = `${rowId}:${field}`;
        const published = theirs(row);
        const ours = entry[field] as number | undefined;
        if (published === null) continue;
        if (key in CORRECTED) {
          assert.ok(
            ours === undefined || relative(ours, published) > 0.005,
            `${key} is listed as corrected but agrees`,
          );
          continue;
        }
        // Where the catalog leaves a field out, the shared value must be non-published (Meta folds PUE into power, etc.).
        if (ours === undefined) continue;
        compared++;
        // 1% covers rounding (63.44 t vs 62.44...), parameter counts that include rotary buffers, and days rounded to 0.1.
        if (relative(ours, published) > 0.01)
          disagreements.push(`${key}: catalog ${ours}, shared ${published}`);
      }
    }
    assert.deepEqual(disagreements, []);
    assert.ok(compared >= 80, `only ${compared} figures compared`);
  });

  it('splits family rows without changing their totals', () => {
    const sum = (ids: string[], f: (m: ModelEntry) => number) => ids.reduce((s, id) => s + f(byId(id)), 0);
    const gemma = rows.get('gemma1-2b-7b')!;
    assert.equal(
      sum(['gemma-2b', 'gemma-7b'], (m) => m.tokens!),
      gemma.tokens,
    );
    assert.equal(
      sum(['gemma-2b', 'gemma-7b'], (m) => m.chips!),
      gemma.chips,
    );
    const gemma2 = rows.get('gemma2-2b-9b-27b')!;
    assert.equal(
      sum(['gemma-2-2b', 'gemma-2-9b', 'gemma-2-27b'], (m) => m.tokens!),
      gemma2.tokens,
    );
    assert.equal(
      sum(['gemma-2-2b', 'gemma-2-9b', 'gemma-2-27b'], (m) => m.chips!),
      gemma2.chips,
    );
    const gemma3 = rows.get('gemma3-family')!;
    assert.equal(
      sum(['gemma-3-1b', 'gemma-3-4b', 'gemma-3-12b', 'gemma-3-27b'], (m) => m.tokens!),
      gemma3.tokens,
    );
    assert.equal(
      sum(['gemma-3-1b', 'gemma-3-4b', 'gemma-3-12b', 'gemma-3-27b'], (m) => m.chips!),
      gemma3.chips,
    );
    const llama2 = rows.get('llama2-total')!;
    assert.equal(
      sum(['llama-2-7b', 'llama-2-13b', 'llama-2-34b', 'llama-2-70b'], (m) => m.chipHours!),
      llama2.chip_hours,
    );
  });
});

describe('model lookup', () => {
  it('finds ids and aliases ignoring case, spaces, dashes and dots', () => {
    for (const name of [
      'llama-2-70b',
      'llama2-70b',
      'Llama 2 70B',
      'meta-llama/Llama-2-70b-hf',
      'LLAMA_2_70B',
    ]) {
      assert.equal(findModel(name)?.id, 'llama-2-70b', name);
    }
    assert.equal(findModel('GPT-3')?.id, 'gpt-3-175b');
    assert.equal(findModel('bigscience/bloom')?.id, 'bloom-176b');
    assert.equal(resolveModel('Llama 3.1 405B').id, 'llama-3.1-405b');
    assert.equal(findModel('no-such-model'), undefined);
  });

  it('tells apart names that differ only by a version dot', () => {
    assert.equal(findModel('llama-3-70b')?.id, 'llama-3-70b');
    assert.equal(findModel('llama-3.1-70b')?.id, 'llama-3.1-70b');
    assert.equal(findModel('llama-3.3-70b')?.id, 'llama-3.3-70b');
    assert.equal(findModel('gemma-2b')?.id, 'gemma-2b');
    assert.equal(findModel('gemma-2-2b')?.id, 'gemma-2-2b');
  });

  it('rejects an unknown name with a usage error naming the field and the closest ids', () => {
    assert.throws(
      () => resolveModel('llama-2-700b', 'baseModel'),
      (error: unknown) => {
        assert.ok(error instanceof EmpreinteError);
        assert.equal(error.code, 'unknown_id');
        assert.deepEqual(error.issues[0].path, ['baseModel']);
        assert.match(error.message, /--baseModel: unknown model 'llama-2-700b'/);
        assert.match(error.issues[0].accepted ?? '', /llama-2-70b/);
        return true;
      },
    );
    assert.equal(closestModels('gemma3 27', 1)[0], 'gemma-3-27b');
  });
});
