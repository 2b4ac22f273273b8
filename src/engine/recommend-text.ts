import { type MessageKey, render } from '../messages/index.js';

/** Labels and trade-offs of recommendations: the `recommend.*` messages of `src/messages/recommend.ts`. */
export type TextLang = 'en' | 'fr';

type Unprefixed<K> = K extends `recommend.${infer Key}` ? Key : never;
export type TextKey = Unprefixed<MessageKey>;

export function text(lang: TextLang, key: TextKey, params: Record<string, string | number> = {}): string {
  return render({ key: `recommend.${key}` as MessageKey, params }, lang, 'flag');
}

/** Compact numbers for labels: 3 significant digits with B/T suffixes for counts. */
export function compact(value: number, lang: TextLang): string {
  const units: [number, string][] =
    lang === 'fr'
      ? [
          [1e12, ' T'],
          [1e9, ' Md'],
          [1e6, ' M'],
        ]
      : [
          [1e12, 'T'],
          [1e9, 'B'],
          [1e6, 'M'],
        ];
  for (const [size, suffix] of units) {
    if (Math.abs(value) >= size) return `${number(value / size, lang)}${suffix}`;
  }
  return number(value, lang);
}

export function number(value: number, lang: TextLang): string {
  const abs = Math.abs(value);
  const digits = abs === 0 ? 0 : Math.max(0, Math.min(6, 2 - Math.floor(Math.log10(abs))));
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: digits }).format(
    value,
  );
}
