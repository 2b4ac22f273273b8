// The house rules on imports, read from the sources (src/**/*.ts, web/src/**):
//   - the faces (cli, server, web) never import one another; the dashboard takes the API's shapes
//     from src/api-types.ts and its number formats from src/report/format.ts, nothing else from src;
//   - the middle (engine, catalog, report) imports no edge; the run records (src/records.ts) import nothing;
//   - store and measure do not import each other both ways;
//   - no import cycles between files (type-only and dynamic imports included, as madge counts them).
// `node --import tsx scripts/import-rules.ts` prints the figures; test/architecture.test.ts enforces them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Edge {
  from: string;
  to: string;
  line: number;
  typeOnly: boolean;
  dynamic: boolean;
}

const FACES = new Set(['cli', 'server', 'web']);
/** What the dashboard imports from src: the API's shapes and the one number formatter. */
const WEB_IMPORTS = new Set(['src/api-types.ts', 'src/report/format.ts']);
/** The pure middle: imports nothing but itself, the catalogs, the run records, errors and messages. */
const MIDDLE = new Set(['engine', 'catalog', 'report']);
/** What the middle may import besides itself. */
const NEUTRAL = new Set([
  'engine',
  'catalog',
  'report',
  'messages',
  'records.ts',
  'errors.ts',
  'version.ts',
  'types',
]);

/** The source files below `dir` (TypeScript, tests and declarations aside). */
export function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.tsx?$/.test(name) && !/\.(test|d)\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** `src/cli/main.ts` → `cli`; `src/errors.ts` → `errors.ts`; `web/src/x.ts` → `web`. */
export function areaOf(file: string): string {
  if (file.startsWith('web/')) return 'web';
  const parts = file.split('/');
  return parts.length === 2 ? parts[1] : parts[1];
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(ROOT, dirname(from), spec);
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  for (const candidate of [
    `${stem}.ts`,
    `${stem}.tsx`,
    base,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ]) {
    try {
      if (statSync(candidate).isFile()) return relative(ROOT, candidate);
    } catch {}
  }
  return null;
}

/** Every relative import of every non-test source file, with its line and kind. */
export function readImports(): Edge[] {
  const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'web/src'))];
  const edges: Edge[] = [];
  for (const path of files) {
    const from = relative(ROOT, path);
    const text = readFileSync(path, 'utf8');
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false);
    const add = (spec: string, node: ts.Node, typeOnly: boolean, dynamic: boolean) => {
      const to = resolveImport(from, spec);
      if (to === null || !/\.tsx?$/.test(to)) return;
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      edges.push({ from, to, line, typeOnly, dynamic });
    };
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        const typeOnly =
          clause !== undefined &&
          (clause.isTypeOnly ||
            (clause.name === undefined &&
              clause.namedBindings !== undefined &&
              ts.isNamedImports(clause.namedBindings) &&
              clause.namedBindings.elements.length > 0 &&
              clause.namedBindings.elements.every((e) => e.isTypeOnly)));
        add(node.moduleSpecifier.text, node, typeOnly, false);
      } else if (
        ts.isExportDeclaration(node) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      ) {
        add(node.moduleSpecifier.text, node, node.isTypeOnly, false);
      } else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments.length === 1 &&
        ts.isStringLiteralLike(node.arguments[0])
      ) {
        add(node.arguments[0].text, node, false, true);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
        const literal = node.argument.literal;
        if (ts.isStringLiteral(literal)) add(literal.text, node, true, true);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return edges;
}

/** Why an import breaks a house rule, or null when it keeps them all. */
export function ruleBroken(edge: Edge, twoWay: Set<string>): string | null {
  const a = areaOf(edge.from);
  const b = areaOf(edge.to);
  if (a === b) return null;
  if (a === 'records.ts') return 'the run records import nothing';
  if (a === 'messages') return 'the message tables import nothing';
  if (FACES.has(a) && FACES.has(b)) return `face ${a} imports face ${b}`;
  if (a === 'web' && !WEB_IMPORTS.has(edge.to))
    return 'the dashboard takes from src only the API shapes and the number formats';
  if (MIDDLE.has(a) && !NEUTRAL.has(b)) return `${a} (middle) imports the edge ${b}`;
  if ((a === 'store' && b === 'measure') || (a === 'measure' && b === 'store')) {
    if (twoWay.has('measure|store')) return 'store and measure import each other';
  }
  return null;
}

/** Area pairs that import each other, as `a|b` with a < b. */
export function twoWayAreas(edges: Edge[]): Set<string> {
  const pairs = new Set(edges.map((e) => `${areaOf(e.from)}|${areaOf(e.to)}`));
  const out = new Set<string>();
  for (const pair of pairs) {
    const [a, b] = pair.split('|');
    if (a !== b && pairs.has(`${b}|${a}`)) out.add(a < b ? `${a}|${b}` : `${b}|${a}`);
  }
  return out;
}

/** File-level cycles: the strongly connected components of more than one file (Tarjan). */
export function cycles(edges: Edge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!next.has(e.from)) next.set(e.from, new Set());
    next.get(e.from)!.add(e.to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  const strong = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) strong(v);
  return out;
}

export interface Crossing extends Edge {
  rule: string;
}

export function crossings(edges: Edge[]): Crossing[] {
  const twoWay = twoWayAreas(edges);
  const out: Crossing[] = [];
  for (const edge of edges) {
    const rule = ruleBroken(edge, twoWay);
    if (rule !== null) out.push({ ...edge, rule });
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const edges = readImports();
  const crossing = crossings(edges);
  const found = cycles(edges);
  console.log(`${edges.length} imports between source files`);
  console.log(`${crossing.length} imports break a house rule:`);
  for (const c of crossing) console.log(`  ${c.from}:${c.line} -> ${c.to}  (${c.rule})`);
  console.log(`folders importing each other: ${[...twoWayAreas(edges)].join(', ') || 'none'}`);
  console.log(`${found.length} import cycles:`);
  for (const c of found) console.log(`  ${c.join(' <-> ')}`);
}
