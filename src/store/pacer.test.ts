import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inForeground, Pacer } from './pacer.js';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

/** A bulk reader: yields after every step, as the sample reader does between batches. */
function backgroundReader() {
  const state = { steps: 0, stop: false };
  const done = (async () => {
    const pacer = new Pacer(0, 'background');
    while (!state.stop) {
      state.steps++;
      await pacer.pace();
    }
  })();
  return { state, done };
}

describe('read pacer', () => {
  it('yields only once its budget is spent', async () => {
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const pacer = new Pacer(30, 'foreground');
    const start = performance.now();
    let paces = 0;
    // Until 150 ms have passed and the loop has turned a few times (a loaded machine may take
    // longer: the bounds below follow the time actually spent, not a fixed count).
    while ((performance.now() - start < 150 || turns < 3) && performance.now() - start < 5000) {
      busy(1);
      await pacer.pace();
      paces++;
    }
    ticking = false;
    const elapsedMs = performance.now() - start;
    // About one yield per 30 ms out of ~30 calls each; a pacer yielding every call gives as many
    // turns as calls, one that never yields none.
    assert.ok(paces > 4 * turns, `${paces} calls for ${turns} turns of the loop`);
    assert.ok(turns >= 3, `${turns} turns of the loop in ${elapsedMs.toFixed(0)} ms`);
    assert.ok(
      turns <= elapsedMs / 30 + 2,
      `${turns} turns of the loop in ${elapsedMs.toFixed(0)} ms with a 30 ms budget`,
    );
  });

  it('keeps a background read off the loop while a foreground read runs, then lets it go on', async () => {
    const reader = backgroundReader();
    await new Promise((resolve) => setTimeout(resolve, 10));
    let yields = 0;
    let during = 0;
    await inForeground(async () => {
      const pacer = new Pacer(0, 'foreground');
      const before = reader.state.steps;
      for (let i = 0; i < 20; i++) {
        busy(2);
        await pacer.pace();
        yields++;
      }
      during = reader.state.steps - before;
    });
    const after = reader.state.steps;
    await new Promise((resolve) => setTimeout(resolve, 10));
    reader.state.stop = true;
    await reader.done;
    // Round-robin would give the reader a step at each of the 20 yields.
    assert.ok(during <= 1, `background read ran ${during} steps during ${yields} foreground yields`);
    assert.ok(reader.state.steps > after + 5, 'background read resumed');
  });

  it('defers a background read at most a bounded time, however long the foreground read', async () => {
    const reader = backgroundReader();
    await new Promise((resolve) => setTimeout(resolve, 10));
    let during = 0;
    await inForeground(async () => {
      const pacer = new Pacer(0, 'foreground');
      const before = reader.state.steps;
      const start = performance.now();
      while (performance.now() - start < 700) {
        busy(5);
        await pacer.pace();
      }
      during = reader.state.steps - before;
    });
    reader.state.stop = true;
    await reader.done;
    // Deferred 200 ms at a time: a few steps in 700 ms, not none and not one per yield (~140).
    assert.ok(during >= 2 && during <= 10, `background read ran ${during} steps in 700 ms`);
  });
});
