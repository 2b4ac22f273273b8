import { spawnSync } from 'node:child_process';
import { CLI } from './cli.js';

/**
 * The README's console examples: parsed, run against the built CLI, compared with what they show,
 * and refreshed from the real output. Shared by test/readme-examples.test.ts (compare) and
 * scripts/readme-examples.ts (`npm run docs:examples`: rewrite the shown figures).
 *
 * What the README shows under a command is an excerpt of its output (stdout and stderr as a
 * terminal shows them), compared line by line from the first line on:
 * - a line that is only `...` or `…` stands for any number of lines left out;
 * - `...` or `…` inside a line stands for the rest of a line cut short, or any text left out there;
 * - otherwise lines are equal (trailing spaces aside), one after the other; the excerpt may stop
 *   before the output does;
 * - a command with no lines shown under it is not compared (only its exit status is);
 * - where figures vary from one try to the next (timed runs), an HTML comment just before the
 *   block, invisible on the page, says by how much they may differ: `<!-- figures ±15% -->`;
 *   numbers are then compared within that, and column widths (spaces, rules) are not. Anything that
 *   varies otherwise (ids, times) is left out with `…`.
 */
export interface Example {
  command: string;
  /** The lines shown after the command, without the block's indentation. */
  shown: string[];
  /** 1-based README line of the command (of the block, for a block of output alone). */
  line: number;
  /** 0-based README line of each shown line, to write a refreshed line back. */
  shownAt: number[];
}

export interface Block {
  line: number;
  indent: string;
  /** Relative tolerance on figures, from `<!-- figures ±N% -->` before the block; 0 when exact. */
  tolerance: number;
  examples: Example[];
}

const SKIP = /^\s*(\.\.\.|…)\s*$/;
const ELISION = /\.\.\.|…/;
const NUMBER = /[-+]?\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?/g;

