// Inference model against published measurements: the error on each, on the measurement's own boundary.

import { INFERENCE_HOST_OVERHEAD } from '../src/catalog/inference-defaults.js';
import { accuracyRows, boundaryCheck, medianFactor } from '../test/helpers/inference-accuracy.js';

const rows = accuracyRows();
const signed = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(0)}%`;
const fmt = (v: number) => (v >= 0.1 ? v.toFixed(3) : v.toPrecision(3));

console.log('\n### Accuracy on published inference measurements');
console.log(
  '| measurement | quantity | measured | ours | error | stack | set-up (assumed where not published) |',
);
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.id} | ${r.quantity} | ${fmt(r.measured)} | ${fmt(r.predicted)} | ${signed(r.ratio)} (×${r.ratio.toFixed(2)}) | ${r.stack} | ${r.setup} |`,
  );
}
const optimised = rows.filter((r) => r.stack === 'optimised');
const worst = Math.max(...optimised.map((r) => Math.max(r.ratio, 1 / r.ratio)));
console.log(`\nmedian error factor, all ${rows.length} measurements: ×${medianFactor(rows).toFixed(2)}`);
console.log(
  `median error factor, ${optimised.length} optimised-engine measurements: ×${medianFactor(optimised).toFixed(2)}; worst ×${worst.toFixed(2)}`,
);
const g = boundaryCheck();
if (g) {
  console.log(
    `boundary (${g.id}): host / accelerator ${g.hostPerAccelerator.toFixed(2)} published vs ${INFERENCE_HOST_OVERHEAD.central} default (calibrated on it); idle capacity ${(g.idleShare * 100).toFixed(0)}% of the total`,
  );
}
