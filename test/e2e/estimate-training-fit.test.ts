import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCliJson } from '../helpers/cli.js';

type Range = { low: number; central: number; high: number };
interface Estimate {
  energyKwh: Range;
  co2eKg: Range;
  chipHours: Range;
  flop: number;
  inputs: Record<string, { value: unknown; source: string }>;
}

const isRange = (r: unknown, what: string) => {
  const range = r as Range;
  assert.deepEqual(Object.keys(range).sort(), ['central', 'high', 'low'], what);
  assert.ok(
    range.low > 0 && range.low < range.central && range.central < range.high,
    `${what}: ${JSON.stringify(range)}`,
  );
};

describe('estimate training, first principles with the fitted utilisation', () => {
  const args = ['estimate', 'training', '--params', '7B', '--tokens', '2T', '--hardware', 'h100'];

  it('keeps the JSON contract: ranges for chip-hours, energy and CO2e, every input with its source', () => {
    const e = runCliJson<Estimate>([...args, '--chips', '512']);
    isRange(e.chipHours, 'chipHours');
    isRange(e.energyKwh, 'energyKwh');
    isRange(e.co2eKg, 'co2eKg');
    assert.equal(e.flop, 6 * 7e9 * 2e12);
    for (const [name, input] of Object.entries(e.inputs)) {
      assert.ok(input.source.length > 0 && input.value !== undefined, name);
    }
    assert.equal(e.inputs.chips.source, 'user');
    assert.match(e.inputs.mfu.source, /^default:fitted goodput \(gpuHopper\)/);
  });

  it('uses the chip count when given, and estimates one from the compute when not', () => {
    const few = runCliJson<Estimate>([...args, '--chips', '64']);
    const many = runCliJson<Estimate>([...args, '--chips', '4096']);
    const unsaid = runCliJson<Estimate>(args);
    assert.ok(many.chipHours.central > few.chipHours.central, 'more chips, lower utilisation');
    assert.match(unsaid.inputs.mfu.source, /chips ≈ \d+ from FLOP/);
  });
});
