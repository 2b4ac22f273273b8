import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCpuByModelName } from './cpu-models.js';
import { SERVER_CPUS } from './hardware/cpus.js';
import { HARDWARE } from './hardware.js';
import { createLookup } from './lookup.js';

describe('the CPU lookup of the tracker', () => {
  it('finds each CPU name as the whole catalog does: no CPU name or alias is an accelerator’s', () => {
    const whole = createLookup(HARDWARE, 'hardware');
    const cpus = createLookup(SERVER_CPUS, 'hardware');
    const names = SERVER_CPUS.flatMap((cpu) => [cpu.id, ...(cpu.aliases ?? [])]);
    assert.ok(names.length > SERVER_CPUS.length, 'aliases are checked too');
    for (const name of names) assert.equal(cpus.find(name), whole.find(name), name);
  });

  it('reads /proc/cpuinfo names, and finds no accelerator', () => {
    assert.equal(findCpuByModelName('AMD EPYC 7763 64-Core Processor')?.kind, 'cpu');
    assert.equal(findCpuByModelName('NVIDIA H100 80GB HBM3'), undefined);
    assert.equal(findCpuByModelName(''), undefined);
  });
});
