/**
 * Faults around `empreinte run`, with real processes on a fake machine (NVML GPU, RAPL package,
 * /proc): the command crashes, is killed, leaves children behind; the tracker is SIGKILLed while
 * writing; the disk fills (a 1 MiB tmpfs); another process locks the database; sensors vanish
 * (RAPL files gone, a GPU reset); the command writes a 100 MB marks line. Each case checks what
 * is kept, what the user is told, and that the database opens sound afterwards.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFakePowercap, startCounterWriter } from '../fixtures/powercap/index.js';
import { type FakeMachine, fakeMachine } from '../fixtures/proc/machine.js';
import { runCli } from '../helpers/cli.js';
import { MB, scratch } from './_process.js';
import {
  assertSound,
  isAlive,
  nodeCommand,
  pidOf,
  runIdOf,
  showRun,
  sleep,
  startTracker,
  summaryLine,
  waitFor,
} from './_tracker.js';

const GPU_W = 200;
const INTERVAL = ['--interval', '0.1'];
const KWH = 3.6e6;

/** CMD: waits until `file` exists, then exits with `code` (the test decides when). */
const exitWhen = (file: string, code: number) =>
  nodeCommand(
    `setInterval(() => { if (require('node:fs').existsSync(${JSON.stringify(file)})) process.exit(${code}); }, 20);`,
  );

let machine: FakeMachine;
const work = scratch('tracker-faults');
const faults: string[] = [];

before(async () => {
  machine = await fakeMachine({ gpus: 1, gpuWatts: GPU_W, packageWatts: 50 });
});
after(() => {
  machine?.stop();
  work.cleanup();
  process.stdout.write(`# tracker faults survived: ${faults.length}: ${faults.join('; ')}\n`);
});

describe('tracker: the command fails', () => {
  it('a non-zero exit: exit code passed on, run failed, samples kept', async () => {
    const run = startTracker(
      [...INTERVAL, '--name', 'exit-3'],
      nodeCommand('setTimeout(() => process.exit(3), 600);'),
      machine.env,
    );
    const { code } = await run.exit;
    assert.equal(code, 3, run.stderr());
    assert.match(summaryLine(run.stderr()), /: failed \(exit 3\)/);
    const shown = showRun(machine.env, runIdOf(run.stdout()));
    assert.equal(shown.status, 'failed');
    assert.equal(shown.exitCode, 3);
    assert.ok(shown.energyKwh.gpu * KWH > GPU_W * 0.5, `GPU energy ${shown.energyKwh.gpu * KWH} J`);
    assert.ok(assertSound(machine.db, shown.id) > 0);
    faults.push('CMD exit 3');
  });

  it('a segmentation fault: exit 139, run failed (a crash, not an interruption)', async () => {
    const run = startTracker(
      [...INTERVAL, '--name', 'segv'],
      ['sh', '-c', 'echo "RUN_ID=$EMPREINTE_RUN_ID"; sleep 0.5; kill -SEGV $$'],
      machine.env,
    );
    const { code } = await run.exit;
    assert.equal(code, 139, run.stderr());
    assert.match(summaryLine(run.stderr()), /: failed \(exit 139\)/);
    const shown = showRun(machine.env, runIdOf(run.stdout()));
    assert.equal(shown.status, 'failed');
    assert.equal(shown.exitCode, 139);
    assert.ok(shown.energyKwh.total > 0);
    assertSound(machine.db);
    faults.push('CMD SIGSEGV');
  });

  it('SIGKILLed from outside: exit 137, run interrupted, samples kept', async () => {
    const run = startTracker(
      [...INTERVAL, '--name', 'killed'],
      nodeCommand('setInterval(() => {}, 1000);'),
      machine.env,
    );
    await waitFor(() => run.stdout().includes('PID='), 'the command to start');
    await sleep(500);
    process.kill(pidOf(run.stdout()), 'SIGKILL');
    const { code } = await run.exit;
    assert.equal(code, 137);
    assert.match(summaryLine(run.stderr()), /: interrupted \(exit 137\)/);
    const shown = showRun(machine.env, runIdOf(run.stdout()));
    assert.equal(shown.status, 'interrupted');
    assert.ok(shown.durationS > 0.4, `duration ${shown.durationS}`);
    assertSound(machine.db);
    faults.push('CMD SIGKILL');
  });

  it('children that outlive the command: the run ends with the command, not with them', async () => {
    // The orphan inherits the tracker's stdout and stderr: waiting on the pipes would hang.
    const orphan = `console.log('ORPHAN=' + process.pid); setTimeout(() => {}, 30000)`;
    const run = startTracker(
      [...INTERVAL, '--name', 'orphans'],
      nodeCommand(
        `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(orphan)}], { detached: true, stdio: 'inherit' }).unref(); setTimeout(() => process.exit(0), 500);`,
      ),
      machine.env,
    );
    await waitFor(() => run.stdout().includes('ORPHAN='), 'the child to start');
    const orphanPid = Number(/ORPHAN=(\d+)/.exec(run.stdout())![1]);
    const started = Date.now();
    const { code, atMs } = await run.exit;
    try {
      assert.equal(code, 0, run.stderr());
      assert.ok(atMs - started < 5000, `the tracker waited ${atMs - started} ms after the command`);
      assert.ok(isAlive(orphanPid), 'the orphan is left running (not the tracker’s to kill)');
      const shown = showRun(machine.env, runIdOf(run.stdout()));
      assert.equal(shown.status, 'completed');
      assert.ok(shown.durationS < 3, `the run lasted ${shown.durationS} s: it followed the orphan`);
      assertSound(machine.db);
    } finally {
      process.kill(orphanPid, 'SIGKILL');
    }
    faults.push('CMD leaves orphans');
  });
});

