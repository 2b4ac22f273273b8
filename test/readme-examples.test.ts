import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type ServeHandle, startServe } from './e2e/_server.js';
import {
  align,
  consoleBlocks,
  lineMatches,
  outputLines,
  refreshed,
  runBlock,
} from './helpers/readme-examples.js';

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

describe('README excerpt rules', () => {
  const real = ['Title', '', 'Energy   723,200 kWh  547,188', 'Chip-hours   677,238 h', 'tail 1', 'tail 2'];
  const exact = (s: string, r: string) => lineMatches(s, r);

  it('starts at the first line, skips with a line of ..., and may stop early', () => {
    assert.ok(align(['Title', '...', 'Chip-hours   677,238 h'], real, exact));
    assert.ok(align(['Title', ''], real, exact));
    assert.equal(align(['Energy   723,200 kWh  547,188'], real, exact), null, 'not from the first line');
    assert.equal(
      align(['Title', 'Energy   723,200 kWh  547,188'], real, exact),
      null,
      'a line left out silently',
    );
  });

  it('compares figures exactly, or within the tolerance of a timed block', () => {
    assert.ok(lineMatches('Energy   723,200 kWh …', 'Energy   723,200 kWh  547,188'));
    assert.ok(!lineMatches('Energy   723,200 kWh  547,188', 'Energy   723,201 kWh  547,188'));
    assert.ok(lineMatches('run  2.03  0.336', 'run   2.2  0.31', 0.1));
    assert.ok(!lineMatches('run  2.03  0.336', 'run   2.6  0.31', 0.1));
    assert.ok(lineMatches('──  ────', '───  ──', 0.1), 'rules follow the columns');
  });

  it('refreshes figures, keeps what a line leaves out, and follows added lines', () => {
    const now = ['Title', '', 'Energy   781,426 kWh  461,026', 'Chip-hours   731,763 h', 'tail 1'];
    assert.deepEqual(refreshed(['Title', '', 'Energy   723,200 kWh …', '...'], now), {
      lines: ['Title', '', 'Energy   781,426 kWh …', '...'],
      changed: 'figures',
    });
    const added = ['Title', 'New line', '', 'Energy   781,426 kWh  461,026'];
    assert.deepEqual(refreshed(['Title', '', 'Energy   723,200 kWh  547,188'], added), {
      lines: ['Title', 'New line', '', 'Energy   781,426 kWh  461,026'],
      changed: 'lines',
    });
    assert.equal(refreshed(['Something else entirely'], now), null);
  });

  it('takes the real spacing when a figure of a cut-short line changes width', () => {
    const shown = ['mfu    0.415 (0.139–1)   default:fitted...', 'pue    1.54               user'];
    const real = [
      'mfu    0.44 (0.153–1)    default:fitted goodput (gpuHopper)',
      'pue    1.54               user',
    ];
    const fresh = refreshed(shown, real);
    assert.deepEqual(fresh?.lines, ['mfu    0.44 (0.153–1)    default:fitted...', shown[1]]);
    assert.ok(fresh?.lines.every((line, k) => lineMatches(line, real[k])));
  });
});
