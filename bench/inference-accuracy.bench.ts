// Inference model against published serving measurements: the fit, its error on model families it
// never saw (leave-one-family-out), and whether its 90% ranges cover them. Reads only the product's
// own evidence catalog (src/catalog/serving-evidence.ts).

import {
  ACCELERATOR_RESIDUALS,
  SERVING_COEFFICIENTS,
  SERVING_MODEL_VARIANT,
} from '../src/catalog/inference-defaults.js';
import { SERVING_EVIDENCE } from '../src/catalog/serving-evidence.js';
import {
  evidencePoints,
  fitServing,
  leaveOneFamilyOut,
  nestedLeaveOneFamilyOut,
  SERVING_VARIANTS,
  variantName,
  variantScores,
} from '../src/engine/serving-fit.js';
import { conformalLogInterval } from '../src/engine/uncertainty.js';

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length / 2;
  return s.length % 2 ? s[Math.floor(m)] : (s[m - 1] + s[m]) / 2;
};
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
// Error of the estimate against the measurement: estimated / measured − 1 = e^(−residual) − 1.
const error = (residual: number) => Math.exp(-residual) - 1;

const started = performance.now();
const rows = evidencePoints(SERVING_EVIDENCE);

// The candidates (refinements decided from the physics before any fit), each scored by
// leave-one-family-out on every family: the one with the smallest error is the one shipped.
console.log('\n### Model variants: leave-one-family-out median |log error| of GPU energy per response');
console.log('| variant | median \\|log error\\| | shipped |');
console.log('|---|---|---|');
// Fits shared by the plain and the nested cross-validation (the same training sets recur).
const fits = new Map();
const scores = variantScores(rows, fits);
SERVING_VARIANTS.forEach((v, i) => {
  const shipped = JSON.stringify(v) === JSON.stringify(SERVING_MODEL_VARIANT);
  console.log(`| ${variantName(v)} | ${scores[i].toFixed(4)} | ${shipped ? 'yes' : ''} |`);
});

const fit = fitServing(rows);
const fitted = rows.filter((r) => r.fitted).length;
console.log(
  `\n### Serving model (${variantName(SERVING_MODEL_VARIANT)}) fitted on ${fitted} measured points (ML.ENERGY v3.0); ${rows.length - fitted} more (v2.0) calibrate the ranges`,
);
console.log('| coefficient | fitted now | in the catalog |');
console.log('|---|---|---|');
for (const [key, value] of Object.entries(fit)) {
  const stored = SERVING_COEFFICIENTS[key as keyof typeof fit];
  console.log(`| ${key} | ${value.toPrecision(4)} | ${stored.toPrecision(4)} |`);
}

type Residual = { group: string; residual: number; fitted: boolean };
// Each family's 90% range comes from the other families' out-of-sample residuals only.
const judge = (lofo: Residual[]) => {
  const intervals = new Map(
    [...new Set(lofo.map((r) => r.group))].map((f) => [
      f,
      conformalLogInterval(
        lofo.filter((r) => r.group !== f).map((r) => r.residual),
        0.9,
      ),
    ]),
  );
  return lofo.map((r) => {
    const i = intervals.get(r.group)!;
    return { ...r, inside: r.residual >= i.low && r.residual <= i.high, width: Math.exp(i.high - i.low) };
  });
};
const lofo = leaveOneFamilyOut(rows).map((r) => ({ ...r, fitted: r.row.fitted }));
const families = [...new Set(lofo.map((r) => r.group))].sort();
const judged = judge(lofo);

console.log('\n### Leave-one-family-out: accelerator (GPU) energy per response');
console.log(
  '| family | points | median error (signed) | median abs error | 90% range covers | range high/low |',
);
console.log('|---|---|---|---|---|---|');
for (const family of families) {
  const own = judged.filter((r) => r.group === family);
  const signed = median(own.map((r) => error(r.residual)));
  console.log(
    `| ${family} | ${own.length} | ${signed >= 0 ? '+' : ''}${pct(signed)} | ${pct(median(own.map((r) => Math.abs(error(r.residual)))))} | ${pct(own.filter((r) => r.inside).length / own.length)} | ${own[0].width.toFixed(2)} |`,
  );
}
const summary = (label: string, set: typeof judged) =>
  console.log(
    `${label} (${set.length} points): median |error| ${pct(median(set.map((r) => Math.abs(error(r.residual)))))}, 90% range covers ${pct(set.filter((r) => r.inside).length / set.length)}, median high/low ${median(set.map((r) => r.width)).toFixed(2)}`,
  );
console.log('');
summary(
  "today's engine, v3.0",
  judged.filter((r) => r.fitted),
);
summary(
  'an engine the fit never saw, v2.0',
  judged.filter((r) => !r.fitted),
);
summary('all', judged);

// The honest figure of the whole procedure: the variant is chosen without the family it is judged on.
const nested = nestedLeaveOneFamilyOut(rows, fits);
const nestedJudged = judge(nested.residuals.map((r) => ({ ...r, fitted: r.row.fitted })));
console.log('\nNested leave-one-family-out (variant chosen inside each training fold):');
for (const f of families) console.log(`- without ${f}: ${variantName(nested.chosen.get(f)!)}`);
summary(
  "today's engine, v3.0, nested",
  nestedJudged.filter((r) => r.fitted),
);
summary(
  'an engine the fit never saw, v2.0, nested',
  nestedJudged.filter((r) => !r.fitted),
);
summary('all, nested', nestedJudged);

const residuals = lofo.map((r) => r.residual);
const all = conformalLogInterval(residuals, 0.9);
const sorted = [...residuals].sort((a, b) => a - b);
const grid = Array.from({ length: 21 }, (_, i) => sorted[Math.round((i / 20) * (sorted.length - 1))]);
console.log(
  `\nconformal 90% log interval from all ${all.n} residuals: [${all.low.toFixed(4)}, ${all.high.toFixed(4)}] (catalog: [${ACCELERATOR_RESIDUALS.low}, ${ACCELERATOR_RESIDUALS.high}])`,
);
console.log(`residual quantiles 0..100% by 5%: [${grid.map((v) => v.toFixed(4)).join(', ')}]`);
console.log(`(fit and cross-validation took ${((performance.now() - started) / 1000).toFixed(1)} s)`);

// Published measurements outside the evidence catalog (and the catalog's own ML.ENERGY rows it was
// fitted on), each on its own boundary: the committed excerpt test/fixtures/inference.
const { accuracyRows } = await import('../test/helpers/inference-accuracy.js');
const signed = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(0)}%`;
const fmt = (v: number) => (v >= 0.1 ? v.toFixed(3) : v.toPrecision(3));
console.log('\n### Other published measurements (test/fixtures/inference/measurements.json)');
console.log(
  '| measurement | quantity | measured | ours | error | stack | set-up (assumed where not published) |',
);
console.log('|---|---|---|---|---|---|---|');
for (const r of accuracyRows()) {
  console.log(
    `| ${r.id} | ${r.quantity} | ${fmt(r.measured)} | ${fmt(r.predicted)} | ${signed(r.ratio)} | ${r.stack} | ${r.setup} |`,
  );
}
