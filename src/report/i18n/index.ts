import { toFlag } from '../../engine/units.js';
import { type Issue, issueField } from '../../errors.js';
import { en, type MessageKey } from './en.js';
import { fr } from './fr.js';

export type Lang = 'en' | 'fr';

/** `--lang` wins; else a French `LANG`/`LC_ALL` gives French; else English. */
export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'en' || flag === 'fr') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** Extra label tables registered by feature modules (kept next to the feature that uses them). */
const extra: Record<Lang, Record<string, string>> = { en: {}, fr: {} };
export function registerMessages(lang: Lang, messages: Record<string, string>): void {
  Object.assign(extra[lang], messages);
}

export function t(
  lang: Lang,
  key: MessageKey | string,
  params: Record<string, string | number> = {},
): string {
  const template =
    (lang === 'fr' ? ((fr as Record<string, string>)[key] ?? extra.fr[key]) : undefined) ??
    (en as Record<string, string>)[key] ??
    extra.en[key] ??
    key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Renders a validation issue in the user's language. */
export function renderIssue(issue: Issue, lang: Lang): string {
  if (lang === 'en') return issue.message;
  const field = issueField(issue.path) ?? '';
  return t(lang, `error.${issue.code}`, {
    flag: toFlag(field),
    value: issue.value ?? '',
    accepted: issue.accepted ?? '',
  });
}
