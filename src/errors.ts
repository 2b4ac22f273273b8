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
    const list = Array.isArray(issues) ? issues : [issues];
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

export function isEmpreinteError(error: unknown): error is EmpreinteError {
  return error instanceof EmpreinteError;
}
