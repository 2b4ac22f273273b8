import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DOCS_PATH, hardwareSection, renderCatalogDocs } from '../scripts/catalog-docs.js';
import { HARDWARE } from '../src/catalog/hardware.js';

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
});
