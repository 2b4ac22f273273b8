import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type ServeHandle, startServe } from './e2e/_server.js';
import { align, consoleBlocks, lineMatches, outputLines, runBlock } from './helpers/readme-examples.js';

/**
 * Every console example of the README, run as written against the built CLI (each block in one
 * bash session from the repository root; `curl` talks to a real `empreinte serve`). Each command
 * must exit as its shown output says (2 after `empreinte: error:`, else 0) and print what the
 * README shows under it, figures included: a shown line of `...` leaves lines out, `...` in a line
 * leaves text out, `<!-- figures ±N% -->` before a block lets timed figures move by N%; the rules
 * are in test/helpers/readme-examples.ts. `npm run docs:examples` rewrites stale figures.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const REFRESH = 'run `npm run docs:examples` to refresh the README from the built CLI';

let server: ServeHandle;
const home = mkdtempSync(join(tmpdir(), 'empreinte-readme-'));
before(async () => {
  server = await startServe();
});
after(async () => {
  await server.stop();
  rmSync(home, { recursive: true, force: true });
});

const blocks = consoleBlocks(README);

describe('README console examples', () => {
  it('finds the examples', () => {
    assert.ok(blocks.length >= 8, `${blocks.length} console blocks`);
  });

  for (const block of blocks) {
    it(`runs the block at README.md:${block.line} and prints what it shows`, { timeout: 240_000 }, () => {
      assert.ok(block.examples.length > 0, 'a console block with no command, and none quoted just before it');
      const { ran, all } = runBlock(block, {
        root: ROOT,
        serverUrl: server.url,
        env: { HOME: home, EMPREINTE_DB: join(home, `block-${block.line}.db`) },
      });
      assert.equal(ran.length, block.examples.length, `not every command ran:\n${all}`);
      block.examples.forEach((example, k) => {
        const { status, output } = ran[k];
        const shownError = example.shown.some((l) => l.startsWith('empreinte: error:'));
        const where = `README.md:${example.line} \`${example.command}\``;
        assert.equal(status, shownError ? 2 : 0, `${where} exited ${status}:\n${output}`);
        if (example.shown.length === 0) return;
        const real = outputLines(output);
        const at = align(example.shown, real, (s, r) => lineMatches(s, r, block.tolerance));
        assert.ok(
          at,
          `${where} does not print what the README shows (${REFRESH}; edit the excerpt by hand where lines changed).\n` +
            `README shows:\n${example.shown.join('\n')}\n\nThe CLI prints:\n${real.join('\n')}`,
        );
      });
    });
  }
});
