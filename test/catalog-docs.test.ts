import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DOCS_PATH, hardwareSection, modelsSection, renderCatalogDocs } from '../scripts/catalog-docs.js';
import { HARDWARE } from '../src/catalog/hardware.js';
import { reproduceCatalog } from '../src/engine/catalog-reproduction.js';

describe('docs/catalog.md', () => {
  it('is the generator output (regenerate with node --import tsx scripts/catalog-docs.ts)', () => {
    assert.equal(readFileSync(DOCS_PATH, 'utf8'), renderCatalogDocs());
  });

  it('lists every hardware entry once with its year, TDP and source', () => {
    const section = hardwareSection();
    const rows = section.split('\n').filter((l) => l.startsWith('| `'));
    assert.equal(rows.length, HARDWARE.length);
    for (const h of HARDWARE) {
      const row = rows.find((r) => r.startsWith(`| \`${h.id}\``));
      assert.ok(row, h.id);
      const cells = row.split(' | ');
      assert.equal(cells[3], String(h.year), h.id);
      assert.equal(cells[4], String(h.tdpW), h.id);
      assert.ok(row.includes(`${h.source.citation.replace(/\|/g, '\\|')} (${h.source.year})`), h.id);
    }
  });

  it('puts each published model figure beside ours, with the difference and the basis', () => {
    const rows = reproduceCatalog();
    const lines = modelsSection(rows)
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    assert.equal(lines.length, rows.length);
    const bloom = lines.find((l) => l.startsWith('| `bloom-176b`'))!.split(' | ');
    assert.deepEqual(bloom.slice(1, 8), [
      '433.2',
      '433.2',
      '+0.0%',
      '24.7',
      '24.7',
      '+0.0%',
      'location; PUE 1; accelerators',
    ]);
    const glam = lines.find((l) => l.startsWith('| `glam-1.2t`'))!;
    assert.match(glam, /\| 40\.2 \| 40\.2 \| [−+]0\.0% \| market;/);
  });
});
