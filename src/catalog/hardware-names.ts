/** Vendor and brand words people (and drivers) put in front of a chip name. */
const PREFIX = /^\s*(nvidia|amd|google|cloud|intel|habana|aws|amazon|tesla|geforce|instinct)\b[\s\-_]*/i;

/** The name as typed, then without its vendor/brand prefixes ("NVIDIA Tesla V100-SXM2-32GB" → "V100-SXM2-32GB"). */
export function candidates(name: string): string[] {
  const out = [name];
  let rest = name;
  while (PREFIX.test(rest)) {
    rest = rest.replace(PREFIX, '');
    if (rest.length > 0) out.push(rest);
  }
  return out;
}
