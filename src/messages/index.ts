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
 * - Params: strings are written as they are, numbers too except that French writes a decimal comma
 *   (`1,22`; integers, years and ids unchanged); a nested `Message` is rendered in the same
 *   language (translatable "accepted" prose); a param named `field` or ending in `Field` names an
 *   input and follows the style: `'flag'` (the CLI) writes `--grid-intensity`, `'field'` (the HTTP
 *   API, the library) writes `gridIntensity`.
 *
 * String work over data: loads each area table when a message of it is first rendered.
 */
import { createRequire } from 'node:module';
import type { CATALOG } from './catalog.js';
import type { CLI } from './cli.js';
import type { ENGINE } from './engine.js';
import type { ERRORS } from './errors.js';
import type { FIELD_HELP } from './fields.js';
import type { GRID } from './grid.js';
import type { IF } from './if.js';
import type { INTEGRATIONS } from './integrations.js';
import type { MEASURE } from './measure.js';
import type { METRICS } from './metrics.js';
import type { RECOMMEND } from './recommend.js';
import type { REPORT } from './report.js';
import type { ROUTES } from './routes.js';
import type { SCHEDULE } from './schedule.js';
import type { SERVER } from './server.js';
import type { SERVICES } from './services.js';
import type { STORE } from './store.js';
import type { Table } from './table.js';

export type { Table } from './table.js';

// The tables are loaded when a message of their area is first looked up, not at import: a command
// reads a few of its ~170 KB. `require` loads an ES module synchronously (Node >= 20.19), so `msg`,
// `render` and `t` stay synchronous.
const load = createRequire(import.meta.url);

/** Each area table's module, by the table's name: MESSAGES holds exactly these (a test checks no key is in two). */
const AREAS = {
  ERRORS: () => (load('./errors.js') as { ERRORS: typeof ERRORS }).ERRORS,
  ENGINE: () => (load('./engine.js') as { ENGINE: typeof ENGINE }).ENGINE,
  RECOMMEND: () => (load('./recommend.js') as { RECOMMEND: typeof RECOMMEND }).RECOMMEND,
  CATALOG: () => (load('./catalog.js') as { CATALOG: typeof CATALOG }).CATALOG,
  GRID: () => (load('./grid.js') as { GRID: typeof GRID }).GRID,
  SCHEDULE: () => (load('./schedule.js') as { SCHEDULE: typeof SCHEDULE }).SCHEDULE,
  SERVICES: () => (load('./services.js') as { SERVICES: typeof SERVICES }).SERVICES,
  REPORT: () => (load('./report.js') as { REPORT: typeof REPORT }).REPORT,
  STORE: () => (load('./store.js') as { STORE: typeof STORE }).STORE,
  MEASURE: () => (load('./measure.js') as { MEASURE: typeof MEASURE }).MEASURE,
  INTEGRATIONS: () => (load('./integrations.js') as { INTEGRATIONS: typeof INTEGRATIONS }).INTEGRATIONS,
  METRICS: () => (load('./metrics.js') as { METRICS: typeof METRICS }).METRICS,
  IF: () => (load('./if.js') as { IF: typeof IF }).IF,
  SERVER: () => (load('./server.js') as { SERVER: typeof SERVER }).SERVER,
  ROUTES: () => (load('./routes.js') as { ROUTES: typeof ROUTES }).ROUTES,
  CLI: () => (load('./cli.js') as { CLI: typeof CLI }).CLI,
  FIELD_HELP: () => (load('./fields.js') as { FIELD_HELP: typeof FIELD_HELP }).FIELD_HELP,
} as const;
type Area = keyof typeof AREAS;
type Tables = { readonly [A in Area]: ReturnType<(typeof AREAS)[A]> };

/**
 * Which tables hold the keys of each first word (`cli.help.json` -> CLI), tried in this order. A
 * word not here is looked up in every table (slower, never wrong); a test checks every key is routed.
 */
export const ROUTES_BY_WORD: Readonly<Record<string, readonly Area[]>> = {
  accepted: ['ERRORS'],
  error: ['ERRORS'],
  type: ['ERRORS'],
  calibration: ['ENGINE'],
  engine: ['ENGINE'],
  note: ['ENGINE'],
  projection: ['ENGINE'],
  published: ['ENGINE'],
  scaling: ['ENGINE'],
  source: ['ENGINE'],
  sweep: ['ENGINE'],
  compare: ['ENGINE', 'CLI'],
  deployment: ['ENGINE', 'CLI'],
  explore: ['ENGINE', 'CLI'],
  inference: ['ENGINE', 'CLI'],
  training: ['ENGINE', 'CLI'],
  recommend: ['RECOMMEND', 'CLI'],
  schedule: ['SCHEDULE', 'CLI'],
  calibrate: ['SERVICES', 'CLI'],
  catalog: ['CATALOG'],
  grid: ['GRID'],
  label: ['REPORT'],
  run: ['REPORT'],
  store: ['STORE'],
  measure: ['MEASURE'],
  integrations: ['INTEGRATIONS'],
  metrics: ['METRICS'],
  if: ['IF'],
  serve: ['SERVER'],
  routes: ['ROUTES'],
  help: ['FIELD_HELP'],
  arch: ['CLI'],
  basis: ['CLI'],
  cli: ['CLI'],
  doctor: ['CLI'],
  field: ['CLI'],
  hardware: ['CLI'],
  kind: ['CLI'],
  locations: ['CLI'],
  model: ['CLI'],
  models: ['CLI'],
  project: ['CLI'],
  runs: ['CLI'],
  unit: ['CLI'],
};

