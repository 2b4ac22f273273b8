import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fill,
  isFieldParam,
  MESSAGES,
  msg,
  type Params,
  pairOf,
  placeholders,
  ROUTES_BY_WORD,
  render,
  TABLES,
  toFlag,
} from './index.js';

describe('the message table', () => {
  const entries = Object.entries(MESSAGES) as [string, readonly [string, string]][];

  it('has both languages for every key, with the same placeholders', () => {
    assert.ok(entries.length > 50, `only ${entries.length} messages`);
    const mismatched = entries
      .filter(([, [en, fr]]) => placeholders(en).join() !== placeholders(fr).join())
      .map(([key, [en, fr]]) => `${key}: {${placeholders(en)}} vs {${placeholders(fr)}}`);
    assert.deepEqual(mismatched, []);
    const empty = entries.filter(([, pair]) => pair.some((text) => text.trim() === '')).map(([key]) => key);
    assert.deepEqual(empty, []);
  });

  it('names keys area.name, each key once across the area tables', () => {
    const bad = entries.map(([key]) => key).filter((key) => !/^[a-z][A-Za-z0-9]*\.[\w.-]+$/.test(key));
    assert.deepEqual(bad, []);
    // A key in two area tables would be silently overwritten by the later one.
    const tables = Object.values(TABLES);
    const seen = new Map<string, number>();
    for (const table of tables) for (const key of Object.keys(table)) seen.set(key, (seen.get(key) ?? 0) + 1);
    assert.deepEqual(
      [...seen].filter(([, n]) => n > 1).map(([key]) => key),
      [],
    );
    assert.equal(seen.size, entries.length, 'every area table is part of MESSAGES');
  });

  it('routes every key by its first word to its own table, so a lookup loads that table alone', () => {
    const unrouted: string[] = [];
    for (const [name, table] of Object.entries(TABLES)) {
      for (const key of Object.keys(table)) {
        const routes: readonly string[] | undefined = ROUTES_BY_WORD[key.split('.')[0]];
        if (!routes?.includes(name)) unrouted.push(`${key} (${name})`);
      }
    }
    assert.deepEqual(unrouted, []);
    // No route names a table that has none of its keys.
    const idle = Object.entries(ROUTES_BY_WORD).flatMap(([word, names]) =>
      names
        .filter((name) => !Object.keys(TABLES[name]).some((key) => key.startsWith(`${word}.`)))
        .map((name) => `${word} -> ${name}`),
    );
    assert.deepEqual(idle, []);
  });

  it('finds each pair where MESSAGES has it, and nothing for an unknown key', () => {
    for (const [key, pair] of Object.entries(MESSAGES)) assert.equal(pairOf(key), pair, key);
    assert.equal(pairOf('no.such'), undefined);
    assert.equal(pairOf('cli.noSuchKey'), undefined);
    assert.equal(pairOf('nodot'), undefined);
    assert.ok('error.required' in MESSAGES);
    assert.ok(!('no.such' in MESSAGES));
  });

  it('reads placeholders', () => {
    assert.deepEqual(placeholders('{b}: {a} and {b}'), ['a', 'b']);
    assert.deepEqual(placeholders('none'), []);
  });
});

describe('render', () => {
  const outOfRange = msg('error.outOfRange', {
    field: 'gridIntensity',
    value: '-3',
    accepted: msg('accepted.bounded', { kind: msg('accepted.number'), bounds: '>= 0' }),
  });

  it('names inputs as CLI flags or as JSON fields', () => {
    assert.equal(
      render(outOfRange, 'en', 'flag'),
      '--grid-intensity: -3 is out of range (expected a number >= 0)',
    );
    assert.equal(
      render(outOfRange, 'en', 'field'),
      'gridIntensity: -3 is out of range (expected a number >= 0)',
    );
  });

  it('renders nested messages (what is accepted) in the same language', () => {
    assert.equal(
      render(outOfRange, 'fr', 'field'),
      'gridIntensity : -3 est hors limites (attendu : un nombre >= 0)',
    );
  });

  it('styles every param named *Field, and no other', () => {
    const message = msg('error.yearRequired', { field: 'year' });
    assert.equal(
      render(message, 'en', 'flag'),
      '--year is required (the year to project to, e.g. --year 2030)',
    );
    assert.equal(
      render(msg('error.notOneOf', { field: 'x', value: 'fooBar', accepted: 'a' }), 'en', 'flag'),
      "--x: 'fooBar' is not accepted (expected one of a)",
    );
  });

  it('writes a decimal number with a comma in French, integers as they are', () => {
    const basis = msg('calibration.basisOne', { factor: 1.22, citation: 'x' });
    assert.match(render(basis, 'fr'), /×\/÷ 1,22 par défaut/);
    assert.match(render(basis, 'en'), /×\/÷ 1\.22 \(/);
    const runs = msg('calibration.basisRuns', { runs: 2021, floor: 1.5e-7 });
    assert.match(render(runs, 'fr'), /^2021 exécutions .* au moins ×\/÷ 1,5e-7$/);
    assert.match(render(msg('calibration.basisRuns', { runs: 3, floor: '1.5' }), 'fr'), /×\/÷ 1\.5$/);
  });

  it('leaves a missing param empty, and writes an unknown key (stale data) as itself', () => {
    assert.equal(render(msg('error.required'), 'en', 'flag'), ' is required');
    assert.equal(render({ key: 'no.such' as never }, 'fr'), 'no.such');
  });

  it('writes camelCase fields as kebab-case flags', () => {
    assert.equal(toFlag('chipHours'), 'chip-hours');
    assert.equal(toFlag('params'), 'params');
  });

  it('fills every template as a placeholder-by-placeholder replacement would, params given or not', () => {
    // What filling means, written the plain way: each {name} replaced where it stands.
    const reference = (template: string, params: Params, style: 'flag' | 'field') =>
      template.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = params[name];
        if (value === undefined) return '';
        if (style === 'flag' && typeof value === 'string' && isFieldParam(name)) return `--${toFlag(value)}`;
        return String(value);
      });
    const templates = [
      ...(Object.values(MESSAGES) as (readonly [string, string])[]).flat(),
      '{a}{b}',
      '{a}',
      'no placeholder',
      '',
      '{ a } {a} {a}',
    ];
    for (const template of templates) {
      const names = [...placeholders(template), 'a', 'b'];
      const all: Params = Object.fromEntries(names.map((name, i) => [name, i % 2 ? `v${i}$&` : i]));
      const some: Params = Object.fromEntries(
        names.filter((_, i) => i % 3 === 0).map((name) => [name, 'chipHours']),
      );
      for (const params of [all, some, {}]) {
        for (const style of ['flag', 'field'] as const) {
          for (let round = 0; round < 2; round++) {
            assert.equal(fill(template, params, 'en', style), reference(template, params, style), template);
          }
        }
      }
    }
  });
});
