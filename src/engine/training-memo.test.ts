import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HARDWARE } from '../catalog/hardware.js';
import { listLocations } from '../catalog/locations.js';
import { forgetMemos } from '../catalog/memo.js';
import { render } from '../messages/index.js';
import { mulberry32 } from './random.js';
import { parseInput } from './schemas/common.js';
import { trainingInputSchema } from './schemas/training.js';
import { estimateTraining } from './training.js';

/**
 * An estimate keeps the parts that depend on its names alone (the site by location, the chip's power
 * and embodied inputs, the fitted utilisation's source): every answer made from kept parts must be
 * the one made afresh, byte for byte, whatever estimates came before it.
 */
describe('kept parts of a training estimate', () => {
  it('give the same answers as parts resolved afresh, for random bodies in a random order', () => {
    const random = mulberry32(20261206);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const locations = [
      undefined,
      'fr',
      'de',
      ...listLocations()
        .filter((_, i) => i % 50 === 0)
        .map((l) => l.id),
    ];
    const hardware = [
      'h100',
      'a100',
      'v100',
      ...HARDWARE.filter((h, i) => h.kind !== 'cpu' && i % 5 === 0).map((h) => h.id),
    ];
    let kept = 0;
    for (let i = 0; i < 300; i++) {
      const raw: Record<string, unknown> = {
        params: `${(1 + random() * 100).toFixed(3)}B`,
        tokens: `${(0.1 + random() * 10).toFixed(4)}T`,
        hardware: pick(hardware),
      };
      const location = pick(locations);
      if (location !== undefined) raw.location = location;
      if (random() < 0.6) raw.chips = 1 + Math.floor(random() * 4096);
      if (random() < 0.15) raw.pue = 1 + random();
      if (random() < 0.15) raw.gridIntensity = random() * 800;
      if (random() < 0.1) raw.model = pick(['gpt-3-175b', 'chinchilla-70b', 't5-11b']);
      const input = parseInput(trainingInputSchema, raw);
      // Kept parts (from the bodies before this one), then the same body with nothing kept.
      const fromKept = JSON.stringify(estimateTraining(input));
      forgetMemos();
      const afresh = estimateTraining(input);
      assert.equal(fromKept, JSON.stringify(afresh), `body ${JSON.stringify(raw)}`);
      // Notes said once for kept messages read as those said anew.
      assert.deepEqual(
        afresh.notes,
        afresh.noteMessages.map((m) => render(m, 'en', 'flag')),
      );
      // Warm the kept parts again with another body of the same names, so that the next bodies meet them.
      estimateTraining(parseInput(trainingInputSchema, { ...raw, tokens: '3T' }));
      if (location === undefined || !raw.pue) kept++;
    }
    assert.ok(kept > 100, `only ${kept} bodies met kept parts`);
  });

  it('share no part that an answer could change', () => {
    const input = parseInput(trainingInputSchema, {
      params: '7B',
      tokens: '1T',
      hardware: 'h100',
      chips: 64,
    });
    const first = estimateTraining(input);
    assert.throws(() => {
      (first.inputs.powerFraction as { source: string }).source = 'changed';
    }, TypeError);
    assert.equal(JSON.stringify(estimateTraining(input)), JSON.stringify(first));
  });
});
