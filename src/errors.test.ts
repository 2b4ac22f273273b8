import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EmpreinteError, issueOf, localised, renderIssue, userError } from './errors.js';
import { msg } from './messages/index.js';

describe('issues as data', () => {
  const error = userError('out_of_range', 'powerW', 'error.outOfRange', {
    value: '-5',
    accepted: msg('accepted.bounded', { kind: msg('accepted.number'), bounds: '> 0' }),
  });
  const [first] = error.issues;

  it('carries code, path, key and params, with English text naming the field', () => {
    assert.equal(first.code, 'out_of_range');
    assert.deepEqual(first.path, ['powerW']);
    assert.equal(first.key, 'error.outOfRange');
    assert.equal(first.params?.field, 'powerW');
    assert.equal(first.value, '-5');
    assert.equal(first.accepted, 'a number > 0');
    assert.equal(first.message, 'powerW: -5 is out of range (expected a number > 0)');
  });

  it("keeps the library's error text naming CLI flags", () => {
    assert.equal(error.message, '--power-w: -5 is out of range (expected a number > 0)');
  });

  it('renders in either language and style', () => {
    assert.equal(
      renderIssue(first, 'fr', 'flag'),
      '--power-w : -5 est hors limites (attendu : un nombre > 0)',
    );
    const fr = localised(first, 'fr', 'field');
    assert.equal(fr.message, 'powerW : -5 est hors limites (attendu : un nombre > 0)');
    assert.equal(fr.accepted, 'un nombre > 0');
    assert.deepEqual(localised(first, 'en', 'field'), first);
  });

  it('keeps params printable and short: they echo user input', () => {
    const long = userError('invalid_number', 'params', 'error.notNumber', {
      value: `a\nb${'x'.repeat(5000)}`,
    });
    const [i] = long.issues;
    assert.ok(String(i.params?.value).startsWith('a\\nb'));
    assert.ok(String(i.params?.value).length < 1100);
    assert.ok((i.value ?? '').length < 300);
    assert.ok(renderIssue(i, 'fr', 'flag').length < 1100);
  });

  it('gathers several issues in one error', () => {
    const both = new EmpreinteError([
      issueOf('missing', 'hardware', 'error.required'),
      issueOf('missing', ['body', 'tokens'], 'error.required'),
    ]);
    assert.equal(both.message, '--hardware is required; --tokens is required');
    assert.deepEqual(
      both.issues.map((i) => i.message),
      ['hardware is required', 'tokens is required'],
    );
  });

  it('renders an issue built by hand (no key) as written in English, and from its code in French', () => {
    const [old] = new EmpreinteError({
      code: 'conflict',
      path: ['chipHours'],
      value: '3',
      message: 'chipHours conflicts with days',
    }).issues;
    assert.equal(renderIssue(old, 'en', 'flag'), 'chipHours conflicts with days');
    assert.equal(renderIssue(old, 'en', 'field'), 'chipHours conflicts with days');
    assert.equal(renderIssue(old, 'fr', 'flag'), '--chip-hours : 3 contredit une autre option ()');
    assert.equal(renderIssue(old, 'fr', 'field'), 'chipHours : 3 contredit une autre option ()');
  });
});
