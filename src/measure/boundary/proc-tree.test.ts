import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFakeProc } from '../../../test/fixtures/proc/index.js';
import { removeProcess, statLine, writeProcess } from '../../../test/fixtures/proc/tree.js';
import { listPids, ProcessTree, parsePidStat, type StatFields } from './proc-tree.js';

const SELF = 900;
const PAGE = 4096;

function fields(): StatFields {
  return { ppid: 0, own: 0, children: 0, rssPages: 0, exited: false };
}

describe('process tree from /proc', () => {
  it('parses a stat line whose command name holds spaces and parentheses', () => {
    const text = Buffer.from(
      statLine({
        pid: 42,
        ppid: 7,
        comm: 'py (worker) 1',
        utime: 120,
        stime: 30,
        cutime: 5,
        cstime: 2,
        rss: 77,
      }),
    );
    const out = fields();
    assert.equal(parsePidStat(text, text.length, out), true);
    assert.deepEqual(out, { ppid: 7, own: 150, children: 7, rssPages: 77, exited: false });
    const zombie = Buffer.from(statLine({ pid: 43, ppid: 7, state: 'Z', utime: 9 }));
    parsePidStat(zombie, zombie.length, out);
    assert.equal(out.exited, true);
    assert.equal(parsePidStat(Buffer.from('garbage'), 7, out), false);
  });

  it('follows the command and its descendants, not the processes beside it', () => {
    const { root } = createFakeProc();
    writeProcess(root, { pid: SELF, ppid: 1, cutime: 500 });
    writeProcess(root, { pid: 500, ppid: 1, utime: 9000 }); // another job
    writeProcess(root, { pid: 1000, ppid: SELF, utime: 10, rss: 100 });
    const tree = new ProcessTree(root, 1000, SELF, PAGE);
    assert.equal(tree.has(1000), true);
    assert.equal(tree.has(500), false);
    assert.equal(tree.cpuTicks, 10); // the tracker's earlier children (cutime 500) are not the command's

    // A child and a grandchild appear in the same update; a process of the other job forks too.
    writeProcess(root, { pid: 1000, ppid: SELF, utime: 20, rss: 100 });
    writeProcess(root, { pid: 1002, ppid: 1001, utime: 5, rss: 50 });
    writeProcess(root, { pid: 1001, ppid: 1000, utime: 7, rss: 25 });
    writeProcess(root, { pid: 501, ppid: 500, utime: 3000 });
    writeProcess(root, { pid: 500, ppid: 1, utime: 12000 });
    assert.equal(tree.update(), 32);
    assert.deepEqual([tree.has(1001), tree.has(1002), tree.has(501)], [true, true, false]);
    assert.equal(tree.rssBytes, 175 * PAGE);
  });

  it('counts children reaped between updates once, and the command reaped by the tracker', () => {
    const { root } = createFakeProc();
    writeProcess(root, { pid: SELF, ppid: 1 });
    writeProcess(root, { pid: 1000, ppid: SELF, utime: 10 });
    writeProcess(root, { pid: 1001, ppid: 1000, utime: 40 });
    const tree = new ProcessTree(root, 1000, SELF, PAGE);
    assert.equal(tree.cpuTicks, 50);
    // 1001 ends with 60 ticks and is reaped by 1000; 1003 lived and died unseen (25 ticks).
    removeProcess(root, 1001);
    writeProcess(root, { pid: 1000, ppid: SELF, utime: 15, cutime: 60 + 25 });
    assert.equal(tree.update(), 15 + 85);
    // The command ends with 20 ticks of its own; the tracker reaps it.
    removeProcess(root, 1000);
    writeProcess(root, { pid: SELF, ppid: 1, cutime: 20 + 85 });
    assert.equal(tree.update(), 105);
    assert.equal(tree.size, 0);
  });

  it('keeps following a descendant whose parent died (an orphan) and its own children', () => {
    const { root } = createFakeProc();
    writeProcess(root, { pid: SELF, ppid: 1 });
    writeProcess(root, { pid: 1000, ppid: SELF, utime: 10 });
    writeProcess(root, { pid: 1001, ppid: 1000, comm: 'daemon', utime: 1 });
    const tree = new ProcessTree(root, 1000, SELF, PAGE);
    // The command exits (reaped by the tracker); its child is re-parented to init.
    removeProcess(root, 1000);
    writeProcess(root, { pid: SELF, ppid: 1, cutime: 10 });
    writeProcess(root, { pid: 1001, ppid: 1, comm: 'daemon', utime: 30 });
    writeProcess(root, { pid: 1005, ppid: 1001, comm: 'worker', utime: 8 });
    assert.equal(tree.update(), 10 + 30 + 8);
    assert.deepEqual(
      tree.leftovers(100).map((p) => [p.pid, p.command, p.cpuS]),
      [
        [1001, 'daemon', 0.3],
        [1005, 'worker', 0.08],
      ],
    );
    // Reaped by init: its time stays counted.
    removeProcess(root, 1005);
    removeProcess(root, 1001);
    assert.equal(tree.update(), 48);
    assert.deepEqual(tree.leftovers(100), []);
  });

  it('with a subreaper, a new child of the tracker is an orphan of the command', () => {
    const { root } = createFakeProc();
    writeProcess(root, { pid: SELF, ppid: 1 });
    writeProcess(root, { pid: 950, ppid: SELF, utime: 99 }); // a helper the tracker started before
    writeProcess(root, { pid: 1000, ppid: SELF, utime: 1 });
    const plain = new ProcessTree(root, 1000, SELF, PAGE, false);
    const reaper = new ProcessTree(root, 1000, SELF, PAGE, true);
    // A double fork: 1000 → 1001 → 1002, 1001 exits at once; 1002 is re-parented to the tracker.
    writeProcess(root, { pid: 1002, ppid: SELF, utime: 50 });
    assert.equal(reaper.update(), 51);
    assert.equal(plain.update(), 1);
    assert.equal(reaper.has(950), false);
  });

  it('an orphan already re-parented to the tracker at the first update is the command’s', () => {
    const { root } = createFakeProc();
    writeProcess(root, { pid: SELF, ppid: 1 });
    writeProcess(root, { pid: 950, ppid: SELF, utime: 99 }); // a helper the tracker started before
    const before = listPids(root);
    // The command forked twice and its middle process exited before the tree was first read.
    writeProcess(root, { pid: 1000, ppid: SELF, utime: 1 });
    writeProcess(root, { pid: 1002, ppid: SELF, utime: 50 });
    const tree = new ProcessTree(root, 1000, SELF, PAGE, true, before);
    assert.deepEqual([tree.has(1000), tree.has(1002), tree.has(950)], [true, true, false]);
    assert.equal(tree.cpuTicks, 51);
  });

  it('a dip from a child reaped during the listing never makes the total go back', () => {
    const { root } = createFakeProc();
    writeProcess(root, { pid: SELF, ppid: 1 });
    writeProcess(root, { pid: 1000, ppid: SELF, utime: 10 });
    writeProcess(root, { pid: 1001, ppid: 1000, utime: 40 });
    const tree = new ProcessTree(root, 1000, SELF, PAGE);
    // 1001 is gone but its parent's cutime does not show it yet.
    removeProcess(root, 1001);
    assert.equal(tree.update(), 50);
    writeProcess(root, { pid: 1000, ppid: SELF, utime: 12, cutime: 45 });
    assert.equal(tree.update(), 57);
  });
});
