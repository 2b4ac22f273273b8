import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI, runCli, runCliJson } from '../helpers/cli.js';

/** Mistakes a user can make on the command line: each a clear usage error, none a crash or a stale run. */
const dir = mkdtempSync(join(tmpdir(), 'empreinte-mistakes-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const ROOT = new URL('../../', import.meta.url);

function runsIn(db: string): { id: string; status: string }[] {
  return runCliJson(['runs', 'list', '--db', db]);
}

describe('the command line', () => {
  it('ends quietly when the reader closes the pipe early (empreinte locations | head -3)', () => {
    const result = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${CLI}" locations | head -3 >/dev/null; echo "status \${PIPESTATUS[0]}" >&2`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    assert.doesNotMatch(result.stderr, /EPIPE|Error|at /);
    assert.match(result.stderr, /^status 0$/m);
  });

  it('ends quietly when the reader closes the pipe in the middle of a long JSON output, or of the help', () => {
    for (const [args, stop] of [
      ['locations --json', 'head -c 100'],
      ['--help', 'head -1'],
    ]) {
      const result = spawnSync(
        'bash',
        [
          '-c',
          `"${process.execPath}" "${CLI}" ${args} | ${stop} >/dev/null; echo "status \${PIPESTATUS[0]}" >&2`,
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      assert.doesNotMatch(result.stderr, /EPIPE|Error|at /, args);
      assert.match(result.stderr, /^status 0$/m, args);
    }
  });

  it('gives a slow reader every byte of an output longer than a pipe holds', () => {
    const file = join(dir, 'locations.json');
    const result = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${CLI}" locations --json | (sleep 0.3; cat > "${file}")`],
      { encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(result.status, 0, result.stderr);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.length > 65_536, `${text.length} bytes`);
    assert.deepEqual(JSON.parse(text), runCliJson(['locations']));
  });

  it('run -- "" is a usage error that leaves no run behind', () => {
    const db = join(dir, 'empty-command.db');
    const result = runCli(['run', '--db', db, '--', '']);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /the command to measure is empty/);
    assert.doesNotMatch(result.stderr, /internal error/);
    assert.ok(!existsSync(db) || runsIn(db).length === 0);
  });

  it('--metrics-port with an unknown host is a usage error that leaves no run behind', () => {
    const db = join(dir, 'metrics-port.db');
    const result = runCli(['run', '--db', db, '--metrics-port', 'no-such-host.invalid:9100', '--', 'true']);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /--metrics-port: cannot listen on no-such-host\.invalid:9100/);
    assert.ok(!existsSync(db) || runsIn(db).length === 0);
  });

  it('a flag given twice is an error naming it; options made to repeat still repeat', () => {
    const training = ['estimate', 'training', '--tokens', '1T', '--hardware', 'h100', '--chips', '8'];
    for (const twice of [
      ['--params', '7B', '--params', '70B'],
      ['--params=7B', '--params', '70B'],
    ]) {
      const result = runCli([...training, ...twice]);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /--params is given 2 times/);
    }
    const compared = runCli([
      'estimate',
      'deployment',
      '--model',
      'llama-3.1-8b',
      '--hardware',
      'h100',
      '--requests-per-day',
      '1000',
      '--compare',
      'hardware=a100',
      '--compare',
      'batch=8',
    ]);
    assert.equal(compared.status, 0, compared.stderr);
    // After `--`, the arguments are the measured command's, repeated or not.
    const db = join(dir, 'repeat.db');
    const run = runCli(['run', '--db', db, '--', process.execPath, '-e', '', '--', '--db', '--db']);
    assert.equal(run.status, 0, run.stderr);
  });

  it('--location Paris suggests what empreinte locations Paris finds', () => {
    const listed = runCliJson<{ id: string }[]>(['locations', 'Paris']).map((l) => l.id);
    assert.ok(listed.includes('aws:eu-west-3'), listed.join(', '));
    const result = runCli([
      ...['estimate', 'training', '--params', '7B', '--tokens', '1T', '--hardware', 'h100', '--chips', '8'],
      ...['--location', 'Paris'],
    ]);
    assert.equal(result.status, 2);
    for (const id of listed) assert.ok(result.stderr.includes(id), `${id} missing: ${result.stderr}`);
  });

  it('--version is our own package.json version, whatever npm says', () => {
    const { version } = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as {
      version: string;
    };
    const result = runCli(['--version'], { env: { npm_package_version: '9.9.9-caller' } });
    assert.equal(result.status, 0);
    assert.equal(result.stdout.trim(), version);
  });

  it('ships the licence its package.json names', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { license: string };
    assert.equal(pkg.license, 'Apache-2.0');
    const text = readFileSync(new URL('LICENSE', ROOT), 'utf8');
    assert.match(text, /Apache License\s+Version 2\.0, January 2004/);
    assert.match(text, /END OF TERMS AND CONDITIONS/);
  });
});

describe('a tracker stopped with SIGSTOP', () => {
  it('runs list and runs show (and so the API) agree on its status', async () => {
    const db = join(dir, 'stopped.db');
    const tracker = spawn(
      process.execPath,
      [
        CLI,
        'run',
        '--db',
        db,
        '--interval',
        '0.2',
        '--',
        process.execPath,
        '-e',
        'setTimeout(() => {}, 60000)',
      ],
      { stdio: 'ignore', env: { ...process.env, LANG: 'C' } },
    );
    try {
      let id: string | undefined;
      for (const deadline = Date.now() + 20_000; !id && Date.now() < deadline; await sleep(200)) {
        if (existsSync(db)) id = runsIn(db)[0]?.id;
      }
      assert.ok(id, 'the run never appeared');
      await sleep(1000);
      tracker.kill('SIGSTOP');
      // Past the silence after which a host is no longer heard from (3 s at least).
      await sleep(4500);
      const listed = runsIn(db)[0].status;
      const shown = runCliJson<{ status: string }>(['runs', 'show', id, '--db', db]).status;
      assert.equal(listed, shown);
    } finally {
      tracker.kill('SIGCONT');
      tracker.kill('SIGKILL');
    }
  });
});
