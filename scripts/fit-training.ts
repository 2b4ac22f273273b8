// Re-fits the training utilisation model on the evidence catalog and prints the constants that
// src/catalog/training-defaults.ts commits (run: node --import tsx scripts/fit-training.ts): the
// spec the selection picks among the candidates, its coefficients, and its residual ranges.
// With --write it also rewrites those constants (and the run and family counts) in that file.
// Distilled runs are left out.
import { readFileSync, writeFileSync } from 'node:fs';
import { FIT_EVIDENCE } from '../src/catalog/training-evidence.js';
import { selectRangeMethod } from '../src/engine/range-select.js';
import { chipHoursIntervals, fitMfuModel, mfuSpreadFor, runResiduals } from '../src/engine/training-fit.js';
import { selectMfuSpec } from '../src/engine/training-select.js';

const round = (x: number) => Number(x.toFixed(4));
const roundAll = (o: Record<string, number>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v)]));
const { spec, scores } = selectMfuSpec(FIT_EVIDENCE);
const c = fitMfuModel(FIT_EVIDENCE, spec);
const intervals = chipHoursIntervals(FIT_EVIDENCE, spec, 0.9);
const out = {
  spec,
  intercept: round(c.intercept),
  classOffset: roundAll(c.classOffset),
  perDecade: roundAll(c.perDecade as Record<string, number>),
  chipsFromFlop: { a: round(c.chipsFromFlop.a), b: round(c.chipsFromFlop.b) },
};
const condition = (interval: (typeof intervals)['withChips']) => {
  const triangle = mfuSpreadFor(interval);
  return {
    n: interval.n,
    logLow: round(interval.low),
    logHigh: round(interval.high),
    mfuFactor: { low: round(triangle.low), high: round(triangle.high) },
  };
};
const conditions = {
  method: intervals.method,
  withChips: condition(intervals.withChips),
  withoutChips: condition(intervals.withoutChips),
};
const candidates = scores.map(
  (s) => `${s.spec.features.join('+')} (${s.spec.weighting}, ridge ${s.spec.ridge}): ${round(s.score)}`,
);
const rangeMethods = selectRangeMethod(runResiduals(FIT_EVIDENCE, spec)).scores.map(
  (s) =>
    `${s.method.rule} ${s.method.join}: ${(s.coverage * 100).toFixed(1)}% inside (${(s.coverageWithheld * 100).toFixed(1)}% chips withheld), width ${s.width.toFixed(2)}`,
);
console.log(JSON.stringify({ coefficients: out, ...conditions, candidates, rangeMethods }, null, 2));

if (process.argv.includes('--write')) {
  const file = new URL('../src/catalog/training-defaults.ts', import.meta.url);
  let text = readFileSync(file, 'utf8');
  const replaceOnce = (pattern: RegExp, replacement: string) => {
    const matches = text.match(new RegExp(pattern.source, `${pattern.flags}g`))?.length ?? 0;
    if (matches !== 1) throw new Error(`training-defaults.ts: ${pattern} matched ${matches} times, not once`);
    text = text.replace(pattern, replacement);
  };
  // A literal on one line, as the formatter keeps it when it fits in 110 columns, else one key a line.
  const inline = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
    if (typeof value === 'string') return `'${value}'`;
    if (typeof value === 'object' && value !== null)
      return `{ ${Object.entries(value)
        .map(([k, v]) => `${k}: ${inline(v)}`)
        .join(', ')} }`;
    return String(value);
  };
  const literal = (key: string, value: unknown, indent: string): string => {
    const flat = `${indent}${key}: ${inline(value)},`;
    if (flat.length <= 110 || typeof value !== 'object' || value === null || Array.isArray(value))
      return flat;
    const lines = Object.entries(value).map(([k, v]) => literal(k, v, `${indent}  `));
    return [`${indent}${key}: {`, ...lines, `${indent}},`].join('\n');
  };
  const families = new Set(FIT_EVIDENCE.map((r) => r.family)).size;
  replaceOnce(
    /\d+ runs of \d+ families, distilled( and embedding-heavy)?/,
    `${FIT_EVIDENCE.length} runs of ${families} families, distilled and embedding-heavy`,
  );
  replaceOnce(
    /(export const MFU_MODEL = \{\n)[\s\S]*?(\n {2}source: FIT,)/,
    `$1${Object.entries(out)
      .map(([k, v]) => literal(k, v, '  '))
      .join('\n')}$2`,
  );
  replaceOnce(
    /const CHIP_HOURS_METHOD = \{ rule: .*\n/,
    `const CHIP_HOURS_METHOD = ${inline(intervals.method)} as const;\n`,
  );
  for (const [name, value] of Object.entries(conditions)) {
    if (name === 'method') continue;
    replaceOnce(new RegExp(` {2}${name}: \\{ n: .*\\n`), `${literal(name, value, '  ')}\n`);
  }
  writeFileSync(file, text);
  console.error('rewrote src/catalog/training-defaults.ts');
}
