// Finds English left in French output. Words only English uses (none of them is also a French word),
// looked for after what is data rather than prose is taken out: the catalogs' names and citations
// (publication titles and proper names stay in their language), ids, provenance labels, command
// lines, flags, paths, quoted values, and the values the user typed.
import * as catalog from '../../src/catalog/index.js';

/** Common English words that French does not use (so `or`, `on`, `a`, `as`, `an`, `source`, `total` are left out). */
export const ENGLISH_WORDS = new Set(
  `the is are was were be been being not and with without must should would could cannot can't
  accepted unknown expected number numbers between give given run runs running energy of to for from by
  at this that these those which when where while than then into only also has have had will does
  did value values missing invalid required allowed use used uses using measured estimate estimated
  hours days power please try found no yes each every any all more less most least
  about after before because since until over under out up down there their they it its we you your
  our what how why who whole shares add adds same other others another such here if instead
  but so too very still yet already never always either neither nor based available readable
  load loaded installed assumed defaults emissions embodied share grid equals equal per unless
  measurement measurements found`
    .split(/\s+/)
    .filter(Boolean),
);

/** Provenance tags (`catalog:llama-3-8b`, `default:Patterson et al. …`): data, not prose. */
const PROVENANCE =
  /\b(?:default|catalog|derived|measured|modelled|location|market|estimated|fitted|preset|user):/g;

/** Keys of catalog entries whose strings are names or citations. */
const NAME_KEYS = new Set([
  'name',
  'citation',
  'location',
  'locationLabel',
  'hardwareLabel',
  'label',
  'vendor',
  'org',
]);

/** The catalogs' names and citations (longest first) and ids. */
function catalogData(): { names: string[]; ids: Set<string> } {
  const names = new Set<string>();
  const ids = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (key === 'id') ids.add(value);
      else if (NAME_KEYS.has(key) && value.length > 3) names.add(value);
      return;
    }
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) for (const v of value) walk(v, key);
    else for (const [k, v] of value instanceof Map ? value : Object.entries(value)) walk(v, String(k));
  };
  for (const value of Object.values(catalog)) if (typeof value !== 'function') walk(value, '');
  walk(catalog.listLocations(), '');
  return { names: [...names].sort((a, b) => b.length - a.length), ids };
}
let data: ReturnType<typeof catalogData> | undefined;

/** Removes the catalog's names and citations, whole or cut short by a table (`…`, `...`). */
function stripNames(text: string): string {
  data ??= catalogData();
  let s = text;
  for (const name of data.names) if (s.includes(name)) s = s.split(name).join(' ');
  return s.replace(/[^\n]*?(?:…|\.\.\.)/g, (cut) => {
    const body = cut.replace(/(?:…|\.\.\.)$/, '');
    for (let k = Math.min(body.length, 120); k >= 8; k--) {
      const tail = body.slice(body.length - k);
      if (data!.names.some((n) => n.startsWith(tail))) return `${body.slice(0, body.length - k)} `;
    }
    return cut;
  });
}

/** A catalog id that starts a line (a table's first column) is data even when it reads as a word (`is`, `no`). */
function stripLeadingIds(text: string): string {
  data ??= catalogData();
  return text.replace(/^(\s*)(\S+)/gm, (whole, space: string, first: string) =>
    data!.ids.has(first) ? space : whole,
  );
}

/**
 * Removes a provenance label through the end of its cell: a line end, a column gap or its closing
 * bracket; a bracket right after the label's id says something about it, and is kept as prose.
 */
function stripProvenance(text: string): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(PROVENANCE)) {
    const start = match.index;
    if (start < from) continue;
    out += text.slice(from, start);
    let depth = 0;
    let end = start + match[0].length;
    // A bare id followed by a bracket (`catalog:llama-3-70b (PUE folded into…)`, whole or cut short by
    // a table): the bracket is prose.
    const said = /^[\w.:@+-]+ (\([^()\n]*?(?:\)|\.\.\.|…))/.exec(text.slice(end));
    if (said) {
      out += ` ${said[1]} `;
      end += said[0].length;
    }
    for (; end < text.length; end++) {
      const c = text[end];
      if (c === '\n' || (c === ' ' && text[end + 1] === ' ')) break;
      if (c === '(') depth++;
      if (c === ')' && depth-- === 0) break;
    }
    from = end;
  }
  return out + text.slice(from);
}

/** What is data rather than prose, taken out of `text`. */
export function prose(text: string, typed: readonly string[] = []): string {
  let s = text;
  for (const value of [...typed].sort((a, b) => b.length - a.length)) {
    const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    s = s.replace(new RegExp(`(?<![\\p{L}\\p{N}_-])${escaped}(?![\\p{L}\\p{N}_-])`, 'gu'), ' ');
  }
  s = stripLeadingIds(stripNames(stripProvenance(s)));
  return s
    .replace(/^\s*(?:\[\d+\]|sources?\s*:).*$/gim, ' ') // citation lines
    .replace(/`[^`\n]*`/g, ' ') // commands
    .replace(/\b(?:location|market)-based\b/g, ' ') // the GHG Protocol's terms, used as such in French (ADEME)
    .replace(/\bempreinte(?:\s+[a-z-]+){0,2}/g, ' ') // command names
    .replace(/(?:^|[\s(["«])--?[a-z][\w-]*/g, ' ') // flags
    .replace(/\b[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{1,4}\d?|\d)\b/g, ' ') // file names (samples.csv, libnvidia-ml.so.1)
    .replace(/[\w.~-]*\/[\w./~@-]*/g, ' ') // paths and URLs
    .replace(/"[^"\n]*"|'[^'\n]*'|«[^»\n]*»|“[^”\n]*”/g, ' ') // quoted values
    .replace(/\b[A-Z]{2,}[A-Z0-9_-]*\b/g, ' ') // acronyms, zones and environment variables
    .replace(
      /\b(?=[0-9a-f]*\d)[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b|\b(?=[0-9a-f]*\d)[0-9a-f]{8}\b/g,
      ' ',
    ); // run ids
}

/** The English words of each line of `text` that still has some after `prose()`: `line ← words`. */
export function englishIn(text: string, typed: readonly string[] = []): string[] {
  const found: string[] = [];
  const cleaned = prose(text, typed).split('\n');
  const original = text.split('\n');
  cleaned.forEach((line, i) => {
    const words = (line.match(/\p{L}+(?:'\p{L}+)?/gu) ?? []).filter((w) =>
      ENGLISH_WORDS.has(w.toLowerCase()),
    );
    if (words.length > 0) found.push(`${(original[i] ?? line).trim()}  ← ${[...new Set(words)].join(', ')}`);
  });
  return found;
}

/** Every string under `value`, except those under keys that hold data (ids, codes, sources, paths). */
export function textsOf(value: unknown, skip: ReadonlySet<string>, key = ''): string[] {
  if (typeof value === 'string') return skip.has(key) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => textsOf(v, skip, key));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (skip.has(k) ? [] : textsOf(v, skip, k)));
  }
  return [];
}
