/** A message table: each key with its English and French text, in that order. */
export type Table = Record<string, readonly [en: string, fr: string]>;
