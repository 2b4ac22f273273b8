// French output speaks French: the built CLI with `--lang fr`, the HTTP API with `?lang=fr` and the
// dashboard in French carry no English sentence (ids, units, flags, field names, provenance,
// citations and the values the user typed aside: see test/helpers/english.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { type FakeMachine, fakeMachine } from '../fixtures/proc/machine.js';
import { runCli } from '../helpers/cli.js';
import { ENGLISH_WORDS, englishIn, textsOf } from '../helpers/english.js';
import { launchChromium, openPage } from './_browser.js';
import { postJson, type ServeHandle, startServe } from './_server.js';

const dir = mkdtempSync(join(tmpdir(), 'empreinte-fr-'));
/** No sensor readable, a database of its own: the same output on every machine. */
const env: NodeJS.ProcessEnv = {
  EMPREINTE_DB: join(dir, 'runs.db'),
  EMPREINTE_POWERCAP_ROOT: join(dir, 'no-powercap'),
  EMPREINTE_NVML_LIB: join(dir, 'no-libnvidia-ml.so.1'),
  EMPREINTE_NVIDIA_SMI: join(dir, 'no-nvidia-smi'),
  HOME: dir,
};
const SAMPLES = join(dir, 'samples.csv');
const BROKEN = join(dir, 'broken.csv');
const SERIES = fileURLToPath(new URL('../fixtures/electricitymaps/DE_2023-12_hourly.csv', import.meta.url));
/** A WattTime signal index (a percentile, not g/kWh): the schedule ranks windows without CO2e. */
const INDEX = fileURLToPath(new URL('../fixtures/grid/files/watttime-signal-index.json', import.meta.url));

/** Two minutes of one GPU at 300 W and one CPU package at 100 W, one sample a second. */
function writeSamples(): void {
  const rows = ['timestamp,host,component,device_index,power_w,energy_j,source'];
  for (let s = 0; s < 120; s++) {
    const at = new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
    rows.push(`${at},node-a,gpu,0,300,300,measured:nvml-counter`, `${at},node-a,cpu,0,100,100,measured:rapl`);
  }
  writeFileSync(SAMPLES, `${rows.join('\n')}\n`);
  writeFileSync(
    BROKEN,
    'timestamp,host,component,device_index,power_w,energy_j,source\nyesterday,node-a,gpu,0,x,1,measured:rapl\n',
  );
}

