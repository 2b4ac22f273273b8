// The model catalog reproduced: each published figure beside `estimate training --model ID`, on the
// publication's own basis (CO2e basis, PUE applied, what the energy counts). Reads only the catalog.
import { basisText, signed } from '../scripts/catalog-docs.js';
import { reproduceCatalog } from '../src/engine/catalog-reproduction.js';

const rows = reproduceCatalog();
const fmt = (v: number | undefined, unit: number) => (v === undefined ? '—' : (v / unit).toFixed(1));
const header = ['model', 'pub MWh', 'ours MWh', 'Δ', 'pub t', 'ours t', 'Δ', 'basis'];
const body = rows.map((r) => [
  r.id,
  fmt(r.published.energyKwh, 1000),
  r.published.energyKwh === undefined ? '—' : fmt(r.ours.energyKwh, 1000),
  signed(r.differencePct.energyKwh) ?? '—',
  fmt(r.published.co2eKg, 1000),
  r.published.co2eKg === undefined ? '—' : fmt(r.ours.co2eKg, 1000),
  signed(r.differencePct.co2eKg) ?? '—',
  basisText(r),
]);
const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
for (const line of [header, ...body]) {
  console.log(
    line
      .map((cell, i) => (i === 0 || i === 7 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  '),
  );
}
const errors = rows.flatMap((r) =>
  [r.differencePct.energyKwh, r.differencePct.co2eKg].filter((v) => v !== undefined).map(Math.abs),
);
const within = errors.filter((e) => e <= 10).length;
console.log(
  `\n${rows.length} models, ${errors.length} published figures: ${within} within 10% on their own basis; largest |Δ| ${Math.max(...errors).toFixed(1)}%`,
);
