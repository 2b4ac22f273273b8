import { readFileSync } from 'node:fs';

/**
 * This package's own version, from its package.json (beside `src/` and `dist/` alike): never
 * `npm_package_version`, which under `npx` or an npm script is the caller's project's.
 */
export function packageVersion(): string {
  try {
    const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
    return (JSON.parse(text) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
