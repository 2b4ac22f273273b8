// Brings the outputs the README shows under its console examples up to date with the built CLI
// (run: npm run docs:examples, which builds first). Only figures and the column widths they bring
// are rewritten; an excerpt whose lines were added, removed or reworded is printed for a hand edit,
// and the script then exits 1. The rules of an excerpt are in test/helpers/readme-examples.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServe } from '../test/e2e/_server.js';
import { consoleBlocks, outputLines, refreshed, runBlock } from '../test/helpers/readme-examples.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const path = join(ROOT, 'README.md');
const lines = readFileSync(path, 'utf8').split('\n');
const home = mkdtempSync(join(tmpdir(), 'empreinte-readme-'));
const server = await startServe();
let changed = 0;
let stuck = 0;
try {
  for (const block of consoleBlocks(lines.join('\n'))) {
    const { ran, all } = runBlock(block, {
      root: ROOT,
      serverUrl: server.url,
      env: { HOME: home, EMPREINTE_DB: join(home, `block-${block.line}.db`) },
    });
    if (ran.length !== block.examples.length) {
      console.error(`README.md:${block.line}: not every command ran:\n${all}`);
      stuck++;
      continue;
    }
    block.examples.forEach((example, k) => {
      if (example.shown.length === 0) return;
      const real = outputLines(ran[k].output);
      const fresh = refreshed(example.shown, real, block.tolerance);
      if (!fresh) {
        console.error(
          `README.md:${example.line} \`${example.command}\`: its lines changed, edit the excerpt by hand.\n` +
            `README shows:\n${example.shown.join('\n')}\n\nThe CLI prints:\n${real.join('\n')}\n`,
        );
        stuck++;
        return;
      }
      fresh.forEach((line, j) => {
        const at = example.shownAt[j];
        const next = line === '' ? '' : `${block.indent}${line}`;
        if (lines[at] !== next) {
          lines[at] = next;
          changed++;
        }
      });
    });
  }
} finally {
  await server.stop();
  rmSync(home, { recursive: true, force: true });
}
writeFileSync(path, lines.join('\n'));
console.log(
  `README.md: ${changed} line(s) refreshed${stuck > 0 ? `, ${stuck} excerpt(s) to edit by hand` : ''}`,
);
process.exit(stuck > 0 ? 1 : 0);