describe('tracker: the tracker itself is SIGKILLed while writing samples', () => {
  // Three kills at different points of the 100 ms write cycle.
  for (const afterMs of [350, 820, 1275]) {
    it(`after ${afterMs} ms: the database is sound, the samples so far kept, the run then reads interrupted`, async () => {
      const run = startTracker(
        [...INTERVAL, '--name', `tracker-kill-${afterMs}`],
        nodeCommand('setInterval(() => {}, 1000);'),
        machine.env,
      );
      await waitFor(() => run.stdout().includes('PID='), 'the command to start');
      await sleep(afterMs);
      run.child.kill('SIGKILL');
      await run.exit;
      const id = runIdOf(run.stdout());
      const commandPid = pidOf(run.stdout());
      try {
        const samples = assertSound(machine.db, id);
        assert.ok(samples > 0, 'samples written before the kill are kept');
        const shown = showRun(machine.env, id);
        assert.equal(shown.status, 'interrupted');
        assert.equal(shown.exitCode, null);
        assert.ok(shown.durationS > afterMs / 1000 - 0.35, `stored duration ${shown.durationS} s`);
      } finally {
        process.kill(commandPid, 'SIGKILL');
      }
      faults.push(`tracker SIGKILL at ${afterMs} ms`);
    });
  }

  it('the next run tells the user which run was left running', async () => {
    // A tracker killed before anything told the store: the next `empreinte run` recovers it.
    const dead = startTracker(
      [...INTERVAL, '--name', 'dead'],
      nodeCommand('setInterval(() => {}, 1000);'),
      machine.env,
    );
    await waitFor(() => dead.stdout().includes('PID='), 'the command to start');
    await sleep(300);
    dead.child.kill('SIGKILL');
    await dead.exit;
    process.kill(pidOf(dead.stdout()), 'SIGKILL');
    const next = startTracker(INTERVAL, nodeCommand('process.exit(0);'), machine.env);
    await next.exit;
    assert.match(
      next.stderr(),
      new RegExp(`run ${runIdOf(dead.stdout())} was left running by a tracker that died: marked interrupted`),
    );
  });
});

/** Mounts a 1 MiB tmpfs for the database (root only); false where mounting is refused. */
function mountSmallDisk(dir: string): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]).status === 0;
}

