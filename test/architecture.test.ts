// The house rules on imports (DESIGN.md, layout): read from the sources by scripts/import-rules.ts.
// What still breaks them is listed below with a reason; the list may only shrink: an entry that no
// longer occurs fails the test, so a fix removes its line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crossings, cycles, type Edge, readImports } from '../scripts/import-rules.js';

/** `from -> to` (repository paths) with why it is still there. */
const ALLOWED: Record<string, string> = {
  'src/cli/commands/serve.ts -> src/server/index.ts':
    'the serve command starts the HTTP face through its entry point, on use only',
};

/** Cycles (files joined by ` <-> `, sorted) with why they are still there. */
const ALLOWED_CYCLES: Record<string, string> = {};

const edges = readImports();

describe('house rules on imports', () => {
  it('reads the imports of the sources (a sanity check of the reader)', () => {
    assert.ok(edges.length > 500, `only ${edges.length} imports read`);
    const known = edges.find((e) => e.from === 'src/cli/commands/serve.ts' && e.to === 'src/server/index.ts');
    assert.ok(known?.dynamic, 'the dynamic import of the server by `serve` is seen');
  });

  it('the rules catch a crossing and a cycle when there is one', () => {
    const edge = (from: string, to: string): Edge => ({ from, to, line: 1, typeOnly: false, dynamic: false });
    const made = [
      edge('src/server/routes/a.ts', 'src/cli/commands/b.ts'),
      edge('web/src/pages/c.tsx', 'src/server/app.ts'),
      edge('web/src/pages/h.tsx', 'src/engine/training.ts'),
      edge('web/src/pages/h.tsx', 'src/api-types.ts'),
      edge('web/src/format.ts', 'src/report/format.ts'),
      edge('src/engine/d.ts', 'src/store/index.ts'),
      edge('src/engine/d.ts', 'src/catalog/e.ts'),
      edge('src/engine/d.ts', 'src/records.ts'),
      edge('src/records.ts', 'src/catalog/e.ts'),
      edge('src/measure/f.ts', 'src/store/g.ts'),
      edge('src/store/g.ts', 'src/measure/f.ts'),
    ];
    assert.deepEqual(
      crossings(made).map((c) => c.rule),
      [
        'face server imports face cli',
        'face web imports face server',
        'the dashboard takes from src only the API shapes and the number formats',
        'engine (middle) imports the edge store',
        'the run records import nothing',
        'store and measure import each other',
        'store and measure import each other',
      ],
    );
    assert.deepEqual(cycles(made), [['src/measure/f.ts', 'src/store/g.ts']]);
  });

  it('faces never import each other, the middle imports no edge, store and measure not both ways', () => {
    const found = crossings(edges);
    const unexpected = found
      .filter((c) => !(`${c.from} -> ${c.to}` in ALLOWED))
      .map((c) => `${c.from}:${c.line} -> ${c.to} (${c.rule})`);
    assert.deepEqual(unexpected, [], 'imports that break a house rule');
    const seen = new Set(found.map((c) => `${c.from} -> ${c.to}`));
    const fixed = Object.keys(ALLOWED).filter((key) => !seen.has(key));
    assert.deepEqual(fixed, [], 'allowed crossings that no longer occur: remove them from the list');
  });

  it('no import cycles', () => {
    const found = cycles(edges).map((c) => c.join(' <-> '));
    assert.deepEqual(
      found.filter((c) => !(c in ALLOWED_CYCLES)),
      [],
      'import cycles',
    );
    const fixed = Object.keys(ALLOWED_CYCLES).filter((c) => !found.includes(c));
    assert.deepEqual(fixed, [], 'allowed cycles that no longer occur: remove them from the list');
  });
});
