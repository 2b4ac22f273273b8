import {
  isMessage,
  type Lang,
  type Message,
  type MessageKey,
  type Params,
  render,
  type Style,
  toFlag,
} from './messages/index.js';

/**
 * One error type for every user mistake, as data: a stable `code`, the `field` it concerns, the
 * offending `value`, what is `accepted`, and the sentence that says so as a message key with its
 * params (`src/messages/`). `renderIssue` writes it in a language and a style (CLI flags or JSON
 * fields); the CLI maps it to exit status 2, the HTTP API to 400.
 */
export type IssueCode =
  | 'invalid_number'
  | 'out_of_range'
  | 'unknown_id'
  | 'ambiguous_id'
  | 'conflict'
  | 'missing'
  | 'invalid_value'
  | 'invalid_file';

export interface Issue {
  code: IssueCode;
  /** Path of the field, e.g. ['mfu'] or ['body', 'hardware']; CLI flags use the camelCase name. */
  path: (string | number)[];
  /** The value given, as text. */
  value?: string;
  /** What would have been accepted, as text ("a number > 0", "h100, h200, ..."). */
  accepted?: string;
  /** The sentence, as data: rendered by `renderIssue` in the reader's language. */
  key?: MessageKey;
  params?: Params;
  /** English, inputs named as fields (`gridIntensity`): the text of JSON bodies. */
  message: string;
}

type Path = (string | number)[];

export class EmpreinteError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue | Issue[]) {
    // Messages echo user input: keep each on one line, with no terminal control characters.
    // Over-long values (a 100 MB line of a file) are elided in the middle: the end says what is accepted.
    const list = (Array.isArray(issues) ? issues : [issues]).map((i) => {
      const params = i.params && sanitised(i.params);
      return {
        ...i,
        ...(params === undefined ? {} : { params }),
        message: printable(elide(i.message, MAX_MESSAGE_CHARS)),
        ...(i.value === undefined ? {} : { value: printable(elide(i.value, MAX_VALUE_CHARS)) }),
        ...(i.accepted === undefined ? {} : { accepted: printable(elide(i.accepted, MAX_MESSAGE_CHARS)) }),
      };
    });
    // The library's error text names CLI flags, as it always has; the issues name fields.
    super(list.map((i) => renderIssue(i, 'en', 'flag')).join('; '));
    this.name = 'EmpreinteError';
    this.issues = list;
  }
  get code(): IssueCode {
    return this.issues[0].code;
  }
}

/**
 * A user mistake about `field`, said by the message `key`: `userError('out_of_range', 'mfu',
 * 'error.outOfRange', { value, accepted })`. The params get `field` (the last named element of the
 * path); a `value` param is also the issue's `value`, an `accepted` param (text or a message) its
 * `accepted` (in English).
 */
export function userError(
  code: IssueCode,
  field: string | Path,
  key: MessageKey,
  params: Params = {},
): EmpreinteError {
  return new EmpreinteError(issueOf(code, field, key, params));
}

/** The issue `userError` throws, for errors that gather several. */
export function issueOf(code: IssueCode, field: string | Path, key: MessageKey, params: Params = {}): Issue {
  const path = Array.isArray(field) ? field : [field];
  const all: Params = { field: issueField(path), ...params };
  const { value, accepted } = all;
  // Keys in the order JSON bodies have always shown them; the message data last.
  return {
    code,
    path,
    ...(value === undefined ? {} : { value: String(value) }),
    ...(accepted === undefined
      ? {}
      : { accepted: isMessage(accepted) ? render(accepted, 'en', 'field') : String(accepted) }),
    message: render({ key, params: all }, 'en', 'field'),
    key,
    params: all,
  };
}

/** `issue` in `lang`, its inputs named as CLI flags (`flag`) or JSON fields (`field`). */
export function renderIssue(issue: Issue, lang: Lang, style: Style): string {
  if (issue.key !== undefined)
    return printable(elide(render(issue as Message, lang, style), MAX_MESSAGE_CHARS));
  // An issue built by hand, with its own sentence (no key): its English as written; other languages get its code's sentence.
  if (lang === 'en') return issue.message;
  const field = issueField(issue.path) ?? '';
  const params = { field, file: toFlag(field), value: issue.value ?? '', accepted: issue.accepted ?? '' };
  return render({ key: `error.${issue.code}`, params }, lang, style);
}

/** `issue` with its `message` and `accepted` in `lang` and `style`: what a JSON body shows. */
export function localised(issue: Issue, lang: Lang, style: Style): Issue {
  const accepted = issue.params?.accepted;
  return {
    ...issue,
    message: renderIssue(issue, lang, style),
    ...(isMessage(accepted)
      ? { accepted: printable(elide(render(accepted, lang, style), MAX_MESSAGE_CHARS)) }
      : {}),
  };
}

/** Params with their text made printable and cut to size: they echo user input. */
function sanitised(params: Params): Params {
  const out: Record<string, Params[string]> = {};
  for (const [name, value] of Object.entries(params))
    out[name] =
      typeof value === 'string'
        ? printable(elide(value, MAX_MESSAGE_CHARS))
        : isMessage(value) && value.params
          ? { key: value.key, params: sanitised(value.params) }
          : value;
  return out;
}

/** The field an issue is about: the last named element of its path (`['profile', 3]` -> `profile`). */
export function issueField(path: readonly (string | number)[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

const MAX_MESSAGE_CHARS = 1000;
const MAX_VALUE_CHARS = 200;

/** `text` cut in the middle to at most about `max` characters, saying how long it was. */
export function elide(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.floor(max * 0.6);
  const tail = Math.floor(max * 0.3);
  return `${text.slice(0, head)}…(${text.length} characters)…${text.slice(text.length - tail)}`;
}

/** Control characters, line and paragraph separators and bidi overrides would split or disguise an error line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with its unprintable characters written as escapes (`\n`, `\u0000`). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) =>
    c === '\n'
      ? '\\n'
      : c === '\r'
        ? '\\r'
        : c === '\t'
          ? '\\t'
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function isEmpreinteError(error: unknown): error is EmpreinteError {
  return error instanceof EmpreinteError;
}
