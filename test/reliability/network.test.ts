/**
 * Network readers against a hostile local server (real CLI processes, peak memory measured):
 * a grid API (`schedule --from-api`) and a Prometheus (`runs import-prometheus`) answering
 * 200 MB of JSON, declared or chunked. The answer is refused at its size limit with one line
 * naming the flag, and the process never holds the whole answer (which would take over 400 MB:
 * the bytes, then the text); at most the 64 MiB limit in chunks, plus the runtime's buffers.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MB, type Run, runCliMeasured, scratch } from './_process.js';

const work = scratch('network');
const ANSWER_BYTES = 200 * MB;
let server: Server;
let url = '';
const figures: string[] = [];

/** Streams `{"data":[{...},{...},...` for ANSWER_BYTES, with or without a declared length. */
function hugeAnswer(declared: boolean): (res: import('node:http').ServerResponse) => void {
  const item = Buffer.from(
    '{"from":"2024-03-01T12:00Z","to":"2024-03-01T12:30Z","intensity":{"forecast":127,"actual":130}},',
  );
  const block = Buffer.concat(Array.from({ length: Math.ceil((256 * 1024) / item.length) }, () => item));
  return (res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(declared ? { 'content-length': String(ANSWER_BYTES) } : {}),
    });
    let sent = 0;
    const pump = () => {
      while (sent < ANSWER_BYTES) {
        const chunk = sent === 0 ? Buffer.concat([Buffer.from('{"data":['), block]) : block;
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end(']}');
    };
    res.on('close', () => {
      sent = ANSWER_BYTES;
    });
    pump();
  };
}

before(async () => {
  server = createServer((req, res) => hugeAnswer(req.url?.includes('declared') ?? false)(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  work.cleanup();
  process.stdout.write(`# network readers: ${figures.join('; ')}\n`);
});

let baseline: Run;
const env = () => ({ EMPREINTE_DB: join(work.dir, 'runs.db'), HOME: work.dir });

describe('network readers on 200 MB answers', () => {
  before(async () => {
    baseline = await runCliMeasured(['models', '--json'], { cwd: work.dir });
  });

  for (const declared of [false, true]) {
    const how = declared ? 'with a declared length' : 'chunked';
    it(`schedule --from-api ukci, ${how}: refused at 64 MiB, memory bounded`, async () => {
      const run = await runCliMeasured(['schedule', '--from-api', 'ukci', '--duration', '1h', '--json'], {
        cwd: work.dir,
        env: { ...env(), EMPREINTE_UKCI_URL: `${url}/${declared ? 'declared' : 'chunked'}` },
      });
      assert.equal(run.status, 2, run.stderr);
      const lines = run.stderr.trim().split('\n');
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0], /--from-api ukci: response over \d+ bytes/);
      const growth = run.peakRss - baseline.peakRss;
      assert.ok(growth < 220 * MB, `peak RSS grew by ${(growth / MB).toFixed(0)} MB`);
      figures.push(`ukci ${how}: +${(growth / MB).toFixed(0)} MB`);
    });

    it(`runs import-prometheus, ${how}: refused at 64 MiB, memory bounded`, async () => {
      const run = await runCliMeasured(
        [
          'runs',
          'import-prometheus',
          '--url',
          `${url}/${declared ? 'declared' : 'chunked'}`,
          '--from',
          '2025-01-01T00:00:00Z',
          '--to',
          '2025-01-01T01:00:00Z',
        ],
        { cwd: work.dir, env: env() },
      );
      assert.equal(run.status, 2, run.stderr);
      const errors = run.stderr.split('\n').filter((l) => l.startsWith('empreinte: error'));
      assert.equal(errors.length, 1, run.stderr);
      assert.match(errors[0], /--url: .* answered more than \d+ bytes/);
      const growth = run.peakRss - baseline.peakRss;
      assert.ok(growth < 220 * MB, `peak RSS grew by ${(growth / MB).toFixed(0)} MB`);
      figures.push(`prometheus ${how}: +${(growth / MB).toFixed(0)} MB`);
    });
  }
});
