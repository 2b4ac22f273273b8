import { z } from 'zod';
import { name, quantity, said } from '../engine/schemas/common.js';
import { parseDurationHours } from '../engine/units.js';
import { userError } from '../errors.js';
import { PROVIDERS, type Provider } from '../grid/connectors/index.js';
import { FORMATS } from '../grid/read.js';
import { isTimeZone, parseTimestamp } from '../grid/time.js';
import { msg } from '../messages/index.js';
import type { ScheduleRequest } from './service.js';

/**
 * A `schedule` request as the HTTP API takes it (OpenAPI is generated from it): the series arrive
 * as uploaded text instead of file paths; the other fields are the camelCase of the CLI flags.
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
      .optional(),
    duration: z.union([z.number().positive(), z.string().trim().min(1).max(40)]),
    from: time.optional(),
    to: time.optional(),
    signal: z.enum(['direct', 'lifecycle']).optional(),
    interruptible: z.boolean().optional(),
    maxPauses: quantity({ min: 0, integer: true }).optional(),
    powerW: quantity({ unit: 'W', min: 0, exclusiveMin: true }).optional(),
    forecast: z.boolean().optional(),
    fromApi: z.enum(PROVIDERS as [string, ...string[]]).optional(),
    zone: name().optional(),
    format: z.enum(FORMATS).optional(),
    timeColumn: name().optional(),
    valueColumn: name().optional(),
    /** IANA zone of CSV times written without an offset (default UTC). */
    timezone: z.string().trim().max(64).refine(isTimeZone, said('schedule.timeZone')).optional(),
    interpolate: z.boolean().optional(),
    /** Adds the series themselves (with any forecast) to the answer, for charts. */
    includeSeries: z.boolean().optional(),
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