describe('tracker: the disk fills up', () => {
  const disk = join(work.dir, 'small-disk');
  let mounted = false;
  let limitFileSize: ((pid: number, bytes: number | 'unlimited') => void) | undefined;
  before(() => {
    // EMPREINTE_TEST_NO_MOUNT=1 tries the emulation where mounting works too.
    mounted = !process.env.EMPREINTE_TEST_NO_MOUNT && mountSmallDisk(disk);
    if (!mounted) {
      // Without root: the same refusal from a file-size limit on the tracker (EFBIG, as the
      // kernel answers a full disk with ENOSPC); node ignores SIGXFSZ, so writes just fail.
      mkdirSync(disk, { recursive: true });
      limitFileSize = (pid, bytes) => {
        const r = spawnSync('prlimit', ['--pid', String(pid), `--fsize=${bytes}:unlimited`]);
        assert.equal(r.status, 0, String(r.stderr));
      };
    }
  });
  after(() => {
    if (mounted) spawnSync('umount', ['-l', disk]);
  });

  const fill = (pid: number) => {
    if (limitFileSize) return limitFileSize(pid, 0);
    try {
      writeFileSync(join(disk, 'filler'), Buffer.alloc(2 * MB));
    } catch {
      // ENOSPC once the tmpfs is full: that is the point.
    }
  };
  const free = (pid: number) => {
    // An emulated limit ends with the tracker's process.
    if (limitFileSize) return isAlive(pid) ? limitFileSize(pid, 'unlimited') : undefined;
    rmSync(join(disk, 'filler'), { force: true });
  };

  it('full for a while: the user is told, samples are written once space is back, nothing lost', async () => {
    const db = join(disk, 'while.db');
    const go = join(work.dir, 'exit-while');
    const env = { ...machine.env, EMPREINTE_DB: db };
    const run = startTracker([...INTERVAL, '--name', 'disk-full-while'], exitWhen(go, 3), env);
    await waitFor(() => run.stdout().includes('PID='), 'the command to start');
    await sleep(400);
    fill(run.child.pid!);
    await sleep(800);
    free(run.child.pid!);
    await sleep(500);
    writeFileSync(go, '');
    const { code } = await run.exit;
    assert.equal(code, 3, run.stderr());
    assert.match(
      run.stderr(),
      /cannot write samples to .*while\.db \((database or disk is full|disk I\/O error)\); retrying each tick/,
    );
    assert.doesNotMatch(run.stderr(), /could not be stored/);
    const id = runIdOf(run.stdout());
    const shown = showRun(env, id);
    assert.equal(shown.status, 'failed');
    assert.equal(shown.exitCode, 3);
    // Every tick was written in the end: the stored energy covers the whole run.
    assert.ok(
      Math.abs(shown.energyKwh.gpu * KWH - GPU_W * shown.durationS) < GPU_W * 0.15,
      `GPU ${shown.energyKwh.gpu * KWH} J over ${shown.durationS} s`,
    );
    assertSound(db, id);
    faults.push('disk full, then freed');
  });

  it('still full at the end: the command’s exit code and a summary, then a sound database', async () => {
    const db = join(disk, 'end.db');
    const go = join(work.dir, 'exit-end');
    const env = { ...machine.env, EMPREINTE_DB: db };
    const run = startTracker([...INTERVAL, '--name', 'disk-full-end'], exitWhen(go, 3), env);
    await waitFor(() => run.stdout().includes('PID='), 'the command to start');
    await sleep(500);
    fill(run.child.pid!);
    await sleep(600);
    writeFileSync(go, '');
    const { code } = await run.exit;
    assert.equal(code, 3, `the command's exit code, not an internal error: ${run.stderr()}`);
    assert.ok(!run.stderr().includes('internal error'), run.stderr());
    assert.match(run.stderr(), /cannot write samples to .*end\.db/);
    assert.match(run.stderr(), /cannot record the end of run .* it will read as interrupted/);
    assert.match(run.stderr(), /\d+ samples could not be stored/);
    assert.match(summaryLine(run.stderr()), /: failed \(exit 3\)/);
    // The headline duration is the command's (1.1 s at least), not the stored samples' (0.5 s).
    const seconds = Number(/, ([\d.]+) s$/.exec(summaryLine(run.stderr()))?.[1]);
    assert.ok(seconds >= 1.1, `headline duration ${seconds} s: ${summaryLine(run.stderr())}`);
    const power = /average ([\d.,]+) W, peak ([\d.,]+) W/.exec(run.stderr());
    assert.ok(power && Number(power[2]) >= Number(power[1]), `peak below average: ${power?.[0]}`);
    free(run.child.pid!);
    const id = runIdOf(run.stdout());
    const kept = assertSound(db, id);
    assert.ok(kept > 0, 'the samples written before the disk filled are kept');
    const shown = showRun(env, id);
    assert.equal(shown.status, 'interrupted');
    assert.ok(shown.energyKwh.total > 0);
    faults.push('disk full to the end');
  });
});

