import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type ServeHandle, startServe } from './e2e/_server.js';
import { CLI } from './helpers/cli.js';

/**
 * Every console example of the README, run as written against the built CLI: each block in one
 * bash session from the repository root (`empreinte` is the built CLI; `curl` talks to a real
 * `empreinte serve`). Each command must exit as its shown output says (2 after `empreinte: error:`,
 * else 0), and print the labels of the lines shown (the text before the first figure), so that the
 * README cannot drift from the program. Figures are not compared: models and catalogs move them.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface Example {
  command: string;
  expected: string[];
  line: number;
}

/** The `$ ` commands of each ```console block (with `\` continuations) and the lines shown after each. */
function consoleBlocks(text: string): { line: number; examples: Example[] }[] {
  const lines = text.split('\n');
  const blocks: { line: number; examples: Example[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```console') continue;
    const block = { line: i + 1, examples: [] as Example[] };
    // A block inside a list item is indented: so are its lines.
    const indent = lines[i].length - lines[i].trimStart().length;
    for (i++; i < lines.length && lines[i].trim() !== '```'; i++) {
      const text = lines[i].slice(indent);
      if (text.startsWith('$ ')) {
        let command = text.slice(2);
        const line = i + 1;
        while (command.endsWith('\\') && i + 1 < lines.length)
          command = `${command.slice(0, -1)} ${lines[++i].trim()}`;
        block.examples.push({ command, expected: [], line });
      } else block.examples.at(-1)?.expected.push(text);
    }
    if (block.examples.length === 0) {
      // Output alone: its command is the `empreinte …` quoted in the sentence that introduces it.
      const intro = lines.slice(Math.max(0, block.line - 4), block.line - 1).join(' ');
      const quoted = [...intro.matchAll(/`(empreinte [^`]+)`/g)].at(-1)?.[1];
      const shown = lines.slice(block.line, i);
      if (quoted) block.examples.push({ command: quoted, expected: shown, line: block.line });
    }
    blocks.push(block);
  }
  return blocks;
}

/** The words of a shown line that must appear: each part around an elision, up to its first figure. */
function labels(line: string): string[] {
  if (/^[\s─]*$/.test(line)) return [];
  return line
    .split(/…|\.\.\./)
    .map((part) => squeeze(part.split(/[\d≈]/)[0]))
    .filter((part) => (part.match(/\p{L}/gu) ?? []).length >= 4);
}

/** Column widths and line breaks may differ where the README condenses an output: spaces are compared as one. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const MARK = '@@readme-example-exit';
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
    it(`runs the block at README.md:${block.line} as written`, { timeout: 240_000 }, () => {
      assert.ok(block.examples.length > 0, 'a console block with no command, and none quoted just before it');
      const script = [
        `empreinte() { "${process.execPath}" "${CLI}" "$@"; }`,
        `cd "${ROOT}"`,
        ...block.examples.map(
          // On a line of its own, also after an output without a final newline (curl).
          (e) =>
            `${e.command.replaceAll('http://127.0.0.1:8080', server.url)}\nstatus=$?; printf '\\n${MARK} %s\\n' "$status"`,
        ),
      ].join('\n');
      const result = spawnSync('bash', ['-c', script], {
        encoding: 'utf8',
        timeout: 200_000,
        env: {
          ...process.env,
          HOME: home,
          EMPREINTE_DB: join(home, `block-${block.line}.db`),
          LANG: 'C',
          LC_ALL: '',
          NO_COLOR: '1',
          EMPREINTE_TOKEN: '',
        },
        // Both streams in order, as a terminal shows them.
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const output = `${result.stdout}${result.stderr}`;
      const parts = result.stdout.split(new RegExp(`^${MARK} (\\d+)$`, 'm'));
      assert.equal((parts.length - 1) / 2, block.examples.length, `not every command ran:\n${output}`);
      block.examples.forEach((example, k) => {
        const status = Number(parts[2 * k + 1]);
        const shownError = example.expected.some((l) => l.startsWith('empreinte: error:'));
        const where = `README.md:${example.line} \`${example.command}\``;
        assert.equal(status, shownError ? 2 : 0, `${where} exited ${status}:\n${output}`);
        // stderr is not split by command: a label may be found in either stream of the block.
        const said = squeeze(`${parts[2 * k]}\n${result.stderr}`);
        for (const line of example.expected)
          for (const label of labels(line))
            assert.ok(said.includes(label), `${where} does not print "${label}":\n${said}`);
      });
    });
  }
});
