// Brings the outputs the README shows under its console examples up to date with the built CLI
// (run: npm run docs:examples, which builds first). Figures are rewritten in place; where lines were
// added, removed or reworded, the excerpt keeps its shown lines that still exist, takes the new ones
// where it leaves nothing out, and is named so that someone reads it over; one with nothing left in
// common with the output is printed for a hand edit, and the script then exits 1. The rules of an
// excerpt are in test/helpers/readme-examples.ts.
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
// README line ranges to replace, applied from the bottom up so that earlier ones keep their place.
const edits: { from: number; to: number; lines: string[] }[] = [];
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
      const where = `README.md:${example.line} \`${example.command}\``;
      const fresh = refreshed(example.shown, real, block.tolerance);
      if (!fresh) {
        console.error(
          `${where}: nothing of the excerpt is left, edit it by hand.\n` +
            `README shows:\n${example.shown.join('\n')}\n\nThe CLI prints:\n${real.join('\n')}\n`,
        );
        stuck++;
        return;
      }
      if (fresh.changed === 'none') return;
      if (fresh.changed === 'lines') console.log(`${where}: lines added, removed or reworded: read it over`);
      edits.push({
        from: example.shownAt[0],
        to: example.shownAt.at(-1)!,
        lines: fresh.lines.map((line) => (line === '' ? '' : `${block.indent}${line}`)),
      });
    });
  }
} finally {
  await server.stop();
  rmSync(home, { recursive: true, force: true });
}
for (const edit of edits.sort((a, b) => b.from - a.from))
  lines.splice(edit.from, edit.to - edit.from + 1, ...edit.lines);
writeFileSync(path, lines.join('\n'));
console.log(
  `README.md: ${edits.length} excerpt(s) refreshed${stuck > 0 ? `, ${stuck} to edit by hand` : ''}`,
);
process.exit(stuck > 0 ? 1 : 0);