const loaded: Partial<Record<Area, Table>> = {};
function area(name: Area): Table {
  loaded[name] ??= AREAS[name]();
  return loaded[name];
}

/** The area tables, by name, each loaded when first read (`Object.values(TABLES)` loads them all). */
export const TABLES = Object.defineProperties(
  {},
  Object.fromEntries(
    Object.keys(AREAS).map((name) => [name, { enumerable: true, get: () => area(name as Area) }]),
  ),
) as Tables;

/** A union of the tables' types made their intersection: every table's keys and pairs, as one type. */
type Intersection<U> = (U extends unknown ? (table: U) => void : never) extends (table: infer T) => void
  ? T
  : never;
type AllMessages = Intersection<Tables[Area]>;

/** `[English, French]` of `key`, loading only the tables its first word routes to; undefined if none has it. */
export function pairOf(key: string): readonly [string, string] | undefined {
  const dot = key.indexOf('.');
  const routed = ROUTES_BY_WORD[dot < 0 ? key : key.slice(0, dot)];
  for (const name of routed ?? (Object.keys(AREAS) as Area[])) {
    const table = area(name);
    if (Object.hasOwn(table, key)) return table[key];
  }
  return undefined;
}

/**
 * Every table in one object, merged when first used: the whole set, for tests and listings. A
 * message is looked up with `pairOf` (or `render`, `t`), which loads its own area only.
 */
let merged: Table | undefined;
const everything = (): Table => {
  merged ??= Object.assign({}, ...Object.values(TABLES));
  return merged as Table;
};
export const MESSAGES = new Proxy({} as Table, {
  get: (_, key) => Reflect.get(everything(), key),
  has: (_, key) => Reflect.has(everything(), key),
  ownKeys: () => Reflect.ownKeys(everything()),
  getOwnPropertyDescriptor: (_, key) => {
    const found = Reflect.getOwnPropertyDescriptor(everything(), key);
    return found && { ...found, configurable: true };
  },
}) as unknown as AllMessages;

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
  const pair = pairOf(message.key);
  if (pair === undefined) return message.key;
  return fill(pair[lang === 'fr' ? 1 : 0], message.params, lang, style);
}

/**
 * Templates split at their placeholders on first use, `[text, name, text, ..., text]`: estimates
 * say several messages each, and a regular expression per message was half of an estimate's time.
 */
const splitTemplates = new Map<string, readonly string[]>();

function pieces(template: string): readonly string[] {
  let split = splitTemplates.get(template);
  if (split === undefined) {
    split = template.split(/\{(\w+)\}/);
    if (splitTemplates.size >= 4096) splitTemplates.clear(); // templates passed in by callers
    splitTemplates.set(template, split);
  }
  return split;
}

/** `template` with its `{name}` placeholders filled from `params` (missing ones left empty). */
export function fill(template: string, params: Params | undefined, lang: Lang, style: Style): string {
  const split = pieces(template);
  let out = split[0];
  for (let i = 1; i < split.length; i += 2) {
    out += renderParam(split[i], params?.[split[i]], lang, style) + split[i + 1];
  }
  return out;
}

function renderParam(name: string, value: Param, lang: Lang, style: Style): string {
  if (value === undefined) return '';
  if (typeof value === 'object') return render(value, lang, style);
  if (style === 'flag' && typeof value === 'string' && isFieldParam(name)) return `--${toFlag(value)}`;
  if (typeof value === 'number' && lang === 'fr' && !Number.isInteger(value))
    return String(value).replace('.', ',');
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
  if (lang !== 'en' || style !== 'flag') return messages.map((m) => render(m, lang, style));
  return messages.map(saidInEnglish);
}

/**
 * English texts (flags named) of frozen messages, said once: those an estimate keeps and shares
 * from answer to answer (a site's, a hardware family's), which can no longer change.
 */
const saidOnce = new WeakMap<Message, string>();
function saidInEnglish(message: Message): string {
  if (!Object.isFrozen(message) || (message.params !== undefined && !Object.isFrozen(message.params)))
    return render(message, 'en', 'flag');
  let text = saidOnce.get(message);
  if (text === undefined) {
    text = render(message, 'en', 'flag');
    saidOnce.set(message, text);
  }
  return text;
}

/** The placeholders of a template, sorted (`{a} {b} {a}` -> `['a', 'b']`). */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}
