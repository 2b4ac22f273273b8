// No function in the sources (the library, CLI and server, and the dashboard) runs over 100 lines: a
// long one is split by what it does (small functions, components and hooks).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { longFunctions } from '../scripts/long-functions.js';

const LIMIT = 100;
const FOLDERS = ['src', 'web/src'];

describe('function length', () => {
  it('finds the functions over a bound (a sanity check of the reader)', () => {
    const found = longFunctions('web/src', 20);
    assert.ok(found.length > 0, 'no function over 20 lines found in web/src');
    for (const f of found)
      assert.ok(f.lines > 20 && f.line > 0 && f.file.startsWith('web/src/'), JSON.stringify(f));
  });

  for (const folder of FOLDERS) {
    it(`keeps every function in ${folder} within ${LIMIT} lines`, () => {
      const over = longFunctions(folder, LIMIT).map(
        (f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`,
      );
      assert.deepEqual(over, [], `split these by what they do:\n${over.join('\n')}`);
    });
  }
});
