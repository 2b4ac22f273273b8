import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, runCliJson } from '../helpers/cli.js';

interface Comparison {
  co2eKg?: number;
  energyKwh?: number;
  model?: { id: string; source: string };
  equivalents: { id: string; label: string; value: number; unit: string; source: string }[];
}

function assertUsageError(result: ReturnType<typeof runCli>, flag: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0], flag);
  assert.doesNotMatch(result.stderr, /\bat .+:\d+:\d+/);
}

describe('empreinte compare', () => {
  it('prints pure JSON with the figure and its equivalents', () => {
    const result = runCli(['compare', '--co2e-kg', '1.2M', '--json']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const json = JSON.parse(result.stdout) as Comparison;
    assert.deepEqual(Object.keys(json), ['co2eKg', 'equivalents']);
    assert.equal(json.co2eKg, 1.2e6);
    const car = json.equivalents.find((q) => q.id === 'car-km');
    assert.ok(car && Math.abs(car.value - 1.2e6 / (0.403 / 1.609344)) < 1);
    for (const q of json.equivalents) {
      assert.deepEqual(Object.keys(q), ['id', 'label', 'value', 'unit', 'source']);
      assert.match(q.source, /(19|20)\d\d/);
    }
  });

  it('puts energy in energy equivalents', () => {
    const json = runCliJson<Comparison>(['compare', '--energy-kwh', '3600']);
    assert.equal(json.energyKwh, 3600);
    assert.equal(json.co2eKg, undefined);
    assert.equal(json.equivalents.find((q) => q.id === 'home-electricity-eu')?.value, 1);
    assert.equal(
      json.equivalents.find((q) => q.id === 'car-km'),
      undefined,
    );
  });

  it('compares the published figures of a catalog model', () => {
    const json = runCliJson<Comparison>(['compare', '--model', 'GPT-3']);
    assert.equal(json.model?.id, 'gpt-3-175b');
    assert.match(json.model?.source ?? '', /Patterson/);
    assert.ok((json.co2eKg ?? 0) > 0 && (json.energyKwh ?? 0) > 0);
    assert.ok(json.equivalents.some((q) => q.id === 'flight-paris-new-york'));
  });

  it('rejects missing, malformed, negative and conflicting inputs with one line naming the flag', () => {
    assertUsageError(runCli(['compare']), /--co2e-kg, --energy-kwh or --model is required/);
    assertUsageError(runCli(['compare', '--co2e-kg', 'lots']), /--co2e-kg: 'lots' is not a number/);
    assertUsageError(runCli(['compare', '--energy-kwh', '-5', '--json']), /--energy-kwh: -5 is out of range/);
    assertUsageError(
      runCli(['compare', '--model', 'gpt-3-175b', '--co2e-kg', '5']),
      /--model: cannot be combined with --co2e-kg/,
    );
    assertUsageError(
      runCli(['compare', '--model', 'gpt-9000']),
      /--model: unknown model 'gpt-9000' \(closest: /,
    );
  });

  it('speaks French: labels, units and number formatting', () => {
    const result = runCli(['compare', '--co2e-kg', '1774', '--lang', 'fr']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /1\u202f774 kg CO2e équivaut à peu près à\u202f:/);
    assert.match(result.stdout, /≈ 1 +allers-retours +allers-retours Paris–New York en avion, par passager/);
    assert.match(result.stdout, /≈ 7[\u202f\u00a0]080 +km +en voiture essence moyenne/);
    assert.match(result.stdout, /Sources\u202f:/);
    const english = runCli(['compare', '--co2e-kg', '1774']);
    assert.match(english.stdout, /1,774 kg CO2e is about the same as:/);
  });
});