/** The `$ ` commands of each ```console block (with `\` continuations) and the lines shown after each. */
export function consoleBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```console') continue;
    // A block inside a list item is indented: so are its lines.
    const indent = lines[i].slice(0, lines[i].length - lines[i].trimStart().length);
    const marker = /<!--\s*figures\s*±\s*(\d+(?:\.\d+)?)\s*%\s*-->/.exec(lines[i - 1] ?? '');
    const block: Block = {
      line: i + 1,
      indent,
      tolerance: marker ? Number(marker[1]) / 100 : 0,
      examples: [],
    };
    const start = i;
    for (i++; i < lines.length && lines[i].trim() !== '```'; i++) {
      const text = lines[i].slice(indent.length);
      if (text.startsWith('$ ')) {
        let command = text.slice(2);
        const line = i + 1;
        while (command.endsWith('\\') && i + 1 < lines.length)
          command = `${command.slice(0, -1)} ${lines[++i].trim()}`;
        block.examples.push({ command, shown: [], line, shownAt: [] });
      } else {
        block.examples.at(-1)?.shown.push(text);
        block.examples.at(-1)?.shownAt.push(i);
      }
    }
    // A blank line before the next command separates; it is not output.
    for (const example of block.examples)
      while (example.shown.at(-1) === '') {
        example.shown.pop();
        example.shownAt.pop();
      }
    if (block.examples.length === 0) {
      // Output alone: its command is the `empreinte …` quoted in the sentence that introduces it.
      const intro = lines.slice(Math.max(0, start - 3), start).join(' ');
      const quoted = [...intro.matchAll(/`(empreinte [^`]+)`/g)].at(-1)?.[1];
      if (quoted)
        block.examples.push({
          command: quoted,
          shown: lines.slice(start + 1, i).map((l) => l.slice(indent.length)),
          line: block.line,
          shownAt: lines.slice(start + 1, i).map((_, k) => start + 1 + k),
        });
    }
    blocks.push(block);
  }
  return blocks;
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A shown line as a pattern over a real line: elisions match anything; with `loose`, numbers
 * match any number and runs of spaces any run of spaces (the line's shape, not its figures).
 */
function linePattern(shown: string, loose: boolean): RegExp {
  const parts = shown.trimEnd().split(/\.\.\.|…/);
  const body = parts
    .map((part) => {
      if (!loose) return literal(part);
      // Column widths follow the figures: so do a table's rules.
      const spaced = (text: string) => literal(text).replace(/ +/g, ' +').replace(/─+/g, '─+');
      let out = '';
      let last = 0;
      for (const m of part.matchAll(NUMBER)) {
        out += spaced(part.slice(last, m.index));
        out += `(${NUMBER.source})`;
        last = m.index + m[0].length;
      }
      return out + spaced(part.slice(last));
    })
    .join('(.*?)');
  return new RegExp(`^${body}$`);
}

const value = (n: string) => Number(n.replaceAll(',', ''));

/** Whether a real line is what the shown line says: exactly, or with figures within `tolerance`. */
export function lineMatches(shown: string, real: string, tolerance = 0): boolean {
  if (tolerance === 0) return linePattern(shown, false).test(real.trimEnd());
  const match = linePattern(shown, true).exec(real.trimEnd());
  if (!match) return false;
  const expected = shown.split(ELISION).flatMap((part) => part.match(NUMBER) ?? []);
  const actual = match.slice(1).filter((_, k) => groupIsNumber(shown, k));
  return expected.every((e, k) => {
    const [a, b] = [value(e), value(actual[k])];
    return a === b || Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
  });
}

/** Which capture groups of the loose pattern are numbers (the others are elisions), in order. */
function groupIsNumber(shown: string, group: number): boolean {
  const kinds = shown
    .trimEnd()
    .split(/(\.\.\.|…)/)
    .flatMap((piece, j) => (j % 2 === 1 ? [false] : (piece.match(NUMBER) ?? []).map(() => true)));
  return kinds[group];
}

/** The output's lines as compared: trailing spaces and trailing blank lines dropped. */
export function outputLines(output: string): string[] {
  const lines = output.split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * Where each shown line falls in the real output (an index per shown line, -1 for a skip line),
 * or null when the excerpt is not one of the output.
 */
export function align(
  shown: string[],
  real: string[],
  matches: (shown: string, real: string) => boolean,
): number[] | null {
  const at: number[] = [];
  const go = (s: number, r: number): boolean => {
    if (s === shown.length) return true;
    if (SKIP.test(shown[s])) {
      at[s] = -1;
      for (let k = r; k <= real.length; k++) if (go(s + 1, k)) return true;
      return false;
    }
    if (r >= real.length || !matches(shown[s], real[r])) return false;
    at[s] = r;
    return go(s + 1, r + 1);
  };
  return go(0, 0) ? at : null;
}

/** A row's label (its text up to a figure or a column gap), when it has one, is the same. */
function sameLabel(shown: string, real: string): boolean {
  const label = (line: string) => line.split(/\d| {2,}/)[0].trim();
  const a = label(shown);
  return (a.match(/\p{L}/gu) ?? []).length >= 2 && a === label(real);
}

/** A shown line brought up to date with the real line it stands for. */
function updated(line: string, actual: string, tolerance: number): string {
  if (lineMatches(line, actual, tolerance)) return line;
  const real = actual.trimEnd();
  const match = new RegExp(linePattern(line, true).source, 'd').exec(real);
  if (!ELISION.test(line) || !match?.indices) return actual;
  // Keep what the line leaves out; take everything else, figures and the spaces that align them,
  // from the real line.
  const marks = [...line.matchAll(/( *)(\.\.\.|…)/g)];
  let out = '';
  let from = 0;
  let mark = 0;
  for (let k = 1; k < match.length; k++) {
    const span = match.indices[k];
    if (groupIsNumber(line, k - 1) || !span) continue;
    // The spaces just before a mark are the excerpt's own, not a column's.
    const [, spaces, text] = marks[mark++];
    out += real.slice(from, span[0]).trimEnd() + spaces + text;
    from = span[1];
  }
  return out + real.slice(from);
}

/**
 * The shown lines brought up to date with the real output: `figures` when each still has its
 * counterpart there (the same shape with other figures, or the same row label); `lines` when lines
 * were also added, removed or reworded (the shown lines kept in order, the real lines around them
 * added where the excerpt leaves nothing out, read it over); null when nothing of it is left.
 */
export function refreshed(
  shown: string[],
  real: string[],
  tolerance = 0,
): { lines: string[]; changed: 'none' | 'figures' | 'lines' } | null {
  if (align(shown, real, (s, r) => lineMatches(s, r, tolerance))) return { lines: shown, changed: 'none' };
  const near = (s: string, r: string) => linePattern(s, true).test(r.trimEnd()) || sameLabel(s, r);
  const at = align(shown, real, near);
  if (at)
    return {
      lines: shown.map((l, k) => (at[k] < 0 ? l : updated(l, real[at[k]], tolerance))),
      changed: 'figures',
    };
  const pairs = commonLines(shown, real, near);
  if (pairs.length === 0) return null;
  const lines: string[] = [];
  let [ps, pr] = [-1, -1];
  for (const [si, ri] of [...pairs, [shown.length, real.length] as const]) {
    const skip = shown.slice(ps + 1, si).find((l) => SKIP.test(l));
    if (skip !== undefined) {
      if (ri > pr + 1) lines.push(skip);
    } else if (si < shown.length) lines.push(...real.slice(pr + 1, ri));
    if (si < shown.length) lines.push(updated(shown[si], real[ri], tolerance));
    [ps, pr] = [si, ri];
  }
  // Built from the real lines in order: it must read as an excerpt of them.
  return align(lines, real, (s, r) => lineMatches(s, r, tolerance)) ? { lines, changed: 'lines' } : null;
}

/**
 * The longest run of (shown, real) index pairs, in order, whose lines are `near` (skip lines aside);
 * among runs as long, the one whose pairs share the most words (so that a row of figures alone
 * stays with its own row).
 */
function commonLines(
  shown: string[],
  real: string[],
  near: (s: string, r: string) => boolean,
): (readonly [number, number])[] {
  const n = shown.length;
  const m = real.length;
  const weight = (i: number, j: number) => {
    if (SKIP.test(shown[i]) || !near(shown[i], real[j])) return 0;
    const words = shown[i].trim().split(/\s+/);
    const theirs = new Set(real[j].trim().split(/\s+/));
    // Less than one line's worth in all: a longer run always wins.
    return 1 + words.filter((w) => theirs.has(w)).length / words.length / (n + 1);
  };
  const best = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      const w = weight(i, j);
      best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], w > 0 ? w + best[i + 1][j + 1] : 0);
    }
  const pairs: (readonly [number, number])[] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    const w = weight(i, j);
    if (w > 0 && best[i][j] === w + best[i + 1][j + 1]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (best[i + 1][j] >= best[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

export const MARK = '@@readme-example-exit';

export interface Ran {
  status: number;
  output: string;
}

/**
 * Runs a block's commands in one bash session from the repository root (`empreinte` is the built
 * CLI; `curl` talks to `serverUrl`, a real `empreinte serve`), stdout and stderr in one stream.
 */
export function runBlock(
  block: Block,
  options: { root: string; serverUrl: string; env: NodeJS.ProcessEnv },
): { ran: Ran[]; all: string } {
  const script = [
    `empreinte() { "${process.execPath}" "${CLI}" "$@"; }`,
    `cd "${options.root}"`,
    'exec 2>&1',
    ...block.examples.map(
      // On a line of its own, also after an output without a final newline (curl).
      (e) =>
        `${e.command.replaceAll('http://127.0.0.1:8080', options.serverUrl)}\nstatus=$?; printf '\\n${MARK} %s\\n' "$status"`,
    ),
  ].join('\n');
  const result = spawnSync('bash', ['-c', script], {
    encoding: 'utf8',
    timeout: 200_000,
    env: { ...process.env, LANG: 'C', LC_ALL: '', NO_COLOR: '1', EMPREINTE_TOKEN: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const all = `${result.stdout}${result.stderr}`;
  const parts = result.stdout.split(new RegExp(`\\n?^${MARK} (\\d+)$\\n?`, 'm'));
  const ran: Ran[] = [];
  for (let k = 0; 2 * k + 1 < parts.length; k++)
    ran.push({ output: parts[2 * k], status: Number(parts[2 * k + 1]) });
  return { ran, all };
}
