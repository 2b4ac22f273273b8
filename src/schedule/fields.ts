import {
  choiceField,
  customField,
  nameField,
  quantityField,
  required,
  switchField,
} from '../engine/schemas/fields.js';
import { PROVIDERS } from '../grid/connectors/index.js';
import { FORMATS, SIGNALS } from '../grid/formats/names.js';

/**
 * The inputs of a schedule, declared once: the CLI's flags (`--max-pauses`), the HTTP API's fields
 * (`maxPauses`, in `schema.ts`) and their descriptions in `/openapi.json` come from these tables.
 * Plain data, no zod: `empreinte schedule --help` loads no schema. The series themselves differ by
 * face (files on the command line, uploaded text over HTTP) and are declared by each.
 */

/** The job: how long, between when, may it pause, at what power. */
export const SCHEDULE_JOB_FIELDS = {
  duration: required(customField('help.scheduleDuration', 'd')),
  from: customField('help.scheduleFrom', 'iso'),
  to: customField('help.scheduleTo', 'iso'),
  signal: choiceField(SIGNALS, 'help.scheduleSignal', 'signal'),
  interruptible: switchField('help.scheduleInterruptible'),
  maxPauses: quantityField({ min: 0, integer: true }, 'help.scheduleMaxPauses'),
  powerW: quantityField({ unit: 'W', min: 0, exclusiveMin: true }, 'help.schedulePowerW', 'w'),
} as const;

/** Where the intensities come from and how they are read. */
export const SCHEDULE_SERIES_FIELDS = {
  forecast: switchField('help.scheduleForecast'),
  fromApi: choiceField(PROVIDERS, 'help.scheduleFromApi', 'provider'),
  zone: nameField('help.scheduleZone', 'zone'),
  format: choiceField(FORMATS, 'help.scheduleFormat', 'format'),
  timeColumn: nameField('help.scheduleTimeColumn', 'name'),
  valueColumn: nameField('help.scheduleValueColumn', 'name'),
  timezone: customField('help.scheduleTimezone', 'zone'),
  interpolate: switchField('help.scheduleInterpolate'),
} as const;

export const SCHEDULE_FIELDS = { ...SCHEDULE_JOB_FIELDS, ...SCHEDULE_SERIES_FIELDS } as const;
