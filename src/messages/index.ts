/**
 * Every user-facing sentence of the project, as data, in English and French side by side.
 *
 * - Tables: one file per area (`errors.ts`, `engine.ts`, `cli.ts`...), each
 *   `{ 'area.key': ['English {param}', 'Français {param}'] } as const satisfies Table`,
 *   so a key without its French is a compile error. Add new text there, never as a literal in code.
 * - A message is data: `{ key, params }` (`Message`, built with `msg(key, params)`). User mistakes:
 *   `throw userError(code, field, key, params)` (`src/errors.ts`; `issueOf` for several at once);
 *   estimate notes: `noteMessages` beside the English `notes`. The edges render them:
 *   `render(message, lang, style)`, `renderIssue(issue, lang, style)`, `localised(issue, lang, style)`.
 * - Params: strings and numbers are written as they are; a nested `Message` is rendered in the same
 *   language (translatable "accepted" prose); a param named `field` or ending in `Field` names an
 *   input and follows the style: `'flag'` (the CLI) writes `--grid-intensity`, `'field'` (the HTTP
 *   API, the library) writes `gridIntensity`.
 *
 * Pure data and string work: imports nothing, builds nothing at import time.
 */
import { CATALOG } from './catalog.js';
import { CLI } from './cli.js';
import { ENGINE } from './engine.js';
import { ERRORS } from './errors.js';
import { FIELD_HELP } from './fields.js';
import { GRID } from './grid.js';
import { IF } from './if.js';
import { INTEGRATIONS } from './integrations.js';
import { MEASURE } from './measure.js';
import { METRICS } from './metrics.js';
import { RECOMMEND } from './recommend.js';
import { REPORT } from './report.js';
import { ROUTES } from './routes.js';
import { SCHEDULE } from './schedule.js';
import { SERVER } from './server.js';
import { SERVICES } from './services.js';
import { STORE } from './store.js';

export type { Table } from './table.js';

/** The area tables, by name: MESSAGES holds exactly these (a test checks no key is in two). */
export const TABLES = {
  ERRORS,
  ENGINE,
  RECOMMEND,
  CATALOG,
  GRID,
  SCHEDULE,
  SERVICES,
  REPORT,
  STORE,
  MEASURE,
  INTEGRATIONS,
  METRICS,
  IF,
  SERVER,
  ROUTES,
  CLI,
  FIELD_HELP,
} as const;

/** A union of the tables' types made their intersection: every table's keys and pairs, as one type. */
type Intersection<U> = (U extends unknown ? (table: U) => void : never) extends (table: infer T) => void
  ? T
  : never;
type AllMessages = Intersection<(typeof TABLES)[keyof typeof TABLES]>;

/**
 * Every table in one object. `Object.assign`, not a literal of spreads: with a thousand keys the
 * spreads take about 5 ms of every command's start-up, the copy a tenth of a millisecond.
 */
export const MESSAGES: AllMessages = Object.assign({}, ...Object.values(TABLES));

export type MessageKey = keyof typeof MESSAGES;
export type Lang = 'en' | 'fr';
/** `flag`: inputs named as CLI flags (`--grid-intensity`); `field`: as JSON fields (`gridIntensity`). */
export type Style = 'flag' | 'field';

export type Param = string | number | Message | undefined;
export type Params = Readonly<Record<string, Param>>;

/** A sentence as data: which one, and what fills it. JSON-safe. */
export interface Message {
  readonly key: MessageKey;
  readonly params?: Params;
}

/** Builds a message; `msg('error.notNumber', { field, value })`. */
export function msg(key: MessageKey, params?: Params): Message {
  return params === undefined ? { key } : { key, params };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as Message).key === 'string';
}

/** `message` in `lang`, inputs named in `style`. An unknown key (stale data) renders as itself. */
export function render(message: Message, lang: Lang = 'en', style: Style = 'field'): string {
  const pair = (MESSAGES as Record<string, readonly [string, string]>)[message.key];
  if (pair === undefined) return message.key;
  return fill(pair[lang === 'fr' ? 1 : 0], message.params, lang, style);
}

/** `template` with its `{name}` placeholders filled from `params` (missing ones left empty). */
export function fill(template: string, params: Params | undefined, lang: Lang, style: Style): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => renderParam(name, params?.[name], lang, style));
}

function renderParam(name: string, value: Param, lang: Lang, style: Style): string {
  if (value === undefined) return '';
  if (typeof value === 'object') return render(value, lang, style);
  if (style === 'flag' && typeof value === 'string' && isFieldParam(name)) return `--${toFlag(value)}`;
  return String(value);
}

/** Params that name an input: `field`, `otherField`... */
export function isFieldParam(name: string): boolean {
  return name === 'field' || name.endsWith('Field');
}

/** `chipHours` -> `chip-hours`: the CLI spelling of an input name. */
export function toFlag(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Each message in `lang`: what a list of notes shows. */
export function renderAll(messages: readonly Message[], lang: Lang = 'en', style: Style = 'flag'): string[] {
  return messages.map((m) => render(m, lang, style));
}

/** The placeholders of a template, sorted (`{a} {b} {a}` -> `['a', 'b']`). */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}
