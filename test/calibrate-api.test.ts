import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postJson, type ServeHandle, startServe } from './e2e/_server.js';
import { type FakeMachine, fakeMachine } from './fixtures/proc/machine.js';
import { measureSleep } from './helpers/measured-run.js';

/** Calibration over HTTP: the real `empreinte serve` on a database holding runs measured on fake GPUs. */
let machine: FakeMachine;
let server: ServeHandle;
const api = (path: string) => `${server.url}/api/v1/${path}`;

before(async () => {
  machine = await fakeMachine({ gpus: 1, gpuWatts: 300 });
  measureSleep(machine, 'dddd0001-api', 700);
  measureSleep(machine, 'eeee0002-api', 700);
  server = await startServe({ db: machine.db });
});
after(async () => {
  await server.stop();
  machine.stop();
});

type Issue = { path: string[]; message: string };

describe('calibration over the HTTP API', () => {
  it('calibrates a run, lists it, and the training estimate uses it, never from a stale cache', async () => {
    const first = await postJson(api('calibrate'), {
      run: 'dddd0001',
      params: '1B',
      tokens: 2e4,
      name: 'api',
    });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.name, 'api');
    assert.equal(first.body.hardware, 'nvidia-h100-sxm5-80gb');
    assert.ok(first.body.mfu > 0 && first.body.mfu < 1);
    assert.ok(Math.abs(first.body.powerWPerChip - 300) < 15, String(first.body.powerWPerChip));
    const list = await (await fetch(api('calibrations'))).json();
    assert.deepEqual(
      list.map((c: { name: string; runs: unknown[] }) => [c.name, c.runs.length]),
      [['api', 1]],
    );
    assert.match(list[0].range.basis, /^one run: /);
    const [french] = await (await fetch(api('calibrations?lang=fr'))).json();
    assert.match(french.range.basis, /^une exécution : pas de dispersion propre/);

    const body = { params: 7e9, tokens: '1T', calibration: 'api' };
    const before = await postJson(api('estimate/training'), body);
    assert.equal(before.status, 200, JSON.stringify(before.body));
    assert.equal(before.body.inputs.mfu.source, 'calibration:api');
    // A second run with a quarter of the tokens refines the calibration: the same request now differs.
    const second = await postJson(api('calibrate'), {
      run: 'eeee0002',
      params: 1e9,
      tokens: 5e3,
      name: 'api',
    });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.equal(second.body.runs.length, 2);
    const after = await postJson(api('estimate/training'), body);
    assert.equal(after.status, 200);
    assert.ok(
      after.body.chipHours.central > 1.5 * before.body.chipHours.central,
      `${after.body.chipHours.central} vs ${before.body.chipHours.central}`,
    );
  });

  it('answers bad input with 400 naming the field', async () => {
    const cases: [string, unknown, string, RegExp][] = [
      ['calibrate', { run: 'ffff9999', params: 1e9, tokens: 2e4 }, 'run', /not in/],
      ['calibrate', { run: 'dddd0001', params: 1e9, tokens: 1e12 }, 'tokens', /above 1/],
      ['calibrate', { run: 'dddd0001', tokens: 2e4 }, 'params', /params/],
      ['estimate/training', { params: 7e9, tokens: 1e12, calibration: 'apx' }, 'calibration', /known: api/],
    ];
    for (const [path, body, field, pattern] of cases) {
      const r = await postJson(api(path), body);
      assert.equal(r.status, 400, `${path}: ${JSON.stringify(r.body)}`);
      const issue = (r.body.error.issues as Issue[])[0];
      assert.equal(issue.path.at(-1), field);
      assert.match(issue.message, pattern);
      assert.doesNotMatch(issue.message, /--/, 'fields, not flags, over HTTP');
    }
  });

  it('documents the routes and the calibration field in /openapi.json', async () => {
    const doc = await (await fetch(`${server.url}/openapi.json`)).json();
    assert.ok(doc.paths['/api/v1/calibrate'].post.requestBody);
    assert.ok(doc.paths['/api/v1/calibrations'].get);
    const training =
      doc.paths['/api/v1/estimate/training'].post.requestBody.content['application/json'].schema;
    assert.ok(training.properties.calibration, 'calibration in the training body');
  });
});
