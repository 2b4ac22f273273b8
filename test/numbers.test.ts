import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuantity, withDecimalComma } from '../src/engine/units.js';
import { isEmpreinteError } from '../src/errors.js';
import { createApp } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import { runCli, runCliJson } from './helpers/cli.js';

/** Numbers as users write them: mass units against count suffixes, and commas. */
function refusal(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    assert.ok(isEmpreinteError(error), String(error));
    return error.message;
  }
  assert.fail('expected an error');
}

describe('masses in kg', () => {
  const mass = (text: string) => parseQuantity(text, 'co2eKg', { min: 0, massKg: true });

  it('reads mass units as masses, never as count suffixes', () => {
    assert.equal(mass('1 t'), 1000);
    assert.equal(mass('1t'), 1000);
    assert.equal(mass('800 g'), 0.8);
    assert.equal(mass('5 kg'), 5);
    assert.equal(mass('5 KG'), 5);
    assert.equal(mass('2 kt'), 2e6);
    assert.equal(mass('2 Mt'), 2e9);
    assert.equal(mass('1200'), 1200);
  });

  it('keeps the count suffixes no mass unit collides with', () => {
    assert.equal(mass('1.2k'), 1200);
    assert.equal(mass('3M'), 3e6);
    assert.equal(mass('1B'), 1e9);
  });

  it('refuses an ambiguous suffix, naming the flag', () => {
    for (const text of ['1 T', '1G', '1 m', '1 MT']) {
      assert.match(
        refusal(() => mass(text)),
        /^--co2e-kg: '.*' is ambiguous/,
        text,
      );
    }
    assert.match(
      refusal(() => mass('1 lb')),
      /^--co2e-kg: '1 lb' is not a mass/,
    );
  });

  it('compare --co2e-kg "1 t" is one tonne', () => {
    assert.equal(runCliJson<{ co2eKg: number }>(['compare', '--co2e-kg', '1 t']).co2eKg, 1000);
    const result = runCli(['compare', '--co2e-kg', '1 T']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--co2e-kg: '1 T' is ambiguous/);
  });
});

describe('commas', () => {
  const params = (text: string) => parseQuantity(text, 'params', { min: 1 });

  it('is an error naming the flag where French is not in force, never dropped', () => {
    for (const text of ['7,5B', '1,000,000', '1,5']) {
      assert.match(
        refusal(() => params(text)),
        /^--params: '.*' has a comma/,
        text,
      );
    }
  });

  it('is a decimal comma where French is in force; anything else with a comma is still an error', () => {
    assert.equal(
      withDecimalComma(true, () => params('7,5B')),
      7.5e9,
    );
    assert.equal(
      withDecimalComma(true, () => parseQuantity('1,5', 'days', { min: 0 })),
      1.5,
    );
    assert.match(
      refusal(() => withDecimalComma(true, () => params('1,000,000'))),
      /not one decimal comma/,
    );
    assert.match(
      refusal(() => withDecimalComma(true, () => params('1.000,5'))),
      /not one decimal comma/,
    );
    // The setting does not outlive the parse.
    assert.match(
      refusal(() => params('7,5B')),
      /has a comma/,
    );
  });

  const training = ['estimate', 'training', '--tokens', '1T', '--hardware', 'h100', '--chips', '8'];
  const co2e = (args: string[], env = {}) =>
    runCliJson<{ co2eKg: { central: number } }>(args, { env }).co2eKg.central;

  it('on the command line: an error in English, a decimal comma with --lang fr or a French locale', () => {
    const result = runCli([...training, '--params', '7,5B']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--params: '7,5B' has a comma/);
    const days = runCli([...training, '--params', '7B', '--days', '1,5']);
    assert.equal(days.status, 2);
    assert.match(days.stderr, /--days: '1,5' has a comma/);

    const point = co2e([...training, '--params', '7.5B']);
    assert.equal(co2e([...training, '--params', '7,5B', '--lang', 'fr']), point);
    assert.equal(co2e([...training, '--params', '7,5B'], { LANG: 'fr_FR.UTF-8' }), point);
  });

  it('in explore lists: never split inside a decimal comma; `;` separates where French is in force', () => {
    const explore = ['explore', '--tokens', '1T', '--hardware', 'h100'];
    const ambiguous = runCli([...explore, '--params', '7,5B,13B', '--lang', 'fr']);
    assert.equal(ambiguous.status, 2);
    assert.match(ambiguous.stderr, /--params : « 7,5B,13B » est ambigu avec une virgule décimale/);
    const rows = runCliJson<{ params: number }[]>([...explore, '--params', '7,5B;13B', '--lang', 'fr']);
    assert.deepEqual(
      rows.map((r) => r.params),
      [7.5e9, 13e9],
    );
    const english = runCliJson<{ params: number }[]>([...explore, '--params', '7B,13B']);
    assert.deepEqual(
      english.map((r) => r.params),
      [7e9, 13e9],
    );
  });

  it('over HTTP: a 400 naming the field, or a decimal comma with ?lang=fr', async () => {
    const { app } = createApp({ store: () => openStore(':memory:'), cacheEntries: 0 });
    const post = (query: string, params: string) =>
      app.request(`/api/v1/estimate/training${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ params, tokens: '1T', hardware: 'h100', chips: 8 }),
      });
    const refused = await post('', '7,5B');
    assert.equal(refused.status, 400);
    const body = (await refused.json()) as { error: { message: string } };
    assert.match(body.error.message, /params: '7,5B' has a comma/);

    const french = await post('?lang=fr', '7,5B');
    assert.equal(french.status, 200);
    const point = await post('', '7.5B');
    const central = async (r: Response) =>
      ((await r.json()) as { co2eKg: { central: number } }).co2eKg.central;
    assert.equal(await central(french), await central(point));
  });
});
