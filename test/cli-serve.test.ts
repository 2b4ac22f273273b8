import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI, runCli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'empreinte-cli-serve-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `empreinte serve ARGS --port 0`, returns its first line of stdout, then stops it. */
async function firstLine(args: string[]): Promise<{ line: string; answer?: Response }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
    env: { ...process.env, LANG: 'C', NO_COLOR: '1', EMPREINTE_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 20_000);
      child.stdout.on('data', (d) => {
        stdout += d;
        if (stdout.includes('\n')) {
          clearTimeout(timer);
          resolve(stdout.slice(0, stdout.indexOf('\n')));
        }
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    const url = /http:\/\/[^\s"]+/.exec(line)?.[0];
    return { line, answer: url ? await fetch(new URL('api/v1/hardware', url)) : undefined };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

describe('empreinte serve --json and --lang', () => {
  it('prints where it listens as one line of JSON with --json', async () => {
    const db = join(dir, 'runs.db');
    const { line, answer } = await firstLine(['--db', db, '--json']);
    const started = JSON.parse(line) as Record<string, unknown>;
    assert.deepEqual(Object.keys(started).sort(), ['db', 'host', 'port', 'tokenRequired', 'url', 'version']);
    assert.equal(started.host, '127.0.0.1');
    assert.equal(started.db, db);
    assert.equal(started.tokenRequired, false);
    assert.ok(typeof started.port === 'number' && started.port > 0, line);
    assert.equal(started.url, `http://127.0.0.1:${started.port}/`);
    assert.equal(answer?.status, 200, 'the address printed answers');
  });

  it('says it in the reader’s language', async () => {
    const en = await firstLine(['--db', join(dir, 'en.db')]);
    assert.match(en.line, /^empreinte dashboard and API on http:\/\/127\.0\.0\.1:\d+\/$/);
    const fr = await firstLine(['--db', join(dir, 'fr.db'), '--lang', 'fr']);
    assert.match(fr.line, /^tableau de bord et API d’empreinte sur http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal(fr.answer?.status, 200);
  });

  it('refuses a language it does not speak, naming --lang: exit 2', () => {
    const result = runCli(['serve', '--port', '0', '--lang', 'de']);
    assert.equal(result.status, 2, result.stderr);
    assert.match(
      result.stderr,
      /^empreinte: error: --lang: 'de' is not a supported language \(expected en or fr\)\n$/,
    );
  });
});
