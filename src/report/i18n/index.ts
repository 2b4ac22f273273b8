import { fill, type Lang, type MessageKey, pairOf } from '../../messages/index.js';

export { renderIssue } from '../../errors.js';
export type { Lang } from '../../messages/index.js';

/** `--lang` wins; else a French `LANG`/`LC_ALL` gives French; else English. */
export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'en' || flag === 'fr') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The label `key` in `lang`, its `{name}` placeholders filled from `params`. */
export function t(
  lang: Lang,
  key: MessageKey | string,
  params: Record<string, string | number> = {},
): string {
  const pair = pairOf(key);
  const template = pair?.[lang === 'fr' ? 1 : 0] ?? key;
  return fill(template, params, lang, 'flag');
}
