import { z } from 'zod';
import { accepts, name, said } from '../engine/schemas/common.js';
import { zodShape } from '../engine/schemas/fields-zod.js';
import { parseDurationHours } from '../engine/units.js';
import { userError } from '../errors.js';
import type { Provider } from '../grid/connectors/index.js';
import { isTimeZone, parseTimestamp } from '../grid/time.js';
import { msg, render } from '../messages/index.js';
import { SCHEDULE_FIELDS } from './fields.js';
import type { ScheduleRequest } from './service.js';

/**
 * A `schedule` request as the HTTP API takes it (OpenAPI is generated from it): the series arrive
 * as uploaded text instead of file paths; the other fields, and their descriptions, come from the
 * tables the CLI's flags come from (`fields.ts`).
 */
const time = z
  .string()
  .trim()
  .max(60)
  .refine((text) => text.toLowerCase() === 'now' || parseTimestamp(text) !== null, said('schedule.isoTime'));

export const scheduleInputSchema = z
  .object({
    series: z
      .array(
        z
          .object({
            /** File name as uploaded: names the zone of a CSV without a zone column (`FR.csv`). */
            name: name().default('series.csv'),
            content: z.string().min(1),
          })
          .strict(),
      )
      .max(50)
      .optional()
      .meta({ description: render(msg('help.scheduleUploads')) }),
    ...zodShape(SCHEDULE_FIELDS, {
      duration: z.union(
        [z.number().positive(), z.string().trim().min(1).max(40)],
        accepts('accepted.duration'),
      ),
      from: time,
      to: time,
      timezone: z.string().trim().max(64).refine(isTimeZone, said('schedule.timeZone')),
    }),
    includeSeries: z
      .boolean()
      .optional()
      .meta({ description: render(msg('help.scheduleIncludeSeries')) }),
  })
  .strict();

export type ScheduleInput = z.output<typeof scheduleInputSchema>;

/** The service's request for an API input; `now` in `from`/`to` is `nowMs`. */
export function scheduleRequest(input: ScheduleInput, nowMs: number): ScheduleRequest {
  const uploads = input.series ?? [];
  if (uploads.length === 0 && !input.fromApi) {
    throw userError('missing', 'series', 'schedule.seriesOrApi', {
      accepted: msg('schedule.acceptedSeriesOrApi'),
    });
  }
  const durationH =
    typeof input.duration === 'number' ? input.duration : parseDurationHours(input.duration, 'duration');
  const at = (text: string | undefined) =>
    text === undefined ? undefined : text.toLowerCase() === 'now' ? nowMs : parseTimestamp(text)!.ms;
  return {
    uploads,
    read: {
      format: input.format,
      signal: input.signal,
      zone: input.zone,
      timeColumn: input.timeColumn,
      valueColumn: input.valueColumn,
      timezone: input.timezone,
    },
    fromApi: input.fromApi as Provider | undefined,
    forecast: input.forecast,
    includeSeries: input.includeSeries,
    nowMs,
    durationH,
    fromMs: at(input.from) ?? (input.fromApi ? nowMs : undefined),
    toMs: at(input.to),
    interruptible: input.interruptible,
    maxPauses: input.maxPauses,
    powerW: input.powerW,
    interpolate: input.interpolate,
  };
}
