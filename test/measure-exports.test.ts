import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Papa from 'papaparse';
import { type FakeMachine, fakeMachine } from './fixtures/proc/machine.js';
import { runCli } from './helpers/cli.js';

/** `runs list`, `runs show` and `runs export` read back what `run` stored. */
describe('reading runs back', () => {
  let machine: FakeMachine;
  let id: string;
  let older: string;
  before(async () => {
    machine = await fakeMachine({ gpus: 2, gpuWatts: 400, packageWatts: 120, dramWatts: 10 });
    const script = (ms: number) => [
      process.execPath,
      '-e',
      `require('node:fs').appendFileSync(process.env.EMPREINTE_MARKS, '{"label":"warm-up","tokens":4096}\\n'); console.log(process.env.EMPREINTE_RUN_ID); setTimeout(() => {}, ${ms})`,
    ];
    older = runCli(['run', '--interval', '0.2', '--name', 'older', '--', ...script(200)], {
      env: machine.env,
    }).stdout.trim();
    const result = runCli(
      [
        'run',
        '--interval',
        '0.2',
        '--name',
        'fine-tune, v2',
        '--location',
        'aws:eu-west-3',
        '--pue',
        '1.5',
        '--',
        ...script(800),
      ],
      {
        env: machine.env,
      },
    );
    assert.equal(result.status, 0, result.stderr);
    id = result.stdout.trim();
  });
  after(() => machine.stop());

  it('lists runs newest first, as JSON and as a table', () => {
    const list = JSON.parse(runCli(['runs', 'list', '--json'], { env: machine.env }).stdout) as {
      id: string;
      name: string;
      status: string;
    }[];
    assert.deepEqual(
      list.map((r) => r.id),
      [id, older],
    );
    assert.equal(list[0].status, 'completed');
    const text = runCli(['runs', 'list'], { env: machine.env });
    assert.match(text.stdout, new RegExp(id.slice(0, 8)));
    assert.ok(text.stdout.indexOf(id.slice(0, 8)) < text.stdout.indexOf(older.slice(0, 8)));
  });

  it('shows a run by id prefix with the contract’s keys', () => {
    const shown = JSON.parse(
      runCli(['runs', 'show', id.slice(0, 8), '--json'], { env: machine.env }).stdout,
    ) as Record<string, unknown>;
    for (const key of [
      'id',
      'name',
      'status',
      'exitCode',
      'startedAt',
      'endedAt',
      'durationS',
      'energyKwh',
      'co2eKg',
      'sources',
      'hosts',
      'phases',
    ]) {
      assert.ok(key in shown, key);
    }
    assert.deepEqual(Object.keys(shown.energyKwh as object).sort(), ['cpu', 'gpu', 'ram', 'total']);
    assert.deepEqual(Object.keys(shown.sources as object).sort(), ['cpu', 'gpu', 'ram']);
    assert.match(String(shown.startedAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const text = runCli(['runs', 'show', id, '--lang', 'fr'], { env: machine.env });
    assert.match(text.stdout, /terminée/);
    assert.match(text.stdout, /CO2e, méthode localisation/);
  });

  it('exports CodeCarbon v3’s emissions.csv: its columns, its PUE boundary', () => {
    const csv = runCli(['runs', 'export', id, '--format', 'codecarbon-csv'], { env: machine.env });
    assert.equal(csv.status, 0, csv.stderr);
    // The header CodeCarbon 3.3 writes, read from its own field list (fixtures/codecarbon/README.md).
    const theirs = readFileSync(
      new URL('./fixtures/codecarbon/emissions-data-3.3.0.columns.txt', import.meta.url),
      'utf8',
    )
      .trim()
      .split('\n');
    assert.equal(theirs.length, 38);
    const parsed = Papa.parse<Record<string, string>>(csv.stdout.trim(), { header: true });
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.meta.fields, theirs);
    assert.equal(parsed.data.length, 1);
    const row = parsed.data[0];
    const shown = JSON.parse(runCli(['runs', 'show', id, '--json'], { env: machine.env }).stdout) as {
      energyKwh: { total: number };
      location: { intensityGPerKwh: number };
      pue: { value: number };
    };
    assert.equal(shown.pue.value, 1.5);
    assert.equal(row.project_name, 'fine-tune, v2');
    assert.equal(row.run_id, id);
    const n = (column: string) => Number(row[column]);
    const close = (a: number, b: number, what: string) =>
      assert.ok(Math.abs(a - b) <= 1e-9 * Math.abs(b), `${what}: ${a} vs ${b}`);
    // CodeCarbon multiplies energy by the PUE before summing; emissions = energy_consumed × intensity.
    close(n('cpu_energy') + n('gpu_energy') + n('ram_energy'), n('energy_consumed'), 'sum of parts');
    close(n('energy_consumed'), shown.energyKwh.total * 1.5, 'energy_consumed includes the PUE');
    close(n('emissions') / n('energy_consumed'), shown.location.intensityGPerKwh / 1000, 'kg per kWh');
    assert.equal(n('pue'), 1.5);
    // Power stays at the machine, as CodeCarbon's.
    assert.ok(Math.abs(n('gpu_power') - 800) < 16, `gpu_power ${row.gpu_power}`);
    assert.equal(row.gpu_count, '2');
    assert.equal(row.gpu_model, '2 x NVIDIA H100 80GB HBM3');
    assert.equal(row.on_cloud, 'Y');
    assert.equal(row.cloud_provider, 'aws');
    assert.equal(row.cloud_region, 'eu-west-3');
    assert.equal(row.country_iso_code, 'FRA');
    assert.equal(row.tracking_mode, 'machine');
    assert.equal(row.water_consumed, '0');
    assert.equal(row.wue, '0');
    assert.ok(n('emissions_rate') > 0);
  });

  it('exports the Hugging Face co2_eq_emissions block, in grams', () => {
    const card = runCli(
      ['runs', 'export', id, '--format', 'hf-model-card', '--training-type', 'fine-tuning'],
      { env: machine.env },
    );
    assert.equal(card.status, 0, card.stderr);
    const shown = JSON.parse(runCli(['runs', 'show', id, '--json'], { env: machine.env }).stdout) as {
      co2eKg: number;
    };
    const lines = card.stdout.trim().split('\n');
    assert.equal(lines[0], '---');
    assert.equal(lines[1], 'co2_eq_emissions:');
    assert.equal(lines.at(-1), '---');
    const emissions = Number(/^ {2}emissions: (\S+)$/m.exec(card.stdout)![1]);
    assert.ok(Math.abs(emissions - shown.co2eKg * 1000) <= 1e-5 * emissions);
    assert.match(card.stdout, /^ {2}training_type: "fine-tuning"$/m);
    assert.match(card.stdout, /^ {2}hardware_used: "2 x NVIDIA H100 80GB HBM3"$/m);
    assert.match(card.stdout, /^ {2}source: "empreinte measurement of run/m);
    assert.match(card.stdout, /^ {2}geographical_location: ".+"$/m);
  });

  it('exports JSON equal to runs show, and Markdown for a CI job summary', () => {
    const json = JSON.parse(runCli(['runs', 'export', id, '--format', 'json'], { env: machine.env }).stdout);
    const shown = JSON.parse(runCli(['runs', 'show', id, '--json'], { env: machine.env }).stdout);
    assert.deepEqual(json, shown);
    const md = runCli(['runs', 'export', id, '--format', 'markdown'], { env: machine.env }).stdout;
    assert.match(md, new RegExp(`^### Run \`${id}\``));
    assert.match(md, /\| GPU \| [\d.]+ kWh \| measured:nvml-counter \|/);
    assert.match(md, /#### Phases/);
    assert.match(md, /\| warm-up \|/);
  });

  it('refuses an unknown run and an unknown format with one line', () => {
    const unknown = runCli(['runs', 'show', 'zzzz-not-a-run'], { env: machine.env });
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stderr.trim().split('\n').length, 1);
    assert.match(unknown.stderr, /run 'zzzz-not-a-run' is not in/);
    // It names runs it has, to copy from.
    assert.match(unknown.stderr, new RegExp(`such as .*${id.slice(0, 8)}`));
    const empty = runCli(['runs', 'show', 'zzzz', '--db', `${machine.dir}/empty.db`], { env: machine.env });
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /run 'zzzz' is not in .*empty\.db: no run is stored there yet/);
    const format = runCli(['runs', 'export', id, '--format', 'xlsx'], { env: machine.env });
    assert.equal(format.status, 2);
    assert.match(
      format.stderr,
      /--format: 'xlsx' is not an export format \(expected codecarbon-csv, hf-model-card, json, markdown, samples-csv\)/,
    );
  });
});
