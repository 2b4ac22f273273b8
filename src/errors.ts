/**
 * One error type for every user mistake, as data: a stable `code`, the `field` it concerns, the
 * offending `value` and what is `accepted`. Presentation (language, CLI line, HTTP body) lives in
 * `report/`; the CLI maps it to exit status 2, the HTTP API to 400.
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
  /** English message; `report/` re-renders it in other languages from the fields above. */
  message: string;
}

export class EmpreinteError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue | Issue[]) {
    // Messages echo user input: keep each on one line, with no terminal control characters.
    // Over-long values (a 100 MB line of a file) are elided in the middle: the end says what is accepted.
    const list = (Array.isArray(issues) ? issues : [issues]).map((i) => ({
      ...i,
      message: printable(elide(i.message, MAX_MESSAGE_CHARS)),
      ...(i.value === undefined ? {} : { value: printable(elide(i.value, MAX_VALUE_CHARS)) }),
      ...(i.accepted === undefined ? {} : { accepted: printable(elide(i.accepted, MAX_MESSAGE_CHARS)) }),
    }));
    super(list.map((i) => i.message).join('; '));
    this.name = 'EmpreinteError';
    this.issues = list;
  }
  get code(): IssueCode {
    return this.issues[0].code;
  }
}

export function issue(
  code: IssueCode,
  field: string | (string | number)[],
  message: string,
  details: { value?: unknown; accepted?: string } = {},
): EmpreinteError {
  const path = Array.isArray(field) ? field : [field];
  return new EmpreinteError({
    code,
    path,
    message,
    value: details.value === undefined ? undefined : String(details.value),
    accepted: details.accepted,
  });
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
