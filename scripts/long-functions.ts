// Lists the functions longer than a number of lines (declarations, methods, arrows and function
// expressions, nested ones on their own), longest first, so that long ones are found and split.
// Run: node --import tsx scripts/long-functions.ts [folder=src] [lines=100]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { sources } from './import-rules.js';

export interface LongFunction {
  file: string;
  line: number;
  name: string;
  lines: number;
}

function nameOf(node: ts.FunctionLikeDeclaration, sf: ts.SourceFile, owner: string): string {
  const parent = node.parent;
  let name = node.name?.getText(sf);
  if (!name && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)))
    name = parent.name.getText(sf);
  if (!name && ts.isCallExpression(parent)) name = `${owner || '<top>'} callback`;
  const cls =
    ts.isMethodDeclaration(node) && ts.isClassDeclaration(parent) ? `${parent.name?.getText(sf)}.` : '';
  return cls + (name ?? '<anonymous>');
}

/** Functions in `dir` longer than `limit` lines, longest first. */
export function longFunctions(dir: string, limit: number): LongFunction[] {
  const found: LongFunction[] = [];
  for (const file of sources(dir)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node, owner: string): void => {
      let inner = owner;
      if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
        const fn = node as ts.FunctionLikeDeclaration;
        inner = nameOf(fn, sf, owner);
        const line = sf.getLineAndCharacterOfPosition(fn.getStart(sf)).line + 1;
        const lines = sf.getLineAndCharacterOfPosition(fn.getEnd()).line + 2 - line;
        if (lines > limit) found.push({ file, line, name: inner, lines });
      }
      ts.forEachChild(node, (child) => visit(child, inner));
    };
    visit(sf, '');
  }
  return found.sort((a, b) => b.lines - a.lines);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const limit = Number(process.argv[3] ?? 100);
  const found = longFunctions(process.argv[2] ?? 'src', limit);
  for (const f of found) console.log(`${String(f.lines).padStart(4)} ${f.file}:${f.line} ${f.name}`);
  console.log(`${found.length} functions over ${limit} lines`);
}
