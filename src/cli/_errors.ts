import { isEmpreinteError } from '../errors.js';
import { renderIssue, t } from '../report/i18n/index.js';
import { argvLang } from './_common.js';

/** Prints one clear line for a user mistake (exit 2); a short message for anything else (exit 1). */
export function handleError(error: unknown, argv: string[]): number {
  const lang = argvLang(argv);
  if (isEmpreinteError(error)) {
    // One line, whatever the number of issues: scripts read the first line of stderr.
    const text = error.issues.map((i) => renderIssue(i, lang, 'flag')).join('; ');
    process.stderr.write(`empreinte: ${t(lang, 'error.prefix')}: ${text}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`empreinte: ${t(lang, 'cli.internalError', { message })}\n`);
  if (process.env.EMPREINTE_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  else process.stderr.write(`empreinte: ${t(lang, 'cli.internalErrorHelp')}\n`);
  return 1;
}
