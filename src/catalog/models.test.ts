import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EmpreinteError } from '../errors.js';
import { HARDWARE } from './hardware.js';
import { normaliseName } from './lookup.js';
import { closestModels, findModel, MODELS, resolveModel } from './models.js';
import type { ModelEntry } from './types.js';

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

  it('names only hardware the hardware catalog carries', () => {
    const ids = new Set(HARDWARE.map((h) => h.id));
    const unknown = MODELS.filter((m) => m.hardwareId !== undefined && !ids.has(m.hardwareId)).map(
      (m) => `${m.id}: ${m.hardwareId}`,
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

  /** The intensity on the basis of the published CO2e: net of purchases where it is market-based. */
  const basisIntensity = (m: ModelEntry) =>
    m.co2eBasis === 'market' ? m.marketIntensityGPerKwh : m.intensityGPerKwh;

  it('chip-hours × power × PUE × intensity reproduces the published CO2e within 3%', () => {
    // The PUE is the one the publication applied (1 for BLOOM and OPT, folded into Meta's power).
    const n = check(
      'chipHours×power×PUE×intensity',
      (m) => Boolean(m.chipHours && m.powerWPerChip && basisIntensity(m) && m.co2eKg),
      (m) => (m.chipHours! * m.powerWPerChip! * (m.pue ?? 1) * basisIntensity(m)!) / 1e6,
      (m) => m.co2eKg!,
    );
    assert.ok(n >= 25, `only ${n} entries checked`);
  });

  it('energy × intensity reproduces the published CO2e within 3%', () => {
    const n = check(
      'energy×intensity',
      (m) => Boolean(m.energyKwh && basisIntensity(m) && m.co2eKg),
      (m) => (m.energyKwh! * basisIntensity(m)!) / 1000,
      (m) => m.co2eKg!,
    );
    assert.ok(n >= 12, `only ${n} entries checked`);
  });

  it('chip-hours × power × PUE, or the measured IT energy × PUE, reproduces the published energy within 3%', () => {
    const n = check(
      'IT energy×PUE',
      (m) => Boolean(m.energyKwh && (m.itEnergyKwh || (m.chipHours && m.powerWPerChip))),
      (m) => (m.itEnergyKwh ?? (m.chipHours! * m.powerWPerChip!) / 1000) * (m.pue ?? 1),
      (m) => m.energyKwh!,
    );
    assert.ok(n >= 16, `only ${n} entries checked`);
  });

  it('states every basis a published figure needs: PUE applied, what the power covers, market intensity', () => {
    const gaps = MODELS.filter((m) => m.energyKwh !== undefined || m.co2eKg !== undefined).flatMap((m) => [
      ...(m.pue === undefined && !m.powerIncludesPue ? [`${m.id}: no PUE applied stated`] : []),
      ...(m.powerBoundary === undefined && m.id !== 'glam-1.2t' ? [`${m.id}: power boundary`] : []),
      ...(m.co2eBasis === 'market' && m.marketIntensityGPerKwh === undefined
        ? [`${m.id}: net intensity`]
        : []),
      ...(m.marketIntensityGPerKwh !== undefined && m.co2eBasis !== 'market'
        ? [`${m.id}: net but not market`]
        : []),
    ]);
    assert.deepEqual(gaps, []);
  });

  it('marks only fields the entry holds as derived, and says so in its notes', () => {
    const bad = MODELS.flatMap((m) =>
      (m.derived ?? [])
        .filter((f) => m[f] === undefined || !/derived/i.test(m.notes ?? ''))
        .map((f) => `${m.id}.${f}`),
    );
    assert.deepEqual(bad, []);
    assert.ok(MODELS.filter((m) => m.derived?.length).length >= 15);
  });

  it('keeps the derived GLaM run consistent with the paper’s 280B-token run (574 h on 1,024 chips, 213 MWh)', () => {
    const glam = byId('glam-1.2t');
    assert.equal(glam.chipHours, Math.round((574 * 1024 * 600) / 280));
    assert.ok(relative((1024 * 574 * glam.powerWPerChip! * glam.pue!) / 1000, 213_000) < 0.01);
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
        assert.match(error.message, /--base-model: unknown model 'llama-2-700b'/);
        assert.match(error.issues[0].accepted ?? '', /llama-2-70b/);
        return true;
      },
    );
    assert.equal(closestModels('gemma3 27', 1)[0], 'gemma-3-27b');
  });
});
