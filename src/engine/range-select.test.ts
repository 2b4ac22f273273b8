import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32, standardNormal } from './random.js';
import {
  intervalsFor,
  RANGE_METHODS,
  type RunResidual,
  sameMethod,
  scoreMethod,
  selectRangeMethod,
} from './range-select.js';
import { conformalLogInterval } from './uncertainty.js';

/** A random-effects world: each family's error shared by its runs; some runs publish their chips. */
function world(seed: number, families: number, size: number, sdFamily: number, sdRun: number): RunResidual[] {
  const random = mulberry32(seed);
  const normal = () => standardNormal(random);
  return Array.from({ length: families }, (_, f) => {
    const shared = sdFamily * normal();
    return Array.from({ length: size }, (): RunResidual => {
      const unknown = shared + sdRun * normal();
      // Runs with chips: their residual with the chips is more spread than without (as in the evidence).
      return f % 2 ? { group: `f${f}`, unknown } : { group: `f${f}`, given: 1.5 * unknown, unknown };
    });
  }).flat();
}

describe('intervalsFor', () => {
  const rows = world(3, 40, 2, 0.2, 0.2);

  it('envelope: the chips-unknown range contains the chips-given one; separate need not', () => {
    const separate = intervalsFor({ rule: 'runs', join: 'separate' }, rows);
    // The world is built so that the chips-given residuals spread wider: on their own, knowing the
    // chips gives the wider range (the oddity the joins remove).
    assert.ok(
      separate.withChips.high - separate.withChips.low >
        separate.withoutChips.high - separate.withoutChips.low,
    );
    for (const rule of ['runs', 'families', 'components'] as const) {
      const i = intervalsFor({ rule, join: 'envelope' }, rows);
      assert.ok(i.withoutChips.low <= i.withChips.low && i.withoutChips.high >= i.withChips.high, rule);
      assert.equal(i.withChips.n, rows.filter((r) => r.given !== undefined).length);
      assert.equal(i.withoutChips.n, rows.length);
    }
  });

  it('pooled: one range from each run as published, with its chips where it gave them', () => {
    const pooled = intervalsFor({ rule: 'runs', join: 'pooled' }, rows);
    assert.deepEqual(pooled.withChips, pooled.withoutChips);
    assert.equal(pooled.withChips.n, rows.length);
    // The same as the rule on the published-condition residuals, treated as one condition.
    const asPublished = conformalLogInterval(
      rows.map((r) => r.given ?? r.unknown),
      0.9,
    );
    assert.deepEqual(pooled.withChips, asPublished);
  });
});

describe('scoreMethod', () => {
  it('counts each family against the range the other families make', () => {
    // 20 single-run families, residuals −0.95 … +0.95: held out, each end falls outside the range of
    // the 19 others (whose 90% conformal range runs from their lowest to their highest), the rest inside.
    const rows: RunResidual[] = Array.from({ length: 20 }, (_, i) => ({
      group: `g${i}`,
      unknown: (i - 9.5) / 10,
    }));
    const score = scoreMethod({ rule: 'runs', join: 'pooled' }, rows);
    assert.equal(score.coverage, 18 / 20);
    assert.equal(score.coverageWithheld, 18 / 20);
    assert.ok(score.width > Math.exp(1.7) && score.width <= Math.exp(1.9), `${score.width}`);
  });
});

describe('selectRangeMethod', () => {
  it('picks the narrowest method whose leave-one-family-out coverage reaches 90%, both ways', () => {
    const rows = world(5, 30, 3, 0.25, 0.3);
    const { method, scores } = selectRangeMethod(rows);
    assert.equal(scores.length, RANGE_METHODS.length);
    const keeps = scores.filter((s) => s.coverage >= 0.9 && s.coverageWithheld >= 0.9);
    assert.ok(keeps.length > 0);
    const chosen = scores.find((s) => sameMethod(s.method, method))!;
    assert.ok(keeps.includes(chosen));
    for (const s of keeps) assert.ok(chosen.width <= s.width, JSON.stringify(s));
  });

  it('with no method reaching it, the one whose worse coverage is highest', () => {
    // Four families whose errors are all shared: no range from three of them holds the fourth's runs.
    const rows = world(9, 4, 10, 0.5, 0.01);
    const { method, scores } = selectRangeMethod(
      rows,
      0.9,
      RANGE_METHODS.filter((m) => m.rule !== 'components'),
    );
    assert.ok(scores.every((s) => Math.min(s.coverage, s.coverageWithheld) < 0.9));
    const worse = (s: (typeof scores)[number]) => Math.min(s.coverage, s.coverageWithheld);
    const chosen = scores.find((s) => sameMethod(s.method, method))!;
    for (const s of scores) assert.ok(worse(chosen) >= worse(s), JSON.stringify(s));
  });
});
