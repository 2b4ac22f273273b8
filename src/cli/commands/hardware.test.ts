import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, runCliJson } from '../../../test/helpers/cli.js';
import { HARDWARE } from '../../catalog/hardware.js';
import type { HardwareEntry } from '../../catalog/types.js';

describe('empreinte hardware', () => {
  it('lists every entry in a table: id, name, year, TDP, BF16 peak, memory, embodied', () => {
    const result = runCli(['hardware']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const lines = result.stdout.split('\n');
    assert.match(lines[0], /^id\s+name\s+year\s+TDP W\s+BF16 TFLOP\/s\s+memory GB\s+embodied kg CO2e$/);
    const body = lines.slice(2).filter((l) => /^[a-z]+-[a-z0-9-]+\s/.test(l));
    assert.equal(body.length, HARDWARE.length);
    assert.match(
      body.find((l) => l.startsWith('nvidia-h100-sxm5-80gb ')) ?? '',
      /2022\s+700\s+989\.5\s+80\s+164$/,
    );
    assert.match(body.find((l) => l.startsWith('amd-epyc-7763 ')) ?? '', /2021\s+280\s+—\s+—\s+\d+$/);
    // GPUs first, CPUs last.
    assert.ok(
      body.findIndex((l) => l.startsWith('nvidia-')) < body.findIndex((l) => l.startsWith('amd-epyc')),
    );
    assert.match(result.stdout, new RegExp(`${HARDWARE.length} entries\\.`));
  });

  it('filters by --kind', () => {
    const tpus = runCliJson<HardwareEntry[]>(['hardware', '--kind', 'tpu']);
    assert.deepEqual(
      tpus.map((h) => h.id).sort(),
      HARDWARE.filter((h) => h.kind === 'tpu')
        .map((h) => h.id)
        .sort(),
    );
    const cpus = runCli(['hardware', '--kind', 'cpu']);
    assert.equal(cpus.status, 0, cpus.stderr);
    assert.doesNotMatch(cpus.stdout, /nvidia-/);
    assert.match(cpus.stdout, /intel-xeon-platinum-8480plus/);
  });

  it('shows one entry with every field, its unit and its sources; a family name says which variant', () => {
    const result = runCli(['hardware', 'h100']);
    assert.equal(result.status, 0, result.stderr);
    const out = result.stdout;
    assert.match(
      out,
      /^nvidia-h100-sxm5-80gb — H100 SXM5 80GB \(2022\)\n'h100' is a family: using its flagship/,
    );
    for (const pattern of [
      /Power \(TDP\):\s+700 W/,
      /Idle power:\s+140 W/,
      /Memory:\s+80 GB/,
      /Memory bandwidth:\s+3\.35 TB\/s/,
      /Peak BF16 \(dense\):\s+989\.5 TFLOP\/s/,
      /Peak FP8 \(dense\):\s+1,979 TFLOP\/s/,
      /Peak INT8 \(dense\):\s+1,979 TOPS/,
      /Manufacturing \(embodied\):\s+164 kg CO2e \(96 – 279\)/,
      /Sources:\n {2}datasheet: NVIDIA H100 Tensor Core GPU datasheet.*\(2023\)/,
      /embodied: NVIDIA HGX H100 Product Carbon Footprint.*\(2025\)/,
      /idle power: .*gpu-burn/,
    ]) {
      assert.match(out, pattern);
    }
    const exact = runCli(['hardware', 'Tesla T4']);
    assert.equal(exact.status, 0, exact.stderr);
    assert.match(exact.stdout, /^nvidia-t4 — T4 16GB \(2018\)\n\nKind:\s+GPU/);
  });

  it('prints pure JSON with --json: the entries, or the one entry (a family note goes to stderr)', () => {
    const list = runCli(['hardware', '--json']);
    assert.equal(list.status, 0, list.stderr);
    assert.equal(list.stderr, '');
    const entries = JSON.parse(list.stdout) as HardwareEntry[];
    assert.equal(entries.length, HARDWARE.length);
    assert.ok(entries.every((e) => e.source.citation.length > 0 && e.embodiedKgCo2e.central > 0));
    const one = runCli(['hardware', 'a100-40gb', '--json']);
    assert.equal(one.status, 0, one.stderr);
    const entry = JSON.parse(one.stdout) as HardwareEntry;
    assert.equal(entry.id, 'nvidia-a100-sxm4-40gb');
    assert.deepEqual(
      entry,
      HARDWARE.find((h) => h.id === entry.id),
    );
    assert.match(one.stderr, /'a100-40gb' is a family/);
  });

  it('rejects unknown and ambiguous names and bad kinds: exit 2, one line, no stack', () => {
    for (const [args, pattern] of [
      [
        ['hardware', 'h1000'],
        /^empreinte: error: --hardware: unknown hardware 'h1000' \(closest: nvidia-h100-sxm5-80gb, /,
      ],
      [['hardware', 'tpu'], /^empreinte: error: --hardware: 'tpu' is ambiguous \(one of: google-tpu-v2, /],
      [
        ['hardware', '--kind', 'fpga'],
        /^empreinte: error: --kind: 'fpga' is not a hardware kind \(expected gpu, tpu, accelerator, cpu\)/,
      ],
      [
        ['hardware', 'h100', '--kind', 'cpu'],
        /^empreinte: error: --kind cpu: nvidia-h100-sxm5-80gb is a gpu/,
      ],
      [['hardware', 'h1000', '--json'], /unknown hardware 'h1000'/],
    ] as const) {
      const result = runCli([...args]);
      assert.equal(result.status, 2, args.join(' '));
      assert.equal(result.stdout, '');
      assert.match(result.stderr, pattern);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      assert.doesNotMatch(result.stderr, /\bat .*\.js:\d+/);
    }
  });

  it('speaks French with --lang fr or a French LANG, numbers and units included', () => {
    const table = runCli(['hardware', '--kind', 'gpu'], { env: { LANG: 'fr_FR.UTF-8' } });
    assert.equal(table.status, 0, table.stderr);
    assert.match(
      table.stdout,
      /^id\s+nom\s+année\s+TDP W\s+BF16 TFLOP\/s\s+mémoire Go\s+fabrication kg CO2e$/m,
    );
    assert.match(table.stdout, /nvidia-h100-sxm5-80gb\s.*2022\s+700\s+989,5\s+80\s+164$/m);
    assert.match(table.stdout, /entrées\. BF16\u202f: crête dense/u);
    const one = runCli(['hardware', 'h100', '--lang', 'fr']);
    assert.match(one.stdout, /Puissance \(TDP\)\u202f:\s+700 W/);
    assert.match(one.stdout, /Bande passante mémoire\u202f:\s+3,35 To\/s/);
    assert.match(one.stdout, /Crête FP8 \(dense\)\u202f:\s+1\s979 TFLOP\/s/u);
    assert.match(one.stdout, /Fabrication \(émissions intrinsèques\)\u202f:\s+164 kg CO2e \(96 – 279\)/);
    const error = runCli(['hardware', 'h1000', '--lang', 'fr']);
    assert.equal(error.status, 2);
    assert.match(
      error.stderr,
      /--hardware : matériel inconnu « h1000 » \(les plus proches : nvidia-h100-sxm5-80gb/,
    );
  });
});
