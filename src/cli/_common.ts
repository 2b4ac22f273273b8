import { writeSync } from 'node:fs';
import { userError } from '../errors.js';
import { type Message, type MessageKey, msg, render } from '../messages/index.js';
import { detectLang, type Lang, t } from '../report/i18n/index.js';
import { type Command, Help } from './_commander.js';

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

/** What `main` lists of a command, and its help's first line: message keys, said in the reader's language. */
export interface CommandMeta {
  name: string;
  summary: MessageKey;
  description?: MessageKey;
}

/** The language of the command line (`--lang`, else the locale): for help, written before parsing. */
export function argvLang(argv: string[] = process.argv): Lang {
  const at = argv.indexOf('--lang');
  return detectLang(at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--lang='))?.slice(7));
}

/**
 * Help is said when it is written, not when a command is declared: `say` hands commander a
 * placeholder and the help's formatter (set by `localiseHelp`, inherited by every command) says it,
 * so a command that runs loads no message table for a help it does not show. A placeholder is the
 * text's index between two private-use characters (U+E000), which no message contains.
 */
const placeholders: (() => string)[] = [];
const PLACEHOLDER = /\uE000(\d+)\uE000/g;

/** A placeholder for `text()`, said by `said` (the help's formatter) when help is written. */
export function later(text: () => string): string {
  placeholders.push(text);
  return `\uE000${placeholders.length - 1}\uE000`;
}

/** `text` with its placeholders said. */
export function said(text: string): string {
  return text.includes('\uE000')
    ? text.replace(PLACEHOLDER, (_, i: string) => said(placeholders[Number(i)]()))
    : text;
}

/** `key` in the language of the command line, for help: a placeholder the help's formatter says. */
export function say(
  key: MessageKey,
  params: Record<string, string | number> = {},
  argv: string[] = process.argv,
): string {
  return later(() => t(argvLang(argv), key, params));
}

/** Commander's headings, as it passes them to `styleTitle`, and their message keys. */
const HELP_TITLES: Record<string, MessageKey> = {
  'Usage:': 'cli.help.usage',
  'Options:': 'cli.help.options',
  'Commands:': 'cli.help.commands',
  'Arguments:': 'cli.help.arguments',
  'Global Options:': 'cli.help.globalOptions',
};

/**
 * Commander's help in the reader's language: its headings and its own `--help` and `--version`
 * descriptions (the implicit `help` command's, where commander adds one), and every description
 * given with `say`. Set on the program before its commands are declared, which inherit it.
 */
export function localiseHelp(program: Command, version: string, argv: string[] = process.argv): Command {
  const title = (heading: string) => {
    const key = HELP_TITLES[heading];
    return key === undefined ? heading : said(say(key, {}, argv));
  };
  const help = say('cli.help.help', {}, argv);
  // Commander adds `(default: "1")` to an option's help in English: said in the reader's language.
  const defaultIs = say('cli.help.default', {}, argv);
  return program
    .configureHelp({
      styleTitle: title,
      commandDescription(command) {
        return said(Help.prototype.commandDescription.call(this, command));
      },
      subcommandDescription(command) {
        return said(
          command.name() === 'help' ? help : Help.prototype.subcommandDescription.call(this, command),
        );
      },
      argumentDescription(argument) {
        return said(Help.prototype.argumentDescription.call(this, argument));
      },
      optionDescription(option) {
        return said(
          Help.prototype.optionDescription.call(this, option).replace('(default: ', `(${defaultIs} `),
        );
      },
    })
    .helpOption('-h, --help', help)
    .version(version, '-V, --version', say('cli.help.version', {}, argv));
}

/** Adds the options every command has: `--json` and `--lang en|fr`. */
export function withOutputOptions(command: Command): Command {
  return command.option('--json', say('cli.help.json')).option('--lang <lang>', say('cli.help.lang'));
}

export function outputContext(options: OutputFlags): OutputContext {
  if (options.lang !== undefined && options.lang !== 'en' && options.lang !== 'fr') {
    throw userError('invalid_value', 'lang', 'cli.error.lang', {
      value: options.lang,
      accepted: msg('cli.accepted.lang'),
    });
  }
  return {
    lang: detectLang(options.lang),
    json: Boolean(options.json),
    printJson: (value) => writeTo(1, `${JSON.stringify(value, null, 2)}\n`),
    print: (text) => writeTo(1, `${text}\n`),
  };
}

/**
 * Writes `text` to stdout (1) or stderr (2) through the descriptor, opening no stream on it: a
 * pipe's stream costs about 2 ms and 2 MiB at start-up, more than an estimate's whole output. A
 * reader of stdout that stops early (`empreinte locations | head -3`) ends the command quietly; a
 * descriptor that would block hands the rest to the stream, which waits.
 */
export function writeTo(fd: 1 | 2, text: string): void {
  if (streamed.has(fd)) {
    streamOf(fd).write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let at = 0;
  try {
    while (at < bytes.length) at += writeSync(fd, bytes, at);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') {
      if (fd === 1) process.exit(0);
      return; // no one reads stderr any more: the command goes on, with its own exit code
    }
    if (code !== 'EAGAIN') throw error;
    // From now on through the stream, so that nothing written later overtakes what it holds.
    streamed.add(fd);
    streamOf(fd).write(bytes.subarray(at));
  }
}

/** The descriptors whose writes go through their stream, once one would have blocked. */
const streamed = new Set<1 | 2>();
const streamOf = (fd: 1 | 2) => (fd === 1 ? stdoutStream() : process.stderr);

/** stdout's stream, for output written in many pieces; a reader that stops early ends the command quietly. */
export function stdoutStream(): NodeJS.WriteStream {
  const out = process.stdout;
  if (!out.listeners('error').includes(endQuietly)) out.on('error', endQuietly);
  return out;
}

function endQuietly(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
}

/** `value` if it is one of `allowed` (after `normalise`), else a usage error naming the flag. */
export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  field: string,
  normalise: (value: string) => string = (v) => v,
): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find((a) => a === normalise(value));
  if (found !== undefined) return found;
  throw userError('invalid_value', field, 'cli.error.notAccepted', { value, accepted: allowed.join(', ') });
}

/** `memory-bound` -> `memoryBound`: a value of the data as the part of a message key. */
export function keyPart(value: string): string {
  return value.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** A result's notes in `lang`: from their messages where every note has one, else as written (English). */
export function notesIn(e: { notes: string[]; noteMessages?: Message[] }, lang: Lang): string[] {
  const messages = e.noteMessages;
  return messages && messages.length === e.notes.length
    ? messages.map((note) => render(note, lang, 'flag'))
    : e.notes;
}

/** Splits a comma list flag (`--params 1B,7B`). */
export function commaList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** The keys of the messages under `prefix.` (`recommend.baseline` -> `baseline`). */
type KeyUnder<P extends string> = MessageKey extends infer M
  ? M extends `${P}.${infer K}`
    ? K
    : never
  : never;

/** `t` for the labels of one command: `labels(lang, 'recommend')('baseline')` says `recommend.baseline`. */
export function labels<P extends string>(lang: Lang, prefix: P) {
  return (key: KeyUnder<P>, params: Record<string, string | number> = {}) =>
    t(lang, `${prefix}.${key}`, params);
}
