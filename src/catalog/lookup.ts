import { userError } from '../errors.js';

/**
 * Forgiving lookup shared by every catalog: ids and aliases match ignoring case, spaces, dashes,
 * underscores and dots (`H100-SXM` = `h100 sxm` = `h100sxm`). Unknown names list the closest
 * choices by edit distance.
 */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s\-_./:]+/g, '');
}

export interface Lookup<T> {
  /** Exact id, alias or normalised match; `undefined` when nothing matches. */
  find(name: string): T | undefined;
  /** Like `find`, but throws a usage error naming `field` and the closest ids. */
  resolve(name: string, field: string): T;
  closest(name: string, count?: number): string[];
}

export function createLookup<T extends { id: string; aliases?: string[] }>(
  entries: readonly T[],
  kind: 'hardware' | 'model' | 'location',
  extraKeys: (entry: T) => string[] = () => [],
): Lookup<T> {
  const index = new Map<string, T>();
  for (const entry of entries) {
    for (const key of [entry.id, ...(entry.aliases ?? []), ...extraKeys(entry)]) {
      const k = normaliseName(key);
      if (!index.has(k)) index.set(k, entry);
    }
  }
  const find = (name: string) => index.get(normaliseName(name));
  const closest = (name: string, count = 5) => {
    const target = normaliseName(name);
    return entries
      .map((e) => ({
        id: e.id,
        d: Math.min(...[e.id, ...(e.aliases ?? [])].map((k) => distance(target, normaliseName(k)))),
      }))
      .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
      .slice(0, count)
      .map((e) => e.id);
  };
  return {
    find,
    closest,
    resolve(name, field) {
      const found = find(name);
      if (found) return found;
      const choices = closest(name).join(', ');
      throw userError('unknown_id', field, `catalog.unknown.${kind}`, { value: name, accepted: choices });
    },
  };
}

/** Levenshtein distance, with a bonus for prefixes so `h1` suggests `h100` before `a10`. */
export function distance(a: string, b: string): number {
  if (b.startsWith(a) || a.startsWith(b)) return Math.abs(a.length - b.length) * 0.25;
  const previous = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(above + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}