let server: ServeHandle;
let browser: Browser;
let runId = '';
before(async () => {
  writeSamples();
  server = await startServe({ env, db: env.EMPREINTE_DB });
  const imported = runCli(['runs', 'import', SAMPLES, '--name', 'essai', '--json'], { env });
  assert.equal(imported.status, 0, imported.stderr);
  runId = (JSON.parse(imported.stdout) as { id: string }).id;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The flags' values, as typed: data the output may repeat. */
const typedValues = (args: string[]) => args.filter((a) => !a.startsWith('--'));

describe('the English finder', () => {
  it('finds English in a French sentence and passes French, data and typed values', () => {
    assert.deepEqual(englishIn('--params : la valeur doit être un nombre (expected a number)'), [
      '--params : la valeur doit être un nombre (expected a number)  ← expected, number',
    ]);
    assert.deepEqual(englishIn('Remarques :\n  - No renewable share given'), [
      '- No renewable share given  ← No, share, given',
    ]);
    const french = [
      'Énergie  6 156 912 kWh  catalog:llama-3-70b; Meta 2024, Llama 3 model card (Carbon Footprint)',
      'pue  1,54  default:industry-average; Uptime Institute, Global Data Center Survey 2025 (1.56 in 2024)',
      'empreinte: erreur: --hardware : the-one-i-typed est inconnu ; voir `empreinte hardware --all`',
      "Colonne 'Datetime (UTC)' lue dans /tmp/in/the_file.csv, EMPREINTE_DB non défini",
      '[1] US EPA, Greenhouse Gas Equivalencies Calculator (2022)',
    ].join('\n');
    assert.deepEqual(englishIn(french, ['the-one-i-typed']), []);
    // What a provenance label says about its id, in brackets, is prose.
    assert.deepEqual(
      englishIn('pue  1  catalog:llama-3-70b (PUE folded into the published power per chip)'),
      ['pue  1  catalog:llama-3-70b (PUE folded into the published power per chip)  ← into, the, power, per'],
    );
    assert.deepEqual(
      englishIn('pue  1  catalog:llama-3-70b (PUE comprise dans la puissance publiée par puce)'),
      [],
    );
    assert.equal(englishIn('pue  1  catalog:llama-3-70b (PUE folded into the published power ...').length, 1);
    // Run ids are data, whatever letters their hexadecimal digits spell.
    assert.deepEqual(
      englishIn('exécution ad9462be-214b-4a4a-b4dc-ad5415fa1a20 importée\ndeux ad9462be  terminé'),
      [],
    );
    // A typed value is taken out as a whole word only.
    assert.deepEqual(englishIn('the froid', ['fr']), ['the froid  ← the']);
    for (const word of [
      'on',
      'a',
      'or',
      'as',
      'an',
      'source',
      'total',
      'location',
      'est',
      'des',
      'pour',
      'sur',
    ]) {
      assert.ok(!ENGLISH_WORDS.has(word), `${word} is French too`);
    }
  });
});

/** A first-principles training scenario: 7B parameters on 2T tokens on H100s. */
const SCENARIO = ['--params', '7e9', '--tokens', '2e12', '--hardware', 'h100'];

/** Commands and the outcome expected: 0 for results, 2 for usage errors (and 1 for a run that fails). */
const COMMANDS: { args: string[]; status: number }[] = [
  { args: ['estimate', 'training', ...SCENARIO, '--chips', '64', '--location', 'fr'], status: 0 },
  {
    args: ['recommend', '--params', '7e9', '--tokens', '2e12', '--hardware', 'a100', '--chips', '64'],
    status: 0,
  },
  { args: ['estimate', 'training', '--model', 'bloom-176b', '--location', 'fr'], status: 0 },
  { args: ['estimate', 'inference', '--model', 'llama-3-8b', '--hardware', 'h100'], status: 0 },
  // Provenance labels that say something in words: the PUE folded into the published power, a
  // published net intensity, energy the authors measured, the fitted MFU, the world average.
  { args: ['estimate', 'training', '--model', 'llama-3-70b'], status: 0 },
  { args: ['estimate', 'training', '--model', 'gshard-600b'], status: 0 },
  { args: ['estimate', 'training', '--model', 'olmo-7b'], status: 0 },
  { args: ['estimate', 'training', ...SCENARIO], status: 0 },
  // A projection: what market-based means, with renewable contracts and without.
  { args: ['project', ...SCENARIO, '--year', '2030'], status: 0 },
  { args: ['project', ...SCENARIO, '--year', '2030', '--renewable-share', '0.5'], status: 0 },
  // Layers, KV cache and the experts' share estimated from the parameters; the default precision.
  {
    args: ['estimate', 'inference', '--params', '47e9', '--active-params', '13e9', '--hardware', 'h100'],
    status: 0,
  },
  { args: ['schedule', '--series', SERIES, '--duration', '4h'], status: 0 },
  { args: ['schedule', '--series', INDEX, '--duration', '1m'], status: 0 },
  { args: ['models'], status: 0 },
  { args: ['hardware'], status: 0 },
  { args: ['locations'], status: 0 },
  { args: ['compare', '--co2e-kg', '1000'], status: 0 },
  // Equivalents of a catalog model's footprint; recommendations with every lever that applies
  // (region, schedule, precision, trials, power cap, compute-optimal size).
  { args: ['compare', '--model', 'llama-3-70b'], status: 0 },
  {
    args: ['recommend', ...SCENARIO, '--location', 'fr', '--trials', '10', '--precision', 'fp32'],
    status: 0,
  },
  { args: ['runs', 'list'], status: 0 },
  { args: ['runs', 'show', '{run}'], status: 0 },
  { args: ['doctor'], status: 0 },
  { args: ['runs', 'import', SAMPLES, '--name', 'deux'], status: 0 },
  // Mistakes: each names what was wrong and what is accepted, in French.
  { args: ['estimate', 'training', '--params', 'abc', '--tokens', '2e12', '--hardware', 'h100'], status: 2 },
  {
    args: ['estimate', 'training', '--params', '7e9', '--tokens', '2e12', '--hardware', 'h100', '--mfu', '2'],
    status: 2,
  },
  {
    args: ['estimate', 'training', '--params', '7e9', '--tokens', '2e12', '--hardware', 'tpu-v99'],
    status: 2,
  },
  { args: ['estimate', 'inference', '--hardware', 'h100'], status: 2 },
  { args: ['schedule', '--series', SERIES, '--duration', 'soon'], status: 2 },
  { args: ['schedule', '--series', join(dir, 'absent.csv'), '--duration', '4h'], status: 2 },
  { args: ['runs', 'show', 'zzzz-nothing'], status: 2 },
  { args: ['runs', 'import', BROKEN], status: 2 },
  { args: ['calibrate', '--run', '{run}', '--params', '7e9', '--tokens', '1e9'], status: 2 },
];

describe('the CLI in French', () => {
  for (const { args, status } of COMMANDS) {
    it(`empreinte ${args.join(' ').replace(dir, '…')} --lang fr`, () => {
      const argv = args.map((a) => (a === '{run}' ? runId : a));
      const result = runCli([...argv, '--lang', 'fr'], { env });
      assert.equal(result.status, status, result.stderr);
      const output = `${result.stdout}\n${result.stderr}`;
      assert.ok(output.trim().length > 0, 'some output');
      assert.doesNotMatch(result.stderr, /\bat .+:\d+:\d+/, 'no stack trace');
      assert.deepEqual(englishIn(output, typedValues(argv)), [], output);
    });
  }
});

describe('a measured run in French', () => {
  let gpu: FakeMachine;
  let bare: FakeMachine;
  before(async () => {
    // A GPU behind the fake NVML library with RAPL counters; a machine with no sensor at all.
    gpu = await fakeMachine({ gpus: 1, gpuWatts: 300, packageWatts: 100 });
    bare = await fakeMachine({ gpuSensor: 'none', rapl: 'absent', cpuModel: 'Processeur inconnu' });
  });
  after(() => {
    gpu?.stop();
    bare?.stop();
  });
  const french = (machine: FakeMachine, args: string[], status: number) => {
    // Before the command measured, which takes every word after `--`.
    const end = args.includes('--') ? args.indexOf('--') : args.length;
    const result = machine.cli([...args.slice(0, end), '--lang', 'fr', ...args.slice(end)]);
    assert.equal(result.status, status, result.stderr);
    const output = `${result.stdout}\n${result.stderr}`;
    assert.ok(output.trim().length > 0, 'some output');
    assert.deepEqual(englishIn(output, [...typedValues(args), machine.dir]), [], output);
    return output;
  };
  const command = [process.execPath, '-e', 'setTimeout(() => {}, 1500)'];
  it('empreinte run on a GPU: its summary and the comparison with the estimator', () => {
    const output = french(gpu, ['run', '--run-id', 'mesure-gpu', '--location', 'fr', '--', ...command], 0);
    assert.match(output, /Exécution mesure-gpu/);
  });
  it('empreinte runs show of that run', () => {
    french(gpu, ['runs', 'show', 'mesure-gpu'], 0);
  });
  it('empreinte run with no sensor: the notes printed as it starts, then its summary', () => {
    const output = french(bare, ['run', '--run-id', 'mesure-nue', '--', ...command], 0);
    // Each fallback is said once, in French, before the summary.
    assert.match(output, /remarque : CPU/);
    assert.match(output, /remarque : aucun lieu donné \(--location\)/);
  });
  it('empreinte runs show of a run whose sensors fell back: the stored notes in French', () => {
    const output = french(bare, ['runs', 'show', 'mesure-nue'], 0);
    assert.match(output, /CPU : /);
  });
  it('empreinte run pushing to an OTLP collector that does not answer', () => {
    const url = 'http://127.0.0.1:1/v1/metrics';
    const output = french(bare, ['run', '--run-id', 'otlp-fr', '--otlp', url, '--', ...command], 0);
    assert.match(output, /remarque : --otlp : impossible d’envoyer les métriques/);
  });
  it('empreinte run of a program that does not exist', () => {
    const output = french(bare, ['run', '--run-id', 'absent', '--', join(bare.dir, 'absent-program')], 127);
    assert.match(output, /commande introuvable/);
  });
});

/** Keys whose strings are data: ids, codes, provenance, citations, message keys, the user's own values. */
const DATA_KEYS = new Set([
  ...['id', 'code', 'path', 'value', 'source', 'sources', 'citation', 'unit', 'url'],
  // An issue's message data (its key and params): its rendered `message` is what a reader sees.
  ...['key', 'params', 'noteMessages'],
  // Codes of a publication's basis (`location`, `in power`, `accelerators`), as in the CLI's --json.
  'basis',
]);

describe('the HTTP API in French', () => {
  const training = { params: 7e9, tokens: 2e12, hardware: 'h100', chips: 64, location: 'fr' };
  const REQUESTS: { name: string; path: string; body?: unknown; status: number }[] = [
    {
      name: 'a training estimate with notes',
      path: '/api/v1/estimate/training',
      body: training,
      status: 200,
    },
    { name: 'recommendations', path: '/api/v1/recommend', body: training, status: 200 },
    {
      name: 'a catalog model beside its publication',
      path: '/api/v1/estimate/training',
      body: { model: 'llama-3-70b', location: 'fr' },
      status: 200,
    },
    {
      name: 'an inference estimate',
      path: '/api/v1/estimate/inference',
      body: { model: 'llama-3-8b', hardware: 'h100' },
      status: 200,
    },
    {
      name: 'a model whose published power folds the PUE in',
      path: '/api/v1/estimate/training',
      body: { model: 'llama-3-70b' },
      status: 200,
    },
    {
      name: 'a published net intensity and fitted utilisation',
      path: '/api/v1/estimate/training',
      body: { model: 'gshard-600b' },
      status: 200,
    },
    {
      name: 'an inference estimate from parameters alone',
      path: '/api/v1/estimate/inference',
      body: { params: 47e9, activeParams: 13e9, hardware: 'h100' },
      status: 200,
    },
    {
      name: 'a projection with renewable contracts',
      path: '/api/v1/project',
      body: { ...training, year: 2030, renewableShare: 0.5 },
      status: 200,
    },
    { name: 'a run', path: '/api/v1/runs/{run}', status: 200 },
    {
      name: 'a number that is not one',
      path: '/api/v1/estimate/training',
      body: { ...training, params: 'abc' },
      status: 400,
    },
    {
      name: 'an MFU out of range',
      path: '/api/v1/estimate/training',
      body: { ...training, mfu: 2 },
      status: 400,
    },
    {
      name: 'unknown hardware',
      path: '/api/v1/estimate/training',
      body: { ...training, hardware: 'tpu-v99' },
      status: 400,
    },
    {
      name: 'an empty name (a bound zod checks)',
      path: '/api/v1/estimate/training',
      body: { ...training, hardware: ' ' },
      status: 400,
    },
    { name: 'a body that is not JSON', path: '/api/v1/estimate/training', body: '{"params":', status: 400 },
    { name: 'a schedule without series', path: '/api/v1/schedule', body: { durationH: 4 }, status: 400 },
    { name: 'a run that does not exist', path: '/api/v1/runs/zzzz-nothing', status: 404 },
  ];
  for (const { name, path, body, status } of REQUESTS) {
    it(`${name}: ${path}?lang=fr`, async () => {
      const url = `${server.url}${path.replace('{run}', runId)}?lang=fr`;
      const response =
        body === undefined
          ? await fetch(url).then(async (r) => ({ status: r.status, body: await r.json() }))
          : await postJson(url, body);
      assert.equal(response.status, status, JSON.stringify(response.body));
      // Inputs' provenance labels: data, but what one says about its id in brackets is prose.
      const inputs = (response.body as { inputs?: Record<string, { source: string }> }).inputs ?? {};
      const sources = Object.values(inputs).map((input) => input.source);
      const texts = [...textsOf(response.body, DATA_KEYS), ...sources].join('\n');
      const typed = ['tpu-v99', 'abc', runId, 'zzzz-nothing'];
      assert.deepEqual(englishIn(texts, typed), [], JSON.stringify(response.body, null, 1));
    });
  }
});

describe('the dashboard in French', () => {
  /** Each page with what it shows once its data is in. */
  const PAGES: { hash: string; ready: string; submit?: boolean }[] = [
    { hash: 'training', ready: '[data-testid=total-co2e]', submit: true },
    { hash: 'inference', ready: '#comparisons li' },
    { hash: 'models', ready: '#models-table tbody tr' },
    { hash: 'explore', ready: '#explore-chart canvas' },
    { hash: 'schedule', ready: '#s-files' },
    { hash: 'runs', ready: 'main table tbody tr' },
    { hash: 'runs/{run}', ready: 'main h1' },
  ];
  for (const { hash, ready, submit } of PAGES) {
    it(`#/${hash}`, async () => {
      const { page, context, problems } = await openPage(browser, server.url, hash.replace('{run}', runId), {
        locale: 'fr-FR',
      });
      assert.equal(await page.getAttribute('html', 'lang'), 'fr');
      if (submit) await page.click('button[type=submit]');
      await page.waitForSelector(ready, { timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      // biome-ignore lint/performance/useDomNodeTextContent: the text as shown, hidden elements left out.
      const text = await page.evaluate(() => document.body.innerText);
      const labels = await page.evaluate(() =>
        [...document.querySelectorAll('[aria-label], [title], [placeholder]')]
          .flatMap((el) => ['aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? ''))
          .join('\n'),
      );
      assert.deepEqual(englishIn(`${text}\n${labels}`, [runId, 'essai']), [], text);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
