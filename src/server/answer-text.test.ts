import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serialize } from 'node:v8';
import { answerText, narrowJson } from './answer-text.js';

/** Whether V8 holds `text` one byte a character (its serializer tags one-byte and two-byte strings apart). */
function isOneByte(text: string): boolean {
  const bytes = serialize(text);
  let i = 2; // after the version header; two-byte strings may be preceded by padding
  while (bytes[i] === 0) i++;
  return bytes[i] === 0x22; // '"': one-byte string ('c': two-byte)
}

/** The answer's text parses to the value of JSON.stringify, keys in the same order. */
function assertSameJson(text: string | undefined, value: unknown): void {
  assert.equal(text === undefined ? undefined : JSON.stringify(JSON.parse(text)), JSON.stringify(value));
}

const equivalent = (id: string, value: number, label = `label of ${id}`) => ({
  id,
  label,
  value,
  unit: 'km',
  source: `${id}: 4.03 × 10⁻⁴ t CO2e per mile – L’empreinte`,
});

describe('answerText', () => {
  it('gives the value of JSON.stringify, in one-byte text, for an answer with equivalents', () => {
    const answer = {
      energyKwh: { low: 1.5, central: 2, high: Number.NaN },
      skipped: undefined,
      notes: ['L’estimation – ⁻', 'plain'],
      equivalents: [equivalent('car-km', 1e21), equivalent('trees', -0), equivalent('flights', Infinity)],
      inputs: { hardware: { value: 'h100', source: 'catalog: « H100 » ’' } },
      when: new Date(0),
    };
    for (let round = 0; round < 3; round++) {
      const text = answerText(answer);
      assertSameJson(text, answer);
      assert.ok(isOneByte(text!), 'one byte a character');
      assert.doesNotMatch(text!, /[\u0080-\uffff]/, 'ASCII');
    }
  });

  it('writes the figures of equivalents as JSON.stringify does, character for character, in their places', () => {
    const figures = [1e21, -0, 5e-7, 0.1 + 0.2, 123456.789, Number.NaN, -Infinity, 2 ** 53 + 2, 1 / 3, 7];
    for (let round = 0; round < 50; round++) {
      const values = figures.map((f, i) => (round === 0 ? f : f * Math.random() * 10 ** ((i % 7) - 3)));
      const answer = {
        equivalents: [
          ...values.map((value, i) => ({ id: `e${i}`, label: 'l', value, unit: 'u', source: 's' })),
          { id: 'odd', value: 3 },
          ...values
            .slice(0, 3)
            .map((value, i) => ({ id: `f${i}`, label: 'l', value: -value, unit: 'u', source: 's' })),
        ],
      };
      assert.equal(answerText(answer), JSON.stringify(answer));
    }
    const none = { equivalents: [null, { id: 'odd' }] };
    assert.equal(answerText(none), JSON.stringify(none));
  });

  it('follows changes in an equivalent it has seen: label, unit, source, order, extra members', () => {
    const first = { equivalents: [equivalent('a', 1), equivalent('b', 2)] };
    assertSameJson(answerText(first), first);
    const relabelled = { equivalents: [equivalent('b', 3, 'autre'), { ...equivalent('a', 4), unit: 'mi' }] };
    assertSameJson(answerText(relabelled), relabelled);
    const resourced = { equivalents: [{ ...equivalent('a', 5), source: 'another' }] };
    assertSameJson(answerText(resourced), resourced);
    const odd = {
      equivalents: [
        { ...equivalent('a', 6), extra: true },
        { value: 7, id: 'a', label: 'x', unit: 'y', source: 'z' },
        { ...equivalent('a', 8), value: '8' },
        null,
        'text',
        undefined,
      ],
    };
    assertSameJson(answerText(odd), odd);
  });

  it('follows changes in the inputs it has seen: values, ranges changed in place, sources, messages, shapes', () => {
    const range = { low: 1, central: 2, high: 3 };
    const nested = { a: 1 };
    const inputs = (over: Record<string, unknown> = {}) => ({
      equivalents: [],
      inputs: {
        params: { value: 7e9, source: 'user' },
        mfu: {
          value: range,
          source: 'fitted – range',
          sourceMessage: { key: 'source.fittedMfu', params: { chips: '' } },
        },
        hardware: { value: 'h100', source: 'catalog: L’H100' },
        nested: { value: nested, source: 'x' },
        ...over,
      },
    });
    const answers = [
      inputs(),
      inputs(),
      inputs({ params: { value: 8e9, source: 'user' } }),
      inputs({ params: { value: '8e9', source: 'user' } }),
      inputs({ params: { value: 8e9, source: 'catalog' } }),
      inputs({
        mfu: {
          value: range,
          source: 'fitted – range',
          sourceMessage: { key: 'source.fittedMfu', params: { chips: 'x' } },
        },
      }),
      inputs({ mfu: { value: range, source: 'fitted – range' } }),
      inputs({ mfu: { value: 0.4, source: 'user' } }),
      inputs({ mfu: { value: range, source: 'fitted – range', extra: 1 } }),
      inputs({ mfu: { source: 'no value', value: 1 } }),
      inputs({ mfu: { value: { low: 1, central: 2, high: 3, mode: 4 }, source: 'four' } }),
      inputs({ hardware: undefined, params: { value: Number.NaN, source: 42 } }),
    ];
    for (const answer of answers) assertSameJson(answerText(answer), answer);
    range.central = 2.5;
    nested.a = 2;
    const changed = inputs();
    assertSameJson(answerText(changed), changed);
    assert.ok(isOneByte(answerText(changed)!));
  });

  it('keeps the order of members written by one JSON.stringify between those it writes itself', () => {
    const answer = JSON.parse(
      '{"a":1,"equivalents":[],"__proto__":{"x":"’"},"b":[1,"x"],"notes":["n",2],"c":null,' +
        '"inputs":{},"notes2":["’"],"last":{"low":1,"central":2,"high":3}}',
    );
    Object.assign(answer, { skipped: undefined, fn: () => 1, when: new Date(0), end: 'é' });
    const text = answerText(answer);
    assertSameJson(text, answer);
    assert.doesNotMatch(text!, /[\u0080-\uffff]/);
    const first = { notes: ['n'], equivalents: [], skipped: undefined };
    assertSameJson(answerText(first), first);
    const only = { equivalents: [], skipped: undefined };
    assertSameJson(answerText(only), only);
  });

  it('gives JSON.stringify’s value for other answers and values', () => {
    const values: unknown[] = [
      { list: [1, 'two ’', null, undefined, () => 1], nested: { a: { b: ['–'] } } },
      [1, { equivalents: [equivalent('a', 1)] }],
      'string – wide',
      42,
      null,
      { equivalents: 'not a list', notes: [1, 'two'] },
      { toJSON: () => ({ replaced: '’' }), equivalents: [] },
      Object.assign(Object.create(null), { equivalents: [equivalent('a', 1)] }),
      {},
    ];
    for (const value of values) {
      const text = answerText(value);
      assertSameJson(text, value);
      assert.ok(isOneByte(text!));
    }
    assert.equal(answerText(undefined), undefined);
    assert.throws(() => answerText({ equivalents: [], big: 1n }), TypeError);
  });

  it('writes kept (frozen) messages as they are, and follows messages that can change', () => {
    const kept = Object.freeze({ key: 'note.kept', params: Object.freeze({ name: 'h100 – ’', n: 2 }) });
    const open = { key: 'note.open', params: { name: 'x' } };
    const shallow = Object.freeze({ key: 'note.shallow', params: { name: 'y' } });
    const lazy = Object.freeze({
      key: 'note.lazy',
      get params() {
        return { now: open.params.name };
      },
    });
    const withJson = Object.freeze({ key: 'note.json', toJSON: () => ({ said: open.params.name }) });
    const answer = (source: object) => ({
      equivalents: [],
      inputs: { mfu: { value: 0.4, source: 'fit', sourceMessage: source } },
      noteMessages: [kept, open, shallow, lazy, withJson, undefined, () => 1, null, 'text'],
    });
    for (const name of ['a', 'b', 'c ’']) {
      open.params.name = name;
      shallow.params.name = name;
      for (const source of [kept, open, shallow, lazy, withJson]) {
        const value = answer(source);
        const text = answerText(value);
        assertSameJson(text, value);
        assert.ok(isOneByte(text!));
      }
    }
  });

  it('narrows JSON text to ASCII: characters past U+007F escaped', () => {
    const json = JSON.stringify({ s: 'é × ’ – ⁻ 😀 ~' });
    const narrow = narrowJson(json);
    assert.deepEqual(JSON.parse(narrow), JSON.parse(json));
    assert.match(narrow, /\\u00e9 \\u00d7 \\u2019 \\u2013 \\u207b \\ud83d\\ude00 ~/);
    assert.doesNotMatch(narrow, /[\u0080-\uffff]/);
    assert.ok(isOneByte(narrow));
    assert.ok(!isOneByte(json), 'the check tells two-byte text apart');
  });
});
