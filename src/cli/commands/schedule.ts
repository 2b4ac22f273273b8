import type { Command } from 'commander';
import type { FlagValues } from '../../engine/schemas/fields.js';
import { parseDurationHours } from '../../engine/units.js';
import { userError } from '../../errors.js';
import { checkTimeZone, parseTimestamp } from '../../grid/time.js';
import { type MessageKey, msg, type Params, render as renderMessage } from '../../messages/index.js';
import { formatNumber, renderTable } from '../../report/format.js';
import { type Lang, t } from '../../report/i18n/index.js';
import { SCHEDULE_FIELDS, SCHEDULE_JOB_FIELDS, SCHEDULE_SERIES_FIELDS } from '../../schedule/fields.js';
import { type CommandMeta, type OutputFlags, outputContext, say, withOutputOptions } from '../_common.js';
import { addSchemaOptions, readFlags } from '../_schema-options.js';

type ScheduleFlags = FlagValues<typeof SCHEDULE_FIELDS> &
  OutputFlags & {
    series?: string[];
    run?: string;
    db?: string;
  };

/** `empreinte schedule`: the best window (time and zone) for a job, from grid-intensity series. */
export const meta = {
  name: 'schedule',
  summary: 'cli.schedule.summary',
} as const satisfies CommandMeta;

/** The flags of the schedule's fields (`schedule/fields.ts`, as the API's), the series files and a measured run's power. */
export function register(program: Command): void {
  const command = program
    .command(meta.name)
    .description(say(meta.summary))
    .option('--series <files...>', say('help.scheduleSeries'));
  addSchemaOptions(command, SCHEDULE_JOB_FIELDS)
    .option('--run <id>', say('help.scheduleRun'))
    .option('--db <path>', say('help.scheduleDb'));
  addSchemaOptions(command, SCHEDULE_SERIES_FIELDS);
  withOutputOptions(command).action((flags: ScheduleFlags) => runScheduleCommand(flags));
}

async function runScheduleCommand(flags: ScheduleFlags): Promise<void> {
  const output = outputContext(flags);
  const nowMs = Date.now();
  if (flags.duration === undefined)
    throw userError('missing', 'duration', 'cli.error.durationRequired', {
      accepted: msg('cli.accepted.aDuration'),
    });
  const durationH = parseDurationHours(flags.duration, 'duration');
  const read = readFlags(SCHEDULE_FIELDS, flags);
  const files = flags.series ?? [];
  if (files.length === 0 && !read.fromApi) {
    throw userError('missing', 'series', 'cli.error.seriesRequired', {
      otherField: 'fromApi',
      accepted: msg('cli.accepted.series', { otherField: 'fromApi' }),
    });
  }
  if (flags.run !== undefined && flags.powerW !== undefined) {
    throw userError('conflict', 'run', 'cli.error.runOrPower', {
      otherField: 'powerW',
      value: flags.run,
      accepted: msg('cli.accepted.runOrPower', { field: 'run', otherField: 'powerW' }),
    });
  }
  const powerW = flags.run === undefined ? read.powerW : await powerOfRun(flags.run, flags.db);
  const { runSchedule } = await import('../../schedule/service.js');
  const result = await runSchedule({
    files,
    read: {
      format: read.format,
      signal: read.signal,
      zone: read.zone,
      timeColumn: read.timeColumn,
      valueColumn: read.valueColumn,
      timezone: flags.timezone === undefined ? undefined : checkTimeZone(flags.timezone),
    },
    fromApi: read.fromApi,
    forecast: Boolean(read.forecast),
    durationH,
    fromMs:
      flags.from === undefined ? (read.fromApi ? nowMs : undefined) : parseTime(flags.from, 'from', nowMs),
    toMs: flags.to === undefined ? undefined : parseTime(flags.to, 'to', nowMs),
    interruptible: read.interruptible,
    maxPauses: read.maxPauses,
    powerW,
    interpolate: read.interpolate,
    nowMs,
  });
  if (output.json) output.printJson(result);
  else output.print(render(result, output.lang));
}

function parseTime(text: string, field: 'from' | 'to', nowMs: number): number {
  if (text.trim().toLowerCase() === 'now') return nowMs;
  const parsed = parseTimestamp(text);
  if (!parsed) {
    throw userError('invalid_value', field, 'cli.error.isoTime', {
      value: text,
      accepted: msg('cli.accepted.isoTime'),
    });
  }
  return parsed.ms;
}

