/**
 * Pure results kept by key, for the next calls with the same key: at most `max` of them (all
 * forgotten at once when full, so that no input can grow one for ever). Kept values are frozen:
 * they are shared by every answer that reads them, and none may change one in place.
 */
export interface Memo<V> {
  get(key: string, make: () => V): V;
  clear(): void;
}

const memos: Memo<unknown>[] = [];

export function memo<V>(max = 256): Memo<V> {
  const kept = new Map<string, V>();
  const m: Memo<V> = {
    get(key, make) {
      let value = kept.get(key);
      if (value === undefined) {
        value = make();
        if (kept.size >= max) kept.clear();
        kept.set(key, value);
      }
      return value;
    },
    clear: () => kept.clear(),
  };
  memos.push(m as Memo<unknown>);
  return m;
}

/** Forgets every kept result (a test compares the answers made afresh with those made from kept parts). */
export function forgetMemos(): void {
  for (const m of memos) m.clear();
}

/** `value` and everything it holds, frozen (plain objects and arrays only: catalog entries are left as they are). */
export function frozen<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype) return value;
  for (const key of Object.keys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, key);
    if (d && 'value' in d) frozen(d.value);
  }
  return Object.freeze(value);
}
