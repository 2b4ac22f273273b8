import type { Command } from 'commander';
import { issue } from '../errors.js';
import { detectLang, type Lang } from '../report/i18n/index.js';

export interface OutputContext {
  lang: Lang;
  json: boolean;
  /** Machine output: JSON on stdout and nothing else. */
  printJson(value: unknown): void;
  /** Human output on stdout. */
  print(text: string): void;
}

/** The flags every command has, as commander gives them. */
export interface OutputFlags {
  json?: boolean;
  lang?: string;
}

/** Adds the options every command has: `--json` and `--lang en|fr`. */
export function withOutputOptions(command: Command): Command {
  return command
    .option('--json', 'machine-readable JSON on stdout')
    .option('--lang <lang>', 'en or fr (default: from LANG)');
}

export function outputContext(options: OutputFlags): OutputContext {
  if (options.lang !== undefined && options.lang !== 'en' && options.lang !== 'fr') {
    throw issue(
      'invalid_value',
      'lang',
      `--lang: '${options.lang}' is not a supported language (expected en or fr)`,
      {
        value: options.lang,
        accepted: 'en or fr',
      },
    );
  }
  return {
    lang: detectLang(options.lang),
    json: Boolean(options.json),
    printJson: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    print: (text) => process.stdout.write(`${text}\n`),
  };
}

/** Splits a comma list flag (`--params 1B,7B`). */
export function commaList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
