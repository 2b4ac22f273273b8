import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFakeProc } from '../../../../test/fixtures/proc/index.js';
import { createRamEstimateSampler, RAM_W_PER_GB, readMemTotalGiB } from './index.js';

describe('RAM estimate from installed memory', () => {
  it('reads MemTotal in GiB', () => {
    const proc = createFakeProc({ memTotalKb: 16 * 1024 * 1024 });
    assert.equal(readMemTotalGiB(proc.root), 16);
  });

  it('draws MemTotal × W/GB, labelled as a default, and its energy is power × time', () => {
    const sampler = createRamEstimateSampler(64);
    assert.equal(sampler.channels[0].source, 'default:ram-w-per-gb');
    assert.equal(sampler.read(1000)[0].energyJ, 0);
    const reading = sampler.read(3500)[0];
    assert.equal(reading.powerW, 64 * RAM_W_PER_GB.value);
    assert.ok(Math.abs(reading.energyJ! - 64 * RAM_W_PER_GB.value * 2.5) < 1e-9);
    assert.match(RAM_W_PER_GB.source.citation, /Green Algorithms/);
  });
});
