import { hostname } from 'node:os';
import type { Command } from 'commander';
import { type FlagValues, pickFields } from '../../engine/schemas/fields.js';
import { CALIBRATE_FIELDS } from '../../engine/schemas/training-fields.js';
import { formatNumber, renderTable } from '../../report/format.js';
import { type Lang, t } from '../../report/i18n/index.js';
import type { Calibration } from '../../services/calibrate.js';
import { type CommandMeta, type OutputFlags, outputContext, say, withOutputOptions } from '../_common.js';
import { addSchemaOptions } from '../_schema-options.js';

export const meta = {
  name: 'calibrate',
  summary: 'cli.calibrate.summary',
  description: 'cli.calibrate.description',
} as const satisfies CommandMeta;

type Flags = FlagValues<typeof CALIBRATE_FIELDS> & OutputFlags & { list?: boolean; db?: string };

/** `empreinte calibrate --run ID --params N --tokens D`: what a measured run achieved, kept by name. */
export function register(program: Command): void {
  const command = program.command(meta.name).description(say(meta.description));
  withOutputOptions(
    addSchemaOptions(command, CALIBRATE_FIELDS)
      .option('--list', say('help.calibrateList'))
      .option('--db <path|url>', say('cli.db')),
  ).action(async (flags: Flags) => {
    const output = outputContext(flags);
    const { db, list } = flags;
    const rest = pickFields(CALIBRATE_FIELDS, flags);
    // The schema, the service and the store load when the command runs, not when help lists it.
    const [{ parseInput }, service, { openStore, resolveDbLocation }, { isProcessAlive }] = await Promise.all(
      [
        import('../../engine/schemas/common.js'),
        import('../../services/calibrate.js'),
        import('../../store/index.js'),
        import('../../measure/process-identity.js'),
      ],
    );
    const { calibrateInputSchema, calibrateRun, listCalibrations } = service;
    // Validate before opening the store: a mistyped flag never creates a database.
    const input = list ? undefined : parseInput(calibrateInputSchema, rest);
    const store = await openStore(resolveDbLocation(db));
    try {
      // A run whose tracker died still reads `running` until it is marked interrupted.
      await store.recoverInterrupted(hostname(), isProcessAlive);
      if (input === undefined) {
        const calibrations = await listCalibrations(store, output.lang);
        if (output.json) return output.printJson(calibrations);
        if (calibrations.length === 0)
          return output.print(t(output.lang, 'calibrate.empty', { db: store.location }));
        return output.print(calibrations.map((c) => renderCalibration(c, output.lang)).join('\n\n'));
      }
      const calibration = await calibrateRun(store, input, { lang: output.lang });
      if (output.json) output.printJson(calibration);
      else output.print(renderCalibration(calibration, output.lang, true));
    } finally {
      await store.close();
    }
  });
}

export function renderCalibration(c: Calibration, lang: Lang, hint = false): string {
  const n = (v: number, digits = 3) => formatNumber(v, lang, digits);
  const title = t(lang, c.runs.length === 1 ? 'calibrate.title.one' : 'calibrate.title.many', {
    name: c.name,
    hardware: c.hardware,
    precision: c.precision,
    runs: c.runs.length,
  });
  const [mfuLabel, powerLabel] = [t(lang, 'calibrate.mfu'), t(lang, 'calibrate.power')];
  const width = Math.max(mfuLabel.length, powerLabel.length);
  const { mfu, powerWPerChip } = c.range;
  const lines = [
    title,
    `  ${mfuLabel.padEnd(width)}  ${n(c.mfu)}  (${n(mfu.low)}–${n(mfu.high)})`,
    `  ${powerLabel.padEnd(width)}  ${n(c.powerWPerChip)} W  (${n(powerWPerChip.low)}–${n(powerWPerChip.high)} W)`,
    `  ${t(lang, 'calibrate.range')}: ${c.range.basis}`,
    '',
  ];
  const rows = [t(lang, 'calibrate.columns').split('|')];
  for (const r of c.runs) {
    rows.push([
      r.runId.length <= 12 ? r.runId : r.runId.slice(0, 8),
      String(r.chips),
      n(r.durationS),
      n(r.gpuEnergyKwh),
      n(r.mfu),
      n(r.powerWPerChip),
    ]);
  }
  lines.push(renderTable(rows, ['left', 'right', 'right', 'right', 'right', 'right']));
  for (const note of c.notes) lines.push(`  - ${note}`);
  if (hint)
    lines.push(
      '',
      `${t(lang, 'calibrate.use')}: empreinte estimate training --params N --tokens D --calibration ${c.name}`,
    );
  return lines.join('\n');
}