/** Average power of a stored run: its total energy over its wall-clock duration, times its PUE. */
async function powerOfRun(id: string, db: string | undefined): Promise<number> {
  const { openStore, resolveDbLocation } = await import('../../store/index.js');
  const store = await openStore(resolveDbLocation(db));
  try {
    const run = await store.findRun(id);
    if (!run)
      throw userError('unknown_id', 'run', 'cli.error.noSuchRun', {
        value: id,
        db: store.location,
        accepted: msg('cli.accepted.listedRun'),
      });
    if (!run.energyJ || run.endedAt === null || run.endedAt <= run.startedAt) {
      throw userError('invalid_value', 'run', 'cli.error.runNotFinished', {
        value: id,
        accepted: msg('cli.accepted.finishedRun'),
      });
    }
    const joules = run.energyJ.gpu + run.energyJ.cpu + run.energyJ.ram;
    return (joules / ((run.endedAt - run.startedAt) / 1000)) * (run.pue ?? 1);
  } finally {
    await store.close();
  }
}

type Result = Awaited<ReturnType<typeof import('../../schedule/service.js').runSchedule>>;
type Window = NonNullable<Result['best']>;

function render(r: Result, lang: Lang): string {
  const n = (x: number | undefined) => (x === undefined ? '—' : formatNumber(x, lang));
  const percentile = r.unit === 'percentile';
  const hasCo2 = r.co2eKg !== undefined;
  const header = [
    '',
    t(lang, 'schedule.zone'),
    t(lang, 'schedule.start'),
    t(lang, 'schedule.end'),
    t(lang, percentile ? 'schedule.index' : 'schedule.intensity'),
    ...(hasCo2 ? ['kg CO2e'] : []),
  ];
  const row = (label: string, w: Window | null): string[] =>
    w
      ? [
          label,
          w.zone,
          w.start,
          w.end,
          n(w.intensityGPerKwh ?? w.signalIndex),
          ...(hasCo2 ? [n(w.co2eKg)] : []),
        ]
      : [label, '—', '—', '—', '—', ...(hasCo2 ? ['—'] : [])];
  const home = r.zones[0]?.zone ?? '';
  const lines = [
    t(lang, 'schedule.title', {
      hours: formatNumber(r.durationH, lang),
      signal: r.signal,
      unit: percentile ? t(lang, 'schedule.wattTimeIndex') : 'g CO2e/kWh',
    }),
    '',
    renderTable(
      [
        header,
        row(t(lang, 'schedule.now'), r.now),
        row(t(lang, 'schedule.bestHere', { zone: home }), r.bestSameZone),
        row(t(lang, 'schedule.bestAll'), r.best),
      ],
      ['left', 'left', 'left', 'left', 'right', 'right'],
    ),
  ];
  if (r.savingPct !== null) {
    const pct = (x: number | null) => (x === null ? '—' : `${formatNumber(x, lang, 3)} %`);
    lines.push(
      '',
      t(lang, 'schedule.saving', { time: pct(r.savingSameZonePct), zone: home, all: pct(r.savingPct) }),
    );
  }
  if (r.best?.slots && r.best.slots.length > 1) {
    lines.push(
      '',
      t(lang, 'schedule.pauses', { count: r.best.pauses ?? 0 }),
      ...r.best.slots.map((s) => `  ${s.start} → ${s.end}`),
    );
  }
  if (r.zones.length > 1) {
    const rows = [
      [
        t(lang, 'schedule.zone'),
        t(lang, 'schedule.start'),
        t(lang, percentile ? 'schedule.index' : 'schedule.intensity'),
      ],
    ];
    const sorted = [...r.zones].sort(
      (a, b) =>
        (a.best?.intensityGPerKwh ?? a.best?.signalIndex ?? Infinity) -
        (b.best?.intensityGPerKwh ?? b.best?.signalIndex ?? Infinity),
    );
    for (const z of sorted)
      rows.push([z.zone, z.best?.start ?? '—', n(z.best?.intensityGPerKwh ?? z.best?.signalIndex)]);
    lines.push('', t(lang, 'schedule.byZone'), renderTable(rows, ['left', 'left', 'right']));
  }
  for (const f of r.forecast ?? [])
    lines.push('', `${t(lang, 'schedule.forecast')} ${f.zone}, ${f.hours} h, ${f.from} (${f.method})`);
  if (r.warnings.length > 0)
    lines.push(
      '',
      t(lang, 'schedule.warnings'),
      ...r.warnings.map((w) => `  - ${w.zone ? `${w.zone}: ` : ''}${said(w, lang)}`),
    );
  if (r.notes.length > 0)
    lines.push(
      '',
      t(lang, 'schedule.notes'),
      ...unique(r.notes.map((w) => `  - ${w.zone ? `${w.zone}: ` : ''}${said(w, lang)}`)),
    );
  return lines.join('\n');
}

function unique(lines: string[]): string[] {
  return [...new Set(lines)];
}

/** A warning or note in the reader's language where it is message data, else its English. */
function said(w: { message: string; key?: MessageKey; params?: Params }, lang: Lang): string {
  return w.key === undefined ? w.message : renderMessage({ key: w.key, params: w.params }, lang, 'flag');
}
