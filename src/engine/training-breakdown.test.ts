import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInput } from './schemas/common.js';
import { trainingInputSchema } from './schemas/training.js';
import { estimateTraining } from './training.js';

const estimate = (raw: Record<string, unknown>) => estimateTraining(parseInput(trainingInputSchema, raw));
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('training breakdown', () => {
  it('charges the data centre its PUE − 1 share when the PUE is a default range', () => {
    const e = estimate({ params: '7B', tokens: '2T', hardware: 'nvidia-h100-sxm5-80gb', chips: 64 });
    const pue = e.inputs.pue.value;
    assert.equal(typeof pue, 'object', 'the PUE is a default range here');
    const central = (pue as { central: number }).central;
    const { it: itKg, facility, embodied } = e.breakdownCo2eKg;
    assert.ok(facility > 0, `facility ${facility} kg`);
    assert.ok(close(facility / (itKg + facility), (central - 1) / central));
    // Industry-average PUE (about 1.5): roughly a third of the operational emissions.
    assert.ok(facility / e.co2eKg.central > 0.25 && facility / e.co2eKg.central < 0.45);
    assert.ok(close(itKg + facility, e.co2eKg.central));
    assert.ok(close(embodied, e.embodiedCo2eKg.central));
    assert.ok(close(itKg + facility + embodied, e.totalCo2eKg.central));
  });

  it('charges the data centre PUE − 1 of a PUE the user gives, and nothing at PUE 1', () => {
    const base = { params: '7B', tokens: '2T', hardware: 'nvidia-h100-sxm5-80gb', chips: 64, location: 'fr' };
    const given = estimate({ ...base, pue: 1.25 }).breakdownCo2eKg;
    assert.ok(close(given.facility, given.it * 0.25));
    assert.equal(estimate({ ...base, pue: 1 }).breakdownCo2eKg.facility, 0);
  });
});