/** Another process holding the database in an exclusive transaction for `ms`. */
function lockDatabase(db: string, ms: number): Promise<void> {
  const script = `
    const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
    const db = new Database(process.argv[1]);
    db.exec('BEGIN EXCLUSIVE');
    console.log('locked');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', script, db, String(ms)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', () => resolve());
  });
}

describe('tracker: another process locks the database', () => {
  it('during the run: the tracker stays on time, the user is told, every sample lands after the lock', async () => {
    const go = join(work.dir, 'exit-lock');
    // The run can last no longer than from the tracker's start to the command's end (plus the
    // bound below): its own start-up, slow on a loaded machine, is inside it.
    const spawnedAt = Date.now();
    const run = startTracker([...INTERVAL, '--name', 'locked'], exitWhen(go, 4), machine.env);
    await waitFor(() => run.stdout().includes('PID='), 'the command to start');
    await sleep(300);
    await lockDatabase(machine.db, 3000);
    const lockedAt = Date.now();
    await sleep(1200);
    writeFileSync(go, '');
    const commandS = (Date.now() - spawnedAt) / 1000;
    const { code, atMs } = await run.exit;
    assert.equal(code, 4, run.stderr());
    assert.match(run.stderr(), /cannot write samples to .* \(database is locked\); retrying each tick/);
    assert.doesNotMatch(run.stderr(), /could not be stored/);
    // It waited for the lock to record the end, and not the whole 10 s busy timeout beyond it.
    assert.ok(atMs - lockedAt < 3000 + 6000, `exited ${atMs - lockedAt} ms after the lock`);
    const id = runIdOf(run.stdout());
    const shown = showRun(machine.env, id);
    assert.equal(shown.status, 'failed');
    // The run ends when the command did: sample writes never froze the tracker for the busy timeout.
    assert.ok(
      shown.durationS < commandS + 1,
      `duration ${shown.durationS} s (tracker started ${commandS} s before the command was let go)`,
    );
    const samples = assertSound(machine.db, id);
    assert.ok(samples >= 3 * 8, `${samples} samples stored`);
    faults.push('database locked during the run');
  });

  it('when the run starts: one line naming --db, exit 2, the command never started', async () => {
    const db = join(work.dir, 'locked-start.db');
    assert.equal(runCli(['runs', 'list'], { env: { ...machine.env, EMPREINTE_DB: db } }).status, 0);
    await lockDatabase(db, 12_000);
    const marker = join(work.dir, 'started');
    const run = startTracker(INTERVAL, ['sh', '-c', `touch ${marker}`], { ...machine.env, EMPREINTE_DB: db });
    const { code } = await run.exit;
    assert.equal(code, 2, run.stderr());
    const errors = run
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('empreinte: error'));
    assert.equal(errors.length, 1, run.stderr());
    assert.match(errors[0], /--db .*locked-start\.db: the database is locked by another process/);
    assert.ok(!existsSync(marker), 'the command did not run');
    faults.push('database locked at the start');
  });
});

describe('tracker: sensors vanish during the run', () => {
  it('RAPL files gone (the package counter stops): told, energy before it kept, run completes', async () => {
    const powercap = createFakePowercap([{ watts: 50 }], { dir: join(work.dir, 'powercap') });
    const writer = await startCounterWriter(powercap.counters);
    const env = { ...machine.env, EMPREINTE_POWERCAP_ROOT: powercap.root };
    const go = join(work.dir, 'exit-rapl');
    const run = startTracker([...INTERVAL, '--name', 'rapl-gone'], exitWhen(go, 0), env);
    await waitFor(() => run.stdout().includes('PID='), 'the command to start');
    await sleep(1000);
    // The kernel removes the domain: nothing advances the counters and the files read empty.
    writer.stop();
    for (const file of powercap.energyFiles) truncateSync(file, 0);
    rmSync(powercap.root, { recursive: true, force: true });
    const goneAt = Date.now();
    await sleep(800);
    writeFileSync(go, '');
    const { code, atMs } = await run.exit;
    assert.equal(code, 0, run.stderr());
    assert.match(run.stderr(), /cpu 0 \(package-0\): no reading since .*device reset or removed/);
    const shown = showRun(env, runIdOf(run.stdout()));
    assert.equal(shown.status, 'completed');
    const cpuJ = shown.energyKwh.cpu * KWH;
    const before = shown.durationS - (atMs - goneAt) / 1000;
    assert.ok(
      cpuJ > 50 * before * 0.6 && cpuJ < 50 * shown.durationS * 1.05,
      `CPU ${cpuJ} J, ${before.toFixed(2)} s before removal`,
    );
    assertSound(machine.db);
    faults.push('RAPL files removed');
  });

  it('a GPU reset (NVML says the GPU is lost, then it comes back): told, the gap counted from its last power', async () => {
    const device = join(work.dir, 'gpu-present');
    writeFileSync(device, '');
    const env = { ...machine.env, FAKE_NVML_DEVICE_FILE: device };
    const go = join(work.dir, 'exit-gpu');
    // With --json nothing is printed as it happens: the summary's notes must say it.
    const run = startTracker([...INTERVAL, '--name', 'gpu-reset', '--json'], exitWhen(go, 0), env);
    await waitFor(() => run.stdout().includes('PID='), 'the command to start');
    await sleep(600);
    rmSync(device);
    await sleep(700);
    writeFileSync(device, '');
    await sleep(600);
    writeFileSync(go, '');
    const { code } = await run.exit;
    assert.equal(code, 0, run.stderr());
    const summary = JSON.parse(run.stderr()) as { notes: string[] };
    assert.ok(
      summary.notes.some((n) =>
        /gpu 0 \(NVIDIA H100 80GB HBM3\): no reading since .*device reset or removed/.test(n),
      ),
      JSON.stringify(summary.notes),
    );
    const shown = showRun(env, runIdOf(run.stdout()));
    assert.equal(shown.status, 'completed');
    const gpuJ = shown.energyKwh.gpu * KWH;
    assert.ok(
      Math.abs(gpuJ - GPU_W * shown.durationS) < GPU_W * shown.durationS * 0.1,
      `GPU ${gpuJ} J over ${shown.durationS} s`,
    );
    assertSound(machine.db);
    faults.push('GPU reset');
  });
});

describe('tracker: a 100 MB line in the marks file', () => {
  it('is ignored with a note; the tracker’s memory stays bounded; later marks still count', async () => {
    const { runCliMeasured } = await import('./_process.js');
    const marks =
      'head -c 100000000 /dev/zero | tr "\\0" x >> "$EMPREINTE_MARKS"; printf \'\\n{"label":"after"}\\n\' >> "$EMPREINTE_MARKS"; sleep 0.3';
    const baseline = await runCliMeasured(['run', ...INTERVAL, '--', 'sh', '-c', 'sleep 1'], {
      cwd: work.dir,
      env: machine.env,
    });
    const run = await runCliMeasured(
      [
        'run',
        ...INTERVAL,
        '--name',
        'long-mark',
        '--',
        'sh',
        '-c',
        `echo "RUN_ID=$EMPREINTE_RUN_ID"; ${marks}`,
      ],
      {
        cwd: work.dir,
        env: machine.env,
      },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /EMPREINTE_MARKS: line ignored, not JSON: x{20}/);
    const growth = run.peakRss - baseline.peakRss;
    assert.ok(growth < 64 * MB, `the tracker grew by ${(growth / MB).toFixed(0)} MB for a 100 MB line`);
    const shown = showRun(machine.env, runIdOf(run.stdout));
    assert.ok(
      shown.phases.some((p) => p.label === 'after'),
      JSON.stringify(shown.phases),
    );
    assertSound(machine.db);
    faults.push(`100 MB marks line (+${(growth / MB).toFixed(0)} MB)`);
  });
});
